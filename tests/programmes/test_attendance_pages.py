"""The attendance pages as people use them: a facilitator takes a session's register (everyone
present, save, a stale page refused with what changed), the cohort's register with completion and
its downloads, the import page, and a participant's own attendance; who may open which."""

import csv
import io
import shutil
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from lksworkforce.core import exports
from lksworkforce.core.workbooks import cell_text, read_first_sheet
from lksworkforce.programmes.models import Enrolment, SessionAttendance
from tests.conftest import ROLES, World, client_for
from tests.factories import UserFactory
from tests.programmes import pages_attendance
from tests.programmes.factories import enrol
from tests.programmes.factories_attendance import cohort_with_sessions, example_cohort, mark

pytestmark = pytest.mark.django_db
EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "formats" / "examples" / "programme-attendance.csv"


def page_text(response: object) -> str:
    return unescape(response.content.decode())  # type: ignore[attr-defined]


def session_url(session_id: int) -> str:
    return f"/programmes/sessions/{session_id}/attendance/"


def cohort_url(cohort_id: int) -> str:
    return f"/programmes/cohorts/{cohort_id}/attendance/"


def test_a_facilitator_marks_everyone_present_changes_one_and_saves(world: World) -> None:
    cohort, sessions = cohort_with_sessions()
    cohort.facilitators.add(world.staff)
    cal, olu = enrol(cohort, world.colleague), enrol(cohort, world.outsider)
    enrol(cohort, UserFactory.create(full_name="Wyn Withdrawn"), status="withdrawn")
    client = client_for(world.staff)
    url = session_url(sessions[0].pk)
    page = page_text(client.get(url))
    assert "Register: Session 1" in page
    assert "Cal Colleague" in page
    assert "Olu Outsider" in page
    assert "Wyn Withdrawn" not in page
    assert "Mark everyone present" in page

    versions = {f"p{cal.pk}-edit_version": "0", f"p{olu.pk}-edit_version": "0"}
    everyone = client.post(url, {**versions, "mark_all": "present"})
    assert everyone.status_code == 200
    shown = page_text(everyone)
    assert "Everyone is marked present" in shown
    assert shown.count('value="present" checked') == 2
    assert not SessionAttendance.objects.exists()  # nothing is saved until the register is

    saved = client.post(url, {**versions, f"p{cal.pk}-status": "present", f"p{olu.pk}-status": "apologies"})
    assert saved.status_code == 302
    assert saved["Location"] == url
    assert "The register is saved: 2 recorded, 0 changed, 0 unchanged." in page_text(client.get(url))
    assert dict(SessionAttendance.objects.values_list("enrolment_id", "status")) == {
        cal.pk: "present",
        olu.pk: "apologies",
    }
    register = page_text(client.get(cohort_url(cohort.pk)))
    assert "1 of 4 sessions attended; needs 3." in register


def test_a_stale_register_is_refused_showing_what_changed(world: World) -> None:
    cohort, sessions = cohort_with_sessions()
    cohort.facilitators.add(world.staff, world.manager)
    cal, olu = enrol(cohort, world.colleague), enrol(cohort, world.outsider)
    url = session_url(sessions[0].pk)
    opened = {f"p{cal.pk}-edit_version": "0", f"p{olu.pk}-edit_version": "0"}
    # Another facilitator saves Cal's mark after Sam opened the page.
    client_for(world.manager).post(url, {**opened, f"p{cal.pk}-status": "absent"})
    refused = client_for(world.staff).post(
        url, {**opened, f"p{cal.pk}-status": "present", f"p{olu.pk}-status": "present"}
    )
    assert refused.status_code == 409
    shown = page_text(refused)
    assert "This register changed since you opened this page" in shown
    assert "Nothing you sent was saved" in shown
    row = shown[shown.index('<th scope="row" class="nhsuk-table__header">Cal Colleague</th>') :]
    assert row.index("Present") < row.index("Absent") < row.index("</tr>")
    assert f'name="p{cal.pk}-edit_version" value="1"' in shown  # the re-shown form carries the version saved now
    assert dict(SessionAttendance.objects.values_list("enrolment_id", "status")) == {cal.pk: "absent"}


