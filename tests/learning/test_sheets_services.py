"""Curating the resource sheets: order kept 1..n with no gaps, the first edit creates the sheet,
every change claims the sheet's version (a stale one changes nothing) and is audited, and bad
input is refused whole."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from lksworkforce.core.concurrency import MissingVersionError, StaleEdit
from lksworkforce.core.models import AuditEvent
from lksworkforce.core.problems import Rejected
from lksworkforce.learning.models import ResourceSheet, SheetEntry
from lksworkforce.learning.services import sheets as services
from lksworkforce.learning.services.sheets import EntryInput
from lksworkforce.learning.vocabulary import ResourceStatus, SheetKind
from tests.conftest import World
from tests.factories import UserFactory
from tests.learning.sheets_support import positions_on, resource, sheet_with, titles_on

ACTIVITIES = SheetKind.ACTIVITIES


def _version(kind: SheetKind = ACTIVITIES) -> int:
    sheet = ResourceSheet.objects.filter(kind=kind).first()
    return sheet.edit_version if sheet else 0


def _entry_of(title: str) -> int:
    return SheetEntry.objects.get(resource__title=title).pk


def test_the_first_edit_creates_the_sheet_with_its_default_title(world: World) -> None:
    assert not ResourceSheet.objects.exists()
    shelving = resource("Shelf-reading checklist")
    services.sheet_entry_add(
        kind=ACTIVITIES, resource_id=shelving.pk, note="A quiet day's task", expected_version=0, actor=world.curator
    )
    sheet = ResourceSheet.objects.get(kind=ACTIVITIES)
    assert sheet.title == "Activities for home or while the service is closed"
    assert sheet.edit_version == 1
    assert titles_on(ACTIVITIES) == ["Shelf-reading checklist"]
    assert SheetEntry.objects.get().note == "A quiet day's task"


def test_a_second_first_edit_is_stale(world: World) -> None:
    services.sheet_describe(kind=ACTIVITIES, title="At home", introduction="", expected_version=0, actor=world.curator)
    with pytest.raises(StaleEdit):
        services.sheet_describe(
            kind=ACTIVITIES, title="Somewhere else", introduction="", expected_version=0, actor=world.curator
        )
    assert ResourceSheet.objects.get().title == "At home"


def test_adding_moving_and_removing_keep_positions_one_to_n(world: World) -> None:
    a, b, c, d = (resource(t) for t in ("Alpha", "Bravo", "Charlie", "Delta"))
    for r in (a, b, c, d):
        services.sheet_entry_add(
            kind=ACTIVITIES, resource_id=r.pk, note="", expected_version=_version(), actor=world.curator
        )
    assert titles_on(ACTIVITIES) == ["Alpha", "Bravo", "Charlie", "Delta"]
    services.sheet_entry_move(
        kind=ACTIVITIES, entry_id=_entry_of("Charlie"), direction="up", expected_version=_version(), actor=world.curator
    )
    assert titles_on(ACTIVITIES) == ["Alpha", "Charlie", "Bravo", "Delta"]
    services.sheet_entry_move(
        kind=ACTIVITIES, entry_id=_entry_of("Alpha"), direction="down", expected_version=_version(), actor=world.curator
    )
    assert titles_on(ACTIVITIES) == ["Charlie", "Alpha", "Bravo", "Delta"]
    services.sheet_entry_move(  # the top one cannot go higher: nothing moves
        kind=ACTIVITIES, entry_id=_entry_of("Charlie"), direction="up", expected_version=_version(), actor=world.curator
    )
    assert titles_on(ACTIVITIES) == ["Charlie", "Alpha", "Bravo", "Delta"]
    services.sheet_entry_remove(
        kind=ACTIVITIES, entry_id=_entry_of("Alpha"), expected_version=_version(), actor=world.curator
    )
    assert titles_on(ACTIVITIES) == ["Charlie", "Bravo", "Delta"]
    assert positions_on(ACTIVITIES) == [1, 2, 3]
    assert a.sheet_entries.count() == 0
    assert a.__class__.objects.filter(pk=a.pk).exists()


class MovesKeepTheOrderWhole(TestCase):
    """Whatever the moves and removals, the sheet holds what is left, at positions 1..n."""

    @settings(max_examples=25, deadline=None)
    @given(
        st.lists(
            st.tuples(st.sampled_from(["up", "down", "remove"]), st.integers(min_value=0, max_value=5)), max_size=12
        )
    )
    def test_moves(self, steps: list[tuple[str, int]]) -> None:
        curator = UserFactory.create(email="curator-moves@example.nhs.uk")
        titles = [f"Resource {n}" for n in range(6)]
        sheet_with(ACTIVITIES, *(resource(t) for t in titles))
        expected_order = list(titles)
        for step, index in steps:
            if not expected_order:
                break
            title = expected_order[index % len(expected_order)]
            at = expected_order.index(title)
            if step == "remove":
                services.sheet_entry_remove(
                    kind=ACTIVITIES, entry_id=_entry_of(title), expected_version=_version(), actor=curator
                )
                expected_order.remove(title)
            else:
                services.sheet_entry_move(
                    kind=ACTIVITIES,
                    entry_id=_entry_of(title),
                    direction="up" if step == "up" else "down",
                    expected_version=_version(),
                    actor=curator,
                )
                other = at - 1 if step == "up" else at + 1
                if 0 <= other < len(expected_order):
                    expected_order[at], expected_order[other] = expected_order[other], expected_order[at]
            assert titles_on(ACTIVITIES) == expected_order
            assert positions_on(ACTIVITIES) == list(range(1, len(expected_order) + 1))


def test_every_change_claims_the_version_and_a_stale_one_changes_nothing(world: World) -> None:
    a, b = resource("Alpha"), resource("Bravo")
    sheet = sheet_with(ACTIVITIES, a, b, title="At home")
    seen = sheet.edit_version
    services.sheet_entry_move(
        kind=ACTIVITIES, entry_id=_entry_of("Bravo"), direction="up", expected_version=seen, actor=world.curator
    )
    assert _version() == seen + 1
    for change in (
        lambda: services.sheet_entry_move(
            kind=ACTIVITIES, entry_id=_entry_of("Alpha"), direction="up", expected_version=seen, actor=world.curator
        ),
        lambda: services.sheet_entry_remove(
            kind=ACTIVITIES, entry_id=_entry_of("Alpha"), expected_version=seen, actor=world.curator
        ),
        lambda: services.sheet_entry_note(
            kind=ACTIVITIES, entry_id=_entry_of("Alpha"), note="Mine", expected_version=seen, actor=world.curator
        ),
        lambda: services.sheet_entry_add(
            kind=ACTIVITIES, resource_id=resource("Charlie").pk, note="", expected_version=seen, actor=world.curator
        ),
        lambda: services.sheet_replace(
            kind=ACTIVITIES, entries=[EntryInput(a.pk)], expected_version=seen, actor=world.curator
        ),
    ):
        with pytest.raises(StaleEdit):
            change()
    assert titles_on(ACTIVITIES) == ["Bravo", "Alpha"]
    assert SheetEntry.objects.get(resource=a).note == "Note for Alpha"
    assert _version() == seen + 1


def test_a_stale_title_says_what_was_sent_beside_what_is_saved(world: World) -> None:
    sheet = sheet_with(ACTIVITIES, title="At home")
    services.sheet_describe(
        kind=ACTIVITIES, title="Closed days", introduction="", expected_version=sheet.edit_version, actor=world.curator
    )
    with pytest.raises(StaleEdit) as refused:
        services.sheet_describe(
            kind=ACTIVITIES, title="Mine", introduction="", expected_version=sheet.edit_version, actor=world.curator
        )
    assert [(c.label, c.yours, c.saved) for c in refused.value.changes] == [("Title", "Mine", "Closed days")]


def test_changes_are_audited(world: World) -> None:
    a = resource("Alpha")
    services.sheet_entry_add(kind=ACTIVITIES, resource_id=a.pk, note="", expected_version=0, actor=world.curator)
    services.sheet_entry_note(
        kind=ACTIVITIES, entry_id=_entry_of("Alpha"), note="Start here", expected_version=1, actor=world.curator
    )
    services.sheet_describe(
        kind=ACTIVITIES, title="At home", introduction="Hi", expected_version=2, actor=world.curator
    )
    services.sheet_replace(kind=ACTIVITIES, entries=[], expected_version=3, actor=world.curator)
    events = list(AuditEvent.objects.filter(object_type="learning.resourcesheet").order_by("id"))
    assert [e.action for e in events] == [
        "learning.sheet_entry_added",
        "learning.sheet_entry_note_changed",
        "learning.sheet_described",
        "learning.sheet_replaced",
    ]
    assert {e.actor_id for e in events} == {world.curator.pk}
    assert events[1].changes["note"] == ["", "Start here"]


def test_only_published_resources_go_on_a_sheet(world: World) -> None:
    draft, retired = (
        resource("Draft one", status=ResourceStatus.DRAFT),
        resource("Old one", status=ResourceStatus.RETIRED),
    )
    for unpublished in (draft, retired):
        with pytest.raises(Rejected) as refused:
            services.sheet_entry_add(
                kind=ACTIVITIES, resource_id=unpublished.pk, note="", expected_version=0, actor=world.curator
            )
        assert refused.value.problems[0].field == "resource_id"
    assert not ResourceSheet.objects.exists()


def test_a_resource_is_on_a_sheet_once(world: World) -> None:
    a = resource("Alpha")
    sheet = sheet_with(ACTIVITIES, a)
    with pytest.raises(Rejected, match="not added"):
        services.sheet_entry_add(
            kind=ACTIVITIES, resource_id=a.pk, note="", expected_version=sheet.edit_version, actor=world.curator
        )
    # The same resource can be on the other sheet.
    services.sheet_entry_add(kind=SheetKind.CPD, resource_id=a.pk, note="", expected_version=0, actor=world.curator)
    assert titles_on(SheetKind.CPD) == ["Alpha"]


def test_replacing_lists_every_problem_and_changes_nothing(world: World) -> None:
    a, draft = resource("Alpha"), resource("Draft", status=ResourceStatus.DRAFT)
    sheet = sheet_with(ACTIVITIES, a, title="At home")
    with pytest.raises(Rejected) as refused:
        services.sheet_replace(
            kind=ACTIVITIES,
            entries=[
                EntryInput(a.pk),
                EntryInput(a.pk),
                EntryInput(draft.pk),
                EntryInput(999_999),
                EntryInput(a.pk, "x" * 301),
            ],
            expected_version=sheet.edit_version,
            actor=world.curator,
            title="   ",
            introduction="Bad \x00 text",
        )
    fields = [p.field for p in refused.value.problems]
    assert fields == [
        "title",
        "introduction",
        "entries.1.resource_id",
        "entries.2.resource_id",
        "entries.3.resource_id",
        "entries.4.resource_id",
        "entries.4.note",
    ]
    assert titles_on(ACTIVITIES) == ["Alpha"]
    assert _version() == sheet.edit_version


def test_replacing_sets_the_order_and_notes(world: World) -> None:
    a, b, c = resource("Alpha"), resource("Bravo"), resource("Charlie")
    sheet = sheet_with(ACTIVITIES, a, b, title="At home")
    services.sheet_replace(
        kind=ACTIVITIES,
        entries=[EntryInput(c.pk, " First "), EntryInput(a.pk)],
        expected_version=sheet.edit_version,
        actor=world.curator,
    )
    assert titles_on(ACTIVITIES) == ["Charlie", "Alpha"]
    assert positions_on(ACTIVITIES) == [1, 2]
    assert SheetEntry.objects.get(resource=c).note == "First"
    assert ResourceSheet.objects.get().title == "At home"  # not sent: kept


def test_a_change_without_a_version_is_refused(world: World) -> None:
    with pytest.raises(MissingVersionError):
        services.sheet_describe(
            kind=ACTIVITIES, title="At home", introduction="", expected_version=None, actor=world.curator
        )
    assert not ResourceSheet.objects.exists()
