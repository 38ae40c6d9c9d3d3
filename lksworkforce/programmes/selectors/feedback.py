"""Reads for the feedback part, scoped to the viewer: a participant's own place (to give their reaction
and answer their follow-up), the feedback due on their home page, and the figures of a cohort's and a
programme's report (the calculation is feedback_levels; the presenters shape the rows).

Who reads the reports: a cohort's by those who run it (the national team, and for a regional cohort
the lead of its region; other people signed in get 403, as cohorts are open to everyone); a
programme's, across every cohort, by the national team. A place that is not the viewer's is a 404.

Query counts: a cohort's report reads the programme's reactions in one query (a cohort's page hides
what the programme's pooled report would otherwise give away), its follow-ups in one, the places and
the programme's sub-areas in one each, and the levels on the two days in one each (skills, through
core.capability.assessed_levels). A programme's report reads the same for each cohort whose "after"
day has passed (two level reads each) and the rest once."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from lksworkforce.accounts.people import Role
from lksworkforce.accounts.viewers import Viewer
from lksworkforce.core.capability import HomeItem, assessed_levels
from lksworkforce.core.capability import Viewer as HomeViewer
from lksworkforce.core.selectors import suppression_threshold
from lksworkforce.programmes import feedback_levels as levels
from lksworkforce.programmes.models import Cohort, Enrolment, FollowUp, Programme, ReactionFeedback, Session
from lksworkforce.programmes.vocabulary import EnrolmentStatus

TAKING_PART = (EnrolmentStatus.ENROLLED.value, EnrolmentStatus.COMPLETED.value, EnrolmentStatus.NOT_COMPLETED.value)
HOME_LIMIT = 5


def runs_cohort(viewer: Viewer, cohort: Cohort) -> bool:
    """The national team, or the lead of a regional cohort's region."""
    if not viewer.is_authenticated:
        return False
    if viewer.holds(Role.NATIONAL_TEAM):
        return True
    return cohort.region_id is not None and cohort.region_id in viewer.led_region_ids()


def sees_programme_report(viewer: Viewer) -> bool:
    return bool(viewer.is_authenticated and viewer.holds(Role.NATIONAL_TEAM))


def cohort_found(cohort_id: int) -> Cohort | None:
    return Cohort.objects.select_related("programme", "region").filter(pk=cohort_id).first()


def programme_found(key: str) -> Programme | None:
    return Programme.objects.filter(key=key).first()


def reaction_opens_on(cohort: Cohort) -> date:
    """The day the cohort's last session ends (its end date when it has no sessions)."""
    last = Session.objects.filter(cohort=cohort).aggregate(last=Max("ends_at"))["last"]
    return timezone.localdate(last) if last is not None else cohort.ends_on


def own_place(viewer: Viewer, cohort_id: int) -> Enrolment | None:
    """The viewer's own place on the cohort (not withdrawn); None for anyone else's or none (a 404)."""
    if not viewer.is_authenticated or not viewer.pk:
        return None
    return (
        Enrolment.objects.select_related("cohort__programme", "cohort__region")
        .filter(cohort_id=cohort_id, person_id=viewer.pk, status__in=TAKING_PART)
        .first()
    )


def own_follow_up(viewer: Viewer, cohort_id: int) -> FollowUp | None:
    if not viewer.is_authenticated or not viewer.pk:
        return None
    return (
        FollowUp.objects.select_related("enrolment__cohort__programme")
        .filter(enrolment__cohort_id=cohort_id, enrolment__person_id=viewer.pk, enrolment__status__in=TAKING_PART)
        .first()
    )


