"""Importing organisations, by the service and by `lksw import_organisations`: all or nothing."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lksworkforce.accounts.models import User
from lksworkforce.core.models import AuditEvent
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.organisations.models import CURRENT_GEOGRAPHY_KEY, Organisation, RegionMembership
from lksworkforce.organisations.services import ImportOutcome, organisations_import
from tests.conftest import World
from tests.organisations.files import (
    GOOD_CODES,
    GOOD_ROWS,
    HEADER,
    WITH_REGION,
    as_xlsx_cells,
    counts,
    csv_bytes,
    snapshot,
    xlsx_bytes,
)

YEAR = 2025
UNKNOWN_COLUMN = "Unknown column. Expected one of: ods_code, name, type, region_code, opened_on, closed_on"
UNKNOWN_REGION = "Unknown region code. Use one of: Y56, Y58, Y59, Y60, Y61, Y62, Y63"
UNKNOWN_TYPE = (
    "Unknown organisation type. Use one of: acute, mental_health, community, ambulance, arms_length_body, other"
)
NOT_A_DATE = "Not a date. Use the form YYYY-MM-DD, for example 2019-04-01"


def run(data: bytes, filename: str = "organisations.csv", year: int = YEAR, actor: User | None = None) -> ImportOutcome:
    return organisations_import(data=data, filename=filename, year=year, actor=actor)


def command(path: Path, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_organisations", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path: Path, data: bytes, name: str = "organisations.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def changed(index: int, **values: str) -> list[list[str]]:
    """The good rows with one row's values changed. Row `index` is file row `index + 2`."""
    rows = [list(r) for r in GOOD_ROWS]
    for column, value in values.items():
        rows[index][HEADER.index(column)] = value
    return rows


def _assert_created(year: int = YEAR) -> None:
    assert set(Organisation.objects.filter(ods_code__in=GOOD_CODES).values_list("ods_code", flat=True)) == GOOD_CODES
    ambulance = Organisation.objects.get(ods_code="RX4")
    assert (ambulance.name, ambulance.type) == ("Example Ambulance Service NHS Trust", "ambulance")
    assert (ambulance.opened_on, ambulance.closed_on) == (datetime.date(1990, 1, 1), datetime.date(2020, 3, 31))
    assert Organisation.objects.get(ods_code="RX2").type == "mental_health"
    assert Organisation.objects.get(ods_code="XE001").type == "arms_length_body"
    memberships = RegionMembership.objects.filter(organisation__ods_code__in=GOOD_CODES)
    assert memberships.count() == WITH_REGION
    assert {(m.organisation.ods_code, m.region.code, m.year, m.geography.key) for m in memberships} == {
        ("RX1", "Y56", year, CURRENT_GEOGRAPHY_KEY),
        ("RX2", "Y62", year, CURRENT_GEOGRAPHY_KEY),
        ("RX3", "Y60", year, CURRENT_GEOGRAPHY_KEY),
        ("RX4", "Y63", year, CURRENT_GEOGRAPHY_KEY),
    }


# Good files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "data"),
    [("organisations.csv", csv_bytes(GOOD_ROWS)), ("organisations.xlsx", xlsx_bytes(as_xlsx_cells(GOOD_ROWS)))],
    ids=["csv", "xlsx"],
)
def test_a_good_file_creates_organisations_and_region_memberships(db: None, filename: str, data: bytes) -> None:
    outcome = run(data, filename)
    assert (outcome.created, outcome.updated, outcome.unchanged, outcome.memberships_set) == (5, 0, 0, WITH_REGION)
    _assert_created()
    assert AuditEvent.objects.filter(action="organisation.created").count() == 5


def test_csv_and_xlsx_of_the_same_rows_give_the_same_organisations(db: None) -> None:
    run(csv_bytes(GOOD_ROWS))
    from_csv = snapshot()[:-1]
    Organisation.objects.all().delete()
    run(xlsx_bytes(as_xlsx_cells(GOOD_ROWS)), "organisations.xlsx")

    def strip_timestamps(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
        return [r[:5] for r in rows]

    assert strip_timestamps(snapshot()[:-1]) == strip_timestamps(from_csv)


def test_reimporting_the_same_file_changes_nothing(db: None) -> None:
    data = csv_bytes(GOOD_ROWS)
    run(data)
    before = snapshot()
    outcome = run(data)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 5)
    assert snapshot() == before
    assert outcome.summary == f"0 organisations added, 0 updated, 5 unchanged; region set for {WITH_REGION}."


