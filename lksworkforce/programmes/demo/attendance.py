"""The demo programmes' registers (synthetic, deterministic for the seed): every session held before
the demo's day has its register, taken by one of the cohort's facilitators; most people are there,
some send apologies, a few are absent, and each person keeps to their own habit. Cohorts whose
programme needs a group project have groups of about five with a topic and an output. Then each
place is decided by the programme's completion rule, as the daily run decides it, so completed
places reach the people's learning records."""

import random

from lksworkforce.core.capability import DemoContext, DemoRemoved
from lksworkforce.programmes.demo.setup import DEMO_DAY, KEY_PREFIX
from lksworkforce.programmes.models import Cohort, Enrolment, GroupProject, Session, SessionAttendance
from lksworkforce.programmes.services.attendance import completions_update
from lksworkforce.programmes.vocabulary import Attendance

GROUP_SIZE = 5
TOPICS = (
    "Embedding a clinical librarian in the emergency department",
    "Knowledge mobilisation for the board",
    "Measuring the impact of literature searches",
    "Reaching staff in community services",
    "Evidence summaries for a new clinical pathway",
)


def _status(rng: random.Random, habit: float) -> str:
    draw = rng.random()
    if draw < habit:
        return Attendance.PRESENT.value
    return Attendance.APOLOGIES.value if draw < habit + (1 - habit) * 0.6 else Attendance.ABSENT.value


def _projects(cohort: Cohort, people: list[int], rng: random.Random) -> int:
    groups = [people[i : i + GROUP_SIZE] for i in range(0, len(people), GROUP_SIZE)]
    for number, members in enumerate(groups, start=1):
        project = GroupProject.objects.create(
            cohort=cohort,
            name=f"Group {number}",
            topic=rng.choice(TOPICS),
            output_link=f"https://example.org/demo-projects/{cohort.pk}-{number}",
        )
        project.members.set(members)
    return len(groups)


def seed_part(context: DemoContext) -> list[str]:
    rng = random.Random(context.seed * 7919 + 47)  # noqa: S311 - deterministic demo data, not secrets
    enrolment_ids = context.made("programme_enrolment_ids", list)
    places = list(Enrolment.objects.filter(pk__in=enrolment_ids).order_by("cohort_id", "id"))
    by_cohort: dict[int, list[Enrolment]] = {}
    for place in places:
        by_cohort.setdefault(place.cohort_id, []).append(place)
    cohorts = Cohort.objects.filter(pk__in=by_cohort).select_related("programme").prefetch_related("facilitators")
    marks = projects = decided = 0
    for cohort in cohorts.order_by("starts_on", "id"):
        held = [s for s in Session.objects.filter(cohort=cohort).order_by("starts_at", "id")
                if s.starts_at.date() < DEMO_DAY]  # fmt: skip
        if not held:
            continue
        takers: list[int | None] = [f.pk for f in cohort.facilitators.all()] or [None]
        habits = {place.pk: rng.choice((0.98, 0.95, 0.9, 0.85, 0.7, 0.4)) for place in by_cohort[cohort.pk]}
        rows = [
            SessionAttendance(
                session=session,
                enrolment=place,
                status=_status(rng, habits[place.pk]),
                recorded_by_id=rng.choice(takers),
            )
            for session in held
            for place in by_cohort[cohort.pk]
        ]
        SessionAttendance.objects.bulk_create(rows)
        marks += len(rows)
        if cohort.programme.completion_needs_project:
            projects += _projects(cohort, [p.person_id for p in by_cohort[cohort.pk]], rng)
        decided += completions_update(cohort=cohort, today=DEMO_DAY)
    return [
        f"Programme registers: {marks:,} marks, {projects:,} group projects; {decided:,} places decided (synthetic)"
    ]


def remove_part(context: DemoContext) -> list[DemoRemoved]:  # noqa: ARG001 - every demo programme's, whatever the seed
    found = SessionAttendance.objects.filter(session__cohort__programme__key__startswith=KEY_PREFIX)
    count = found.count()
    found.delete()
    GroupProject.objects.filter(cohort__programme__key__startswith=KEY_PREFIX).delete()
    return [DemoRemoved(count, "programme attendance marks")]
