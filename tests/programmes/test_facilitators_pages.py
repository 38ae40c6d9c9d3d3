"""The facilitator register and the cascade on pages and over the API: a regional lead sees and
changes their own region's only; forms refuse bad input (422), stale versions (409) and a missing
version (400); the cascade page, its CSV and the API show the same figures, with small demand hidden."""

import csv
import io
import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from lksworkforce.accounts.models import User
from lksworkforce.programmes.models import Application, FacilitatedSession, Facilitator, TrainingEvent
from tests.conftest import World, client_for
from tests.factories import UserFactory, current_region
from tests.programmes.factories import CohortFactory, apply
from tests.programmes.factories_facilitators import (
    FacilitatedSessionFactory,
    FacilitatorFactory,
    TrainingEventFactory,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/programmes"


def send(client: Any, method: str, url: str, data: Any) -> Any:
    return getattr(client, method)(url, data=json.dumps(data), content_type="application/json")


def _csv(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode())))


def _people(n: int) -> list[User]:
    return [UserFactory.create() for _ in range(n)]


def _demand(region_code: str, count: int) -> None:
    """`count` applications this year from the region (and one withdrawn, which is not demand)."""
    cohort = CohortFactory.create()
    region = current_region(region_code)
    this_year = datetime(timezone.localdate().year, 1, 15, 10, tzinfo=UTC)
    for person in _people(count):
        apply(cohort, person, region=region)
    apply(cohort, UserFactory.create(), region=region, status="withdrawn")
    Application.objects.filter(cohort=cohort).update(submitted_at=this_year)


@pytest.fixture
def register(world: World) -> dict[str, Facilitator]:
    this_year = timezone.localdate().year
    event = TrainingEventFactory.create(title="NW set facilitators", region=current_region("Y62"))
    nw = FacilitatorFactory.create(person=world.colleague, trained_at=event, sessions_per_year=5)
    km = FacilitatorFactory.create(kind="knowledge_management", trained_at=event, sessions_per_year=3)
    london = FacilitatorFactory.create(
        person=world.outsider, region=current_region("Y56"), trained_at=None, trained_by=world.national
    )
    for day in (2, 3, 4, 5):
        FacilitatedSessionFactory.create(facilitator=nw, held_on=date(this_year, 2, day), people_reached=6)
    FacilitatedSessionFactory.create(facilitator=london, held_on=date(this_year, 2, 2), people_reached=11)
    _demand("Y62", 80)
    _demand("Y56", 2)
    return {"nw": nw, "km": km, "london": london}


def test_a_lead_sees_their_regions_register_filtered_and_exported(
    world: World, register: dict[str, Facilitator]
) -> None:
    lead = client_for(world.regional_lead)
    page = lead.get("/programmes/facilitators/").content.decode()
    assert "Cal Colleague" in page
    assert "Olu Outsider" not in page
    assert "2 facilitators" in page
    only_als = lead.get("/programmes/facilitators/?kind=action_learning_sets").content.decode()
    assert "1 facilitator" in only_als
    rows = _csv(lead.get("/programmes/facilitators/?kind=action_learning_sets&format=csv").content)
    assert [(r["Name"], r["Region"], r["Sessions run"]) for r in rows] == [("Cal Colleague", "North West", "4")]
    xlsx = lead.get("/programmes/facilitators/?format=xlsx")
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    national = _csv(client_for(world.national).get("/programmes/facilitators/?format=csv").content)
    assert {r["Name"] for r in national} == {"Cal Colleague", "Olu Outsider", str(register["km"].person)}
    london = current_region("Y56").pk
    assert (
        len(_csv(client_for(world.national).get(f"/programmes/facilitators/?region={london}&format=csv").content)) == 1
    )
    assert lead.get("/programmes/facilitators/?format=doc").status_code == 404
    assert lead.get("/programmes/facilitators/?region=abc&kind=<x>").status_code == 200


