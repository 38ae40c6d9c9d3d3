"""Synthetic demo data for staffing: a pure plan and the seed that writes it (run by nonprod only)."""
