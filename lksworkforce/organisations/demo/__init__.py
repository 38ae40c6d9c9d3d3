"""Synthetic demo data for organisations: a pure plan and the seed that writes it (run by nonprod only)."""
