"""Curators edit a sheet through plain forms (no JavaScript): the title and introduction, adding
by number or from a search by title, moving, removing and the note; a stale form is refused with
what changed, a form without its version is a 400, and hostile input never fails the page."""

import pytest

from lksworkforce.learning.models import ResourceSheet, SheetEntry
from lksworkforce.learning.vocabulary import ResourceStatus, SheetKind
from tests.concurrency import opened, version_on
from tests.conftest import World, client_for
from tests.learning.sheets_support import positions_on, resource, sheet_with, titles_on
from tests.skills.conftest import error_summary, field_error, main_text, tables

ACTIVITIES = SheetKind.ACTIVITIES
EDIT = "/learning/sheets/activities/edit/"


def _version() -> int:
    sheet = ResourceSheet.objects.filter(kind=ACTIVITIES).first()
    return sheet.edit_version if sheet else 0


def _entry(title: str) -> int:
    return SheetEntry.objects.get(sheet__kind=ACTIVITIES, resource__title=title).pk


def test_a_curator_builds_a_sheet_from_nothing(world: World) -> None:
    client = client_for(world.curator)
    weeding, webinar = resource("Weeding the stock"), resource("Webinar on weeding")
    resource("Weeding draft", status=ResourceStatus.DRAFT)
    page = client.get(EDIT)
    assert page.status_code == 200
    assert 'name="edit_version" value="0"' in page.content.decode()

    response = client.post(
        EDIT, {"title": "  At home  ", "introduction": "For closed days.", "edit_version": "0"}, follow=True
    )
    assert "The title and introduction are saved." in response.content.decode()
    sheet = ResourceSheet.objects.get(kind=ACTIVITIES)
    assert (sheet.title, sheet.introduction) == ("At home", "For closed days.")

    found = main_text(client.get(EDIT, {"q": "weeding"}).content)  # a search by title: published ones only
    assert "Weeding the stock" in found
    assert "Webinar on weeding" in found
    assert "Weeding draft" not in found

    client.post(
        "/learning/sheets/activities/add/",
        {"resource_id": str(webinar.pk), "note": "Watch first", "edit_version": str(_version())},
    )
    response = client.post(
        "/learning/sheets/activities/add/", {"resource_id": str(weeding.pk), "edit_version": str(_version())}
    )
    assert response.status_code == 302
    assert titles_on(ACTIVITIES) == ["Webinar on weeding", "Weeding the stock"]
    # What is on the sheet already is not offered again.
    assert f'name="resource_id" value="{weeding.pk}"' not in client.get(EDIT, {"q": "weeding"}).content.decode()

    client.post(
        f"/learning/sheets/activities/entries/{_entry('Weeding the stock')}/move/",
        {"direction": "up", "edit_version": str(_version())},
    )
    assert titles_on(ACTIVITIES) == ["Weeding the stock", "Webinar on weeding"]
    client.post(
        f"/learning/sheets/activities/entries/{_entry('Weeding the stock')}/",
        {"note": "Start here", "edit_version": str(_version())},
    )
    client.post(
        f"/learning/sheets/activities/entries/{_entry('Webinar on weeding')}/remove/",
        {"edit_version": str(_version())},
    )
    assert titles_on(ACTIVITIES) == ["Weeding the stock"]
    assert positions_on(ACTIVITIES) == [1]
    staff_view = tables(client_for(world.staff).get("/learning/sheets/activities/").content)
    rows = staff_view["Resources on this sheet, in the curators' order"].as_dicts()
    assert [(r["Resource"], r["Note"]) for r in rows] == [("Weeding the stock", "Start here")]


def test_a_stale_form_is_refused_with_what_changed(world: World) -> None:
    a, b = resource("Alpha"), resource("Bravo")
    sheet = sheet_with(ACTIVITIES, a, b, title="At home")
    seen = str(sheet.edit_version)
    client = client_for(world.curator)
    client.post(EDIT, {"title": "Closed days", "introduction": "", "edit_version": seen})

    response = client.post(EDIT, {"title": "Mine", "introduction": "", "edit_version": seen})
    assert response.status_code == 409
    assert error_summary(response.content)[0][1] == "#stale-changes"
    changes = tables(response.content)["What you sent, and what is saved now"].rows
    assert changes == [["Title", "Mine", "Closed days"]]
    assert 'value="Closed days"' in response.content.decode()  # the form shows what is saved now

    for address, data in (
        (f"/learning/sheets/activities/entries/{_entry('Bravo')}/move/", {"direction": "up"}),
        (f"/learning/sheets/activities/entries/{_entry('Bravo')}/remove/", {}),
        ("/learning/sheets/activities/add/", {"resource_id": str(resource("Charlie").pk)}),
        (f"/learning/sheets/activities/entries/{_entry('Bravo')}/", {"note": "Mine"}),
    ):
        response = client.post(address, data | {"edit_version": seen})
        assert response.status_code == 409, address
        assert "changed since you opened this page" in main_text(response.content)
    assert titles_on(ACTIVITIES) == ["Alpha", "Bravo"]
    assert SheetEntry.objects.get(resource=b).note == "Note for Bravo"


