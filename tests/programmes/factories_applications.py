"""Factories for the applications part's tests: cohorts whose window is open today (or has closed),
a leadership programme with a panel and manager support, and an application scored by the panel.
Dates are relative to today, so the tests hold on any day."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from lksworkforce.accounts.models import User
from lksworkforce.programmes.models import Application, Cohort, Programme
from lksworkforce.programmes.vocabulary import ApplicationStatus, ProgrammeKind
from tests.programmes.factories import CohortFactory, ProgrammeFactory, apply


def leadership(**fields: Any) -> Programme:
    values: dict[str, Any] = {
        "kind": ProgrammeKind.LEADERSHIP.value,
        "needs_manager_support": True,
        "selection_criteria": ["Motivation", "Evidence of impact"],
    }
    return ProgrammeFactory.create(**(values | fields))


def skills(**fields: Any) -> Programme:
    return ProgrammeFactory.create(**({"selection_criteria": []} | fields))


def open_cohort(programme: Programme | None = None, **fields: Any) -> Cohort:
    today = timezone.localdate()
    values: dict[str, Any] = {
        "applications_open_on": today - timedelta(days=10),
        "applications_close_on": today + timedelta(days=10),
        "starts_on": today + timedelta(days=40),
        "ends_on": today + timedelta(days=120),
    }
    if programme is not None:
        values["programme"] = programme
    return CohortFactory.create(**(values | fields))


def closed_cohort(programme: Programme | None = None, **fields: Any) -> Cohort:
    today = timezone.localdate()
    return open_cohort(
        programme,
        **({"applications_open_on": today - timedelta(days=30), "applications_close_on": today - timedelta(days=1)}
           | fields),
    )  # fmt: skip


def scored(cohort: Cohort, person: User, score: str, **fields: Any) -> Application:
    values: dict[str, Any] = {"status": ApplicationStatus.SUBMITTED.value, "score": Decimal(score)}
    return apply(cohort, person, **(values | fields))
