"""Factories for the feedback tests: an ended cohort of a programme with sub-areas, places on it,
reactions and follow-ups."""

from datetime import UTC, date, datetime

from lksworkforce.accounts.models import User
from lksworkforce.organisations.models import Region
from lksworkforce.programmes.models import Cohort, Enrolment, FollowUp, Programme, ReactionFeedback, Session
from tests.factories import UserFactory

ENDED_START, ENDED_END = date(2026, 3, 2), date(2026, 6, 26)


def programme(key: str = "feedback-test", title: str = "Feedback test programme") -> Programme:
    found, _ = Programme.objects.get_or_create(
        key=key, defaults={"title": title, "kind": "skills", "delivery": "online"}
    )
    return found


def cohort(
    name: str = "Feedback cohort",
    *,
    of: Programme | None = None,
    starts_on: date = ENDED_START,
    ends_on: date = ENDED_END,
    region: Region | None = None,
    last_session_on: date | None = None,
) -> Cohort:
    made = Cohort.objects.create(
        programme=of or programme(), name=name, region=region, starts_on=starts_on, ends_on=ends_on, capacity=30
    )
    day = last_session_on or ends_on
    Session.objects.create(
        cohort=made,
        title="Last session",
        starts_at=datetime(day.year, day.month, day.day, 9, tzinfo=UTC),
        ends_at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
    )
    return made


def place(on: Cohort, person: User | None = None, *, status: str = "completed") -> Enrolment:
    who = person or UserFactory.create()
    return Enrolment.objects.create(
        cohort=on,
        person=who,
        organisation=who.organisation,
        status=status,
        enrolled_at=datetime(2026, 2, 1, tzinfo=UTC),
    )


def reactions(on: Cohort, *ratings: int, comment: str = "") -> list[ReactionFeedback]:
    """One reaction per rating given, rating every question the same."""
    keys = ("overall", "relevance", "facilitation", "recommend")
    return [
        ReactionFeedback.objects.create(cohort=on, ratings=dict.fromkeys(keys, r), comments=comment) for r in ratings
    ]


def follow_up(enrolment: Enrolment, *, due_on: date = date(2026, 9, 26), answer: str = "") -> FollowUp:
    made = FollowUp.objects.create(enrolment=enrolment, due_on=due_on)
    if answer:
        FollowUp.objects.filter(pk=made.pk).update(
            doing_differently=answer, answered_at=datetime(2026, 10, 1, tzinfo=UTC)
        )
        made.refresh_from_db()
    return made
