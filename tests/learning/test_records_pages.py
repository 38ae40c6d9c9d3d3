"""Learning record pages as a person uses them: record, change, remove, from a catalogue resource,
with a plan action; errors summarised; stale edits refused; sharing with a service manager only;
the CPD summary's page, CSV and PDF with the same figures."""

import csv
import io
from datetime import date

import pytest
from django.utils import timezone

from lksworkforce.learning.models import LearningRecord, Resource, Teaches
from lksworkforce.learning.vocabulary import ResourceKind, ResourceStatus
from lksworkforce.skills.models import PlanAction
from tests.conftest import World, client_for
from tests.learning.records_support import framework, plan_action, record, sub_area

pytestmark = pytest.mark.django_db


def form(**changes: object) -> dict[str, object]:
    values: dict[str, object] = {"title": "Searching workshop", "done_on": "2/3/2026", "minutes": "120"}
    values.update(changes)
    return values


def test_recording_learning_with_a_plan_action_marks_it_done(world: World) -> None:
    framework()
    action = plan_action(world.staff, "Go to a searching workshop")
    client = client_for(world.staff)
    page = client.get("/learning/records/new/")
    assert "Go to a searching workshop" in page.content.decode()
    response = client.post(
        "/learning/records/new/",
        form(
            sub_areas=[sub_area("1.1").pk],
            evidence_links="https://example.org/cert\n\nhttps://example.org/notes",
            learnt="Boolean logic",
            plan_step=action.pk,
        ),
    )
    saved = LearningRecord.objects.get(person=world.staff)
    assert response.status_code == 302
    assert response["Location"] == f"/learning/records/{saved.pk}/"
    assert saved.evidence_links == ["https://example.org/cert", "https://example.org/notes"]
    assert PlanAction.objects.get(pk=action.pk).status == "done"
    listing = client.get("/learning/records/").content.decode()
    assert "Searching workshop" in listing
    assert "2.0 hours" in listing or "2.0" in listing


def test_bad_input_is_summarised_field_by_field_and_nothing_is_saved(world: World) -> None:
    future = timezone.localdate().replace(year=timezone.localdate().year + 1)
    response = client_for(world.staff).post(
        "/learning/records/new/",
        form(title="", minutes="lots", done_on=f"{future.day}/{future.month}/{future.year}", evidence_links="notaurl"),
    )
    text = response.content.decode()
    assert response.status_code == 422
    assert "There is a problem" in text
    for message in (
        "Say what you did",
        "whole number of minutes",
        "today or in the past",
        "starting with https://",
    ):
        assert message in text
    assert not LearningRecord.objects.exists()


@pytest.mark.parametrize(
    "hostile",
    [
        {"minutes": "9" * 40},
        {"done_on": "31/2/2026"},
        {"sub_areas": ["x", "-1"]},
        {"plan_step": "abc"},
        {"resource": "0"},
        {"title": "\x00nul"},
        {"evidence_links": "https://example.org/" + "a" * 600},
    ],
)
def test_hostile_input_is_refused_not_a_crash(world: World, hostile: dict[str, object]) -> None:
    response = client_for(world.staff).post("/learning/records/new/", form(**hostile))
    assert response.status_code in {400, 422}
    assert not LearningRecord.objects.exists()


def test_recording_a_catalogue_resource_in_one_step(world: World) -> None:
    framework()
    resource = Resource.objects.create(
        title="Finding the evidence MOOC",
        kind=ResourceKind.MOOC,
        url="https://learning.example.invalid/mooc",
        added_on=date(2026, 1, 5),
        status=ResourceStatus.PUBLISHED,
        length_minutes=240,
    )
    Teaches.objects.create(resource=resource, sub_area=sub_area("1.1"))
    client = client_for(world.staff)
    page = client.get(f"/learning/records/new/?resource={resource.pk}").content.decode()
    assert 'value="Finding the evidence MOOC"' in page
    assert 'value="240"' in page
    assert f'value="{sub_area("1.1").pk}" checked' in page
    client.post(
        "/learning/records/new/",
        form(title=resource.title, minutes="240", resource=resource.pk, sub_areas=[sub_area("1.1").pk]),
    )
    assert LearningRecord.objects.get().resource_id == resource.pk
    for bad in ("999999", "abc", ""):
        assert client.get(f"/learning/records/new/?resource={bad}").status_code == 404


