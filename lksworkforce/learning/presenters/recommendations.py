"""What a recommendation says: each score term as a sentence, and the rows the page, the API and
the other apps' surfaces show. One sentence per term, written here only."""

from dataclasses import dataclass
from typing import Any

from lksworkforce.core.formatting import format_date
from lksworkforce.learning.catalogue_rules import format_length
from lksworkforce.learning.scoring import Scored, Term, TermKind, Weights


def _points(value: float) -> float:
    """Points as shown and sent: to 2 decimal places (the score is the sum of the shown points)."""
    return round(value, 2)


def _sub_area(term: Term) -> str:
    return f"{term.sub_area_number} {term.sub_area_name}".strip() or "A sub-area it teaches"


def _bands(term: Term) -> str:
    if term.band_from and term.band_to:
        return (
            f"Suits band {term.band_from}"
            if term.band_from == term.band_to
            else f"Suits bands {term.band_from}-{term.band_to}"
        )
    if term.band_from:
        return f"Suits band {term.band_from} and above"
    return f"Suits bands up to {term.band_to}"


def sentence(term: Term) -> str:
    """The sentence a term produced, e.g. 'Because you rated 3.8 Critical appraisal at 1 and aim for 3'."""
    where = _sub_area(term)
    match term.kind:
        case TermKind.GAP:
            return f"Because you rated {where} at {term.current} and aim for {term.target}"
        case TermKind.ROLE_EXPECTATION:
            profile = f" ({term.source})" if term.source else ""
            return f"Your role profile{profile} expects {term.expected} in {where}; you rated it {term.current}"
        case TermKind.REGION_NEED:
            region = f"your region's ({term.region})" if term.region else "your region's"
            return f"{where} is in {region} top ten needs in the {term.source} ({term.need})"
        case TermKind.NATIONAL_NEED:
            return f"{where} is in the nation's top ten needs in the {term.source} ({term.need})"
        case TermKind.BAND_SUITS:
            return _bands(term)
        case TermKind.FREE:
            length = format_length(term.minutes)
            return f"Free, {length}" if length else "Free"
        case TermKind.FRESH:
            return f"Added in the last year ({format_date(term.on)})"
        case TermKind.REVIEW_OVERDUE:
            return f"Its review was due on {format_date(term.on)}, so it may be out of date"


@dataclass(frozen=True)
class Reason:
    kind: str
    sub_area: str | None  # the sub-area's number, for terms about one
    sub_area_id: int | None
    text: str
    points: float

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "sub_area": self.sub_area, "text": self.text, "points": self.points}


def reasons(scored: Scored) -> list[Reason]:
    return [
        Reason(
            kind=t.kind.value,
            sub_area=t.sub_area_number or None,
            sub_area_id=t.sub_area_id,
            text=sentence(t),
            points=_points(t.points),
        )
        for t in scored.terms
    ]


def shown_score(scored: Scored) -> float:
    """The score as every surface shows it: the sum of the points shown beside its reasons."""
    return scored.score


WEIGHT_LABELS = {
    "gap": "Per level of gap (target minus current) on a sub-area it teaches",
    "role_expectation": "Per level the role profile expects above the current rating",
    "region_need": "A sub-area it teaches is in the region's top ten needs",
    "national_need": "A sub-area it teaches is in the nation's top ten needs (and not the region's)",
    "band_suits": "It names a band range that includes the person's band",
    "free": "It is free",
    "fresh": "It was added in the last year",
    "review_overdue": "Taken off when it is past its review date",
}


def weight_rows(weights: Weights) -> list[dict[str, Any]]:
    return [{"name": name, "label": WEIGHT_LABELS[name], "points": value} for name, value in weights.as_dict().items()]
