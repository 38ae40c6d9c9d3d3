"""The demo programmes' feedback (synthetic, deterministic for the seed): for the places on the demo
cohorts that have ended, about three in four give their reaction (mostly good ratings, a few
comments), every place gets its follow-up (through the scheduling service), and about half of those
due have answered it. Reactions are written in a shuffled order, as they keep no link to the person."""

import random
from datetime import UTC, datetime, time, timedelta

from lksworkforce.core.capability import DemoContext, DemoRemoved
from lksworkforce.programmes import feedback_levels as levels
from lksworkforce.programmes.demo.setup import DEMO_DAY
from lksworkforce.programmes.models import Enrolment, FollowUp, ReactionFeedback
from lksworkforce.programmes.services.feedback import follow_ups_schedule
from lksworkforce.programmes.vocabulary import EnrolmentStatus

DEMO_PREFIX = "demo-"
TAKING_PART = (EnrolmentStatus.ENROLLED.value, EnrolmentStatus.COMPLETED.value, EnrolmentStatus.NOT_COMPLETED.value)
COMMENTS = (
    "",
    "",
    "",
    "The problem-based sessions were the most useful part.",
    "Good mix of theory and practice; more time for questions, please.",
    "Meeting colleagues from other trusts was worth it on its own.",
    "The online sessions worked well, but the first day felt rushed.",
)
DOING_DIFFERENTLY = (
    ("I now write a one-page evidence summary for every search I do for clinicians.", "Summaries for two ward teams."),
    ("I plan searches with a structured question before starting.", "A search for the falls group took half the time."),
    ("I run short teaching sessions on critical appraisal for junior doctors.", "Three sessions since the programme."),
    ("I ask for feedback on the impact of every literature search.", ""),
    ("I lead our team's monthly knowledge-sharing meeting.", "We capture lessons learned in a shared log."),
)


def _ended_places(context: DemoContext) -> list[Enrolment]:
    cohort_ids = context.world.get("programme_cohort_ids")
    places = Enrolment.objects.filter(
        cohort__programme__key__startswith=DEMO_PREFIX,
        cohort__ends_on__lt=DEMO_DAY,
        status__in=TAKING_PART,
    ).select_related("cohort", "person")
    if isinstance(cohort_ids, list):
        places = places.filter(cohort_id__in=cohort_ids)
    return list(places.order_by("cohort__starts_on", "cohort__name", "person__email"))


def seed_part(context: DemoContext) -> list[str]:
    """Write this part's demo data; the lines it adds to the summary."""
    rng = random.Random(f"{context.seed}-programme-feedback")  # noqa: S311 - deterministic demo data, not secrets
    places = _ended_places(context)
    reactions: list[ReactionFeedback] = []
    given: list[int] = []
    for place in places:
        if rng.random() < 0.75:
            ratings = {q.value: rng.choices(levels.RATINGS, weights=(1, 2, 6, 14, 12))[0] for q in levels.QUESTIONS}
            reactions.append(
                ReactionFeedback(cohort_id=place.cohort_id, ratings=ratings, comments=rng.choice(COMMENTS))
            )
            given.append(place.pk)
    rng.shuffle(reactions)
    ReactionFeedback.objects.bulk_create(reactions)
    Enrolment.objects.filter(pk__in=given).update(reaction_given=True)
    follow_ups_schedule(today=DEMO_DAY, send=False)
    today = DEMO_DAY
    answered = 0
    for follow_up in FollowUp.objects.filter(enrolment__in=places, due_on__lte=today).order_by("enrolment_id"):
        if rng.random() < 0.5:
            doing, examples = rng.choice(DOING_DIFFERENTLY)
            day = min(follow_up.due_on + timedelta(days=rng.randint(0, 30)), today)
            FollowUp.objects.filter(pk=follow_up.pk).update(
                doing_differently=doing, examples=examples, answered_at=datetime.combine(day, time(12), tzinfo=UTC)
            )
            answered += 1
    if not places:
        return []
    return [f"Programme feedback: {len(reactions):,} reactions, {answered:,} follow-ups answered (synthetic)"]


def remove_part(context: DemoContext) -> list[DemoRemoved]:  # noqa: ARG001 - every demo programme's, whatever the seed
    reactions = ReactionFeedback.objects.filter(cohort__programme__key__startswith=DEMO_PREFIX)
    follow_ups = FollowUp.objects.filter(enrolment__cohort__programme__key__startswith=DEMO_PREFIX)
    counts = reactions.count(), follow_ups.count()
    reactions.delete()
    follow_ups.delete()
    return [DemoRemoved(counts[0], "programme reactions"), DemoRemoved(counts[1], "programme follow-ups")]