def test_reimport_with_a_changed_name_updates_and_audits_it(db: None) -> None:
    run(csv_bytes(GOOD_ROWS))
    outcome = run(csv_bytes(changed(0, name="Example Valley and Hills NHS Trust")))
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 1, 4)
    assert Organisation.objects.get(ods_code="RX1").name == "Example Valley and Hills NHS Trust"
    event = AuditEvent.objects.get(action="organisation.updated")
    assert event.changes == {"name": ["Example Valley Hospitals NHS Trust", "Example Valley and Hills NHS Trust"]}


def test_a_new_year_adds_to_the_region_history_and_the_same_year_replaces(db: None) -> None:
    run(csv_bytes(GOOD_ROWS), year=2024)
    run(csv_bytes(changed(0, region_code="Y59")), year=2025)
    run(csv_bytes(changed(0, region_code="Y61")), year=2025)
    history = RegionMembership.objects.filter(organisation__ods_code="RX1").order_by("year")
    assert [(m.year, m.region.code) for m in history] == [(2024, "Y56"), (2025, "Y61")]


def test_codes_and_regions_are_read_in_any_case_and_with_spaces(db: None) -> None:
    run(csv_bytes([[" rx9 ", "  Example Lower Case NHS Trust ", "MENTAL_HEALTH", "y56", "", ""]]))
    organisation = Organisation.objects.get(ods_code="RX9")
    assert (organisation.name, organisation.type) == ("Example Lower Case NHS Trust", "mental_health")
    assert organisation.region_memberships.get().region.code == "Y56"


def test_the_command_imports_a_good_file(tmp_path: Path, db: None) -> None:
    out, err = command(write(tmp_path, csv_bytes(GOOD_ROWS)), "--year", str(YEAR))
    _assert_created()
    assert out == ""  # messages go to stderr; stdout is for data
    assert f"5 organisations added, 0 updated, 0 unchanged; region set for {WITH_REGION}." in err


def test_the_command_imports_xlsx_and_notes_extra_sheets(tmp_path: Path, db: None) -> None:
    data = xlsx_bytes(as_xlsx_cells(GOOD_ROWS), extra_sheets=["Notes"])
    _out, err = command(write(tmp_path, data, "organisations.xlsx"), "--year", str(YEAR))
    _assert_created()
    assert "The workbook has 2 sheets; read the first, 'Organisations'." in err


def test_the_command_reimport_reports_unchanged(tmp_path: Path, db: None) -> None:
    path = write(tmp_path, csv_bytes(GOOD_ROWS))
    command(path, "--year", str(YEAR))
    before = snapshot()
    _out, err = command(path, "--year", str(YEAR))
    assert "0 organisations added, 0 updated, 5 unchanged" in err
    assert snapshot() == before


def test_the_command_year_defaults_to_this_year(tmp_path: Path, db: None) -> None:
    command(write(tmp_path, csv_bytes(GOOD_ROWS)))
    assert set(RegionMembership.objects.values_list("year", flat=True)) == {datetime.date.today().year}


# Bad files -------------------------------------------------------------------------------

