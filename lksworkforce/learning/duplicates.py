"""Is this suggestion something the catalogue (or the queue) already has? Two tests, said once:
the same web address once normalised (scheme, `www.`, trailing slash, tracking parameters, case of
the host, fragment), or a near-identical title (case, punctuation, accents and spacing ignored,
then a close match). Pure: the standard library only, so it is property-tested.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from urllib.parse import parse_qsl, urlencode, urlsplit

TITLE_LIKENESS = 0.92  # SequenceMatcher ratio at or above which two normalised titles are "the same"
SHORTEST_TITLE_COMPARED = 4  # below this many characters, only an exact match counts
_TRACKING = ("utm_",)
_TRACKING_NAMES = frozenset({"fbclid", "gclid", "mc_cid", "mc_eid"})
_DEFAULT_PORTS = {"http": "80", "https": "443"}


def normalise_url(url: str) -> str:
    """The address with what does not change the page taken away: `https://www.x.org/a/?utm_source=y`
    and `http://x.org/a` give the same text. Not a URL to visit: a key to compare."""
    text = url.strip()
    if "://" not in text:
        text = "http://" + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:  # an unparseable address is only ever "the same" as itself
        return url.strip().lower()
    host = (parts.hostname or "").lower().rstrip(".")
    host = host.removeprefix("www.")
    scheme = parts.scheme.lower()
    if port is not None and str(port) != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path).rstrip("/")
    path = re.sub(r"/index\.(html?|php)$", "", path)
    kept = sorted(
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not name.lower().startswith(_TRACKING) and name.lower() not in _TRACKING_NAMES
    )
    query = f"?{urlencode(kept)}" if kept else ""
    return f"{host}{path}{query}"


def normalise_title(title: str) -> str:
    """Lower case, accents folded, punctuation dropped, spaces collapsed, a leading article dropped."""
    folded = unicodedata.normalize("NFKD", title.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    words = re.sub(r"[\W_]+", " ", plain).split()
    if len(words) > 1 and words[0] in {"a", "an", "the"}:
        words = words[1:]
    return " ".join(words)


def titles_alike(first: str, second: str) -> bool:
    """Near-identical titles: the same once normalised, or differing by a character or two."""
    a, b = normalise_title(first), normalise_title(second)
    if not a or not b:
        return False
    if a == b:
        return True
    if min(len(a), len(b)) < SHORTEST_TITLE_COMPARED:
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= TITLE_LIKENESS


@dataclass(frozen=True)
class Candidate:
    """Something already held: a resource in the catalogue, or a suggestion waiting."""

    key: str  # e.g. "resource:12" or "suggestion:7"
    title: str
    url: str
    where: str  # "catalogue" or "queue"


@dataclass(frozen=True)
class Duplicate:
    candidate: Candidate
    same_url: bool
    alike_title: bool

    @property
    def because(self) -> str:
        """Why it looks the same, for the sentence people read."""
        if self.same_url and self.alike_title:
            return "the same web address and title"
        return "the same web address" if self.same_url else "a very similar title"


def duplicates_of(title: str, url: str, candidates: Iterable[Candidate]) -> list[Duplicate]:
    """The candidates that look like this title and address: same address first, then by title."""
    wanted_url = normalise_url(url) if url.strip() else ""
    found = []
    for candidate in candidates:
        same_url = bool(wanted_url) and bool(candidate.url.strip()) and normalise_url(candidate.url) == wanted_url
        alike = bool(title.strip()) and titles_alike(title, candidate.title)
        if same_url or alike:
            found.append(Duplicate(candidate, same_url, alike))
    return sorted(found, key=lambda d: (not d.same_url, not d.alike_title, d.candidate.key))
