"""lksw programme_attendance_import COHORT_ID FILE: imports and says so on stderr (exit 0); bad input
prints every problem and exits 2 with nothing changed; so do an unknown cohort and a missing file."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lksworkforce.programmes.models import Enrolment, SessionAttendance
from tests.programmes.factories_attendance import example_cohort

pytestmark = pytest.mark.django_db
EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "formats" / "examples" / "programme-attendance.csv"


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("programme_attendance_import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(*args: str) -> tuple[CommandError, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("programme_attendance_import", *args, stdout=io.StringIO(), stderr=err)
    return raised.value, err.getvalue()


def test_the_example_file_is_imported_and_again_changes_nothing() -> None:
    cohort, (asha, *_others) = example_cohort()
    out, err = run(str(cohort.pk), str(EXAMPLE))
    assert out == ""
    assert err.strip() == (
        "The register of Evidence synthesis: 2026, London is imported. "
        "12 rows: 12 recorded, 0 changed, 0 unchanged; completion changed for 3 people."
    )
    assert Enrolment.objects.get(pk=asha.pk).status == "completed"
    _out, again = run(str(cohort.pk), str(EXAMPLE))
    assert "12 rows: 0 recorded, 0 changed, 12 unchanged; completion changed for 0 people." in again
    assert SessionAttendance.objects.count() == 12


def test_bad_input_prints_every_problem_and_exits_2(tmp_path: Path) -> None:
    cohort, _places = example_cohort()
    bad = tmp_path / "register.csv"
    bad.write_text(
        "session_date,email,status\n"
        "2026-03-02,asha.patel@example.nhs.uk,present\n"
        "2026-03-02,nobody@example.nhs.uk,present\n"
        "2026-04-13,ben.okafor@example.nhs.uk,late\n"
    )
    error, err = refused(str(cohort.pk), str(bad))
    assert error.returncode == 2
    assert str(error) == "The file was not imported: 2 errors. Nothing was changed."
    assert err.splitlines() == [
        "Row 3, column email, value 'nobody@example.nhs.uk': Nobody with this email address has a place on this cohort",
        "Row 4, column status, value 'late': Give one of: present, absent, apologies",
    ]
    assert not SessionAttendance.objects.exists()
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    error, _err = refused(str(cohort.pk), str(empty))
    assert error.returncode == 2


def test_an_unknown_cohort_or_file_exits_2(tmp_path: Path) -> None:
    cohort, _places = example_cohort()
    error, _err = refused("999999", str(EXAMPLE))
    assert (error.returncode, str(error)) == (2, "There is no cohort 999999")
    error, _err = refused(str(10**30), str(EXAMPLE))
    assert error.returncode == 2
    error, _err = refused(str(cohort.pk), str(tmp_path / "missing.csv"))
    assert error.returncode == 2
    assert "No such file" in str(error)
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * (2 * 1024 * 1024 + 1))
    error, _err = refused(str(cohort.pk), str(big))
    assert error.returncode == 2
    assert "larger than the limit of 2 MB" in str(error)
    assert not SessionAttendance.objects.exists()
