"""The demo's planted broken and moved links are found by the link checker, on its own local server:
`lksw check_links --demo` answers the demo catalogue's host itself and reaches nothing outside."""

from io import StringIO

import pytest
from django.core.management import call_command

from lksworkforce.learning.demo.phrases import DEMO_URL_ROOT, GONE_PREFIX, MOVED_PREFIX
from lksworkforce.learning.models import LinkCheck, Resource, Suggestion
from lksworkforce.learning.vocabulary import LinkOutcome, SuggestionKind, SuggestionStatus


@pytest.mark.django_db
def test_the_link_checker_finds_the_demo_catalogues_planted_links() -> None:
    call_command("seed_demo", stdout=StringIO(), stderr=StringIO())
    published = Resource.objects.published()
    gone = set(published.filter(url__startswith=f"{DEMO_URL_ROOT}{GONE_PREFIX}").values_list("pk", flat=True))
    moved = set(published.filter(url__startswith=f"{DEMO_URL_ROOT}{MOVED_PREFIX}").values_list("pk", flat=True))
    assert gone, "the demo plants broken links among published resources"
    assert moved, "the demo plants moved links among published resources"

    out = StringIO()
    call_command("check_links", "--demo", stdout=out)
    checks = dict(LinkCheck.objects.values_list("resource_id", "outcome"))
    assert {pk for pk, outcome in checks.items() if outcome == LinkOutcome.BROKEN} == gone
    assert {pk for pk, outcome in checks.items() if outcome == LinkOutcome.MOVED} == moved
    assert len(checks) == published.count()
    waiting = Suggestion.objects.filter(status=SuggestionStatus.WAITING)
    assert set(waiting.filter(kind=SuggestionKind.BROKEN_LINK).values_list("resource_id", flat=True)) >= gone
    assert set(waiting.filter(kind=SuggestionKind.MOVED_LINK).values_list("resource_id", flat=True)) == moved
    assert f"Broken: {len(gone)}" in out.getvalue()

    call_command("check_links", "--demo", stdout=StringIO())  # a second run queues nothing again
    assert waiting.filter(kind=SuggestionKind.MOVED_LINK).count() == len(moved)
