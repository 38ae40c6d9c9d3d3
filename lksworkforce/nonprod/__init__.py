"""Deterministic, synthetic demo data for laptops, review apps and tests. Never installed in production."""
