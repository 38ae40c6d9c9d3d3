"""lksw programme_daily: lapsed offers move the waiting list up; ended cohorts' places are decided;
follow-ups are scheduled; a second run the same day changes nothing; a bad --today exits 2."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from lksworkforce.core.models import AuditEvent
from lksworkforce.programmes.models import Application, FollowUp
from lksworkforce.programmes.vocabulary import ApplicationStatus as S
from tests.conftest import World
from tests.programmes.factories import apply, enrol
from tests.programmes.factories_applications import closed_cohort, leadership, scored
from tests.programmes.factories_attendance import cohort_with_sessions

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    err = io.StringIO()
    call_command("programme_daily", *args, stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def test_a_lapsed_offer_goes_to_the_best_on_the_waiting_list(world: World) -> None:
    cohort = closed_cohort(leadership(), capacity=1)
    late = apply(cohort, world.staff, status=S.OFFERED, reply_by=timezone.localdate() - timedelta(days=1))
    second = scored(cohort, world.colleague, "6", status=S.WAITING)
    third = scored(cohort, world.outsider, "4", status=S.WAITING)
    assert "1 offer lapsed" in _run()
    statuses = dict(Application.objects.filter(cohort=cohort).values_list("pk", "status"))
    assert statuses == {late.pk: S.DECLINED, second.pk: S.OFFERED, third.pk: S.WAITING}
    assert AuditEvent.objects.filter(action="programmes.offer_lapsed").count() == 1
    assert "0 offers lapsed" in _run()  # nothing more the same day
    assert dict(Application.objects.filter(cohort=cohort).values_list("pk", "status")) == statuses


def test_places_on_ended_cohorts_are_decided(world: World) -> None:
    cohort, _sessions = cohort_with_sessions()  # four sessions; ended on 26 June 2026, nobody marked present
    place = enrol(cohort, world.staff)
    assert "1 place on ended cohorts marked completed or not" in _run()
    place.refresh_from_db()
    assert place.status == "not_completed"  # no attendance recorded
    assert FollowUp.objects.filter(enrolment=place).exists()  # the behaviour follow-up is scheduled too


def test_a_bad_day_exits_2() -> None:
    with pytest.raises(CommandError) as raised:
        _run("--today", "15/3/2026")
    assert raised.value.returncode == 2
    assert "--today must be a date like 2026-03-15" in str(raised.value)
