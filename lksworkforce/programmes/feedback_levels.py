"""The four levels of feedback for a cohort and a programme, with small-group suppression (the feedback part).
Pure: no Django."""