def test_a_form_without_its_version_is_a_400_and_changes_nothing(world: World) -> None:
    a, b = resource("Alpha"), resource("Bravo")
    sheet_with(ACTIVITIES, a, b, title="At home")
    client = client_for(world.curator)
    assert client.post(EDIT, {"title": "Mine"}).status_code == 400
    assert (
        client.post(f"/learning/sheets/activities/entries/{_entry('Bravo')}/move/", {"direction": "up"}).status_code
        == 400
    )
    assert client.post(f"/learning/sheets/activities/entries/{_entry('Bravo')}/remove/", {}).status_code == 400
    assert client.post(f"/learning/sheets/activities/entries/{_entry('Bravo')}/", {"note": "x"}).status_code == 400
    assert titles_on(ACTIVITIES) == ["Alpha", "Bravo"]
    assert ResourceSheet.objects.get().title == "At home"


def test_adding_what_cannot_be_added_says_why(world: World) -> None:
    draft = resource("Draft", status=ResourceStatus.DRAFT)
    on_it = resource("On it")
    sheet_with(ACTIVITIES, on_it)
    client = client_for(world.curator)
    for value, message in (
        ("", "Enter the number of a published resource"),
        ("²", "The resource number must be a whole number, like 42"),
        ("9" * 5000, "The resource number must be a whole number, like 42"),
        ("99999999999999999999999", "No published resource has this number"),
        (str(draft.pk), "No published resource has this number"),
        (str(on_it.pk), "It is on the sheet already"),
    ):
        response = client.post(
            "/learning/sheets/activities/add/", {"resource_id": value, "edit_version": str(_version())}
        )
        assert response.status_code == 200, value
        assert field_error(response.content, "id_resource_id") == message, value
    assert titles_on(ACTIVITIES) == ["On it"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "Enter a title for the sheet"),
        ("title", "x" * 201, "The title must be 200 characters or fewer"),
        ("title", "Bad \x00 title", "The title contains a character that is not allowed (NUL)"),
        ("introduction", "x" * 5001, "The introduction must be 5,000 characters or fewer"),
    ],
)
def test_a_bad_title_or_introduction_is_refused(world: World, field: str, value: str, message: str) -> None:
    sheet = sheet_with(ACTIVITIES, title="At home")
    data = {"title": "At home", "introduction": "", "edit_version": str(sheet.edit_version)} | {field: value}
    response = client_for(world.curator).post(EDIT, data)
    assert response.status_code == 200
    assert message in (field_error(response.content, f"id_{field}") or "")
    assert ResourceSheet.objects.get().edit_version == sheet.edit_version


def test_a_note_too_long_is_refused(world: World) -> None:
    sheet_with(ACTIVITIES, resource("Alpha"))
    response = client_for(world.curator).post(
        f"/learning/sheets/activities/entries/{_entry('Alpha')}/", {"note": "x" * 301, "edit_version": str(_version())}
    )
    assert response.status_code == 200
    assert "The note must be 300 characters or fewer" in (field_error(response.content, "id_note") or "")
    assert SheetEntry.objects.get().note == "Note for Alpha"


def test_an_entry_of_another_sheet_is_not_found(world: World) -> None:
    sheet_with(SheetKind.CPD, resource("Alpha"))
    entry = SheetEntry.objects.get().pk
    client = client_for(world.curator)
    assert client.get(f"/learning/sheets/activities/entries/{entry}/").status_code == 404
    assert client.get(f"/learning/sheets/activities/entries/{2**70}/").status_code == 404


def test_only_curators_change_a_sheet(world: World) -> None:
    sheet_with(ACTIVITIES, resource("Alpha"), title="At home")
    entry = _entry("Alpha")
    for role in ("staff", "service_manager", "regional_lead", "national_team"):
        client = client_for(world.by_role(role))
        for address, data in (
            (EDIT, {"title": "Mine", "introduction": "", "edit_version": "1"}),
            ("/learning/sheets/activities/add/", {"resource_id": str(resource(f"For {role}").pk), "edit_version": "1"}),
            (f"/learning/sheets/activities/entries/{entry}/move/", {"direction": "down", "edit_version": "1"}),
            (f"/learning/sheets/activities/entries/{entry}/remove/", {"edit_version": "1"}),
            (f"/learning/sheets/activities/entries/{entry}/", {"note": "Mine", "edit_version": "1"}),
        ):
            assert client.post(address, data).status_code == 403, (role, address)
    assert titles_on(ACTIVITIES) == ["Alpha"]
    assert ResourceSheet.objects.get().edit_version == 1


def test_two_tabs_the_first_change_wins_and_the_second_is_shown_the_sheet_as_saved(world: World) -> None:
    sheet_with(ACTIVITIES, resource("Alpha"), resource("Bravo"), resource("Charlie"), title="At home")
    first, second = client_for(world.curator), client_for(world.curator)
    seen_first = opened(first, EDIT, direction="up")
    seen_second = opened(second, EDIT)
    bravo = _entry("Bravo")
    assert first.post(f"/learning/sheets/activities/entries/{bravo}/move/", seen_first).status_code == 302
    refused = second.post(f"/learning/sheets/activities/entries/{bravo}/remove/", seen_second)
    assert refused.status_code == 409
    assert titles_on(ACTIVITIES) == ["Bravo", "Alpha", "Charlie"]
    # The refusal shows the sheet as saved now, with its new version, so the second tab can try again.
    again = {"edit_version": version_on(refused.content.decode())}
    assert second.post(f"/learning/sheets/activities/entries/{bravo}/remove/", again).status_code == 302
    assert titles_on(ACTIVITIES) == ["Alpha", "Charlie"]
