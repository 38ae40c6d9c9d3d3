"""People's assessed levels as they stood on a day, for other apps (programmes' learning-level feedback)."""

from collections.abc import Iterable, Mapping
from datetime import date


def assessed_levels_on(
    person_ids: Iterable[int], sub_area_ids: Iterable[int], on: date
) -> Mapping[int, Mapping[int, int]]:
    """person id -> sub-area id -> level, from each person's latest finished self-assessment on or before `on`."""
    del person_ids, sub_area_ids, on
    return {}  # filled in by the feedback part
