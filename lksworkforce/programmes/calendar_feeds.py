"""iCalendar (.ics) feeds of sessions for a person and for a cohort (the setup part).
Pure: no Django."""
