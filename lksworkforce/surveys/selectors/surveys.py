"""Which surveys there are, who may see them, and the cycle each is compared with."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Count, QuerySet
from django.utils import timezone

from lksworkforce.accounts.viewers import AnyViewer
from lksworkforce.surveys.models import (
    Response,
    Survey,
)


def surveys_visible_to(user: AnyViewer) -> QuerySet[Survey]:
    return Survey.objects.visible_to(user).select_related("compare_with")


def survey_visible_to(user: AnyViewer, key: str) -> Survey | None:
    return surveys_visible_to(user).filter(key=key).first()


def survey_keys() -> list[str]:
    """Every survey's key, for commands that name what exists when asked for what does not."""
    return list(Survey.objects.order_by("key").values_list("key", flat=True))


def survey_by_key(key: str) -> Survey | None:
    """For the survey form (anyone may answer) and the national team's commands."""
    return Survey.objects.select_related("needs_question", "compare_with").filter(key=key).first()


def response_counts(surveys: Iterable[Survey]) -> dict[int, int]:
    ids = [s.pk for s in surveys]
    rows = Response.objects.submitted().filter(survey_id__in=ids).values("survey_id").annotate(n=Count("id"))
    return {row["survey_id"]: row["n"] for row in rows}


def previous_cycle(survey: Survey) -> Survey | None:
    """The cycle a survey is compared with: the one its definition names, else the latest earlier cycle."""
    if survey.compare_with_id:
        return survey.compare_with
    return Survey.objects.filter(cycle__lt=survey.cycle).order_by("-cycle", "key").first()


def today() -> date:
    return timezone.localdate()


def open_surveys(day: date) -> QuerySet[Survey]:
    return Survey.objects.open_on(day)


def closed_surveys(day: date) -> QuerySet[Survey]:
    return Survey.objects.filter(closes_on__lt=day)
