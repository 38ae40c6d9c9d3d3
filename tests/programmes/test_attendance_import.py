"""A cohort's register imported from CSV or XLSX: marks recorded and completion brought in step;
the same file again changes nothing; every problem reported by row and column, nothing written."""

import io
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from django.db.models import F

from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.models import AuditEvent
from lksworkforce.core.problems import Rejected
from lksworkforce.programmes.models import Cohort, Enrolment, SessionAttendance
from lksworkforce.programmes.services.attendance import Mark, register_save
from lksworkforce.programmes.services.attendance_import import CHANGED_ELSEWHERE, attendance_import
from tests.conftest import World
from tests.factories import UserFactory
from tests.programmes.factories import enrol
from tests.programmes.factories_attendance import cohort_with_sessions, example_cohort, mark

pytestmark = pytest.mark.django_db
DURING = date(2026, 5, 20)  # after the third session, before the cohort ends
AFTER = date(2026, 7, 1)
EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "formats" / "examples" / "programme-attendance.csv"
HEADER = "session_date,email,status"
WIDE_YEAR = "\uff12\uff10\uff12\uff16"  # 2026 in fullwidth digits


def csv_of(*lines: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode()


def problems_of(call: Callable[[], Any]) -> list[tuple[int | None, str | None, str | None, str]]:
    with pytest.raises(Rejected) as rejected:
        call()
    return [(p.row, p.column, p.value, p.reason) for p in rejected.value.problems]


def statuses(cohort: Cohort) -> dict[tuple[str, str], str]:
    return {
        (a.enrolment.person.email, a.session.title): a.status
        for a in SessionAttendance.objects.filter(session__cohort=cohort).select_related("enrolment__person", "session")
    }


def test_the_example_file_imports_into_its_cohort_and_again_changes_nothing() -> None:
    cohort, (asha, ben, cara) = example_cohort()
    data = EXAMPLE.read_bytes()
    outcome = attendance_import(actor=None, cohort=cohort, data=data, filename=EXAMPLE.name, today=AFTER)
    assert (outcome.rows, outcome.recorded, outcome.changed, outcome.unchanged) == (12, 12, 0, 0)
    assert outcome.completions_changed == 3
    assert outcome.summary == (
        "12 rows: 12 recorded, 0 changed, 0 unchanged; completion changed for 3 people."
    )  # as docs/formats/programme-attendance.md shows it
    for place in (asha, ben, cara):
        place.refresh_from_db()
    assert (asha.status, asha.completed_on) == ("completed", date(2026, 5, 18))
    assert (ben.status, ben.completed_on) == ("completed", date(2026, 6, 22))
    assert (cara.status, cara.completed_on) == ("not_completed", None)  # 2 of 4, the cohort has ended
    assert statuses(cohort)[("cara.nguyen@example.nhs.uk", "Workshop: asking the question")] == "apologies"
    events = AuditEvent.objects.filter(action="programmes.attendance_imported").count()

    again = attendance_import(actor=None, cohort=cohort, data=data, filename=EXAMPLE.name, today=AFTER)
    assert (again.recorded, again.changed, again.unchanged, again.completions_changed) == (0, 0, 12, 0)
    assert set(SessionAttendance.objects.filter(session__cohort=cohort).values_list("edit_version", flat=True)) == {1}
    assert AuditEvent.objects.filter(action="programmes.attendance_imported").count() == events


def test_a_workbook_with_date_cells_and_a_corrected_file(world: World) -> None:
    cohort, sessions = cohort_with_sessions()
    sam, cal = enrol(cohort, world.staff), enrol(cohort, world.colleague)
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("Register")
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    for column, heading in enumerate(["Session date", "Email", "Status"]):
        sheet.write_string(0, column, heading)
    rows = [
        (date(2026, 3, 2), "STAFF@example.nhs.uk", "Present"),
        (date(2026, 4, 13), "staff@example.nhs.uk", "present"),
        (date(2026, 5, 18), "staff@example.nhs.uk", "present"),
        (date(2026, 3, 2), "colleague@example.nhs.uk", "absent"),
    ]
    for number, (on, email, status) in enumerate(rows, 1):
        sheet.write_datetime(number, 0, datetime.combine(on, datetime.min.time()), day)
        sheet.write_string(number, 1, email)
        sheet.write_string(number, 2, status)
    book.close()
    outcome = attendance_import(
        actor=world.national, cohort=cohort, data=out.getvalue(), filename="r.xlsx", today=DURING
    )
    assert (outcome.recorded, outcome.completions_changed) == (4, 1)
    assert outcome.summary == "4 rows: 4 recorded, 0 changed, 0 unchanged; completion changed for 1 person."
    sam.refresh_from_db()
    assert (sam.status, sam.completed_on) == ("completed", date(2026, 5, 18))  # completed before the cohort ends
    assert SessionAttendance.objects.get(enrolment=sam, session=sessions[0]).recorded_by == world.national

    # A corrected file: the file is the truth, and completion follows it back.
    fixed = csv_of("2026-05-18,staff@example.nhs.uk,absent", "2026-03-02,colleague@example.nhs.uk,absent")
    outcome = attendance_import(actor=world.national, cohort=cohort, data=fixed, filename="fixed.csv", today=DURING)
    assert (outcome.recorded, outcome.changed, outcome.unchanged, outcome.completions_changed) == (0, 1, 1, 1)
    sam.refresh_from_db()
    cal.refresh_from_db()
    assert (sam.status, sam.completed_on, cal.status) == ("enrolled", None, "enrolled")
    assert SessionAttendance.objects.get(enrolment=sam, session=sessions[2]).edit_version == 2


def test_a_csv_with_a_byte_order_mark_is_read(world: World) -> None:
    cohort, _ = cohort_with_sessions()
    enrol(cohort, world.staff)
    data = "\ufeffSession date,Email,Status\r\n2026-03-02,staff@example.nhs.uk,present\r\n".encode()
    outcome = attendance_import(actor=None, cohort=cohort, data=data, filename="REGISTER.CSV", today=DURING)
    assert outcome.summary == "1 row: 1 recorded, 0 changed, 0 unchanged; completion changed for 0 people."


def test_every_problem_by_row_and_column_and_nothing_written(world: World) -> None:
    cohort, _ = cohort_with_sessions()
    enrol(cohort, world.staff)
    enrol(cohort, world.colleague)
    enrol(cohort, world.outsider, status="withdrawn")
    UserFactory.create(email="elsewhere@example.nhs.uk")
    data = csv_of(
        "2026-03-02,staff@example.nhs.uk,present",  # 2: good, but not written
        "2026-03-02,nobody@example.nhs.uk,present",  # 3: unknown email
        "2026-03-02,elsewhere@example.nhs.uk,present",  # 4: a person with no place
        "2026-03-02,outsider@example.nhs.uk,present",  # 5: withdrawn
        "2026-03-02,colleague@example.nhs.uk,late",  # 6: bad status
        "02/03/2026,colleague@example.nhs.uk,present",  # 7: not YYYY-MM-DD
        f"{WIDE_YEAR}-03-02,colleague@example.nhs.uk,present",  # 8: not ASCII digits
        "2026-02-30,colleague@example.nhs.uk,present",  # 9: no such day
        "2026-03-03,colleague@example.nhs.uk,present",  # 10: no session that day
        "2026-06-22,colleague@example.nhs.uk,present",  # 11: not yet happened
        "2026-03-02,STAFF@example.nhs.uk,absent",  # 12: the same person and session again
        "2026-04-13,,present",  # 13: no email
        '2026-04-13,=HYPERLINK("http://x"),@SUM(A1)',  # 14: formula-like cells are only text
    )
    found = problems_of(lambda: attendance_import(actor=None, cohort=cohort, data=data, filename="r.csv", today=DURING))
    assert found == [
        (3, "email", "nobody@example.nhs.uk", "Nobody with this email address has a place on this cohort"),
        (4, "email", "elsewhere@example.nhs.uk", "Nobody with this email address has a place on this cohort"),
        (5, "email", "outsider@example.nhs.uk", "Nobody with this email address has a place on this cohort"),
        (6, "status", "late", "Give one of: present, absent, apologies"),
        (7, "session_date", "02/03/2026", "Give the session's day as YYYY-MM-DD, for example 2026-03-02"),
        (8, "session_date", f"{WIDE_YEAR}-03-02", "Give the session's day as YYYY-MM-DD, for example 2026-03-02"),
        (9, "session_date", "2026-02-30", "There is no such day"),
        (10, "session_date", "2026-03-03", "No session of this cohort is on this day"),
        (
            11,
            "session_date",
            "2026-06-22",
            "The session has not happened yet: take its register on the day or afterwards",
        ),
        (12, "email", "STAFF@example.nhs.uk", "This person is on row 2 for the same session already"),
        (13, "email", None, "Give the person's email address"),
        (14, "email", '=HYPERLINK("http://x")', "Nobody with this email address has a place on this cohort"),
        (14, "status", "@SUM(A1)", "Give one of: present, absent, apologies"),
    ]
    assert not SessionAttendance.objects.exists()
    assert not Enrolment.objects.exclude(status__in=["enrolled", "withdrawn"]).exists()


def test_two_sessions_on_one_day_need_the_title(world: World) -> None:
    cohort, _ = cohort_with_sessions((date(2026, 3, 2), date(2026, 3, 2), date(2026, 4, 13)))
    enrol(cohort, world.staff)
    untitled = csv_of("2026-03-02,staff@example.nhs.uk,present")
    assert problems_of(
        lambda: attendance_import(actor=None, cohort=cohort, data=untitled, filename="r.csv", today=DURING)
    ) == [
        (
            2,
            "session_date",
            "2026-03-02",
            "The cohort has more than one session on this day: give the session's title in session_title",
        )
    ]
    header = "session_date,session_title,email,status"
    wrong = csv_of("2026-03-02,Session 9,staff@example.nhs.uk,present", header=header)
    assert problems_of(
        lambda: attendance_import(actor=None, cohort=cohort, data=wrong, filename="r.csv", today=DURING)
    ) == [(2, "session_title", "Session 9", "No session of this cohort is on this day with this title")]
    titled = csv_of("2026-03-02,session 2,staff@example.nhs.uk,present", header=header)
    attendance_import(actor=None, cohort=cohort, data=titled, filename="r.csv", today=DURING)
    assert statuses(cohort) == {("staff@example.nhs.uk", "Session 2"): "present"}


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (b"", "r.csv", [(None, None, None, "The file is empty: it has no header row and no data rows.")]),
        (csv_of(), "r.csv", [(None, None, None, "The file has no data rows.")]),
        (
            csv_of("2026-03-02,staff@example.nhs.uk", header="session_date,email"),
            "r.csv",
            [(None, "status", None, "Required column is missing.")],
        ),
        (
            csv_of("2026-03-02,staff@example.nhs.uk,present,yes", header="session_date,email,status,late"),
            "r.csv",
            [
                (
                    None,
                    "late",
                    "late",
                    "Unknown column. Expected one of: session_date, email, status, session_title, name",
                )
            ],
        ),
        (
            csv_of("2026-03-02,staff@example.nhs.uk,present"),
            "register.txt",
            [
                (
                    None,
                    None,
                    "register.txt",
                    "This type of file is not accepted. Upload a CSV file (.csv) or an Excel workbook (.xlsx).",
                )
            ],
        ),
        (
            b"x" * (2 * 1024 * 1024 + 1),
            "r.csv",
            [(None, None, None, "The file is 2 MB, larger than the limit of 2 MB. Split it up.")],
        ),
    ],
    ids=["empty", "no-rows", "missing-column", "unknown-column", "not-csv-or-xlsx", "too-large"],
)
def test_a_file_that_cannot_be_a_register(
    world: World, data: bytes, filename: str, expected: list[tuple[object, ...]]
) -> None:
    cohort, _ = cohort_with_sessions()
    enrol(cohort, world.staff)
    found = problems_of(
        lambda: attendance_import(actor=None, cohort=cohort, data=data, filename=filename, today=DURING)
    )
    assert found == expected
    assert not SessionAttendance.objects.exists()


