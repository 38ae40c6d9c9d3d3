"""Which years an LKS annual return may be for: from the first year the service holds figures for
(2000, as for every import) to the current return year, the calendar year we are in. A return
describes the staffing of a year that has begun; a return for 1900 or 2999 is a typing slip.

Pure rules, no Django: the service refuses a draft for any other year (one place), and the
returns page offers the current return year and the two before it."""

from datetime import date

from lksworkforce.core.params import MIN_YEAR

YEARS_OFFERED = 3


def current_return_year(today: date) -> int:
    return today.year


def return_year_problem(year: int, today: date) -> str | None:
    """Why there cannot be a return for `year`, for a person; None when there can."""
    latest = current_return_year(today)
    if MIN_YEAR <= year <= latest:
        return None
    shown = str(year) if len(str(year)) <= 8 else "that year"
    return f"There cannot be a return for {shown}: returns are for the years {MIN_YEAR} to {latest}."


def years_to_offer(today: date) -> list[int]:
    """The years "Start a return" offers, newest first: the current return year and the two before it."""
    latest = current_return_year(today)
    return [year for year in range(latest, latest - YEARS_OFFERED, -1) if year >= MIN_YEAR]
