"""The queue's pages: suggesting (with errors, and the duplicate warning before sending), your
suggestions with their outcomes, and a curator working the queue (every refusal said on the page)."""

import pytest

from lksworkforce.learning.models import Resource, Suggestion
from lksworkforce.learning.services.suggestions import SuggestionInput, suggestion_send
from lksworkforce.learning.vocabulary import SuggestionKind, SuggestionStatus
from tests.conftest import World, client_for
from tests.learning.queue_factories import resource

pytestmark = pytest.mark.django_db

NEW = {
    "kind": "new_resource",
    "title": "Searching for evidence",
    "url": "https://search.example.invalid/course",
    "resource_kind": "mooc",
    "description": "Six weeks, free",
    "why": "Clear and practical",
}


def test_suggesting_a_new_resource_then_seeing_it_in_your_suggestions(world: World) -> None:
    client = client_for(world.staff)
    assert "Suggest a learning resource" in client.get("/learning/suggest/").content.decode()
    sent = client.post("/learning/suggest/", NEW, follow=True)
    page = sent.content.decode()
    assert sent.redirect_chain[-1][0] == "/learning/suggestions/"
    assert "Thank you: your suggestion is with the curators." in page
    assert "New resource: Searching for evidence" in page
    assert "Waiting for a curator" in page
    assert Suggestion.objects.get().proposed == {"description": "Six weeks, free", "kind": "mooc"}


def test_the_suggest_form_lists_every_problem(world: World) -> None:
    page = client_for(world.staff).post("/learning/suggest/", {"kind": "new_resource", "url": "not an address"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "There is a problem" in text
    assert "Give the resource&#39;s title" in text
    assert "Give a web address starting with https:// or http://" in text
    assert "Choose what kind of resource it is" in text
    assert not Suggestion.objects.exists()


def test_a_look_alike_is_shown_before_sending_and_can_be_sent_anyway(world: World) -> None:
    held = resource("Searching for evidence", "https://www.search.example.invalid/course/")
    client = client_for(world.staff)
    first = client.post("/learning/suggest/", NEW).content.decode()
    assert "This looks like Searching for evidence already in the catalogue (the same web address and title)." in first
    assert f'href="/learning/resources/{held.pk}/"' in first
    assert "Send it anyway" in first
    assert not Suggestion.objects.exists()
    client.post("/learning/suggest/", NEW | {"confirmed": "on"})
    assert Suggestion.objects.count() == 1


def test_the_resource_pages_link_suggests_a_change_to_that_resource(world: World) -> None:
    about = resource("Lean thinking")
    client = client_for(world.staff)
    page = client.get(f"/learning/suggest/?resource={about.pk}").content.decode()
    assert "Suggest a change" in page
    assert "Lean thinking" in page
    client.post(f"/learning/suggest/?resource={about.pk}", {"kind": "broken_link", "resource": about.pk, "why": "404"})
    assert list(Suggestion.objects.values_list("kind", "resource")) == [(SuggestionKind.BROKEN_LINK, about.pk)]
    for hostile in ("abc", "-1", "99999999999999", "1%00", "\uff11"):
        assert client.get("/learning/suggest/", {"resource": hostile}).status_code == 404


def test_only_curators_see_the_queue(world: World) -> None:
    assert client_for(world.staff).get("/learning/queue/").status_code == 403
    suggestion_send(
        person=world.staff,
        entry=SuggestionInput(
            kind="new_resource", title="Webinars on AI", url="https://ai.invalid/", resource_kind="webinar"
        ),
    )
    Suggestion.objects.create(kind=SuggestionKind.REVIEW_DUE, resource=resource("Overdue guide"))
    page = client_for(world.curator).get("/learning/queue/").content.decode()
    assert "2 waiting" in page
    assert "Webinars on AI" in page
    assert "Overdue guide" in page
    assert "The service" in page
    only = client_for(world.curator).get("/learning/queue/?kind=review_due").content.decode()
    assert "Webinars on AI" not in only
    assert client_for(world.curator).get("/learning/queue/?kind=nonsense").status_code == 200  # everything waiting


def test_a_curator_declines_without_a_reason_then_with_one(world: World) -> None:
    item = suggestion_send(
        person=world.staff,
        entry=SuggestionInput(
            kind="new_resource", title="Webinars on AI", url="https://ai.invalid/", resource_kind="webinar"
        ),
    )
    curator = client_for(world.curator)
    path = f"/learning/queue/{item.pk}/"
    refused = curator.post(path, {"decision": "decline", "edit_version": 1, "reason": ""})
    assert refused.status_code == 200
    assert "Say why it is declined: the suggester reads it" in refused.content.decode()
    curator.post(path, {"decision": "decline", "edit_version": 1, "reason": "We list only free webinars"})
    assert Suggestion.objects.get().status == SuggestionStatus.DECLINED
    mine = client_for(world.staff).get("/learning/suggestions/").content.decode()
    assert "Declined: We list only free webinars" in mine
    again = curator.post(path, {"decision": "accept", "edit_version": 2})
    assert again.status_code == 409
    assert "already declined" in again.content.decode()
    assert "Decided:" in curator.get(path).content.decode()


def test_a_curator_edits_then_accepts_and_a_stale_or_versionless_decision_is_refused(world: World) -> None:
    item = suggestion_send(
        person=world.staff,
        entry=SuggestionInput(
            kind="new_resource", title="Webinar on AI", url="https://ai.invalid/", resource_kind="webinar"
        ),
    )
    curator = client_for(world.curator)
    path = f"/learning/queue/{item.pk}/"
    assert "Edit before accepting" in curator.get(path).content.decode()
    assert curator.post(path, {"decision": "accept"}).status_code == 400
    assert curator.post(path, {"decision": "accept", "edit_version": 7}).status_code == 409
    done = curator.post(path, {"decision": "accept", "edit_version": 1, "title": "Webinars on AI", "publish": "on"})
    assert done.status_code == 302
    made = Resource.objects.get()
    assert (made.title, made.status) == ("Webinars on AI", "published")


def test_the_queue_item_shows_look_alikes_and_merges(world: World) -> None:
    held = resource("Webinars on AI", "https://ai.invalid/")
    item = suggestion_send(
        person=world.staff,
        entry=SuggestionInput(
            kind="new_resource", title="Webinars on AI", url="https://ai.invalid", resource_kind="webinar"
        ),
    )
    curator = client_for(world.curator)
    page = curator.get(f"/learning/queue/{item.pk}/").content.decode()
    assert "Possible duplicate" in page
    assert f'<option value="{held.pk}"' in page
    curator.post(f"/learning/queue/{item.pk}/", {"decision": "merge", "edit_version": 1, "resource_id": held.pk})
    assert Suggestion.objects.get().status == SuggestionStatus.MERGED
    assert (
        "Already in the catalogue as Webinars on AI"
        in client_for(world.staff).get("/learning/suggestions/").content.decode()
    )