def test_a_workbook_that_is_not_one_is_refused(world: World) -> None:
    cohort, _ = cohort_with_sessions()
    enrol(cohort, world.staff)
    data = csv_of("2026-03-02,staff@example.nhs.uk,present")
    found = problems_of(
        lambda: attendance_import(actor=None, cohort=cohort, data=data, filename="r.xlsx", today=DURING)
    )
    assert [reason for *_, reason in found] == [
        "The file could not be read as an Excel workbook (.xlsx). "
        "Check that it opens in Excel, save it again as .xlsx and upload it."
    ]


def test_a_register_changed_while_the_file_is_imported_is_refused(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    cohort, sessions = cohort_with_sessions()
    sam, cal = enrol(cohort, world.staff), enrol(cohort, world.colleague)
    mark(sessions[0], sam, "absent")
    real = SessionAttendance.objects.select_for_update

    class Racing:
        """The saved marks as the import read them, then someone else saves them again."""

        def filter(self, **lookups: object) -> list[SessionAttendance]:
            read = list(real().filter(**lookups))
            SessionAttendance.objects.filter(pk__in=[a.pk for a in read]).update(edit_version=F("edit_version") + 1)
            return read

    monkeypatch.setattr(SessionAttendance.objects, "select_for_update", Racing)
    data = csv_of("2026-03-02,colleague@example.nhs.uk,present", "2026-03-02,staff@example.nhs.uk,present")
    found = problems_of(lambda: attendance_import(actor=None, cohort=cohort, data=data, filename="r.csv", today=DURING))
    assert found == [(3, "status", "present", CHANGED_ELSEWHERE)]
    assert statuses(cohort) == {("staff@example.nhs.uk", "Session 1"): "absent"}  # Cal's row was not written either
    assert not SessionAttendance.objects.filter(enrolment=cal).exists()


def test_a_register_opened_before_an_import_is_stale(world: World) -> None:
    cohort, sessions = cohort_with_sessions()
    cal = enrol(cohort, world.colleague)
    mark(sessions[1], cal, "present")
    opened = {a.session_id: a.edit_version for a in SessionAttendance.objects.filter(enrolment=cal)}
    data = csv_of("2026-03-02,colleague@example.nhs.uk,absent", "2026-04-13,colleague@example.nhs.uk,apologies")
    attendance_import(actor=None, cohort=cohort, data=data, filename="r.csv", today=DURING)
    for session in sessions[:2]:
        with pytest.raises(StaleEdit) as stale:
            register_save(
                actor=world.national,
                session=session,
                marks=[Mark(cal.pk, "present", opened.get(session.pk, 0))],
                today=DURING,
            )
        assert [c.label for c in stale.value.changes] == ["Cal Colleague"]
    assert statuses(cohort) == {
        ("colleague@example.nhs.uk", "Session 1"): "absent",
        ("colleague@example.nhs.uk", "Session 2"): "apologies",
    }
