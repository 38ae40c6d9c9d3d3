"""Fair shares for display: the same rows and columns on every surface (CLI, API, page, CSV, XLSX)."""

from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from lksworkforce.programmes.fair_shares import RegionShare

FAIR_SHARE_COLUMNS = ("region_code", "region", "lks_headcount", "exact_share", "places")
EXACT_SHARE_PLACES = Decimal("0.0001")  # the exact share is shown to 4 decimal places


def shown_exact_share(row: RegionShare) -> str:
    return str(row.exact_share.quantize(EXACT_SHARE_PLACES, rounding=ROUND_HALF_EVEN))


def fair_share_table(rows: list[RegionShare]) -> list[dict[str, Any]]:
    """One dict per region with exactly FAIR_SHARE_COLUMNS."""
    return [
        {
            "region_code": row.code,
            "region": row.name,
            "lks_headcount": row.lks_headcount,
            "exact_share": shown_exact_share(row),
            "places": row.places,
        }
        for row in rows
    ]


# (key, heading, numeric) for the page's table (core/macros.jinja data_table)
FAIR_SHARE_HEADINGS = (
    ("region", "Region", False),
    ("region_code", "Code", False),
    ("lks_headcount", "LKS headcount", True),
    ("exact_share", "Exact share", True),
    ("places", "Places", True),
)

COHORT_SHARE_HEADINGS = (
    ("region", "Region", False),
    ("lks_headcount", "LKS headcount", True),
    ("places", "Fair share", True),
    ("held", "Taken or offered", True),
)


def cohort_share_table(rows: list[RegionShare], held: dict[str, int]) -> list[dict[str, Any]]:
    """A cohort's fair shares beside the places each region's people already hold."""
    return [
        {"region": row.name, "lks_headcount": row.lks_headcount, "places": row.places, "held": held.get(row.code, 0)}
        for row in rows
    ]
