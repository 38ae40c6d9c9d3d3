"""Suggestions and the curators' decisions, through the services: every decision, what it changes in
the catalogue, the audit, the optimistic lock, and that a decided suggestion stays decided."""

import datetime as dt

import pytest

from lksworkforce.core.concurrency import MissingVersionError, StaleEdit
from lksworkforce.core.models import AuditEvent
from lksworkforce.core.problems import Rejected
from lksworkforce.learning.models import Resource, SheetEntry, Suggestion, Teaches
from lksworkforce.learning.presenters.queue import outcome
from lksworkforce.learning.services.decisions import AlreadyDecided, DecisionInput, ResourceEdits, decide
from lksworkforce.learning.services.suggestions import SuggestionInput, suggestion_send
from lksworkforce.learning.vocabulary import ResourceStatus, SuggestionKind, SuggestionStatus
from lksworkforce.skills import services as skills_services
from lksworkforce.skills.framework_file import parse_framework
from lksworkforce.skills.models import SubArea
from tests.conftest import World
from tests.learning.queue_factories import resource, sheet
from tests.skills.routes import FRAMEWORK

pytestmark = pytest.mark.django_db

NEW = SuggestionInput(
    kind="new_resource",
    title="Evidence summaries in practice",
    url="https://learning.example.invalid/evidence-summaries",
    description="A short course on writing evidence summaries.",
    resource_kind="e_learning",
    why="Our team found it useful.",
)


def reasons(rejected: pytest.ExceptionInfo[Rejected]) -> dict[str | None, str]:
    return {p.field: p.reason for p in rejected.value.problems}


def test_a_new_resource_suggestion_is_accepted_as_a_draft_with_edits_and_what_it_teaches(world: World) -> None:
    framework = skills_services.framework_load(spec=parse_framework(FRAMEWORK))
    searching = SubArea.objects.get(framework=framework, number="1.1")
    suggestion = suggestion_send(person=world.staff, entry=NEW)
    assert outcome(suggestion) == "Waiting for a curator"
    edits = ResourceEdits(title="Writing evidence summaries", provider="NHS Library", teaches=(searching.pk,))
    decided = decide(suggestion=suggestion, actor=world.curator, entry=DecisionInput("accept", 1, edits=edits))
    made = Resource.objects.get()
    assert (made.title, made.url, made.status, made.provider) == (
        "Writing evidence summaries",
        NEW.url,
        ResourceStatus.DRAFT,
        "NHS Library",
    )
    assert made.description == NEW.description
    assert list(Teaches.objects.values_list("sub_area_id", flat=True)) == [searching.pk]
    assert (decided.status, decided.outcome_resource, decided.decided_by, decided.edit_version) == (
        SuggestionStatus.ACCEPTED,
        made,
        world.curator,
        2,
    )
    assert outcome(decided) == "Accepted: added to the catalogue as Writing evidence summaries (being prepared)"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"learning.suggestion.sent", "learning.suggestion.accept", "learning.resource.created"} <= actions


def test_accept_and_publish(world: World) -> None:
    suggestion = suggestion_send(person=world.staff, entry=NEW)
    decide(
        suggestion=suggestion, actor=world.curator, entry=DecisionInput("accept", 1, edits=ResourceEdits(publish=True))
    )
    assert Resource.objects.get().status == ResourceStatus.PUBLISHED


def test_decline_needs_a_reason_and_the_suggester_reads_it(world: World) -> None:
    suggestion = suggestion_send(person=world.staff, entry=NEW)
    with pytest.raises(Rejected) as refused:
        decide(suggestion=suggestion, actor=world.curator, entry=DecisionInput("decline", 1, reason="  "))
    assert reasons(refused) == {"reason": "Say why it is declined: the suggester reads it"}
    assert Suggestion.objects.get().status == SuggestionStatus.WAITING
    decided = decide(
        suggestion=suggestion, actor=world.curator, entry=DecisionInput("decline", 1, reason="It is paid-for only.")
    )
    assert outcome(decided) == "Declined: It is paid-for only."
    assert not Resource.objects.exists()


