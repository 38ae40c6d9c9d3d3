"""Synthetic demo data for surveys: a pure plan and the seed that writes it (run by nonprod only)."""