INVALID = [
    pytest.param(
        [*HEADER, "colour"],
        [[*r, "blue"] for r in GOOD_ROWS],
        [(None, "colour", "colour", UNKNOWN_COLUMN)],
        id="unknown-column",
    ),
    pytest.param(
        [c for c in HEADER if c != "type"],
        [[v for i, v in enumerate(r) if i != 2] for r in GOOD_ROWS],
        [(None, "type", None, "Required column is missing.")],
        id="missing-column",
    ),
    pytest.param(
        HEADER, changed(1, ods_code=""), [(3, "ods_code", "", "An ODS code is required")], id="missing-ods-code"
    ),
    pytest.param(
        HEADER,
        changed(2, ods_code="R-3"),
        [(4, "ods_code", "R-3", "An ODS code is 3 to 6 letters and digits, for example RXL")],
        id="malformed-ods-code",
    ),
    pytest.param(
        HEADER,
        changed(0, ods_code="RX1ABC"),
        [(2, "ods_code", "RX1ABC", "An NHS trust's ODS code is 3 characters, for example RXL")],
        id="trust-code-too-long",
    ),
    pytest.param(
        HEADER,
        [*GOOD_ROWS, ["rx2", "Example Duplicate NHS Trust", "acute", "Y56", "", ""]],
        [(7, "ods_code", "rx2", "Duplicate ODS code: already on row 3")],
        id="duplicate-ods-code",
    ),
    pytest.param(
        HEADER, changed(3, region_code="Y99"), [(5, "region_code", "Y99", UNKNOWN_REGION)], id="unknown-region"
    ),
    pytest.param(
        HEADER,
        changed(3, region_code="LKSS"),
        [(5, "region_code", "LKSS", UNKNOWN_REGION)],
        id="region-of-another-geography",
    ),
    pytest.param(HEADER, changed(0, type="hospital"), [(2, "type", "hospital", UNKNOWN_TYPE)], id="unknown-type"),
    pytest.param(HEADER, changed(0, type=""), [(2, "type", "", UNKNOWN_TYPE)], id="missing-type"),
    pytest.param(HEADER, changed(2, name=""), [(4, "name", "", "A name is required")], id="missing-name"),
    pytest.param(
        HEADER,
        changed(0, opened_on="2001-04-01", closed_on="1999-03-31"),
        [(2, "closed_on", "1999-03-31", "The closing date is before the opening date")],
        id="closed-before-opened",
    ),
    pytest.param(
        HEADER, changed(4, opened_on="01/04/2013"), [(6, "opened_on", "01/04/2013", NOT_A_DATE)], id="nonsense-date"
    ),
    pytest.param(
        HEADER, changed(3, closed_on="2020-02-30"), [(5, "closed_on", "2020-02-30", NOT_A_DATE)], id="impossible-date"
    ),
]


# A Problem's fields: row, column, value, reason.
type ErrorFields = tuple[int | None, str | None, str | None, str]


def _rename_raa(rows: list[list[str]]) -> list[list[str]]:
    """Also update an organisation that exists, so a partial write would show."""
    return [*rows, ["RAA", "Alpha Renamed NHS Trust", "acute", "Y62", "", ""]]


def _errors(rejected: Rejected) -> list[tuple[object, ...]]:
    return [(e.row, e.column, e.value, e.reason) for e in rejected.problems]


@pytest.mark.parametrize(("header", "rows", "expected"), INVALID)
def test_a_file_with_an_invalid_row_changes_nothing(
    world: World, header: list[str], rows: list[list[str]], expected: list[ErrorFields]
) -> None:
    if header == HEADER:
        rows = _rename_raa(rows)
    before, everything = counts(), snapshot()
    with pytest.raises(Rejected) as rejected:
        run(csv_bytes(rows, header))
    assert _errors(rejected.value) == expected
    assert counts() == before
    assert snapshot() == everything
    assert Organisation.objects.get(ods_code="RAA").name == "Alpha Hospitals NHS Trust"


@pytest.mark.parametrize(("header", "rows", "expected"), INVALID)
def test_the_command_exits_2_and_prints_every_error(
    world: World, tmp_path: Path, header: list[str], rows: list[list[str]], expected: list[ErrorFields]
) -> None:
    if header == HEADER:
        rows = _rename_raa(rows)
    path = write(tmp_path, csv_bytes(rows, header))
    before = snapshot()
    err = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("import_organisations", str(path), "--year", str(YEAR), stdout=io.StringIO(), stderr=err)
    assert failed.value.returncode == 2
    assert "Nothing was changed" in str(failed.value)
    lines = err.getvalue().splitlines()
    assert lines == [str(Problem(row=e[0], column=e[1], value=e[2], reason=e[3])) for e in expected]
    assert snapshot() == before


