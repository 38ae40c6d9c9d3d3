"""Attendance over the API: read and take a session's register (409 stale, 422 naming the field),
the cohort's register with completion, the import of a register file, and your own attendance;
hostile values are 422 or 404, never a 500."""

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lksworkforce.programmes.api.attendance import MAX_MARKS
from lksworkforce.programmes.models import Enrolment, SessionAttendance
from tests.conftest import World, client_for
from tests.programmes.factories import enrol
from tests.programmes.factories_attendance import cohort_with_sessions, example_cohort, mark

pytestmark = pytest.mark.django_db
API = "/api/v1/programmes"
EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "formats" / "examples" / "programme-attendance.csv"


def put(client: Any, url: str, data: Any) -> Any:
    return client.put(url, data=json.dumps(data), content_type="application/json")


def fields(response: Any) -> list[str | None]:
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "invalid_input"
    return [error["field"] for error in body["errors"]]


def test_read_and_take_a_register(world: World) -> None:
    cohort, sessions = cohort_with_sessions()
    cohort.facilitators.add(world.staff)
    cal, olu = enrol(cohort, world.colleague), enrol(cohort, world.outsider)
    client = client_for(world.staff)
    url = f"{API}/sessions/{sessions[0].pk}/attendance"
    read = client.get(url).json()
    assert (read["title"], read["happened"]) == ("Session 1", True)
    assert read["rows"] == [
        {"enrolment_id": cal.pk, "name": "Cal Colleague", "organisation": "Alpha Hospitals NHS Trust",
         "status": None, "edit_version": 0},
        {"enrolment_id": olu.pk, "name": "Olu Outsider", "organisation": "Beta Mental Health NHS Trust",
         "status": None, "edit_version": 0},
    ]  # fmt: skip
    marks = [
        {"enrolment_id": cal.pk, "status": "present", "edit_version": 0},
        {"enrolment_id": olu.pk, "status": "absent", "edit_version": 0},
    ]
    saved = put(client, url, {"marks": marks})
    assert saved.status_code == 200, saved.content
    body = saved.json()
    assert (body["recorded"], body["changed"], body["unchanged"]) == (2, 0, 0)
    assert [(r["status"], r["edit_version"]) for r in body["session_register"]["rows"]] == [
        ("present", 1),
        ("absent", 1),
    ]

    # The same marks again, from the page read before: stale, with what is saved now; nothing written.
    marks[1]["status"] = "apologies"
    stale = put(client, url, {"marks": marks})
    assert stale.status_code == 409
    assert stale.json()["code"] == "stale"
    assert stale.json()["changes"] == [{"field": "Olu Outsider", "yours": "Apologies", "saved": "Absent"}]
    assert SessionAttendance.objects.get(enrolment=olu).status == "absent"
    fresh = put(client, url, {"marks": [{"enrolment_id": olu.pk, "status": "apologies", "edit_version": 1}]})
    assert (fresh.json()["changed"], fresh.json()["unchanged"]) == (1, 0)


def test_bad_marks_are_422_naming_the_field(world: World) -> None:
    today = timezone.localdate()
    cohort, sessions = cohort_with_sessions(
        (today - timedelta(days=7), today + timedelta(days=7)), ends_on=today + timedelta(days=30)
    )
    cohort.facilitators.add(world.staff)
    cal = enrol(cohort, world.colleague)
    elsewhere = enrol(cohort_with_sessions()[0], world.outsider)
    client = client_for(world.staff)
    url = f"{API}/sessions/{sessions[0].pk}/attendance"
    refused = put(
        client,
        url,
        {
            "marks": [
                {"enrolment_id": cal.pk, "status": "late", "edit_version": 0},
                {"enrolment_id": elsewhere.pk, "status": "present", "edit_version": 0},
                {"enrolment_id": cal.pk, "status": "present", "edit_version": 0},
            ]
        },
    )
    # Named as the schema's own refusals name them (marks.0.edit_version below).
    assert fields(refused) == ["marks.0.status", "marks.1.enrolment_id", "marks.2.enrolment_id"]
    assert [e["reason"] for e in refused.json()["errors"]] == [
        "Choose present, absent or apologies",
        "There is no such place on this cohort",
        "This place is marked more than once",
    ]
    assert fields(put(client, url, {"marks": [{"enrolment_id": cal.pk, "status": "present"}]})) == [
        "marks.0.edit_version"
    ]
    assert fields(put(client, url, {"marks": []})) == ["marks"]
    assert fields(put(client, url, {"marks": [{"enrolment_id": cal.pk, "status": "x" * 21, "edit_version": 0}]})) == [
        "marks.0.status"
    ]
    too_many = [{"enrolment_id": n, "status": "present", "edit_version": 0} for n in range(1, MAX_MARKS + 2)]
    assert fields(put(client, url, {"marks": too_many})) == ["marks"]
    not_yet = put(
        client,
        f"{API}/sessions/{sessions[1].pk}/attendance",
        {"marks": [{"enrolment_id": cal.pk, "status": "present", "edit_version": 0}]},
    )
    assert fields(not_yet) == ["session"]
    assert "has not happened yet" in not_yet.json()["message"]
    assert client.get(f"{API}/sessions/{sessions[1].pk}/attendance").json()["happened"] is False
    assert not SessionAttendance.objects.exists()


