"""A link-check run over the catalogue: what it records, what it puts on the curators' queue (once),
resources past their review date, `lksw check_links` (and --demo), and the scheduled task."""

import datetime as dt
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from lksworkforce.core.models import AuditEvent
from lksworkforce.learning import tasks
from lksworkforce.learning.linkcheck import CheckSettings, routed_to
from lksworkforce.learning.linkcheck_demo import DEMO_ORIGIN
from lksworkforce.learning.models import LinkCheck, Suggestion
from lksworkforce.learning.services.link_checks import link_check_run
from lksworkforce.learning.vocabulary import LinkOutcome, ResourceStatus, SuggestionStatus
from tests.learning.queue_factories import resource
from tests.learning.queue_web import local_web

pytestmark = pytest.mark.django_db

FAST = CheckSettings(concurrency=4, timeout=1.0, per_host_delay=0.0, user_agent="TestChecker/1.0")
HOST = "links.invalid"
QUICK = {"concurrency": 4, "timeout": 0.5, "per_host_delay": 0.0, "user_agent": "TestChecker/1.0", "every_hours": 24}


def queued() -> list[tuple[str, str, str]]:
    return sorted(
        (s.kind, s.resource.title if s.resource else "", s.url)
        for s in Suggestion.objects.filter(status=SuggestionStatus.WAITING, suggested_by=None).select_related(
            "resource"
        )
    )


def test_a_run_records_every_published_link_and_queues_broken_and_moved_once() -> None:
    resource("Working", f"https://{HOST}/ok")
    resource("Missing", f"https://{HOST}/missing")
    resource("Moved", f"https://{HOST}/old")
    resource("Draft, not checked", f"https://{HOST}/missing", status=ResourceStatus.DRAFT)
    with local_web() as web:
        route = routed_to({HOST: ("127.0.0.1", web.port)})
        first = link_check_run(route=route, check=FAST)
        second = link_check_run(route=route, check=FAST)
    assert first.checked == 3
    assert dict(first.outcomes) == {"ok": 1, "broken": 1, "moved": 1}
    assert dict(first.queued) == {"broken_link": 1, "moved_link": 1}
    assert dict(second.queued) == {}  # not again while the first items wait
    assert queued() == [("broken_link", "Missing", ""), ("moved_link", "Moved", f"https://{HOST}/new")]
    checks = {c.resource.title: (c.outcome, c.status_code) for c in LinkCheck.objects.select_related("resource")}
    assert checks == {"Working": ("ok", 200), "Missing": ("broken", 404), "Moved": ("moved", 200)}
    assert AuditEvent.objects.filter(action="learning.links_checked").count() == 2


def test_an_unanswering_host_is_queued_only_the_second_time() -> None:
    resource("Nowhere", "https://nowhere.invalid/page")
    route = routed_to({})  # never asked: unreachable
    assert dict(link_check_run(route=route, check=FAST).queued) == {}
    assert dict(link_check_run(route=route, check=FAST).queued) == {"broken_link": 1}
    assert LinkCheck.objects.get().outcome == LinkOutcome.UNREACHABLE


def test_resources_past_their_review_date_are_queued_once() -> None:
    resource("Overdue", "https://x.invalid/a", review_due_on=dt.date(2026, 1, 1))
    resource("Due today", "https://x.invalid/b", review_due_on=dt.date(2026, 6, 1))
    resource(
        "Retired and overdue", "https://x.invalid/c", status=ResourceStatus.RETIRED, review_due_on=dt.date(2020, 1, 1)
    )
    today = dt.date(2026, 6, 1)
    assert link_check_run(route=routed_to({}), check=FAST, today=today).queued["review_due"] == 1
    assert link_check_run(route=routed_to({}), check=FAST, today=today).queued["review_due"] == 0
    assert ("review_due", "Overdue", "") in queued()


@override_settings(LEARNING_LINK_CHECK=QUICK)
def test_the_command_in_demo_mode_finds_the_planted_links_and_asks_no_one_else() -> None:
    resource("Demo working", f"{DEMO_ORIGIN}/courses/searching")
    resource("Demo gone", f"{DEMO_ORIGIN}/gone/old-webinar")
    resource("Demo moved", f"{DEMO_ORIGIN}/moved/toolkits/lean")
    resource("Real host", "https://www.nhs.uk/")
    out = StringIO()
    with mock.patch("http.client.HTTPSConnection") as tls:  # a real host would need TLS: never opened
        call_command("check_links", "--demo", stdout=out)
    tls.assert_not_called()
    said = out.getvalue()
    assert "Checked 4 published resources." in said
    assert "Broken: 1" in said
    assert "Moved: 1" in said
    assert "Unreachable: 1" in said
    assert queued() == [("broken_link", "Demo gone", ""), ("moved_link", "Demo moved", f"{DEMO_ORIGIN}/toolkits/lean")]
    with pytest.raises(CommandError) as failed:
        call_command("check_links", "--demo", "--fail-on-broken", stdout=StringIO())
    assert failed.value.returncode == 1


@override_settings(LEARNING_LINK_CHECK=QUICK)
def test_the_command_succeeds_with_nothing_broken() -> None:
    resource("Demo working", f"{DEMO_ORIGIN}/courses/searching")
    out = StringIO()
    call_command("check_links", "--demo", "--fail-on-broken", stdout=out)
    assert "Put on the curators' queue: nothing new." in out.getvalue()


def test_schedule_and_demo_together_are_bad_input() -> None:
    with pytest.raises(CommandError) as refused:
        call_command("check_links", "--schedule", "--demo")
    assert refused.value.returncode == 2


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}, LEARNING_LINK_CHECK=QUICK)
def test_the_scheduled_task_queues_itself_once_and_runs_the_check() -> None:
    out = StringIO()
    call_command("check_links", "--schedule", stdout=out)
    call_command("check_links", "--schedule", stdout=out)
    assert out.getvalue().splitlines() == ["The link check is queued.", "A link check is already queued."]
    [waiting] = DBTaskResult.objects.filter(task_path=tasks.TASK_PATH)
    assert waiting.run_after > waiting.enqueued_at + dt.timedelta(hours=23)
    resource("Nowhere", "https://nowhere.invalid/page")
    with mock.patch("lksworkforce.learning.services.link_checks.direct", routed_to({})):  # no one is asked
        DBTaskResult.objects.all().delete()
        summary = tasks.links_check_on_schedule.call()
    assert summary["checked"] == 1
    assert DBTaskResult.objects.filter(task_path=tasks.TASK_PATH).count() == 1  # the next run, queued