def test_a_stale_change_is_refused_with_what_is_saved(world: World) -> None:
    saved = record(world.staff)
    client = client_for(world.staff)
    assert client.post(f"/learning/records/{saved.pk}/edit/", form(minutes="30", edit_version=1)).status_code == 302
    stale = client.post(f"/learning/records/{saved.pk}/edit/", form(minutes="45", edit_version=1))
    assert stale.status_code == 409
    assert "changed since you opened this page" in stale.content.decode()
    assert LearningRecord.objects.get().minutes == 30
    assert client.post(f"/learning/records/{saved.pk}/edit/", form(minutes="45")).status_code == 400
    assert client.post(f"/learning/records/{saved.pk}/remove/", {"edit_version": 1}).status_code == 409
    assert client.post(f"/learning/records/{saved.pk}/remove/", {}).status_code == 400
    assert client.post(f"/learning/records/{saved.pk}/remove/", {"edit_version": 2}).status_code == 302
    assert not LearningRecord.objects.exists()


def test_only_the_owner_changes_or_removes_a_record(world: World) -> None:
    saved = record(world.staff, shared_with_manager=True)
    for person in (world.manager, world.colleague, world.national):
        client = client_for(person)
        assert client.post(f"/learning/records/{saved.pk}/edit/", form(edit_version=1)).status_code == 404
        assert client.post(f"/learning/records/{saved.pk}/remove/", {"edit_version": 1}).status_code == 404
    assert LearningRecord.objects.get().title == "Appraising RCTs webinar"


def test_a_shared_record_is_seen_by_the_organisations_managers_until_the_person_leaves(world: World) -> None:
    shared = record(world.staff, shared_with_manager=True, learnt="Notes for my manager")
    private = record(world.staff, title="Private learning")
    manager = client_for(world.manager)
    listing = manager.get("/learning/records/shared/").content.decode()
    assert "Appraising RCTs webinar" in listing
    assert "Private learning" not in listing
    assert "Notes for my manager" in manager.get(f"/learning/records/{shared.pk}/").content.decode()
    assert manager.get(f"/learning/records/{private.pk}/").status_code == 404
    for other in (world.regional_lead, world.national, world.curator, world.colleague, world.outsider):
        assert client_for(other).get(f"/learning/records/{shared.pk}/").status_code == 404
    world.staff.organisation = world.london_b
    world.staff.save()
    assert manager.get(f"/learning/records/{shared.pk}/").status_code == 404
    assert "Appraising RCTs webinar" not in manager.get("/learning/records/shared/").content.decode()


def test_the_cpd_summary_page_csv_and_pdf_show_the_same_figures(world: World) -> None:
    framework()
    record(world.staff, done_on=date(2025, 3, 4), minutes=600, sub_area_ids=(sub_area("1.2").pk,))
    record(world.staff, done_on=date(2025, 11, 4), minutes=330)
    record(world.staff, done_on=date(2024, 1, 4), minutes=60)
    client = client_for(world.staff)
    page = client.get("/learning/records/cpd/", {"year": 2025}).content.decode()
    assert "15.5 hours of learning in 2025, in 2 records" in page
    assert "4.5 hours to go" in page
    rows = list(csv.DictReader(io.StringIO(client.get("/learning/records/cpd/?year=2025&format=csv").content.decode())))
    total = next(r for r in rows if r["section"] == "total")
    assert (total["hours"], total["minutes"], total["records"], total["expected_hours"]) == ("15.5", "930", "2", "20")
    assert next(r for r in rows if r["label"] == "1.2 Critical appraisal")["hours"] == "10.0"
    assert next(r for r in rows if r["label"] == "November")["minutes"] == "330"
    pdf = client.get("/learning/records/cpd/?year=2025&format=pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    api = client.get("/api/v1/learning/records/cpd", {"year": 2025}).json()
    assert (api["hours"], api["minutes"], api["hours_to_go"], api["expectation_met"]) == (15.5, 930, 4.5, False)
    for bad in ("1800", "abc", "3000"):
        assert client.get("/learning/records/cpd/", {"year": bad}).status_code == 404
    assert client.get("/learning/records/cpd/", {"format": "exe"}).status_code == 404
