"""Synthetic demo data for accounts: a pure plan and the seed that writes it (run by nonprod only)."""
