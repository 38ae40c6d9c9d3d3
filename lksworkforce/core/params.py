"""Bounded parsers for everything people and programs send: query parameters, form fields, API
bodies, command-line arguments. Pure rules, no Django.

Each parser takes text (or None when the value is absent) and gives the value, or `ParamError`
with a sentence for the person who sent it. They never raise anything else, whatever the text:
only ASCII digits count as digits (`"²".isdigit()` is true, but `int("²")` fails), the text is
bounded before it is converted (a 5,000-digit number is refused, not computed), and NaN,
infinities and exponents are refused for decimals. Surfaces turn `ParamError` into what they
answer with: a message on the page, a 404 for a download, a 422 in the API, exit 2 on the CLI."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "ParamError",
    "check_text",
    "parse_decimal",
    "parse_int",
    "parse_year",
    "refused_character",
]

# Every year a person or a file may name: imports, figures, returns (return_years narrows it).
MIN_YEAR, MAX_YEAR = 2000, 2100
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
# Longer than any number these parsers accept, so the text is refused before it is converted.
_LONGEST_NUMBER_TEXT = 40
_NUL = "\x00"


class ParamError(ValueError):
    """Why a value is refused, in words for the person who sent it; `kind` says which rule
    ("missing", "format", "range", "places", "length", "character") for callers with their own words."""

    def __init__(self, message: str, kind: str = "format") -> None:
        super().__init__(message)
        self.kind = kind


def refused_character(text: str) -> str | None:
    """The name of a character no database column can hold (NUL, an unpaired surrogate), or None."""
    if _NUL in text:
        return "NUL"
    if any("\ud800" <= c <= "\udfff" for c in text):
        return "an unpaired surrogate"
    return None


def check_text(text: str, *, max_length: int, what: str = "The text") -> str:
    """The text unchanged when it is at most `max_length` characters and holds nothing unstorable."""
    if (refused := refused_character(text)) is not None:
        raise ParamError(f"{what} contains a character that is not allowed ({refused})", "character")
    if len(text) > max_length:
        raise ParamError(f"{what} must be {max_length:,} characters or fewer", "length")
    return text


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def parse_int(
    text: str | None,
    *,
    minimum: int,
    maximum: int,
    default: int | None = None,
    what: str = "The number",
) -> int:
    """A whole number from `minimum` to `maximum`; `default` when blank (ParamError if there is none)."""
    if _blank(text):
        if default is None:
            raise ParamError(f"Enter {what[:1].lower()}{what[1:]}", "missing")
        return default
    assert text is not None
    stripped = text.strip()
    if len(stripped) > _LONGEST_NUMBER_TEXT or not _INTEGER.fullmatch(stripped):
        raise ParamError(f"{what} must be a whole number from {minimum:,} to {maximum:,}")
    value = int(stripped)
    if not minimum <= value <= maximum:
        raise ParamError(f"{what} must be from {minimum:,} to {maximum:,}", "range")
    return value


def parse_year(
    text: str | None,
    *,
    default: int | None = None,
    minimum: int = MIN_YEAR,
    maximum: int = MAX_YEAR,
) -> int:
    """A year from `minimum` to `maximum` (2000 to 2100 unless said), written as four digits."""
    if _blank(text):
        if default is None:
            raise ParamError("Enter a year, like 2025", "missing")
        return default
    assert text is not None
    stripped = text.strip()
    if len(stripped) > _LONGEST_NUMBER_TEXT or not _INTEGER.fullmatch(stripped):
        raise ParamError(f"Enter a year as a number, like {min(max(2025, minimum), maximum)}")
    year = int(stripped)
    if not minimum <= year <= maximum:
        raise ParamError(f"The year must be from {minimum} to {maximum}", "range")
    return year


def parse_decimal(
    text: str | None,
    *,
    minimum: Decimal,
    maximum: Decimal,
    places: int,
    default: Decimal | None = None,
    what: str = "The number",
    example: str = "2.5",
) -> Decimal:
    """A decimal from `minimum` to `maximum` with at most `places` decimal places, written plainly
    (digits, one point, an optional sign; thousands separators allowed). No NaN, no infinities,
    no exponents, nothing longer than 40 characters."""
    if _blank(text):
        if default is None:
            raise ParamError(f"Enter {what[:1].lower()}{what[1:]}", "missing")
        return default
    assert text is not None
    stripped = text.strip().replace(",", "")
    if len(stripped) > _LONGEST_NUMBER_TEXT or not _DECIMAL.fullmatch(stripped):
        raise ParamError(f"{what} must be a number, like {example}")
    try:
        value = Decimal(stripped)
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
        raise ParamError(f"{what} must be a number, like {example}") from None
    if not minimum <= value <= maximum:
        raise ParamError(f"{what} must be from {_plain(minimum)} to {_plain(maximum)}", "range")
    # Within the bounds, so quantizing cannot overflow the context's precision.
    if value != value.quantize(Decimal(1).scaleb(-places)):
        raise ParamError(f"{what} can have at most {places} decimal place{'s' if places != 1 else ''}", "places")
    return value


def _plain(number: Decimal) -> str:
    return f"{number.normalize():,f}"
