"""Synthetic demo data for skills: a pure plan and the seed that writes it (run by nonprod only)."""
