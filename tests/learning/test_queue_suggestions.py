"""Sending a suggestion: each kind, every problem at once (nothing saved), hostile input, and what
the duplicate check finds in the catalogue and the waiting queue."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from lksworkforce.core.problems import Rejected
from lksworkforce.learning.models import Suggestion
from lksworkforce.learning.selectors.queue import duplicates_for
from lksworkforce.learning.services.suggestions import SuggestionInput, suggestion_send
from lksworkforce.learning.vocabulary import ResourceStatus, SuggestionKind
from tests.conftest import World
from tests.factories import UserFactory
from tests.learning.queue_factories import resource, sheet


def reasons(rejected: pytest.ExceptionInfo[Rejected]) -> dict[str | None, str]:
    return {p.field: p.reason for p in rejected.value.problems}


@pytest.mark.django_db
def test_a_new_resource_with_every_problem_says_each_and_saves_nothing(world: World) -> None:
    with pytest.raises(Rejected) as refused:
        suggestion_send(
            person=world.staff,
            entry=SuggestionInput(kind="new_resource", url="ftp://x", resource_kind="book", why="x" * 2001),
        )
    assert reasons(refused) == {
        "why": "Write at most 2,000 characters",
        "title": "Give the resource's title",
        "resource_kind": "Choose what kind of resource it is",
        "url": "Give a web address starting with https:// or http://",
    }
    assert refused.value.subject == "The suggestion was not sent"
    assert not Suggestion.objects.exists()


@pytest.mark.django_db
def test_reports_about_a_resource_need_one_people_can_see(world: World) -> None:
    draft = resource("Not yet published", status=ResourceStatus.DRAFT)
    with pytest.raises(Rejected) as refused:
        suggestion_send(person=world.staff, entry=SuggestionInput(kind="correction"))
    assert reasons(refused) == {
        "resource": "Say which resource this is about",
        "why": "Say what is wrong and what it should say",
    }
    with pytest.raises(Rejected) as refused:
        suggestion_send(person=world.staff, entry=SuggestionInput(kind="broken_link", resource_id=draft.pk))
    assert reasons(refused) == {"resource": "No such resource in the catalogue"}


@pytest.mark.django_db
def test_people_cannot_raise_what_only_the_service_raises(world: World) -> None:
    for kind in ("moved_link", "review_due", "no_offer", "anything"):
        with pytest.raises(Rejected) as refused:
            suggestion_send(person=world.staff, entry=SuggestionInput(kind=kind, title="x"))
        assert reasons(refused) == {"kind": "Choose what you are suggesting"}


@pytest.mark.django_db
def test_each_kind_is_saved_with_the_suggester(world: World) -> None:
    about, cpd = resource("Literature searching basics"), sheet()
    suggestion_send(person=world.staff, entry=SuggestionInput(kind="broken_link", resource_id=about.pk))
    suggestion_send(
        person=world.staff, entry=SuggestionInput(kind="sheet_addition", resource_id=about.pk, sheet_id=cpd.pk)
    )
    saved = list(Suggestion.objects.order_by("pk").values_list("kind", "title", "suggested_by", "sheet"))
    assert saved == [
        (SuggestionKind.BROKEN_LINK, "Literature searching basics", world.staff.pk, None),
        (SuggestionKind.SHEET_ADDITION, "Literature searching basics", world.staff.pk, cpd.pk),
    ]


@pytest.mark.django_db
def test_duplicates_are_found_by_address_and_title_in_the_catalogue_and_the_queue(world: World) -> None:
    resource("Critical appraisal: an introduction", "https://www.appraisal.example.invalid/intro/")
    resource("Unrelated course", "https://other.example.invalid/")
    suggestion_send(
        person=world.colleague,
        entry=SuggestionInput(
            kind="new_resource", title="Lean thinking for libraries", url="https://lean.invalid/a", resource_kind="mooc"
        ),
    )
    by_url = duplicates_for("Something new", "http://appraisal.example.invalid/intro?utm_source=mail")
    by_title = duplicates_for("Lean Thinking for Libraries!", "https://elsewhere.invalid/")
    assert [(d.candidate.title, d.candidate.where, d.because) for d in by_url] == [
        ("Critical appraisal: an introduction", "catalogue", "the same web address")
    ]
    assert [(d.candidate.title, d.candidate.where, d.because) for d in by_title] == [
        ("Lean thinking for libraries", "queue", "a very similar title")
    ]
    assert duplicates_for("Brand new", "https://brand-new.invalid/") == []


HOSTILE = st.text(st.characters(codec="utf-8"), max_size=400) | st.sampled_from(
    ["\x00", "<script>alert(1)</script>", "' OR 1=1 --", "\U0001d54f" * 300, "%00", "../../etc/passwd"]
)


class TestHostileInput(TestCase):
    """Whatever is sent, the service saves it or refuses it with problems: it never fails."""

    @settings(max_examples=60, deadline=None)
    @given(
        kind=st.sampled_from(["new_resource", "sheet_addition", "correction", "broken_link", "x"]),
        title=HOSTILE,
        url=HOSTILE,
        why=HOSTILE,
    )
    def test_anything_sent_is_saved_or_refused(self, kind: str, title: str, url: str, why: str) -> None:
        person = UserFactory.create()
        entry = SuggestionInput(kind=kind, title=title, url=url, why=why, resource_kind="mooc")
        refused: Rejected | None = None
        try:
            saved = suggestion_send(person=person, entry=entry)
        except Rejected as rejected:
            refused = rejected
        if refused is not None:
            assert refused.problems
        else:
            assert "\x00" not in saved.title + saved.url + saved.details
        duplicates_for(title, url)
