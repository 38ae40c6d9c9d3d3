"""The demo's feedback: deterministic for a seed, on the demo cohorts that have ended, and removed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lksworkforce.core.capability import DemoContext
from lksworkforce.programmes.demo import feedback as demo
from lksworkforce.programmes.models import Enrolment, FollowUp, ReactionFeedback
from tests.programmes import factories_feedback as make

pytestmark = pytest.mark.django_db


def _seeded() -> tuple[list[dict[str, int]], list[str]]:
    today = timezone.localdate()
    ended = make.cohort(
        "Demo ended", of=make.programme("demo-feedback"), starts_on=today - timedelta(days=300),
        ends_on=today - timedelta(days=150),
    )  # fmt: skip
    for _ in range(12):
        make.place(ended)
    lines = demo.seed_part(DemoContext(seed=2019, password="x", world={"programme_cohort_ids": [ended.pk]}))
    return sorted((r.ratings for r in ReactionFeedback.objects.all()), key=str), lines


def test_the_demo_gives_reactions_and_follow_ups_deterministically_and_removes_them() -> None:
    ratings, lines = _seeded()
    assert lines[0].startswith("Programme feedback:")
    assert len(ratings) == Enrolment.objects.filter(reaction_given=True).count() > 0
    assert FollowUp.objects.count() == 12
    assert FollowUp.objects.filter(answered_at__isnull=False).exists()
    removed = demo.remove_part(DemoContext(seed=2019, password="x"))
    assert [r.count for r in removed] == [len(ratings), 12]
    assert not ReactionFeedback.objects.exists()
    Enrolment.objects.all().delete()
    again, _ = _seeded()
    assert again == ratings
