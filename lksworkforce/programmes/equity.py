"""Equity of access: participation per 100 LKS staff, by region, band group and organisation type, and the highest-to-lowest ratio (the equity part).
Pure: no Django."""