def test_hostile_values_are_422_or_404(world: World) -> None:
    cohort, sessions = cohort_with_sessions()
    cal = enrol(cohort, world.colleague)
    client = client_for(world.national)
    url = f"{API}/sessions/{sessions[0].pk}/attendance"
    for bad in (
        {"enrolment_id": 2**31, "status": "present", "edit_version": 0},
        {"enrolment_id": 0, "status": "present", "edit_version": 0},
        {"enrolment_id": cal.pk, "status": "present", "edit_version": -1},
        {"enrolment_id": cal.pk, "status": "present", "edit_version": 2**63},
        {"enrolment_id": "one", "status": "present", "edit_version": 0},
        {"enrolment_id": cal.pk, "status": 7, "edit_version": 0},
    ):
        assert put(client, url, {"marks": [bad]}).status_code == 422, bad
    assert put(client, url, {"marks": "everyone"}).status_code == 422
    nul = put(client, url, {"marks": [{"enrolment_id": cal.pk, "status": "present\x00", "edit_version": 0}]})
    assert nul.status_code in {400, 422}, nul.content  # refused before the body is read as marks
    assert client.put(url, data="{", content_type="application/json").status_code in {400, 422}
    huge = 10**30
    for path in (f"/sessions/{huge}/attendance", f"/cohorts/{huge}/attendance", "/sessions/2147483648/attendance"):
        assert client.get(API + path).status_code == 404, path
    assert put(client, f"{API}/sessions/{huge}/attendance", {"marks": [{"enrolment_id": cal.pk, "status": "present", "edit_version": 0}]}).status_code == 404  # fmt: skip
    assert client.post(f"{API}/cohorts/{huge}/attendance/import").status_code == 404
    assert client.get(f"{API}/sessions/-1/attendance").status_code == 404
    assert not SessionAttendance.objects.exists()


def test_the_cohort_register_with_completion(world: World) -> None:
    cohort, sessions = cohort_with_sessions()
    cohort.facilitators.add(world.staff)
    cal, olu = enrol(cohort, world.colleague), enrol(cohort, world.outsider)
    for session in sessions[:3]:
        mark(session, cal, "present")
    mark(sessions[0], olu, "apologies")
    body = client_for(world.staff).get(f"{API}/cohorts/{cohort.pk}/attendance").json()
    assert body["rule"] == "Attend at least 3 of the 4 sessions."
    assert [s["id"] for s in body["sessions"]] == [s.pk for s in sessions]
    assert body["places"] == [
        {"enrolment_id": cal.pk, "name": "Cal Colleague", "organisation": "Alpha Hospitals NHS Trust",
         "marks": ["present", "present", "present", None], "attended": 3, "required": 3, "outcome": "completed",
         "completed_on": "2026-05-18", "progress": "3 of 4 sessions attended; needs 3."},
        {"enrolment_id": olu.pk, "name": "Olu Outsider", "organisation": "Beta Mental Health NHS Trust",
         "marks": ["apologies", None, None, None], "attended": 0, "required": 3, "outcome": "not_completed",
         "completed_on": None, "progress": "0 of 4 sessions attended; needs 3."},
    ]  # fmt: skip
    assert client_for(world.manager).get(f"{API}/cohorts/{cohort.pk}/attendance").status_code == 403
    assert client_for(world.colleague).get(f"{API}/sessions/{sessions[0].pk}/attendance").status_code == 403


def test_import_over_the_api(world: World) -> None:
    cohort, (asha, _ben, _cara) = example_cohort()
    cohort.facilitators.add(world.staff)
    client = client_for(world.staff)
    url = f"{API}/cohorts/{cohort.pk}/attendance/import"
    no_file = client.post(url)
    assert fields(no_file) == ["file"]
    bad = SimpleUploadedFile("r.csv", b"session_date,email,status\n2026-03-02,asha.patel@example.nhs.uk,late\n")
    refused = client.post(url, {"file": bad})
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {"row": 2, "column": "status", "line": None, "field": None, "value": "late",
         "reason": "Give one of: present, absent, apologies"},
    ]  # fmt: skip
    not_a_register = client.post(url, {"file": SimpleUploadedFile("r.pdf", b"%PDF-1.7")})
    assert not_a_register.status_code == 422
    assert "This type of file is not accepted" in not_a_register.json()["message"]
    assert not SessionAttendance.objects.exists()
    imported = client.post(url, {"file": SimpleUploadedFile(EXAMPLE.name, EXAMPLE.read_bytes())})
    assert imported.status_code == 200, imported.content
    assert imported.json() == {
        "rows": 12, "recorded": 12, "changed": 0, "unchanged": 0, "completions_changed": 3, "notes": [],
    }  # fmt: skip
    assert Enrolment.objects.get(pk=asha.pk).status == "completed"
    again = client.post(url, {"file": SimpleUploadedFile(EXAMPLE.name, EXAMPLE.read_bytes())})
    assert (again.json()["unchanged"], again.json()["completions_changed"]) == (12, 0)
    assert client_for(world.manager).post(url, {"file": bad}).status_code == 403


def test_your_own_attendance(world: World) -> None:
    cohort, sessions = cohort_with_sessions()
    sam, cal = enrol(cohort, world.staff), enrol(cohort, world.colleague)
    mark(sessions[0], sam, "present")
    mark(sessions[0], cal, "absent")
    mine = client_for(world.staff).get(f"{API}/attendance/mine").json()
    assert len(mine) == 1
    assert [p["enrolment_id"] for p in mine[0]["places"]] == [sam.pk]
    assert mine[0]["places"][0]["progress"] == "1 of 4 sessions attended; you need 3."
    assert mine[0]["places"][0]["marks"] == ["present", None, None, None]
    assert client_for(world.outsider).get(f"{API}/attendance/mine").json() == []
    assert client_for(None).get(f"{API}/attendance/mine").status_code == 401
