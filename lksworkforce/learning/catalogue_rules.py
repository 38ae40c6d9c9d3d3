"""The catalogue's rules for what a resource may say, and how its facts read: pure, no Django, so
the pages, the API, the importers and the scoring share one definition of each.

Lengths are the model columns' own limits. Text may not hold control characters (a description
may hold line breaks and tabs); a web address must be http or https with a host, and no spaces."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from urllib.parse import urlsplit

from lksworkforce.accounts.people import AFC_BANDS

AFC_BAND_ORDER = AFC_BANDS  # lowest first

TITLE_LIMIT = 300
DESCRIPTION_LIMIT = 5_000
PROVIDER_LIMIT = 200
URL_LIMIT = 500
FORMAT_LIMIT = 120
COST_NOTE_LIMIT = 200
LICENCE_LIMIT = 120
ROLE_KEY_LIMIT = 60
ROLES_LIMIT = 30
TOPIC_NAME_LIMIT = 200
TOPIC_SLUG_LIMIT = 80
INTRODUCTION_LIMIT = 5_000
LONGEST_MINUTES = 100_000  # about ten weeks of full-time study: anything longer is a typing slip
HIGHEST_LEVEL = 10  # beyond any framework scale: the framework's own scale is checked as well

RESERVED_SLUGS = frozenset({"new"})  # /learning/topics/new/ is the page that adds a topic
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LINE_BREAKS = frozenset("\n\r\t")


def control_character(text: str, *, multiline: bool = False) -> str | None:
    """The first character no catalogue text may hold (a control or format character, NUL, an
    unpaired surrogate), named for a person, or None. `multiline` allows line breaks and tabs."""
    for character in text:
        if multiline and character in _LINE_BREAKS:
            continue
        category = unicodedata.category(character)
        if category in {"Cc", "Cs"} or (category == "Cf" and character not in "\u200d"):
            return f"U+{ord(character):04X}"
    return None


def text_problem(text: str, *, limit: int, what: str, required: bool = False, multiline: bool = False) -> str | None:
    """Why `text` is refused, or None."""
    if required and not text.strip():
        return f"Enter {what.lower()}"
    if len(text) > limit:
        return f"{what} must be {limit:,} characters or fewer"
    if (bad := control_character(text, multiline=multiline)) is not None:
        return f"{what} contains a character that is not allowed ({bad})"
    return None


def url_problem(url: str) -> str | None:
    """Why a resource's web address is refused, or None: http(s) only, so `javascript:` and
    `data:` addresses can never become a link on a page."""
    if not url.strip():
        return "Enter the web address of the resource"
    if len(url) > URL_LIMIT:
        return f"The web address must be {URL_LIMIT:,} characters or fewer"
    if control_character(url) is not None or any(c.isspace() for c in url):
        return "The web address must not contain spaces or control characters"
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return "Enter a web address like https://www.example.org/course"
    if parts.scheme.lower() not in {"http", "https"}:
        return "The web address must start with https:// or http://"
    if not host or "." not in host.strip("."):
        return "Enter a web address like https://www.example.org/course"
    return None


def same_url_forms(url: str) -> list[str]:
    """The spellings of a web address that name the same resource, for refusing duplicates: with
    and without a trailing slash, the scheme and host in any case."""
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return [text]
    base = f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path}"
    rest = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    trimmed = base.rstrip("/")
    return sorted({text, trimmed + rest, trimmed + "/" + rest})


def band_position(band: str) -> int | None:
    return AFC_BAND_ORDER.index(band) if band in AFC_BAND_ORDER else None


def band_problem(band_from: str, band_to: str) -> tuple[str, str] | None:
    """(field, reason) when the band range is refused, or None. Blank means any band."""
    for field, band in (("band_from", band_from), ("band_to", band_to)):
        if band and band_position(band) is None:
            return field, f"Choose a band from {AFC_BAND_ORDER[0]} to {AFC_BAND_ORDER[-1]}, or leave it blank"
    low, high = band_position(band_from), band_position(band_to)
    if low is not None and high is not None and low > high:
        return "band_to", f"The highest band ({band_to}) must not be below the lowest band ({band_from})"
    return None


def slug_problem(slug: str) -> str | None:
    if not slug:
        return "Enter the topic's web address name, for example lean-thinking"
    if len(slug) > TOPIC_SLUG_LIMIT:
        return f"The web address name must be {TOPIC_SLUG_LIMIT} characters or fewer"
    if not _SLUG.fullmatch(slug):
        return "Use lower-case letters, numbers and single hyphens only, for example lean-thinking"
    if slug in RESERVED_SLUGS:
        return f"“{slug}” is kept for the site's own pages: choose another web address name"
    return None


def review_problem(added_on: date, review_due_on: date | None) -> str | None:
    if review_due_on is not None and review_due_on < added_on:
        return "The review date must not be before the date the resource was added"
    return None


# How the facts read ------------------------------------------------------------------------


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def format_length(minutes: int | None) -> str:
    """45 -> "45 minutes", 120 -> "2 hours", 90 -> "1 hour 30 minutes", None -> ""."""
    if minutes is None:
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _plural(rest, "minute")
    if not rest:
        return _plural(hours, "hour")
    return f"{_plural(hours, 'hour')} {_plural(rest, 'minute')}"


def format_bands(band_from: str, band_to: str) -> str:
    """ "Bands 2 to 4", "Band 4", "Band 5 and above", "Up to band 4", or "Any band"."""
    if band_from and band_to:
        return f"Band {band_from}" if band_from == band_to else f"Bands {band_from} to {band_to}"
    if band_from:
        return f"Band {band_from} and above"
    if band_to:
        return f"Up to band {band_to}"
    return "Any band"


def format_cost(cost: str, note: str) -> str:
    """ "Free", "Paid", or either with its note: "Paid: £40 for non-members"."""
    said = "Free" if cost == "free" else "Paid"
    return f"{said}: {note}" if note.strip() else said


def suits_band(band_from: str, band_to: str, band: str) -> bool:
    """Whether a person in `band` is within the range (blank ends are open)."""
    at = band_position(band)
    if at is None:
        return not band_from and not band_to
    low, high = band_position(band_from), band_position(band_to)
    return (low is None or low <= at) and (high is None or at <= high)


def ordered_positions(entries: Sequence[tuple[int, int | None, str]]) -> list[int]:
    """Entry ids (id, position, title) in a topic's order: curated positions first, then by title."""
    curated = sorted((e for e in entries if e[1] is not None), key=lambda e: (e[1], e[2].casefold(), e[0]))
    rest = sorted((e for e in entries if e[1] is None), key=lambda e: (e[2].casefold(), e[0]))
    return [e[0] for e in (*curated, *rest)]
