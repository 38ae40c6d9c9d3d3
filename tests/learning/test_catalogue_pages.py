"""The catalogue's pages as people use them: the front page, a resource's facts in words, topics
in curated order, drafts and retired resources; and the curators' forms (add, change, stale
saves, bad and hostile input refused with nothing changed)."""

from datetime import date
from typing import Any

import pytest
from django.test import Client

from lksworkforce.core.models import AuditEvent
from lksworkforce.learning.models import Resource, Teaches, Topic
from lksworkforce.skills.models import SubArea
from tests.conftest import World, client_for
from tests.learning.factories import ResourceFactory, TopicFactory, in_topic, teaches
from tests.skills.factories import loaded, sub_area

pytestmark = pytest.mark.django_db


def text(response: Any) -> str:
    return str(response.content.decode())


@pytest.fixture
def appraisal(world: World) -> SubArea:
    return sub_area(loaded(), "1.1")


def form_data(**changes: Any) -> dict[str, Any]:
    data = {
        "edit_version": "0",
        "title": "Searching for evidence",
        "description": "Plan and run a literature search.",
        "kind": "webinar",
        "provider": "Example Library",
        "url": "https://learning.example.org/searching",
        "format": "Live online",
        "length_amount": "2",
        "length_unit": "hours",
        "cost": "free",
        "cost_note": "",
        "band_from": "",
        "band_to": "",
        "licence": "",
        "added_on": "1/2/2026",
        "review_due_on": "1/2/2027",
        "status": "published",
    }
    return data | changes


def test_the_front_page_offers_search_topics_and_the_newest(world: World) -> None:
    topic = TopicFactory.create(name="Lean thinking")
    in_topic(topic, ResourceFactory.create(title="Lean in a day"))
    ResourceFactory.create(title="Hidden draft", status="draft")
    page = text(client_for(world.staff).get("/learning/"))
    assert 'action="/learning/search/"' in page
    assert 'name="q"' in page
    assert "Lean thinking</a> (1 resource)" in page
    assert "Lean in a day" in page
    assert "Hidden draft" not in page
    assert "Add a resource" not in page
    curator_page = text(client_for(world.curator).get("/learning/"))
    assert "Add a resource" in curator_page
    assert "Add a topic" in curator_page
    assert "Hidden draft" in curator_page


def test_a_resource_page_says_every_fact_in_words(world: World, appraisal: SubArea) -> None:
    resource = ResourceFactory.create(
        title="Appraising trials",
        length_minutes=45,
        cost="paid",
        cost_note="£20 for non-members",
        band_from="2",
        band_to="4",
        licence="CC BY 4.0",
        added_on=date(2026, 1, 5),
        review_due_on=date(2027, 1, 5),
        url="https://learning.example.org/trials",
    )
    teaches(resource, appraisal, 2)
    in_topic(TopicFactory.create(name="Evidence"), resource)
    page = text(client_for(world.staff).get(f"/learning/resources/{resource.pk}/"))
    for fact in (
        "45 minutes",
        "Paid: £20 for non-members",
        "Bands 2 to 4",
        "Any role",
        "1.1 Our sub-area 1.1: to level 2",
        "Evidence",
        "CC BY 4.0",
        "5 January 2026",
        'href="https://learning.example.org/trials"',
    ):
        assert fact in page
    assert "Review due" not in page
    assert "Review due" in text(client_for(world.curator).get(f"/learning/resources/{resource.pk}/"))


def test_a_retired_resource_is_kept_for_history_and_a_draft_only_for_curators(world: World) -> None:
    retired = ResourceFactory.create(status="retired")
    draft = ResourceFactory.create(status="draft", title="Not yet")
    assert "Retired: kept for history" in text(client_for(world.staff).get(f"/learning/resources/{retired.pk}/"))
    assert client_for(world.staff).get(f"/learning/resources/{draft.pk}/").status_code == 404
    assert "Not yet" in text(client_for(world.curator).get(f"/learning/resources/{draft.pk}/"))


def test_a_topic_shows_curated_resources_first_then_by_title_and_only_published(world: World) -> None:
    topic = TopicFactory.create(slug="lean", name="Lean", introduction="Less waste.\n\nMore value.")
    for title, position, status in (
        ("Zebra", None, "published"),
        ("Apple", None, "published"),
        ("Chosen", 1, "published"),
        ("Old", None, "retired"),
    ):
        in_topic(topic, ResourceFactory.create(title=title, status=status), position)
    page = text(client_for(world.staff).get("/learning/topics/lean/"))
    assert "<p>Less waste.</p>" in page
    assert page.index("Chosen") < page.index("Apple") < page.index("Zebra")
    assert "Old" not in page


def test_a_curator_adds_a_resource_with_what_it_teaches(world: World, appraisal: SubArea) -> None:
    topic = TopicFactory.create()
    response = client_for(world.curator).post(
        "/learning/resources/new/", form_data(**{f"teaches_{appraisal.pk}": "3", "topics": [str(topic.pk)]})
    )
    resource = Resource.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/learning/resources/{resource.pk}/"
    assert resource.length_minutes == 120
    assert list(Teaches.objects.values_list("sub_area_id", "level")) == [(appraisal.pk, 3)]
    assert list(resource.topics.all()) == [topic]
    assert AuditEvent.objects.filter(action="learning.resource_added", actor_id=world.curator.pk).exists()


