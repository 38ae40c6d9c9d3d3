"""The equity dashboard for display: one list of typed rows (`equity_rows`) that every surface shows,
the page's tables, the CSV, XLSX and PDF files, the API and `lksw programme_equity`. A hidden count
is "fewer than N" in every cell and `null` with its reason in the API; it is never formatted."""

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from lksworkforce.programmes.equity import Count, Participation, Ratio
from lksworkforce.programmes.selectors.equity import DeliveryFigures, EquityFigures, RegionFigures

EQUITY_COLUMNS = (
    "year",
    "section",
    "code",
    "name",
    "lks_headcount",
    "participants",
    "per_100_staff",
    "fair_share_places",
    "places_offered",
    "applicants",
    "could_not_travel",
    "ratio",
    "note",
)
COUNT_COLUMNS = ("participants", "places_offered", "applicants", "could_not_travel")
SHOWN_PLACES = Decimal("0.01")  # rates and ratios are shown to 2 decimal places
RATE_NOT_SHOWN = "not shown"  # a rate whose count is hidden

SECTIONS = {
    "region": "Participation and access by region",
    "band_group": "Participation by band group",
    "organisation_type": "Participation by organisation type",
    "delivery": "Face to face, online and blended",
    "ratio": "Highest to lowest region's participation rate, by year",
    "trend": "Trend of the ratio",
}
LABELS = {
    "code": "Year",  # only the ratio table shows the code: its year
    "name": "Group",
    "lks_headcount": "LKS staff",
    "participants": "Participants",
    "per_100_staff": "Per 100 LKS staff",
    "fair_share_places": "Fair share of places",
    "places_offered": "Places offered",
    "applicants": "Applicants",
    "could_not_travel": "Applicants who could not travel",
    "ratio": "Highest to lowest",
    "note": "Note",
}
SECTION_COLUMNS = {
    "region": (
        "name",
        "lks_headcount",
        "participants",
        "per_100_staff",
        "fair_share_places",
        "places_offered",
        "applicants",
        "could_not_travel",
    ),
    "band_group": ("name", "lks_headcount", "participants", "per_100_staff"),
    "organisation_type": ("name", "lks_headcount", "participants", "per_100_staff"),
    "delivery": ("name", "participants", "applicants", "could_not_travel"),
    "ratio": ("code", "ratio", "note"),
    "trend": ("note",),
}


@dataclass(frozen=True)
class EquityRow:
    section: str
    code: str
    name: str
    lks_headcount: int | None = None
    participants: Count | None = None
    per_100: Decimal | None = None
    fair_share_places: int | None = None
    places_offered: Count | None = None
    applicants: Count | None = None
    could_not_travel: Count | None = None
    ratio: Decimal | None = None
    note: str = ""

    def count(self, column: str) -> Count | None:
        found: Count | None = getattr(self, column)
        return found


def shown(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(SHOWN_PLACES, rounding=ROUND_HALF_EVEN))


def _region(row: RegionFigures) -> EquityRow:
    return EquityRow(
        "region",
        row.code,
        row.name,
        lks_headcount=row.headcount,
        participants=row.participants,
        per_100=row.per_100,
        fair_share_places=row.fair_share_places,
        places_offered=row.places_offered,
        applicants=row.applicants,
        could_not_travel=row.could_not_travel,
    )


def _participation(section: str, table: Participation) -> list[EquityRow]:
    return [
        EquityRow(section, rate.key, rate.name, rate.headcount, rate.participants, rate.per_100)
        for rate in [*table.rows, table.total]
    ]


def _delivery(row: DeliveryFigures) -> EquityRow:
    return EquityRow(
        "delivery",
        row.key,
        row.name,
        participants=row.participants,
        applicants=row.applicants,
        could_not_travel=row.could_not_travel,
    )


def ratio_note(ratio: Ratio) -> str:
    if ratio.undefined is not None:
        return ratio.undefined.sentence
    return f"Highest: {ratio.highest}; lowest: {ratio.lowest}."


def equity_rows(figures: EquityFigures) -> list[EquityRow]:
    """Every figure of the dashboard, in the order the page shows them."""
    return [
        *(_region(row) for row in [*figures.regions, figures.england]),
        *_participation("band_group", figures.band_groups),
        *_participation("organisation_type", figures.organisation_types),
        *(_delivery(row) for row in [*figures.delivery, figures.delivery_total]),
        *(
            EquityRow("ratio", str(r.year), "Highest to lowest region", ratio=r.value, note=ratio_note(r))
            for r in figures.ratios
        ),
        EquityRow("trend", str(figures.year), "Trend", note=figures.direction.sentence),
    ]


def _count_cell(count: Count | None) -> int | str | None:
    if count is None:
        return None
    return count.label if count.hidden else count.size


def cells(figures: EquityFigures, row: EquityRow) -> dict[str, Any]:
    """One row as every table shows it (CSV, XLSX, PDF, the command line, the page)."""
    if row.participants is not None and row.participants.hidden:
        rate: str | None = RATE_NOT_SHOWN
    else:
        rate = shown(row.per_100)
    return {
        "year": figures.year,
        "section": row.section,
        "code": row.code,
        "name": row.name,
        "lks_headcount": row.lks_headcount,
        **{column: _count_cell(row.count(column)) for column in COUNT_COLUMNS},
        "per_100_staff": rate,
        "fair_share_places": row.fair_share_places,
        "ratio": shown(row.ratio),
        "note": row.note,
    }


def table(figures: EquityFigures) -> list[dict[str, Any]]:
    return [cells(figures, row) for row in equity_rows(figures)]


def api_row(row: EquityRow) -> dict[str, Any]:
    """The API's row: counts as numbers or null, with `suppressed` naming each hidden one's reason."""
    suppressed = {
        column: str(count.reason)
        for column in COUNT_COLUMNS
        if (count := row.count(column)) is not None and count.hidden
    }
    return {
        "section": row.section,
        "code": row.code,
        "name": row.name,
        "lks_headcount": row.lks_headcount,
        **{column: count.shown if (count := row.count(column)) is not None else None for column in COUNT_COLUMNS},
        "per_100_staff": None if "participants" in suppressed else shown(row.per_100),
        "fair_share_places": row.fair_share_places,
        "ratio": shown(row.ratio),
        "note": row.note,
        "suppressed": suppressed,
    }


@dataclass(frozen=True)
class PageTable:
    section: str
    caption: str
    columns: list[tuple[str, str]]  # (key, heading)
    rows: list[dict[str, Any]]


def page_tables(figures: EquityFigures) -> list[PageTable]:
    rows = table(figures)
    return [
        PageTable(
            section,
            caption,
            [(column, LABELS[column]) for column in SECTION_COLUMNS[section]],
            [row for row in rows if row["section"] == section],
        )
        for section, caption in SECTIONS.items()
    ]


def display(value: Any) -> str:
    """A cell on the page: thousands separators for numbers, a dash for nothing to show."""
    if value is None or value == "":
        return "\N{EN DASH}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
