"""The LKS headcount of each region, for other apps (programmes' regional fair shares)."""

from lksworkforce.core.capability import RegionHeadcount


def lks_headcount_by_region(year: int) -> list[RegionHeadcount]:  # noqa: ARG001
    """Every current region's people in post in the latest published annual returns of `year`."""
    return []  # filled in by the fair-shares part