def test_a_lead_cannot_see_or_change_another_regions_records(world: World, register: dict[str, Facilitator]) -> None:
    lead = client_for(world.regional_lead)
    london = register["london"]
    session = london.sessions.get()
    assert lead.get(f"/programmes/facilitators/{london.pk}/").status_code == 404
    posted = lead.post(f"/programmes/facilitators/{london.pk}/edit/", {"edit_version": 1, "sessions_per_year": 1})
    assert posted.status_code == 404
    assert lead.post(f"/programmes/facilitated-sessions/{session.pk}/edit/", {"edit_version": 1}).status_code == 404
    assert lead.get(f"{API}/facilitators/{london.pk}").status_code == 404
    changed = send(lead, "put", f"{API}/facilitated-sessions/{session.pk}",
                   {"held_on": "2026-02-02", "title": "Mine now", "people_reached": 1, "edit_version": 1})  # fmt: skip
    assert changed.status_code == 404
    assert [f["id"] for f in lead.get(f"{API}/facilitators").json()] == sorted([register["nw"].pk, register["km"].pk])
    london.refresh_from_db()
    assert london.edit_version == 1


def _form(**changes: object) -> dict[str, object]:
    region = current_region("Y62").pk
    return {"person": "staff@example.nhs.uk", "kind": "knowledge_management", "trained_on": "3/3/2025",
            "trained_by": "national@example.nhs.uk", "region": region, "sessions_per_year": "4", "active": "on",
            **changes}  # fmt: skip


def test_adding_and_changing_a_facilitator_on_the_page(world: World) -> None:
    lead = client_for(world.regional_lead)
    bad = lead.post("/programmes/facilitators/new/", _form(person="no-one@example.nhs.uk", sessions_per_year="lots"))
    assert bad.status_code == 422
    text = bad.content.decode()
    assert "There is no one with this email address in the service" in text
    assert "Enter a whole number" in text
    other_region = lead.post("/programmes/facilitators/new/", _form(region=current_region("Y56").pk))
    assert other_region.status_code == 422
    assert not Facilitator.objects.exists()
    made = lead.post("/programmes/facilitators/new/", _form())
    assert made.status_code == 302
    found = Facilitator.objects.get()
    assert (found.person, found.trained_by, found.sessions_per_year) == (world.staff, world.national, 4)
    edit = f"/programmes/facilitators/{found.pk}/edit/"
    assert lead.get(edit).status_code == 200
    assert lead.post(edit, _form(sessions_per_year="6", edit_version=1)).status_code == 302
    stale = client_for(world.national).post(edit, _form(sessions_per_year="2", edit_version=1))
    assert stale.status_code == 409
    assert "changed by someone else" in stale.content.decode()
    assert lead.post(edit, _form(sessions_per_year="2")).status_code == 400
    found.refresh_from_db()
    assert (found.sessions_per_year, found.edit_version) == (6, 2)


def test_recording_a_session_and_training_events_on_the_page(world: World, register: dict[str, Facilitator]) -> None:
    lead = client_for(world.regional_lead)
    nw = register["nw"]
    url = f"/programmes/facilitators/{nw.pk}/sessions/new/"
    assert lead.post(url, {"title": "Set", "held_on": "31/2/2026", "people_reached": "5"}).status_code == 422
    assert (
        lead.post(
            url, {"title": "Set 5", "held_on": "6/3/2026", "people_reached": "5", "organisation": "RBA"}
        ).status_code
        == 302
    )
    session = FacilitatedSession.objects.get(title="Set 5")
    assert session.organisation == world.north_west
    page = lead.get(f"/programmes/facilitators/{nw.pk}/").content.decode()
    assert "Set 5" in page
    assert "29 people reached" in page
    edit = f"/programmes/facilitated-sessions/{session.pk}/edit/"
    assert (
        lead.post(edit, {"title": "Set 5", "held_on": "6/3/2026", "people_reached": "8", "edit_version": 1}).status_code
        == 302
    )
    assert (
        lead.post(edit, {"title": "Set 5", "held_on": "6/3/2026", "people_reached": "9", "edit_version": 1}).status_code
        == 409
    )
    events = lead.get("/programmes/training-events/").content.decode()
    assert "NW set facilitators" in events
    new = lead.post("/programmes/training-events/new/",
                    {"title": "KM facilitators", "kind": "knowledge_management", "held_on": "9/2/2026",
                     "region": current_region("Y62").pk})  # fmt: skip
    assert new.status_code == 302
    national = lead.post("/programmes/training-events/new/", {"title": "National", "kind": "knowledge_management",
                                                               "held_on": "9/2/2026", "region": ""})  # fmt: skip
    assert national.status_code == 422
    assert TrainingEvent.objects.count() == 2