def test_merge_into_an_existing_resource(world: World) -> None:
    held = resource("Evidence summaries in practice", "https://www.learning.example.invalid/evidence-summaries/")
    suggestion = suggestion_send(person=world.staff, entry=NEW)
    with pytest.raises(Rejected) as refused:
        decide(suggestion=suggestion, actor=world.curator, entry=DecisionInput("merge", 1))
    assert reasons(refused) == {"resource_id": "Choose the resource it duplicates"}
    decided = decide(suggestion=suggestion, actor=world.curator, entry=DecisionInput("merge", 1, resource_id=held.pk))
    assert (decided.status, decided.outcome_resource) == (SuggestionStatus.MERGED, held)
    assert outcome(decided) == "Already in the catalogue as Evidence summaries in practice"
    assert Resource.objects.count() == 1


def test_a_decided_suggestion_cannot_be_decided_again(world: World) -> None:
    suggestion = suggestion_send(person=world.staff, entry=NEW)
    decide(suggestion=suggestion, actor=world.curator, entry=DecisionInput("decline", 1, reason="Out of scope"))
    with pytest.raises(AlreadyDecided) as again:
        decide(suggestion=suggestion, actor=world.curator, entry=DecisionInput("accept", 2))
    assert str(again.value).startswith("This suggestion was already declined on ")
    assert "cannot be decided again" in str(again.value)
    assert not Resource.objects.exists()


def test_a_decision_from_an_old_version_is_refused_and_nothing_changes(world: World) -> None:
    suggestion = suggestion_send(person=world.staff, entry=NEW)
    Suggestion.objects.filter(pk=suggestion.pk).update(edit_version=5)
    with pytest.raises(StaleEdit):
        decide(suggestion=suggestion, actor=world.curator, entry=DecisionInput("accept", 1))
    assert not Resource.objects.exists()
    assert Suggestion.objects.get().status == SuggestionStatus.WAITING
    with pytest.raises(MissingVersionError):
        decide(suggestion=suggestion, actor=world.curator, entry=DecisionInput("accept", None))


def test_a_decision_the_kind_does_not_take_is_refused(world: World) -> None:
    suggestion = suggestion_send(person=world.staff, entry=NEW)
    for wrong in ("retire", "delete", ""):
        with pytest.raises(Rejected) as refused:
            decide(suggestion=suggestion, actor=world.curator, entry=DecisionInput(wrong, 1))
        assert reasons(refused) == {"decision": "Choose one of: accept, decline, merge"}


def test_a_sheet_addition_is_added_at_the_end_of_the_sheet(world: World) -> None:
    cpd = sheet()
    first, second = resource("First on the sheet"), resource("Suggested for the sheet")
    SheetEntry.objects.create(sheet=cpd, resource=first, position=1)
    suggestion = suggestion_send(
        person=world.staff,
        entry=SuggestionInput(kind="sheet_addition", resource_id=second.pk, sheet_id=cpd.pk, why="Good for band 3"),
    )
    decided = decide(suggestion=suggestion, actor=world.curator, entry=DecisionInput("accept", 1))
    assert list(cpd.entries.values_list("resource__title", "position", "note")) == [
        ("First on the sheet", 1, ""),
        ("Suggested for the sheet", 2, "Good for band 3"),
    ]
    assert outcome(decided) == f"Accepted: added to {cpd.title}"
    again = suggestion_send(
        person=world.colleague, entry=SuggestionInput(kind="sheet_addition", resource_id=second.pk, sheet_id=cpd.pk)
    )
    with pytest.raises(Rejected) as refused:
        decide(suggestion=again, actor=world.curator, entry=DecisionInput("accept", 1))
    assert reasons(refused) == {"resource_id": "Suggested for the sheet is already on this sheet"}


