"""Whether a person may apply for a programme, and why not, from their band, qualification and role (the applications part).
Pure: no Django."""