def test_the_cascade_page_csv_and_api_show_the_same_figures(world: World, register: dict[str, Facilitator]) -> None:
    national = client_for(world.national)
    page = national.get("/programmes/cascade/").content.decode()
    rows = {r["Region"]: r for r in _csv(national.get("/programmes/cascade/?format=csv").content)}
    api = {r["region"]: r for r in national.get(f"{API}/cascade").json()["regions"]}
    assert set(rows) == set(api)
    north_west, london = rows["North West"], rows["London"]
    # North West: 2 trained, capacity 5 + 3 = 8, 4 sessions this year (50%), 80 applications > 64 places.
    assert (north_west["Facilitators trained"], north_west["Capacity (sessions a year)"]) == ("2", "8")
    assert (north_west["Sessions run"], north_west["People reached"]) == ("4", "24")
    assert (north_west["Capacity used"], north_west["Places"], north_west["Demand (applications this year)"]) == (
        "50%", "64", "80")  # fmt: skip
    assert north_west["Train more"] == "Yes"
    assert north_west["Why"] == "Demand is more than the places"
    assert api["North West"]["capacity_used_percent"] == 50
    assert api["North West"]["demand"] == 80
    assert api["North West"]["train_more"] is True
    # London: 2 applications, hidden; its one facilitator ran 1 of 4 sessions.
    assert london["Demand (applications this year)"] == "fewer than 5"
    assert api["London"]["demand"] is None
    assert api["London"]["demand_suppressed"] is True
    assert london["Train more"] == "No"
    assert "fewer than 5" in page
    assert "Demand is more than the places" in page
    for region, row in rows.items():
        assert int(row["People reached"]) == api[region]["people_reached"]
        assert int(row["Sessions run"]) == api[region]["sessions_run"]
    assert "NW set facilitators" in page
    assert "Cal Colleague" in page
    for file_format, starts in (("xlsx", "application/vnd.openxmlformats"), ("pdf", "application/pdf")):
        download = national.get(f"/programmes/cascade/?format={file_format}")
        assert download["Content-Type"].startswith(starts)


def test_a_lead_sees_their_regions_cascade_only(world: World, register: dict[str, Facilitator]) -> None:
    lead = client_for(world.regional_lead)
    rows = _csv(lead.get("/programmes/cascade/?format=csv").content)
    assert [r["Region"] for r in rows] == ["North West"]
    assert [r["region"] for r in lead.get(f"{API}/cascade").json()["regions"]] == ["North West"]
    assert lead.get(f"{API}/cascade?region_id={current_region('Y56').pk}").status_code == 404
    nw = current_region("Y62").pk
    assert [r["region"] for r in client_for(world.national).get(f"{API}/cascade?region_id={nw}").json()["regions"]] == [
        "North West"
    ]
    page = lead.get("/programmes/cascade/").content.decode()
    assert "Olu Outsider" not in page