def test_every_error_line_names_row_column_value_and_reason(world: World, tmp_path: Path) -> None:
    rows = [
        ["", "Example No Code NHS Trust", "acute", "Y56", "", ""],
        ["RX2", "Example Minds NHS Trust", "hospital", "Y99", "", ""],
        ["RX3", "Example Community NHS Trust", "community", "Y60", "2010-01-01", "2009-12-31"],
    ]
    err = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("import_organisations", str(write(tmp_path, csv_bytes(rows))), stderr=err)
    assert failed.value.returncode == 2
    assert str(failed.value) == "The file was not imported: 4 errors. Nothing was changed."
    assert err.getvalue().splitlines() == [
        "Row 2, column ods_code, value '': An ODS code is required",
        f"Row 3, column type, value 'hospital': {UNKNOWN_TYPE}",
        f"Row 3, column region_code, value 'Y99': {UNKNOWN_REGION}",
        "Row 4, column closed_on, value '2009-12-31': The closing date is before the opening date",
    ]


def test_xlsx_errors_name_the_sheet_row(world: World) -> None:
    cells = as_xlsx_cells(GOOD_ROWS)
    cells[2][3] = "Y99"
    before = snapshot()
    with pytest.raises(Rejected) as rejected:
        run(xlsx_bytes(cells), "organisations.xlsx")
    assert _errors(rejected.value) == [(4, "region_code", "Y99", UNKNOWN_REGION)]
    assert snapshot() == before


def test_a_date_with_trailing_text_is_rejected(db: None) -> None:
    """'2019-04-01 approx' is not a date; accepting its first ten characters would hide a mistake."""
    with pytest.raises(Rejected) as rejected:
        run(csv_bytes(changed(0, opened_on="2019-04-01 approx")))
    assert _errors(rejected.value) == [(2, "opened_on", "2019-04-01 approx", NOT_A_DATE)]
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    ("filename", "data", "reason"),
    [
        ("organisations.txt", csv_bytes(GOOD_ROWS), "This type of file is not accepted."),
        ("organisations.csv", b"", "is empty"),
        ("organisations.csv", csv_bytes([]), "The file has no data rows."),
        ("organisations.xlsx", b"not a workbook", "could not be read as an Excel workbook"),
    ],
    ids=["wrong-type", "empty", "header-only", "not-xlsx"],
)
def test_unreadable_files_change_nothing_and_exit_2(
    world: World, tmp_path: Path, filename: str, data: bytes, reason: str
) -> None:
    before = snapshot()
    err = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("import_organisations", str(write(tmp_path, data, filename)), stderr=err)
    assert failed.value.returncode == 2
    assert reason in err.getvalue()
    assert snapshot() == before


def test_a_file_over_the_size_limit_is_not_read(db: None) -> None:
    with pytest.raises(Rejected) as rejected:
        organisations_import(data=csv_bytes(GOOD_ROWS), filename="o.csv", year=YEAR, actor=None, max_bytes=100)
    assert "larger than the limit of 100 bytes" in rejected.value.problems[0].reason
    assert not Organisation.objects.exists()


def test_a_missing_file_exits_2(tmp_path: Path, db: None) -> None:
    with pytest.raises(CommandError) as failed:
        command(tmp_path / "nowhere.csv")
    assert failed.value.returncode == 2
    assert str(failed.value) == f"No such file: {tmp_path / 'nowhere.csv'}"


def test_a_directory_is_not_a_file(tmp_path: Path, db: None) -> None:
    with pytest.raises(CommandError) as failed:
        command(tmp_path)
    assert failed.value.returncode == 2


def test_a_name_longer_than_the_database_holds_is_an_error_not_a_crash(db: None) -> None:
    """Organisation.name holds 200 characters; PostgreSQL refuses more (a 500, or exit 1, not 2)."""
    long_name = "Example " + "Very " * 40 + "Long NHS Trust"
    with pytest.raises(Rejected) as rejected:
        run(csv_bytes(changed(0, name=long_name)))
    assert [(e.row, e.column) for e in rejected.value.problems] == [(2, "name")]
    assert not Organisation.objects.exists()


def test_the_command_rejects_an_impossible_year_with_exit_2(tmp_path: Path, db: None) -> None:
    with pytest.raises(CommandError) as failed:
        command(write(tmp_path, csv_bytes(GOOD_ROWS)), "--year", "-1")
    assert failed.value.returncode == 2
    assert not Organisation.objects.exists()