def home_items(viewer: HomeViewer) -> list[HomeItem]:
    """Reaction feedback and follow-ups waiting for the viewer (two queries): a reaction once the
    cohort's last session has ended (until its follow-up closes), a follow-up from its due day until
    it closes."""
    if viewer.pk is None:
        return []
    today = timezone.localdate()
    items: list[HomeItem] = []
    places = (
        Enrolment.objects.filter(
            person_id=viewer.pk,
            status__in=TAKING_PART,
            reaction_given=False,
            cohort__ends_on__gte=levels.add_months(today, -levels.FOLLOW_UP_WINDOW_MONTHS),
        )
        .annotate(last_session=Max("cohort__sessions__ends_at"))
        .select_related("cohort__programme")
        .order_by("cohort__ends_on", "id")
    )
    for place in places:
        opens = timezone.localdate(place.last_session) if place.last_session else place.cohort.ends_on
        if opens <= today and len(items) < HOME_LIMIT:
            items.append(
                HomeItem(
                    f"Give your feedback on {place.cohort.programme.title}: {place.cohort.name}",
                    reverse("programmes:reaction_give", kwargs={"cohort_id": place.cohort_id}),
                    "Four quick ratings and a comment. Your answers are not linked to you.",
                )
            )
    due = (
        FollowUp.objects.filter(
            enrolment__person_id=viewer.pk,
            enrolment__status__in=TAKING_PART,
            answered_at__isnull=True,
            due_on__lte=today,
        )
        .select_related("enrolment__cohort__programme")
        .order_by("due_on", "id")[:HOME_LIMIT]
    )
    for follow_up in due:
        cohort = follow_up.enrolment.cohort
        if today <= levels.follow_up_closes(cohort.ends_on):
            items.append(
                HomeItem(
                    f"Tell us what you now do differently after {cohort.programme.title}",
                    reverse("programmes:follow_up_answer", kwargs={"cohort_id": cohort.pk}),
                    f"Open until {levels.follow_up_closes(cohort.ends_on):%-d %B %Y}",
                )
            )
    return items


# Reports -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CohortFeedback:
    cohort: Cohort
    threshold: int
    reaction: levels.ReactionSummary
    learning: levels.LearningChange
    behaviour: levels.Behaviour
    places: int


@dataclass(frozen=True)
class ProgrammeFeedback:
    programme: Programme
    threshold: int
    reaction: levels.ReactionSummary
    learning: levels.LearningChange | None  # None: no cohort's "after" day has passed yet
    behaviour: levels.Behaviour
    cohorts: tuple[CohortFeedback, ...]


def _reactions(cohort_ids: list[int]) -> dict[int, list[levels.Reaction]]:
    found: dict[int, list[levels.Reaction]] = {c: [] for c in cohort_ids}
    rows = ReactionFeedback.objects.filter(cohort_id__in=cohort_ids).order_by("id")
    for cohort_id, ratings, comments in rows.values_list("cohort_id", "ratings", "comments"):
        clean = {k: v for k, v in (ratings or {}).items() if isinstance(v, int)}
        found[cohort_id].append(levels.Reaction(clean, comments or ""))
    return found


def _follow_ups(cohort_ids: list[int]) -> tuple[dict[int, int], dict[int, list[levels.FollowUpAnswer]]]:
    scheduled: dict[int, int] = defaultdict(int)
    answers: dict[int, list[levels.FollowUpAnswer]] = defaultdict(list)
    rows = (
        FollowUp.objects.filter(enrolment__cohort_id__in=cohort_ids, enrolment__status__in=TAKING_PART)
        .order_by("answered_at", "id")
        .values_list("enrolment__cohort_id", "answered_at", "doing_differently", "examples")
    )
    for cohort_id, answered_at, doing, examples in rows:
        scheduled[cohort_id] += 1
        if answered_at is not None:
            answers[cohort_id].append(levels.FollowUpAnswer(doing, examples))
    return scheduled, answers


def _places(cohort_ids: list[int]) -> dict[int, dict[int, int]]:
    """cohort id -> enrolment id -> person id, for the people with a place."""
    found: dict[int, dict[int, int]] = {c: {} for c in cohort_ids}
    rows = Enrolment.objects.filter(cohort_id__in=cohort_ids, status__in=TAKING_PART)
    for enrolment_id, cohort_id, person_id in rows.values_list("pk", "cohort_id", "person_id"):
        found[cohort_id][enrolment_id] = person_id
    return found


def _sub_areas(programme: Programme) -> list[tuple[int, str]]:
    return [
        (pk, f"{number} {name}")
        for pk, number, name in programme.sub_areas.order_by("position").values_list("pk", "number", "name")
    ]


def _readings(cohort: Cohort, places: dict[int, int], sub_area_ids: list[int], today: date) -> levels.Readings | None:
    """Levels (by enrolment) on the "before" and "after" days, once the after day has passed."""
    before_on, after_on = levels.learning_days(cohort.starts_on, cohort.ends_on)
    if after_on >= today or not places or not sub_area_ids:
        return None if after_on >= today else ({}, {})
    people = sorted(set(places.values()))
    before = assessed_levels(people, sub_area_ids, before_on)
    after = assessed_levels(people, sub_area_ids, after_on)
    return (
        {e: dict(before[p]) for e, p in places.items() if p in before},
        {e: dict(after[p]) for e, p in places.items() if p in after},
    )


