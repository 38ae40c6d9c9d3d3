"""Display rules for numbers and dates, shared by pages, exports and the CLI."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any


def format_number(value: int | Decimal | None) -> str:
    if value is None:
        return "Not available"
    return f"{value:,}"


def format_wte(value: Decimal | None) -> str:
    """WTE is shown to 2 decimal places with thousands separators."""
    if value is None:
        return "Not available"
    return f"{value:,.2f}"


def format_date(value: date | None) -> str:
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


JINJA_FILTERS: dict[str, Callable[..., Any]] = {
    "number": format_number,
    "wte": format_wte,
    "nhs_date": format_date,
}
