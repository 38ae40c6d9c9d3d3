"""Two people (or two tabs) change the same annual return: GET, GET, POST, POST. The second save
was made from a page that no longer shows what is saved, so it is refused with what changed,
beside what they sent; the first survives and nothing of the second is written (ADR 12)."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lksworkforce.core.models import AuditEvent
from lksworkforce.staffing.models import LksPost, LksReturn, ReturnStatus
from tests.concurrency import opened
from tests.conftest import World
from tests.staffing.files import RETURN_HEADER, RETURN_ROWS, YEAR, census, csv_bytes, regional_lead, signed_in

RETURN = f"/staffing/organisations/RAA/returns/{YEAR}/"
RAA_ROWS = [r for r in RETURN_ROWS if r[0] == "RAA"]
POST = {"post_title": "Outreach librarian", "role": "outreach librarian", "band": "6", "wte": "0.5"}
STALE = "was changed by someone else, or in another tab or window, since you opened this page"


def state() -> list[object]:
    """Everything a change to the return could write: returns, their posts, and the audit trail."""
    returns = list(
        LksReturn.objects.order_by("version").values_list("version", "status", "impact_summary", "edit_version")
    )
    posts = list(LksPost.objects.order_by("id").values_list("lks_return__version", "post_title", "wte"))
    return [returns, posts, AuditEvent.objects.count()]


def upload_file(name: str, rows: list[list[str]]) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, csv_bytes(RETURN_HEADER, rows), content_type="text/csv")


def first_post_id() -> int:
    return LksPost.objects.order_by("id").values_list("id", flat=True)[0]


@dataclass(frozen=True)
class Change:
    """One form on the return page: where it posts, and what (besides the version) it sends."""

    path: str
    data: Callable[[], dict[str, Any]]


def impact(text: str) -> Change:
    return Change("impact/", lambda: {"impact_summary": text})


def add_post(title: str) -> Change:
    return Change("posts/", lambda: {**POST, "post_title": title, "qualification": "chartered"})


def remove_first_post() -> Change:
    return Change("posts/{first_post}/remove/", dict)


def upload(name: str, rows: list[list[str]]) -> Change:
    return Change("upload/", lambda: {"file": upload_file(name, rows)})


def action(name: str) -> Change:
    return Change(f"{name}/", dict)


def draft(world: World, manager: Client) -> None:
    census(world.london_a, "5000")
    response = manager.post(RETURN + "upload/", opened(manager, RETURN, file=upload_file("return.csv", RAA_ROWS)))
    assert response.status_code == 302


def submitted(world: World, manager: Client) -> None:
    draft(world, manager)
    assert manager.post(RETURN + "submit/", opened(manager, RETURN)).status_code == 302


def published(world: World, manager: Client) -> None:
    submitted(world, manager)
    national = signed_in(world.national)
    assert national.post(RETURN + "publish/", opened(national, RETURN)).status_code == 302


# (name, how the return starts, who makes the first and the second change, the two changes,
#  text of the second change that the refusal shows beside the saved value)
CASES = [
    ("impact by manager and national team", draft, "manager", "national",
     impact("Searches for 40 teams."), impact("Training for 300 staff."), "Training for 300 staff."),
    ("impact in two tabs", draft, "manager", "manager",
     impact("First tab."), impact("Second tab."), "Second tab."),
    ("a post added in two tabs", draft, "manager", "manager",
     add_post("Clinical librarian"), add_post("Outreach librarian"), "Add Outreach librarian"),
    ("a post removed, then another added", draft, "manager", "manager",
     remove_first_post(), add_post("Outreach librarian"), "Add Outreach librarian"),
    ("two uploads", draft, "manager", "national",
     upload("first.csv", RAA_ROWS[:1]), upload("second.csv", RAA_ROWS[1:]), "2 posts from second.csv"),
    ("submitted after a post was removed", draft, "manager", "manager",
     remove_first_post(), action("submit"), "Submitted"),
    ("a post removed after it was submitted", draft, "manager", "national",
     action("submit"), remove_first_post(), "Remove"),
    ("impact after a correction was started", published, "manager", "national",
     action("correct"), action("correct"), "Draft (a correction)"),
    ("published and sent back at once", submitted, "national", "lead",
     action("publish"), action("reopen"), "Draft"),
]  # fmt: skip


@pytest.mark.parametrize(("start", "first_by", "second_by", "first", "second", "sent"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])  # fmt: skip
def test_the_second_of_two_interleaved_changes_is_refused_and_the_first_survives(
    world: World, start: Any, first_by: str, second_by: str, first: Change, second: Change, sent: str
) -> None:
    people = {"manager": world.manager, "national": world.national, "lead": regional_lead("Y56")}
    one, two = signed_in(people[first_by]), signed_in(people[second_by])
    start(world, signed_in(world.manager))
    paths = {c: RETURN + c.path.format(first_post=first_post_id()) for c in (first, second)}

    seen_by_one = opened(one, RETURN, **first.data())
    seen_by_two = opened(two, RETURN, **second.data())
    assert one.post(paths[first], seen_by_one).status_code == 302
    after_first = state()

    refused = two.post(paths[second], seen_by_two)

    assert refused.status_code == 409
    html = refused.content.decode()
    assert "There is a problem" in html
    assert STALE in html
    assert "What you sent, and what is saved now" in html
    assert sent in html  # theirs, beside the saved values
    assert state() == after_first  # the first change survives; nothing of the second, no audit event

    # Having read the differences, they open the page again: their change is made, unless the
    # page no longer offers it (a submitted return's posts cannot be removed).
    if f'action="{paths[second]}"' not in two.get(RETURN).content.decode():
        return
    again = two.post(paths[second], opened(two, RETURN, **second.data()))
    assert again.status_code == 302
    assert state() != after_first


def test_the_refusal_shows_both_impact_summaries_and_keeps_what_they_typed(world: World) -> None:
    manager, national = signed_in(world.manager), signed_in(world.national)
    draft(world, manager)
    mine = opened(manager, RETURN, impact_summary="Searches for 40 teams.")
    theirs = opened(national, RETURN, impact_summary="Training for 300 staff.")
    assert manager.post(RETURN + "impact/", mine).status_code == 302

    html = national.post(RETURN + "impact/", theirs).content.decode()

    table = html[html.index('id="stale-changes"') :]
    assert "Impact summary" in table
    assert "Training for 300 staff." in table  # what they sent
    assert "Searches for 40 teams." in table  # what is saved now
    assert "Version 1: Draft" in table
    # The form still holds their text, now on the saved version: saving again is their choice.
    assert re.search(r'<textarea[^>]*name="impact_summary"[^>]*>\s*Training for 300 staff.</textarea>', html)
    saved = LksReturn.objects.get()
    assert saved.impact_summary == "Searches for 40 teams."
    assert f'name="edit_version" value="{saved.edit_version}"' in html
    assert AuditEvent.objects.filter(action="lks_return.impact_updated").count() == 1


@pytest.mark.parametrize("path", ["impact/", "posts/", "upload/", "submit/", "correct/", "posts/{post}/remove/"])
def test_a_change_without_a_version_is_a_bad_request_that_changes_nothing(world: World, path: str) -> None:
    manager = signed_in(world.manager)
    draft(world, manager)
    before = state()
    forms: dict[str, dict[str, object]] = {
        "impact/": {"impact_summary": "No version"},
        "posts/": {**POST, "qualification": "chartered"},
        "upload/": {"file": upload_file("return.csv", RAA_ROWS[:1])},
    }
    data = forms.get(path, {})

    response = manager.post(RETURN + path.format(post=first_post_id()), data)

    assert response.status_code == 400
    assert "did not say which version of the record you were changing" in response.content.decode()
    assert state() == before


def test_a_first_return_started_in_two_tabs_is_made_once(world: World) -> None:
    census(world.london_a, "5000")
    manager = signed_in(world.manager)
    one = opened(manager, RETURN, **POST, qualification="chartered")
    two = opened(manager, RETURN, **{**POST, "post_title": "Second"}, qualification="chartered")
    assert one["edit_version"] == two["edit_version"] == "0"  # no return yet
    assert manager.post(RETURN + "posts/", one).status_code == 302
    assert manager.post(RETURN + "posts/", two).status_code == 409
    assert list(LksReturn.objects.values_list("version", "status")) == [(1, ReturnStatus.DRAFT)]
    assert list(LksPost.objects.values_list("post_title", flat=True)) == ["Outreach librarian"]