def _learning(
    cohort: Cohort, sub_areas: list[tuple[int, str]], readings: levels.Readings | None, threshold: int
) -> levels.LearningChange:
    before_on, after_on = levels.learning_days(cohort.starts_on, cohort.ends_on)
    rows = levels.learning_change(sub_areas, *readings, threshold) if readings is not None else ()
    return levels.LearningChange(before_on, after_on, readings is not None, threshold, rows)


def programme_feedback(programme: Programme, *, today: date | None = None) -> ProgrammeFeedback:
    """Every cohort's feedback and the programme's pooled figures (for the national team)."""
    day = today or timezone.localdate()
    threshold = suppression_threshold(day)
    cohorts = list(Cohort.objects.filter(programme=programme).select_related("region").order_by("starts_on", "id"))
    ids = [c.pk for c in cohorts]
    reactions = levels.programme_reaction(_reactions(ids), threshold)
    scheduled, answers = _follow_ups(ids)
    places = _places(ids)
    sub_areas = _sub_areas(programme)
    sub_area_ids = [pk for pk, _label in sub_areas]
    by_cohort = []
    ready: list[levels.Readings] = []
    for cohort in cohorts:
        readings = _readings(cohort, places[cohort.pk], sub_area_ids, day)
        if readings is not None:
            ready.append(readings)
        by_cohort.append(
            CohortFeedback(
                cohort,
                threshold,
                reactions.cohorts[cohort.pk],
                _learning(cohort, sub_areas, readings, threshold),
                levels.behaviour(scheduled[cohort.pk], answers[cohort.pk], threshold),
                len(places[cohort.pk]),
            )
        )
    learning = None
    if ready:
        days = [levels.learning_days(c.starts_on, c.ends_on) for c in cohorts]
        rows = levels.pooled_learning(sub_areas, ready, threshold)
        learning = levels.LearningChange(min(d[0] for d in days), max(d[1] for d in days), True, threshold, rows)
    behaviour = levels.pooled_behaviour([c.behaviour for c in by_cohort], threshold)
    return ProgrammeFeedback(programme, threshold, reactions.pooled, learning, behaviour, tuple(by_cohort))


def cohort_feedback(cohort: Cohort, *, today: date | None = None) -> CohortFeedback:
    """One cohort's four levels; its reaction hides what the programme's pooled report would give away."""
    day = today or timezone.localdate()
    threshold = suppression_threshold(day)
    ids = list(Cohort.objects.filter(programme_id=cohort.programme_id).values_list("pk", flat=True))
    reactions = levels.programme_reaction(_reactions(ids), threshold)
    scheduled, answers = _follow_ups([cohort.pk])
    places = _places([cohort.pk])[cohort.pk]
    sub_areas = _sub_areas(cohort.programme)
    readings = _readings(cohort, places, [pk for pk, _label in sub_areas], day)
    return CohortFeedback(
        cohort,
        threshold,
        reactions.cohorts[cohort.pk],
        _learning(cohort, sub_areas, readings, threshold),
        levels.behaviour(scheduled[cohort.pk], answers[cohort.pk], threshold),
        len(places),
    )


def ended_places_without_follow_up(today: date) -> list[tuple[int, date]]:
    """(enrolment id, the cohort's end) for places on cohorts that have ended and have no follow-up yet."""
    rows = Enrolment.objects.filter(
        Q(follow_up__isnull=True), status__in=TAKING_PART, cohort__ends_on__lt=today
    ).values_list("pk", "cohort__ends_on")
    return list(rows)


def follow_ups_to_send(today: date) -> list[tuple[int, str, str, int]]:
    """(follow-up id, address, programme, cohort id) for follow-ups due, open, unanswered and not sent."""
    rows = FollowUp.objects.filter(
        due_on__lte=today,
        sent_at__isnull=True,
        answered_at__isnull=True,
        enrolment__status__in=TAKING_PART,
        enrolment__cohort__ends_on__gte=levels.add_months(today, -levels.FOLLOW_UP_WINDOW_MONTHS),
    ).exclude(enrolment__person__email="")
    return list(
        rows.order_by("id").values_list(
            "pk", "enrolment__person__email", "enrolment__cohort__programme__title", "enrolment__cohort_id"
        )
    )
