"""The resource sheets on the home page of people in bands 2 to 4: a link to each, with how many
resources it shows (an empty sheet is left out). One query (the sheets); nothing, and no query,
for anyone else."""

from django.urls import reverse

from lksworkforce.accounts.people import normalise_band
from lksworkforce.core.capability import HomeItem, Viewer
from lksworkforce.learning.selectors.sheets import sheet_summaries

SHEET_BANDS = frozenset({"2", "3", "4"})  # library assistants and their colleagues (DOMAIN.md, Learning Zone)


def shows_sheets(band: str | None) -> bool:
    return (normalise_band(band) if band else None) in SHEET_BANDS


def sheet_items(viewer: Viewer) -> tuple[HomeItem, ...]:
    # The viewer is the signed-in person: their band is already loaded, so it costs no query.
    if not shows_sheets(getattr(viewer, "band", None)):
        return ()
    return tuple(
        HomeItem(
            s.title,
            reverse("learning:sheet", args=[s.kind.value]),
            hint=f"{s.published_count:,} resource{'' if s.published_count == 1 else 's'}, chosen for bands 2 to 4",
        )
        for s in sheet_summaries()
        if s.published_count  # an empty sheet is nothing to do
    )