def test_a_person_given_a_place_since_the_page_was_opened_does_not_stop_the_save(world: World) -> None:
    cohort, sessions = cohort_with_sessions()
    cohort.facilitators.add(world.staff)
    cal = enrol(cohort, world.colleague)
    client = client_for(world.staff)
    url = session_url(sessions[0].pk)
    client.get(url)
    olu = enrol(cohort, world.outsider)  # their place is accepted while the register is open
    saved = client.post(url, {f"p{cal.pk}-status": "present", f"p{cal.pk}-edit_version": "0"})
    assert saved.status_code == 302
    assert dict(SessionAttendance.objects.values_list("enrolment_id", "status")) == {cal.pk: "present"}
    assert "Olu Outsider" in page_text(client.get(url))
    assert not SessionAttendance.objects.filter(enrolment=olu).exists()


def test_bad_registers_are_refused_and_nothing_saved(world: World) -> None:
    cohort, sessions = cohort_with_sessions()
    cohort.facilitators.add(world.staff)
    cal = enrol(cohort, world.colleague)
    client = client_for(world.staff)
    url = session_url(sessions[0].pk)
    no_version = client.post(url, {f"p{cal.pk}-status": "present"})
    assert no_version.status_code == 400
    assert "did not say which version" in page_text(no_version)
    bad = client.post(url, {f"p{cal.pk}-status": "late", f"p{cal.pk}-edit_version": "0"})
    assert bad.status_code == 422
    assert "Choose present, absent or apologies for Cal Colleague" in page_text(bad)
    blank = client.post(url, {f"p{cal.pk}-edit_version": "0"})
    assert blank.status_code == 422
    assert "Mark at least one person present, absent or sending apologies" in page_text(blank)
    assert not SessionAttendance.objects.exists()


def test_a_session_not_yet_held_takes_no_register(world: World) -> None:
    today = timezone.localdate()
    cohort, sessions = cohort_with_sessions(
        (today - timedelta(days=7), today + timedelta(days=7)), ends_on=today + timedelta(days=30)
    )
    cohort.facilitators.add(world.staff)
    cal = enrol(cohort, world.colleague)
    client = client_for(world.staff)
    url = session_url(sessions[1].pk)
    shown = page_text(client.get(url))
    assert "This session has not happened yet" in shown
    assert "Save the register" not in shown
    refused = client.post(url, {f"p{cal.pk}-status": "present", f"p{cal.pk}-edit_version": "0"})
    assert refused.status_code == 422
    assert "The session has not happened yet: take its register on the day or afterwards" in page_text(refused)
    assert not SessionAttendance.objects.exists()
    # The session of last week is open: and today's session would be too.
    assert "Save the register" in page_text(client.get(session_url(sessions[0].pk)))


def pdf_text(pdf: bytes) -> str | None:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:  # pragma: no cover - poppler-utils is not on every machine
        return None
    result = subprocess.run([pdftotext, "-layout", "-", "-"], input=pdf, capture_output=True, check=True)  # noqa: S603
    return result.stdout.decode()