def test_a_sheet_addition_by_address_needs_the_curator_to_choose_the_resource(world: World) -> None:
    cpd = sheet()
    suggestion = suggestion_send(
        person=world.staff, entry=SuggestionInput(kind="sheet_addition", url="https://x.invalid/new", sheet_id=cpd.pk)
    )
    with pytest.raises(Rejected) as refused:
        decide(suggestion=suggestion, actor=world.curator, entry=DecisionInput("accept", 1))
    assert reasons(refused) == {"resource_id": "Choose the catalogue's resource to add to the sheet"}
    chosen = resource("Added first by a curator", "https://x.invalid/new")
    decide(suggestion=suggestion, actor=world.curator, entry=DecisionInput("accept", 1, resource_id=chosen.pk))
    assert list(cpd.entries.values_list("resource__title", flat=True)) == ["Added first by a curator"]


def test_a_correction_changes_only_what_the_curator_gives(world: World) -> None:
    wrong = resource("Lean thinkng", "https://x.invalid/lean")
    suggestion = suggestion_send(
        person=world.staff, entry=SuggestionInput(kind="correction", resource_id=wrong.pk, why="Thinking is misspelt")
    )
    decide(
        suggestion=suggestion,
        actor=world.curator,
        entry=DecisionInput("accept", 1, edits=ResourceEdits(title="Lean thinking")),
    )
    wrong.refresh_from_db()
    assert (wrong.title, wrong.url, wrong.edit_version) == ("Lean thinking", "https://x.invalid/lean", 2)
    changed = AuditEvent.objects.get(action="learning.resource.changed")
    assert changed.changes == {"title": ["Lean thinkng", "Lean thinking"]}


def test_a_broken_link_is_mended_with_a_new_address_or_retired(world: World) -> None:
    mended, retired = resource("Mended", "https://x.invalid/gone"), resource("Retired", "https://x.invalid/gone2")
    report = suggestion_send(person=world.staff, entry=SuggestionInput(kind="broken_link", resource_id=mended.pk))
    with pytest.raises(Rejected) as refused:
        decide(suggestion=report, actor=world.curator, entry=DecisionInput("accept", 1))
    assert reasons(refused) == {"url": "Give the resource's working web address"}
    with pytest.raises(Rejected) as refused:
        decide(
            suggestion=report,
            actor=world.curator,
            entry=DecisionInput("accept", 1, edits=ResourceEdits(url="javascript:alert(1)")),
        )
    assert reasons(refused) == {"url": "Give a web address starting with https:// or http://"}
    decide(
        suggestion=report,
        actor=world.curator,
        entry=DecisionInput("accept", 1, edits=ResourceEdits(url="https://x.invalid/here")),
    )
    other = suggestion_send(person=world.staff, entry=SuggestionInput(kind="broken_link", resource_id=retired.pk))
    decided = decide(suggestion=other, actor=world.curator, entry=DecisionInput("retire", 1))
    mended.refresh_from_db()
    retired.refresh_from_db()
    assert mended.url == "https://x.invalid/here"
    assert retired.status == ResourceStatus.RETIRED
    assert outcome(decided) == "Accepted. The resource was retired."


def test_a_moved_link_is_accepted_at_its_new_address(world: World) -> None:
    moved = resource("Moved", "https://x.invalid/old")
    item = Suggestion.objects.create(kind=SuggestionKind.MOVED_LINK, resource=moved, url="https://x.invalid/new")
    decide(suggestion=item, actor=world.curator, entry=DecisionInput("accept", 1))
    moved.refresh_from_db()
    assert moved.url == "https://x.invalid/new"


def test_a_review_is_accepted_with_the_next_review_date(world: World) -> None:
    due = resource("Due", review_due_on=dt.date(2026, 1, 1))
    item = Suggestion.objects.create(kind=SuggestionKind.REVIEW_DUE, resource=due)
    decide(suggestion=item, actor=world.curator, entry=DecisionInput("accept", 1, review_due_on=dt.date(2027, 3, 31)))
    due.refresh_from_db()
    assert due.review_due_on == dt.date(2027, 3, 31)


def test_a_no_offer_item_is_noted(world: World) -> None:
    item = Suggestion.objects.create(kind=SuggestionKind.NO_OFFER, title="3.8 Critical appraisal")
    decided = decide(
        suggestion=item, actor=world.curator, entry=DecisionInput("accept", 1, reason="Commissioning a webinar")
    )
    assert outcome(decided) == "Accepted. Commissioning a webinar"