@pytest.mark.parametrize("role", ["staff", "service_manager", "regional_lead", "national_team"])
def test_only_curators_change_the_catalogue(world: World, role: str) -> None:
    client = client_for(world.by_role(role))
    resource = ResourceFactory.create()
    topic = TopicFactory.create()
    for path, data in (
        ("/learning/resources/new/", form_data()),
        (f"/learning/resources/{resource.pk}/edit/", form_data(edit_version="1")),
        (f"/learning/resources/{resource.pk}/status/", {"edit_version": "1", "status": "retired"}),
        ("/learning/topics/new/", {"edit_version": "0", "name": "Mine", "slug": "mine"}),
        (f"/learning/topics/{topic.slug}/resources/", {"edit_version": "1", "action": "add", "resource": resource.pk}),
    ):
        assert client.post(path, data).status_code == 403
    assert Resource.objects.get().status == "published"
    assert Topic.objects.count() == 1
    assert not AuditEvent.objects.filter(action__startswith="learning.").exists()


def test_bad_input_is_shown_against_its_fields_and_nothing_is_added(world: World) -> None:
    response = client_for(world.curator).post(
        "/learning/resources/new/",
        form_data(
            title="",
            url="javascript:alert(document.cookie)",
            band_from="5",
            band_to="3",
            review_due_on="1/1/2025",
            provider="\x1b[31mred",
            length_amount="lots",
        ),
    )
    page = text(response)
    assert response.status_code == 200
    assert "There is a problem" in page
    for reason in (
        "Enter the title",
        "The web address must start with https:// or http://",
        "must not be below the lowest band",
        "The provider contains a character that is not allowed",
    ):
        assert reason in page
    assert 'href="javascript:' not in page
    assert not Resource.objects.exists()


def test_long_text_is_refused_not_cut(world: World) -> None:
    client = client_for(world.curator)
    response = client.post("/learning/resources/new/", form_data(title="x" * 100_000, description="y" * 5_001))
    assert response.status_code == 200
    assert "The title must be 300 characters or fewer" in text(response)
    assert "The description must be 5,000 characters or fewer" in text(response)
    assert not Resource.objects.exists()


def test_a_duplicate_web_address_names_the_resource_already_there(world: World) -> None:
    existing = ResourceFactory.create(url="https://learning.example.org/searching", title="The first one")
    page = text(client_for(world.curator).post("/learning/resources/new/", form_data()))
    assert f"resource {existing.pk}, “The first one”" in page
    assert Resource.objects.count() == 1


def test_a_stale_save_is_refused_with_what_changed_since(world: World) -> None:
    resource = ResourceFactory.create(title="Original", url="https://learning.example.org/searching")
    curator: Client = client_for(world.curator)
    assert (
        curator.post(
            f"/learning/resources/{resource.pk}/edit/", form_data(edit_version="1", title="First save")
        ).status_code
        == 302
    )
    response = curator.post(
        f"/learning/resources/{resource.pk}/edit/", form_data(edit_version="1", title="Second save")
    )
    page = text(response)
    assert response.status_code == 409
    assert "changed since you opened this page" in page
    assert "Second save" in page
    assert "First save" in page
    assert Resource.objects.get().title == "First save"


def test_a_save_without_its_version_is_refused(world: World) -> None:
    resource = ResourceFactory.create(url="https://learning.example.org/searching")
    response = client_for(world.curator).post(f"/learning/resources/{resource.pk}/edit/", form_data(edit_version=""))
    assert response.status_code == 400
    status = client_for(world.curator).post(f"/learning/resources/{resource.pk}/status/", {"status": "retired"})
    assert status.status_code == 400
    assert Resource.objects.get().edit_version == 1


def test_a_curator_publishes_and_retires_from_the_resource_page(world: World) -> None:
    resource = ResourceFactory.create(status="draft")
    curator = client_for(world.curator)
    page = text(curator.get(f"/learning/resources/{resource.pk}/"))
    assert "Publish" in page
    assert "Retire (keep for history)" in page
    curator.post(f"/learning/resources/{resource.pk}/status/", {"edit_version": "1", "status": "published"})
    assert Resource.objects.get().status == "published"
    stale = curator.post(f"/learning/resources/{resource.pk}/status/", {"edit_version": "1", "status": "retired"})
    assert stale.status_code == 409
    assert Resource.objects.get().status == "published"


def test_a_curator_adds_a_topic_and_curates_its_list(world: World) -> None:
    curator = client_for(world.curator)
    created = curator.post(
        "/learning/topics/new/", {"edit_version": "0", "name": "Lean", "slug": "lean", "introduction": "Less waste."}
    )
    assert created["Location"] == "/learning/topics/lean/edit/"
    first, second = ResourceFactory.create(title="B first"), ResourceFactory.create(title="A second")
    for version, (action, resource) in enumerate((("add", first), ("add", second)), 1):
        curator.post(
            "/learning/topics/lean/resources/", {"edit_version": version, "action": action, "resource": resource.pk}
        )
    page = text(curator.get("/learning/topics/lean/"))
    assert page.index("B first") < page.index("A second")
    curator.post("/learning/topics/lean/resources/", {"edit_version": 3, "action": "up", "resource": second.pk})
    page = text(curator.get("/learning/topics/lean/"))
    assert page.index("A second") < page.index("B first")
    unknown = curator.post(
        "/learning/topics/lean/resources/", {"edit_version": 4, "action": "add", "resource": "999999"}
    )
    assert "There is no resource with this number" in text(unknown)
    stale = curator.post(
        "/learning/topics/lean/resources/", {"edit_version": 1, "action": "remove", "resource": first.pk}
    )
    assert stale.status_code == 409
    assert Topic.objects.get().entries.count() == 2
    renamed = curator.post(
        "/learning/topics/lean/edit/", {"edit_version": 4, "name": "Lean thinking", "introduction": ""}
    )
    assert renamed.status_code == 302
    assert Topic.objects.get().name == "Lean thinking"
