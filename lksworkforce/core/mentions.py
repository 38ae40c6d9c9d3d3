"""Finding and removing a person's name and email address in free text. Pure, no Django.

A name is looked for only when it has at least two words (a single word such as "Sam" would match
other people and ordinary words); an email address always. Matches are whole words, any case."""

import json
import re
from collections.abc import Iterable
from typing import Any

REDACTED = "[a person whose data was erased]"


def mention_terms(full_name: str, email: str) -> list[str]:
    """The strings that identify the person in text: their email, and their name when it is
    distinctive enough (two words or more)."""
    terms = []
    if email.strip():
        terms.append(email.strip())
    name = " ".join(full_name.split())
    if len(name.split(" ")) >= 2:
        terms.append(name)
    return terms


def search_terms(terms: Iterable[str]) -> list[str]:
    """What to look for in stored text: each term, and its form inside JSON written with
    ASCII escapes (SQLite keeps "Zoë" in a JSON field as "Zo\\u00eb")."""
    found: list[str] = []
    for term in terms:
        for form in (term, json.dumps(term)[1:-1]):
            if form not in found:
                found.append(form)
    return found


def _pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    alternatives = [r"\s+".join(re.escape(word) for word in term.split()) for term in terms if term.strip()]
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def mentions(text: str, terms: Iterable[str]) -> bool:
    pattern = _pattern(terms)
    return bool(pattern and pattern.search(text))


def redact(text: str, terms: Iterable[str]) -> tuple[str, int]:
    """The text with every mention replaced, and how many there were."""
    pattern = _pattern(terms)
    if pattern is None:
        return text, 0
    return pattern.subn(REDACTED, text)


def redact_json(value: Any, terms: list[str]) -> tuple[Any, int]:
    """`redact` applied to every string (keys too) in a JSON-like value."""
    if isinstance(value, str):
        return redact(value, terms)
    if isinstance(value, list):
        total = 0
        items = []
        for item in value:
            new, count = redact_json(item, terms)
            items.append(new)
            total += count
        return items, total
    if isinstance(value, dict):
        total = 0
        result = {}
        for key, item in value.items():
            new_key, key_count = redact(str(key), terms)
            new, count = redact_json(item, terms)
            result[new_key] = new
            total += key_count + count
        return result, total
    return value, 0