def test_the_api_adds_and_changes_with_versions(world: World) -> None:
    lead = client_for(world.regional_lead)
    region = current_region("Y62").pk
    body = {"person_email": "staff@example.nhs.uk", "kind": "action_learning_sets", "trained_on": "2025-03-03",
            "region_id": region, "sessions_per_year": 4, "trained_by_email": "national@example.nhs.uk"}  # fmt: skip
    bad = send(lead, "post", f"{API}/facilitators", body | {"region_id": current_region("Y56").pk})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "region"
    too_many = send(lead, "post", f"{API}/facilitators", body | {"sessions_per_year": 2**40})
    assert too_many.status_code == 422
    made = send(lead, "post", f"{API}/facilitators", body)
    assert made.status_code == 200, made.content
    found = made.json()
    assert (found["region_code"], found["edit_version"]) == ("Y62", 1)
    url = f"{API}/facilitators/{found['id']}"
    assert send(lead, "put", url, body | {"sessions_per_year": 6, "edit_version": 1}).status_code == 200
    stale = send(lead, "put", url, body | {"sessions_per_year": 7, "edit_version": 1})
    assert stale.status_code == 409
    assert stale.json()["code"] == "stale"
    session = send(lead, "post", f"{url}/sessions", {"held_on": "2026-03-02", "title": "Set 1", "people_reached": 6})
    assert session.status_code == 200, session.content
    assert [s["title"] for s in lead.get(f"{url}/sessions").json()] == ["Set 1"]
    event = send(lead, "post", f"{API}/training-events",
                 {"title": "Sets", "kind": "action_learning_sets", "held_on": "2026-01-12", "region_id": region})  # fmt: skip
    assert event.status_code == 200
    assert [e["title"] for e in lead.get(f"{API}/training-events").json()] == ["Sets"]
    assert client_for(world.staff).get(f"{API}/facilitators").status_code == 403


def test_two_tabs_on_a_training_event_and_a_session(world: World, register: dict[str, Facilitator]) -> None:
    event = register["nw"].trained_at
    assert event is not None
    edit = f"/programmes/training-events/{event.pk}/edit/"
    form = {"title": "NW set facilitators, spring", "kind": "action_learning_sets", "held_on": "3/3/2025",
            "region": current_region("Y62").pk, "edit_version": 1}  # fmt: skip
    assert client_for(world.national).post(edit, form).status_code == 302
    stale = client_for(world.regional_lead).post(edit, form | {"title": "Mine"})
    assert stale.status_code == 409
    event.refresh_from_db()
    assert (event.title, event.edit_version) == ("NW set facilitators, spring", 2)
    lead = client_for(world.regional_lead)
    api_stale = send(lead, "put", f"{API}/training-events/{event.pk}",
                     {"title": "Mine", "kind": "action_learning_sets", "held_on": "2025-03-03",
                      "region_id": event.region_id, "edit_version": 1})  # fmt: skip
    assert api_stale.status_code == 409
    session = register["nw"].sessions.first()
    assert session is not None
    body = {"held_on": "2026-02-02", "title": "Set", "people_reached": 3, "edit_version": 1}
    assert send(lead, "put", f"{API}/facilitated-sessions/{session.pk}", body).status_code == 200
    assert send(lead, "put", f"{API}/facilitated-sessions/{session.pk}", body).status_code == 409


def test_the_command_prints_the_pages_csv(world: World, register: dict[str, Facilitator]) -> None:
    out = io.StringIO()
    call_command("programme_cascade", "--format", "csv", stdout=out, stderr=io.StringIO())
    page_csv = client_for(world.national).get("/programmes/cascade/?format=csv").content.decode()
    assert out.getvalue() == page_csv
    out = io.StringIO()
    call_command("programme_cascade", "--region", "y62", "--format", "json", stdout=out)
    assert [r["region"] for r in json.loads(out.getvalue())] == ["North West"]
    with pytest.raises(CommandError) as bad:
        call_command("programme_cascade", "--region", "Q99", stdout=io.StringIO())
    assert bad.value.returncode == 2