def test_the_cohort_register_and_its_downloads_give_the_same_rows(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    cohort, sessions = cohort_with_sessions()
    cohort.facilitators.add(world.staff)
    cal, olu = enrol(cohort, world.colleague), enrol(cohort, world.outsider)
    tricky = enrol(cohort, UserFactory.create(full_name="=cmd|' /C calc'!A0", organisation=None))
    for session in sessions[:3]:
        mark(session, cal, "present")
    mark(sessions[0], olu, "apologies")
    mark(sessions[0], tricky, "absent")
    client = client_for(world.staff)
    page = page_text(client.get(cohort_url(cohort.pk)))
    assert "To complete the programme: Attend at least 3 of the 4 sessions." in page
    assert "3 of 4 sessions attended; needs 3." in page
    assert "Completed</strong> on 18 May 2026" in page  # a day as pages show days; the downloads give 2026-05-18
    assert "Apologies" in page
    assert "Not completed" in page  # Olu: the cohort has ended
    for session in sessions:
        assert f'href="{session_url(session.pk)}"' in page
    assert f'href="/programmes/cohorts/{cohort.pk}/attendance/import/"' in page

    downloaded = client.get(cohort_url(cohort.pk), {"format": "csv"})
    assert downloaded["Content-Disposition"] == f'attachment; filename="register-cohort-{cohort.pk}.csv"'
    rows = list(csv.reader(io.StringIO(downloaded.content.decode())))
    assert rows[0] == [
        "name",
        "organisation",
        "1. 2026-03-02 Session 1",
        "2. 2026-04-13 Session 2",
        "3. 2026-05-18 Session 3",
        "4. 2026-06-22 Session 4",
        "attended",
        "required",
        "completion",
        "completed_on",
    ]
    assert rows[1:] == [
        ["'=cmd|' /C calc'!A0", "", "Absent", "Not recorded", "Not recorded", "Not recorded", "0", "3", "Not completed", ""],
        ["Cal Colleague", "Alpha Hospitals NHS Trust", "Present", "Present", "Present", "Not recorded", "3", "3", "Completed", "2026-05-18"],
        ["Olu Outsider", "Beta Mental Health NHS Trust", "Apologies", "Not recorded", "Not recorded", "Not recorded", "0", "3", "Not completed", ""],
    ]  # fmt: skip
    workbook = client.get(cohort_url(cohort.pk), {"format": "xlsx"})
    sheet = read_first_sheet(workbook.content, max_rows=10, max_columns=20)
    as_text = [[cell_text(cell) for cell in row] for row in sheet.rows]
    assert as_text == rows
    printed: list[list[str]] = []
    real_pdf = exports.table_as_pdf

    def table_as_pdf(columns: Sequence[str], table: Iterable[Mapping[str, Any]], *, title: str) -> bytes:
        table = list(table)
        printed.extend([list(columns), *([exports._csv_value(row.get(c)) for c in columns] for row in table)])
        return real_pdf(columns, table, title=title)

    monkeypatch.setattr(exports, "table_as_pdf", table_as_pdf)
    pdf = client.get(cohort_url(cohort.pk), {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert printed == [rows[0], ["=cmd|' /C calc'!A0", *rows[1][1:]], *rows[2:]]  # a PDF runs no formula
    text = pdf_text(pdf.content)
    assert text is None or all(name in text for name in ("Cal Colleague", "Olu Outsider", "2026-05-18"))
    assert client.get(cohort_url(cohort.pk), {"format": "docx"}).status_code == 404


def test_the_import_page_lists_problems_then_imports(world: World) -> None:
    cohort, (asha, _ben, _cara) = example_cohort()
    cohort.facilitators.add(world.staff)
    client = client_for(world.staff)
    url = f"/programmes/cohorts/{cohort.pk}/attendance/import/"
    shown = page_text(client.get(url))
    assert "Import a register: 2026, London" in shown
    assert "at most 2 MB" in shown
    no_file = client.post(url, {})
    assert no_file.status_code == 422
    assert "Choose a CSV or XLSX file to upload" in page_text(no_file)
    bad = io.BytesIO(
        b"session_date,email,status\n2026-03-02,asha.patel@example.nhs.uk,late\n2026-03-09,x@y.z,present\n"
    )
    bad.name = "register.csv"
    refused = client.post(url, {"file": bad})
    assert refused.status_code == 422
    shown = page_text(refused)
    assert "Problems in the file" in shown
    assert "Correct these 3 problems and upload the file again" in shown
    assert "Give one of: present, absent, apologies" in shown
    assert "No session of this cohort is on this day" in shown
    assert "Nobody with this email address has a place on this cohort" in shown
    assert not SessionAttendance.objects.exists()
    with EXAMPLE.open("rb") as example:
        imported = client.post(url, {"file": example}, follow=True)
    assert imported.redirect_chain == [(cohort_url(cohort.pk), 302)]
    assert (
        "The register is imported. 12 rows: 12 recorded, 0 changed, 0 unchanged; completion changed for 3 people."
        in page_text(imported)
    )
    assert Enrolment.objects.get(pk=asha.pk).status == "completed"


def test_a_participant_sees_only_their_own_attendance(world: World) -> None:
    cohort, sessions = cohort_with_sessions()
    sam, cal = enrol(cohort, world.staff), enrol(cohort, world.colleague)
    mark(sessions[0], sam, "present")
    mark(sessions[1], sam, "absent")
    mark(sessions[0], cal, "present")
    client = client_for(world.staff)
    page = page_text(client.get("/programmes/attendance/"))
    assert f"{cohort.programme.title}: {cohort.name}" in page
    assert "1 of 4 sessions attended; you need 3." in page
    assert "To complete the programme: Attend at least 3 of the 4 sessions." in page
    assert "Cal Colleague" not in page
    assert page.count("Present") == 1
    assert "Absent" in page
    mark(sessions[2], sam, "present")
    mark(sessions[3], sam, "present")
    assert "Completed</strong> on 22 June 2026" in page_text(client.get("/programmes/attendance/"))
    assert "You have no place on a programme's cohort." in page_text(
        client_for(world.outsider).get("/programmes/attendance/")
    )
    # A participant takes no register, not even their own.
    assert client.get(session_url(sessions[0].pk)).status_code == 403
    assert client.get(cohort_url(cohort.pk)).status_code == 403


def test_who_may_take_which_register(world: World) -> None:
    cohort, sessions = cohort_with_sessions()
    other, other_sessions = cohort_with_sessions()
    other.facilitators.add(world.manager)
    sessions[1].facilitators.add(world.curator)
    enrol(cohort, world.colleague)
    manager, curator = client_for(world.manager), client_for(world.curator)
    # A facilitator of another cohort: the cohort and its sessions are open to everyone, its register is not (403).
    for url in (session_url(sessions[0].pk), cohort_url(cohort.pk), f"{cohort_url(cohort.pk)}import/"):
        refused = manager.get(url)
        assert refused.status_code == 403
        assert "Cal Colleague" not in page_text(refused)
    assert manager.get(session_url(other_sessions[0].pk)).status_code == 200
    # A session's own facilitator: that session's register, not the cohort's or its other sessions'.
    taken = curator.get(session_url(sessions[1].pk))
    assert taken.status_code == 200
    assert f'href="{cohort_url(cohort.pk)}"' not in page_text(taken)  # no breadcrumb to a page they cannot open
    assert curator.get(session_url(sessions[0].pk)).status_code == 403
    assert curator.get(cohort_url(cohort.pk)).status_code == 403
    # Those who run it: the national team, and for a regional cohort its region's lead only.
    national = client_for(world.national).get(session_url(sessions[0].pk))
    assert f'href="{cohort_url(cohort.pk)}"' in page_text(national)
    assert client_for(world.regional_lead).get(cohort_url(cohort.pk)).status_code == 403
    # Nothing there, whatever the number.
    for url in (session_url(999_999), cohort_url(999_999), session_url(10**30), cohort_url(10**30)):
        assert manager.get(url).status_code == 404
    assert client_for(world.national).get(f"{cohort_url(10**30)}import/").status_code == 404


def test_a_regional_cohorts_lead_takes_its_register(world: World) -> None:
    from tests.factories import current_region

    cohort, sessions = cohort_with_sessions(region=current_region("Y62"))
    cal = enrol(cohort, world.colleague)
    lead = client_for(world.regional_lead)
    saved = lead.post(session_url(sessions[0].pk), {f"p{cal.pk}-status": "present", f"p{cal.pk}-edit_version": "0"})
    assert saved.status_code == 302
    assert SessionAttendance.objects.get().recorded_by == world.regional_lead
    assert lead.get(cohort_url(cohort.pk)).status_code == 200
    assert date(2026, 3, 2).isoformat() in lead.get(cohort_url(cohort.pk), {"format": "csv"}).content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_the_browser_walks_pages_answer_as_listed(world: World, role: str) -> None:
    listed = pages_attendance.browser_pages(role, world)
    assert bool(listed) is (role != "anonymous")
    client = client_for(world.by_role(role))
    for path, status in listed:
        assert client.get(path).status_code == status, (role, path)


def test_a_cohort_with_no_sessions_yet(world: World) -> None:
    from tests.programmes.factories import CohortFactory, ProgrammeFactory

    cohort = CohortFactory.create(programme=ProgrammeFactory.create(completion_sessions=3))
    enrol(cohort, world.colleague)
    page = page_text(client_for(world.national).get(cohort_url(cohort.pk)))
    assert "To complete the programme: Attend at least 3 sessions (none are planned yet)." in page
    assert "No sessions are planned yet." in page
    every = CohortFactory.create(
        programme=ProgrammeFactory.create(completion_sessions=None, completion_needs_project=True)
    )
    shown = page_text(client_for(world.national).get(cohort_url(every.pk)))
    assert "Attend every session (none are planned yet) and take part in a group project." in shown
