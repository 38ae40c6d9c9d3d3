"""Who is offered a place when someone declines or withdraws: the waiting list in score order (the
applications part). Pure: no Django.

The best-scored waiting applicant goes first; among equal scores, whoever applied first; an
application the panel has not scored comes after every scored one. Places are free when the
cohort's capacity is more than the places taken and the offers still waiting for an answer."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Waiting:
    application_id: int
    score: Decimal | None  # None: not scored
    submitted_order: int  # earlier applications first among equal scores


def promotion_order(waiting: Iterable[Waiting]) -> list[int]:
    """The waiting list's application ids, in the order they are offered places."""
    return [
        w.application_id
        for w in sorted(
            waiting,
            key=lambda w: (w.score is None, -(w.score or Decimal(0)), w.submitted_order, w.application_id),
        )
    ]


def free_places(capacity: int, taken: int, offers_out: int) -> int:
    """Places that may be offered now: never below nothing."""
    return max(0, capacity - taken - offers_out)


def to_promote(waiting: Iterable[Waiting], *, capacity: int, taken: int, offers_out: int) -> list[int]:
    """The waiting applications to offer places to now, best first."""
    return promotion_order(waiting)[: free_places(capacity, taken, offers_out)]
