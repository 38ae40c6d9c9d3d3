"""Search terms and their spelling: pure rules, no Django, so both databases' searches share them.

`query_terms` turns whatever a person typed into the words to search for (letters and digits only,
so no database's query syntax can leak in), and `correction` finds, for a word the catalogue does
not know, the nearest word it does know (an edit: a letter added, dropped or changed, or two
neighbours swapped): at most one edit away for words of 4 or 5 letters, two
for longer words, never for shorter ones (a 3-letter word is one edit from too many others)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# What is searched for from one query: the rest is ignored, and the person is told.
MOST_TERMS = 12
LONGEST_TERM = 40
LONGEST_QUERY = 500

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Terms:
    """The words of a query, lower case, each once, in the order typed; `dropped` counts the words
    (after the first MOST_TERMS, or longer than LONGEST_TERM letters) that were left out."""

    words: tuple[str, ...]
    dropped: int = 0


def words_of(text: str) -> list[str]:
    """Every word of `text`, lower case, in order: runs of letters and digits, as the databases'
    word splitters find them (FTS5's unicode61, PostgreSQL's default parser)."""
    return [match.group().casefold() for match in _WORD.finditer(unicodedata.normalize("NFC", text))]


def query_terms(query: str) -> Terms:
    """The words to search for in `query`, whatever it holds (quotes, operators, NUL, any length)."""
    seen: dict[str, None] = {}
    dropped = 0
    for word in words_of(query[:LONGEST_QUERY]):
        if word in seen:
            continue
        if len(word) > LONGEST_TERM or len(seen) >= MOST_TERMS:
            dropped += 1
            continue
        seen[word] = None
    return Terms(tuple(seen), dropped)


def allowed_edits(word: str) -> int:
    """How many edits a correction of `word` may make: 0 up to 3 letters, 1 for 4-5, 2 beyond."""
    if len(word) <= 3:
        return 0
    return 1 if len(word) <= 5 else 2


def edit_distance(a: str, b: str, limit: int | None = None) -> int | None:
    """Edits from `a` to `b` (insert, delete or change a letter, or swap two neighbours: "reveiw" is
    one edit from "review"), each part of the text edited once; None when it is over `limit`. With a
    limit, gives up as soon as every prefix of `a` is already further than that."""
    if limit is not None and abs(len(a) - len(b)) > limit:
        return None
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, letter in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (letter != other))
            if i > 1 and j > 1 and letter == b[j - 2] and a[i - 2] == other:
                best = min(best, before[j - 2] + 1)
            current.append(best)
        if limit is not None and min(current) > limit and min(previous) > limit:
            return None
        before, previous = previous, current
    distance = previous[-1]
    return None if limit is not None and distance > limit else distance


def correction(word: str, vocabulary: Mapping[str, int]) -> str | None:
    """The vocabulary word nearest `word` within `allowed_edits(word)`, or None. Ties go to the word
    in more resources, then to the first alphabetically, so the same catalogue always gives the same
    answer. `vocabulary` maps each word to the number of resources it is in."""
    limit = allowed_edits(word)
    if limit == 0 or word in vocabulary:
        return None
    best: tuple[int, int, str] | None = None
    for candidate, documents in vocabulary.items():
        if allowed_edits(candidate) == 0:
            continue
        distance = edit_distance(word, candidate, limit if best is None else min(limit, best[0]))
        if distance is None:
            continue
        key = (distance, -documents, candidate)
        if best is None or key < best:
            best = key
    return None if best is None else best[2]


def length_window(words: Iterable[str]) -> tuple[int, int]:
    """The shortest and longest vocabulary word that could correct any of `words`: what to read."""
    lengths = [(len(w) - allowed_edits(w), len(w) + allowed_edits(w)) for w in words if allowed_edits(w)]
    if not lengths:
        return (0, -1)
    return (min(low for low, _ in lengths), max(high for _, high in lengths))
