"""Tests for lksworkforce.core.tabular: reading uploaded CSV and XLSX files."""

from __future__ import annotations

import csv
import datetime
import io
import pickle
import re
import subprocess
import sys
import textwrap
import tracemalloc
import zipfile
from collections.abc import Callable, Sequence

import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from lksworkforce.core import workbooks
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.tabular import (
    ErrorCollector,
    SourceRow,
    TableSpec,
    normalise_column_name,
    read_at_most,
    read_table,
)
from lksworkforce.core.workbooks import SheetTooLarge, read_first_sheet
from tests.hostile_files import (
    HOSTILE_WORKBOOKS,
    TOO_WIDE,
    MakeWorkbook,
    cell_at_xfd1048576,
    csv_of_100000_columns,
    workbook,
)

SPEC = TableSpec(required=("ods_code", "staff_group", "wte"), optional=("notes",))

type Cell = str | int | float | bool | datetime.date | datetime.datetime | None


def csv_bytes(rows: Sequence[Sequence[str]], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(
    rows: Sequence[Sequence[Cell]],
    *,
    extra_sheets: Sequence[str] = (),
    name: str = "Returns",
) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer)
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    sheet = workbook.add_worksheet(name)
    for row_index, row in enumerate(rows):
        for column_index, cell in enumerate(row):
            if cell is None:
                continue
            if isinstance(cell, datetime.date):
                sheet.write_datetime(row_index, column_index, cell, date_format)
            else:
                sheet.write(row_index, column_index, cell)
    for extra in extra_sheets:
        workbook.add_worksheet(extra).write(0, 0, "ignored")
    workbook.close()
    return buffer.getvalue()


def rejection(data: bytes, filename: str = "returns.csv", spec: TableSpec = SPEC, **limits: int) -> list[Problem]:
    with pytest.raises(Rejected) as caught:
        read_table(data, filename=filename, spec=spec, **limits)
    return caught.value.problems


def reasons(errors: list[Problem]) -> list[str]:
    return [error.reason for error in errors]


# Reading values


def test_csv_and_xlsx_give_identical_rows() -> None:
    header = ["ODS code", "Staff group", "WTE", "Notes"]
    csv_data = csv_bytes(
        [
            header,
            ["RX1", "Librarian", "12", "31/03/2024"],
            ["", "", "", ""],
            ["RX2", "Manager", "0.5", ""],
        ]
    )
    xlsx_data = xlsx_bytes(
        [
            header,
            ["RX1", "Librarian", 12, "31/03/2024"],
            [],
            ["RX2", "Manager", 0.5, None],
        ]
    )

    from_csv = read_table(csv_data, filename="returns.csv", spec=SPEC)
    from_xlsx = read_table(xlsx_data, filename="returns.xlsx", spec=SPEC)

    expected = [
        SourceRow(
            2,
            {
                "ods_code": "RX1",
                "staff_group": "Librarian",
                "wte": "12",
                "notes": "31/03/2024",
            },
        ),
        SourceRow(4, {"ods_code": "RX2", "staff_group": "Manager", "wte": "0.5", "notes": ""}),
    ]
    assert from_csv.rows == expected
    assert from_xlsx.rows == expected
    assert from_csv.columns == from_xlsx.columns == ["ods_code", "staff_group", "wte", "notes"]
    assert from_csv.sheet_name is None
    assert from_xlsx.sheet_name == "Returns"
    assert from_csv.notes == from_xlsx.notes == []


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (12, "12"),
        (12.0, "12"),
        (0.5, "0.5"),
        (-3, "-3"),
        (0, "0"),
        (0.1 + 0.2, "0.3"),
        (1e20, "100000000000000000000"),
        (0.0000015, "0.0000015"),
        (True, "TRUE"),
        (datetime.date(2024, 3, 31), "2024-03-31"),
        (datetime.datetime(2024, 3, 31, 14, 30), "2024-03-31T14:30:00"),
        ("  padded text  ", "padded text"),
    ],
)
def test_xlsx_cells_come_out_as_the_text_a_person_sees(cell: Cell, text: str) -> None:
    spec = TableSpec(required=("value",))
    table = read_table(xlsx_bytes([["value"], [cell]]), filename="x.xlsx", spec=spec)
    assert table.rows == [SourceRow(2, {"value": text})]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=-(10**15), max_value=10**15), min_size=1, max_size=20))
def test_whole_numbers_from_xlsx_have_no_decimal_point(numbers: list[int]) -> None:
    spec = TableSpec(required=("value",))
    workbook = xlsx_bytes([["value"], *([float(number)] for number in numbers)])
    table = read_table(workbook, filename="numbers.xlsx", spec=spec)
    assert [row.values["value"] for row in table.rows] == [str(number) for number in numbers]


def test_utf8_byte_order_mark_is_ignored() -> None:
    data = b"\xef\xbb\xbf" + csv_bytes([["ODS code", "Staff group", "WTE"], ["RX1", "Café", "1"]])
    table = read_table(data, filename="returns.csv", spec=SPEC)
    assert table.columns == ["ods_code", "staff_group", "wte"]
    assert table.rows[0].values["staff_group"] == "Café"


def test_windows_1252_csv_from_excel_is_read() -> None:
    data = csv_bytes(
        [["ods_code", "staff_group", "wte"], ["RX1", "Café “Library” £", "1"]],
        encoding="cp1252",
    )
    table = read_table(data, filename="returns.csv", spec=SPEC)
    assert table.rows[0].values["staff_group"] == "Café “Library” £"


def test_utf16_csv_is_rejected_with_advice() -> None:
    data = "ods_code,staff_group,wte\r\nRX1,A,1\r\n".encode("utf-16")
    [error] = rejection(data)
    assert "UTF-16" in error.reason
    assert error.row is None


def test_headers_match_whatever_their_case_spacing_and_hyphens() -> None:
    data = csv_bytes([["  ODS Code ", "STAFF-GROUP", "Wte", " notes"], ["RX1", "A", "1", "n"]])
    table = read_table(data, filename="returns.CSV", spec=SPEC)
    assert table.columns == ["ods_code", "staff_group", "wte", "notes"]
    assert table.rows[0].values == {
        "ods_code": "RX1",
        "staff_group": "A",
        "wte": "1",
        "notes": "n",
    }


@pytest.mark.parametrize(
    ("written", "normalised"),
    [("\ufeffODS code", "ods_code"), ("Staff  - group", "staff_group"), ("WTE", "wte")],
)
def test_normalise_column_name(written: str, normalised: str) -> None:
    assert normalise_column_name(written) == normalised


def test_missing_optional_column_gives_empty_text() -> None:
    table = read_table(
        csv_bytes([["ods_code", "staff_group", "wte"], ["RX1", "A", "1"]]),
        filename="r.csv",
        spec=SPEC,
    )
    assert table.rows[0].values["notes"] == ""
    assert table.columns == ["ods_code", "staff_group", "wte"]


def test_short_rows_are_padded_and_trailing_empty_cells_ignored() -> None:
    data = b"ods_code,staff_group,wte,,\r\nRX1,A\r\nRX2,B,2,,\r\n"
    table = read_table(data, filename="r.csv", spec=SPEC)
    assert [row.values["wte"] for row in table.rows] == ["", "2"]


def test_quoted_values_with_commas_and_line_breaks() -> None:
    data = csv_bytes(
        [
            ["ods_code", "staff_group", "wte", "notes"],
            ["RX1", "A, B", "1", "line one\nline two"],
            ["RX2", "C", "2", ""],
        ]
    )
    table = read_table(data, filename="r.csv", spec=SPEC)
    assert table.rows[0].values["staff_group"] == "A, B"
    assert table.rows[0].values["notes"] == "line one\nline two"
    assert [row.number for row in table.rows] == [
        2,
        3,
    ]  # rows as a spreadsheet shows them


# Blank rows and numbering


def test_blank_rows_are_skipped_but_keep_their_place_in_csv() -> None:
    data = b"\r\nods_code,staff_group,wte\r\nRX1,A,1\r\n\r\n , ,\r\nRX2,B,2\r\n"
    table = read_table(data, filename="r.csv", spec=SPEC)
    assert [row.number for row in table.rows] == [3, 6]


def test_blank_rows_are_skipped_but_keep_their_place_in_xlsx() -> None:
    data = xlsx_bytes(
        [
            [],
            ["ods_code", "staff_group", "wte"],
            ["RX1", "A", 1],
            [],
            [" ", None, ""],
            ["RX2", "B", 2],
        ]
    )
    table = read_table(data, filename="r.xlsx", spec=SPEC)
    assert [row.number for row in table.rows] == [3, 6]


def test_xlsx_data_need_not_start_in_column_a() -> None:
    data = xlsx_bytes([[None, "ods_code", "staff_group", "wte"], [None, "RX1", "A", 1]])
    table = read_table(data, filename="r.xlsx", spec=SPEC)
    assert table.rows == [SourceRow(2, {"ods_code": "RX1", "staff_group": "A", "wte": "1", "notes": ""})]


# Rejections


def test_every_column_problem_is_reported_together() -> None:
    data = csv_bytes(
        [
            ["ODS code", "Colour", "WTE", "wte", "Shoe size"],
            ["RX1", "red", "1", "1", "9"],
        ]
    )
    errors = rejection(data)
    expected = "Unknown column. Expected one of: ods_code, staff_group, wte, notes"
    assert [error.as_dict() for error in errors] == [
        {"line": None, "field": None, **e}
        for e in [
            {"row": None, "column": "colour", "value": "Colour", "reason": expected},
            {
                "row": None,
                "column": "wte",
                "value": None,
                "reason": "The column appears more than once (columns 3 and 4). Keep one.",
            },
            {"row": None, "column": "shoe_size", "value": "Shoe size", "reason": expected},
            {
                "row": None,
                "column": "staff_group",
                "value": None,
                "reason": "Required column is missing.",
            },
        ]
    ]


def test_column_problems_and_too_many_rows_are_reported_together() -> None:
    data = csv_bytes([["ods_code", "colour"], ["RX1", "a"], ["RX2", "b"], ["RX3", "c"]])
    errors = rejection(data, max_rows=2)
    assert [error.column for error in errors] == ["colour", "staff_group", "wte", None]
    assert errors[-1].reason.startswith("The file has more than 2 data rows")


def test_exactly_max_rows_is_accepted() -> None:
    data = csv_bytes([["ods_code", "staff_group", "wte"], ["RX1", "A", "1"], ["RX2", "B", "2"]])
    assert len(read_table(data, filename="r.csv", spec=SPEC, max_rows=2).rows) == 2


@pytest.mark.parametrize("data", [b"", b"\r\n\r\n", b" , \r\n"])
def test_empty_csv_is_rejected(data: bytes) -> None:
    [error] = rejection(data)
    assert error.reason == "The file is empty: it has no header row and no data rows."
    assert error.row is None


def test_empty_xlsx_sheet_is_rejected_naming_the_sheet() -> None:
    [error] = rejection(xlsx_bytes([], name="Blank"), filename="r.xlsx")
    assert error.reason == "The first sheet, 'Blank', is empty: it has no header row and no data rows."


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"ods_code,staff_group,wte\r\n\r\n", "r.csv"),
        (xlsx_bytes([["ods_code", "staff_group", "wte"]]), "r.xlsx"),
    ],
)
def test_header_without_data_rows_is_rejected(data: bytes, filename: str) -> None:
    assert reasons(rejection(data, filename)) == ["The file has no data rows."]


def test_header_only_file_still_reports_its_column_problems() -> None:
    assert reasons(rejection(b"ods_code,staff_group\r\n")) == [
        "Required column is missing.",
        "The file has no data rows.",
    ]


@pytest.mark.parametrize("filename", ["returns.xls", "returns.txt", "returns", "returns.csv.zip"])
def test_unsupported_file_types_are_rejected(filename: str) -> None:
    [error] = rejection(b"ods_code,staff_group,wte\r\nRX1,A,1\r\n", filename)
    assert error.value == filename
    assert ".csv" in error.reason
    assert ".xlsx" in error.reason


def test_too_large_and_wrong_type_are_reported_together() -> None:
    errors = rejection(b"x" * 2048, "data.ods", max_bytes=1024)
    assert len(errors) == 2
    assert errors[1].reason == ("The file is 2 KB, larger than the limit of 1 KB. Split it up.")


def test_default_size_limit_is_ten_megabytes() -> None:
    data = b"ods_code,staff_group,wte\r\n" + b"RX1,A,1\r\n" * (10 * 1024 * 1024 // 9 + 1)
    [error] = rejection(data)
    assert "larger than the limit of 10 MB" in error.reason


def test_row_with_more_values_than_columns_is_an_error_on_that_row() -> None:
    data = b"ods_code,staff_group,wte\r\nRX1,A,1\r\nRX2,B,2,extra\r\n"
    [error] = rejection(data)
    assert error.row == 3
    assert "has more values than there are columns" in error.reason


def test_value_under_a_column_with_no_name_is_an_error_on_that_row() -> None:
    data = b"ods_code,,staff_group,wte\r\nRX1,,A,1\r\nRX2,oops,B,2\r\n"
    [error] = rejection(data)
    assert (error.row, error.value) == (3, "oops")
    assert "column 2, which has no name" in error.reason


def test_csv_row_that_cannot_be_parsed_is_reported_on_its_row() -> None:
    data = b'ods_code,staff_group,wte\r\nRX1,"' + b"x" * 200_000 + b'",1\r\n'
    [error] = rejection(data)
    assert error.row == 2
    assert error.reason.startswith("The row could not be read as CSV")


@pytest.mark.parametrize("data", [b"not a workbook", b"PK\x03\x04broken zip", b""])
def test_unreadable_xlsx_is_rejected_clearly(data: bytes) -> None:
    [error] = rejection(data, "returns.xlsx")
    assert error.reason.startswith("The file could not be read as an Excel workbook (.xlsx).")


def test_multi_sheet_workbook_reads_first_sheet_with_a_note() -> None:
    data = xlsx_bytes(
        [["ods_code", "staff_group", "wte"], ["RX1", "A", 1]],
        extra_sheets=("Guidance", "Lists"),
    )
    table = read_table(data, filename="r.xlsx", spec=SPEC)
    assert table.sheet_name == "Returns"
    assert table.notes == ["The workbook has 3 sheets; read the first, 'Returns'."]
    assert len(table.rows) == 1


# The error types


def test_row_error_reads_as_a_sentence() -> None:
    error = Problem(row=4, column="wte", value="abc", reason="WTE must be a number")
    assert str(error) == "Row 4, column wte, value 'abc': WTE must be a number"
    assert str(Problem(column="wte", reason="Required column is missing.")) == (
        "Column wte: Required column is missing."
    )
    assert str(Problem(reason="The file is empty.")) == "The file is empty."
    long_value = str(Problem(row=2, value="x" * 500, reason="Too long")).removeprefix("Row 2, value '")
    assert len(long_value) < 80


def test_row_error_as_dict() -> None:
    error = Problem(row=4, column="wte", value="abc", reason="WTE must be a number")
    assert error.as_dict() == {
        "row": 4,
        "column": "wte",
        "line": None,
        "field": None,
        "value": "abc",
        "reason": "WTE must be a number",
    }


def test_import_rejected_message_counts_errors() -> None:
    one = Rejected([Problem(row=2, column="wte", value="x", reason="is not a number")])
    three = Rejected([Problem(row=row, column="wte", value="x", reason="is not a number") for row in (2, 3, 4)])
    assert str(one) == "The file was not imported: 1 error. Nothing was changed."
    assert str(three) == "The file was not imported: 3 errors. Nothing was changed."
    restored = pickle.loads(pickle.dumps(three))  # noqa: S301 - our own bytes
    assert restored.problems == three.problems
    assert str(restored) == str(three)


def test_import_rejected_needs_errors() -> None:
    with pytest.raises(ValueError, match="at least one"):
        Rejected([])


def test_error_collector_raises_everything_once() -> None:
    collector = ErrorCollector()
    assert not collector
    collector.raise_if_any()  # nothing to raise
    collector.add(2, "wte", "abc", "is not a number")
    collector.extend([Problem(row=3, column="wte", value="", reason="is required")])
    assert collector
    assert len(collector) == 2
    with pytest.raises(Rejected) as caught:
        collector.raise_if_any()
    assert caught.value.problems == collector.errors
    assert [error.row for error in caught.value.problems] == [2, 3]


@pytest.mark.parametrize(
    ("required", "optional"),
    [(("Staff group",), ()), (("wte",), ("wte",)), (("",), ())],
)
def test_table_spec_rejects_badly_named_columns(required: tuple[str, ...], optional: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match="Column name"):
        TableSpec(required=required, optional=optional)


# Property


# Any text but NUL, which is refused (see test_nul_in_a_value_is_an_error_on_its_row_and_column).
cell_text = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12).map(str.strip)
data_row = st.lists(cell_text, min_size=3, max_size=3).filter(any)


@settings(max_examples=200)
@given(st.lists(data_row, min_size=1, max_size=15))
def test_any_csv_table_of_text_reads_back_exactly(rows: list[list[str]]) -> None:
    spec = TableSpec(required=("a", "b", "c"))
    table = read_table(csv_bytes([["a", "b", "c"], *rows]), filename="t.csv", spec=spec)
    assert [row.number for row in table.rows] == list(range(2, len(rows) + 2))
    assert [[row.values[name] for name in ("a", "b", "c")] for row in table.rows] == rows


# Hostile files: refused, quickly and in little memory, with one error that names the limit


def rewritten(data: bytes, part: str, change: Callable[[str], str]) -> bytes:
    """The workbook with one part's XML changed (as a hand-made or hostile file might be)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            content = original.read(info)
            copy.writestr(info.filename, change(content.decode()).encode() if info.filename == part else content)
    return out.getvalue()


def test_reading_a_workbook_with_a_cell_at_xfd1048576_does_not_kill_the_process() -> None:
    """Run in a child process: before the fix this aborted the interpreter (a 512 GiB allocation)."""
    script = textwrap.dedent(
        """
        import pathlib, sys, tracemalloc
        from lksworkforce.core.problems import Rejected
        from lksworkforce.core.tabular import TableSpec, read_table
        data = sys.stdin.buffer.read()
        tracemalloc.start()
        try:
            read_table(data, filename="returns.xlsx", spec=TableSpec(required=("ods_code",)))
        except Rejected as rejected:
            print(len(rejected.problems), rejected.problems[0].reason)
        # The child's peak resident memory since it started (VmHWM; ru_maxrss would carry the parent's over).
        status = pathlib.Path("/proc/self/status")
        peak = next((l.split()[1] for l in status.read_text().splitlines() if l.startswith("VmHWM")), "0") if status.exists() else "0"
        print(tracemalloc.get_traced_memory()[1], peak)
        """
    )
    child = subprocess.run(  # noqa: S603 - this interpreter, this script
        [sys.executable, "-c", script], input=cell_at_xfd1048576(["ods_code"]), capture_output=True, check=False
    )
    assert child.returncode == 0, child.stderr.decode()[-2000:]
    refusal, memory = child.stdout.decode().splitlines()
    assert refusal.startswith("1 The first sheet has a cell in column XFD (row 1,048,576)")
    assert TOO_WIDE in refusal
    python_peak, peak_rss_kib = map(int, memory.split())
    assert python_peak < 2 * 1024 * 1024  # bytes held by Python while reading
    assert peak_rss_kib < 200 * 1024  # the whole child process, interpreter included (0 where unknown)


@pytest.mark.parametrize(("name", "make", "reason"), [(k, *v) for k, v in HOSTILE_WORKBOOKS.items()])
def test_hostile_workbooks_are_refused_with_one_error_in_little_memory(
    name: str, make: MakeWorkbook, reason: str
) -> None:
    data = make(["ods_code", "staff_group", "wte"])
    tracemalloc.start()
    try:
        [error] = rejection(data, "returns.xlsx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert reason in error.reason, name
    assert (error.row, error.column) == (None, None)
    assert peak < 2 * 1024 * 1024, name


def test_a_workbook_longer_than_the_row_limit_is_refused_before_it_is_read() -> None:
    [error] = rejection(workbook(["ods_code", "staff_group", "wte"], (1_048_575, 0, "x")), "returns.xlsx")
    assert error.reason.startswith("The first sheet has a cell in row 1,048,576 (column A): ")
    assert "a header row and 200,000 data rows" in error.reason


def test_a_workbook_whose_cells_span_too_big_a_grid_is_refused() -> None:
    # Within 200 columns and 200,001 rows, but from A1 to U200001 is 4,200,021 cells.
    [error] = rejection(workbook(["ods_code", "staff_group", "wte"], (200_000, 20, "x")), "returns.xlsx")
    assert error.reason.startswith("The first sheet's cells, from A1 to U200001, fill more than 4,000,000 cells")


def test_the_limits_count_cells_that_only_have_formatting() -> None:
    def far_formatted_cell(xml: str) -> str:
        return xml.replace("</sheetData>", '<row r="7"><c r="KA7" s="0"/></row></sheetData>')

    data = rewritten(xlsx_bytes([["ods_code", "staff_group", "wte"]]), "xl/worksheets/sheet1.xml", far_formatted_cell)
    [error] = rejection(data, "returns.xlsx")
    assert error.reason.startswith("The first sheet has a cell in column KA (row 7)")


def test_cells_without_references_are_placed_after_the_one_before() -> None:
    """The r attribute is optional in the file format; without it a cell follows the previous one."""
    header = ["ods_code", "staff_group", "wte"]

    def without_references(xml: str) -> str:
        return re.sub(r' r="[A-Z]+[0-9]+"', "", xml)

    good = rewritten(xlsx_bytes([header, ["RX1", "A", 1]]), "xl/worksheets/sheet1.xml", without_references)
    assert read_table(good, filename="r.xlsx", spec=SPEC).rows[0].values["ods_code"] == "RX1"
    wide = rewritten(
        xlsx_bytes([header + [f"c{n}" for n in range(300)]]), "xl/worksheets/sheet1.xml", without_references
    )
    [error] = rejection(wide, "returns.xlsx")
    assert error.reason.startswith("The first sheet has a cell in column GS (row 1)")


def test_a_workbook_part_with_a_document_type_declaration_is_unreadable() -> None:
    def with_entities(xml: str) -> str:
        body = xml.split("?>", 1)[1]
        return '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>' + body

    data = rewritten(xlsx_bytes([["ods_code", "staff_group", "wte"]]), "xl/worksheets/sheet1.xml", with_entities)
    [error] = rejection(data, "returns.xlsx")
    assert error.reason.startswith("The file could not be read as an Excel workbook (.xlsx).")


def test_a_workbook_that_unpacks_to_too_much_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbooks, "MAX_UNPACKED_BYTES", 1024)
    [error] = rejection(xlsx_bytes([["ods_code", "staff_group", "wte"]]), "returns.xlsx")
    assert error.reason.startswith("The workbook unpacks to more than")


def test_the_sheet_limits_include_their_edges() -> None:
    data = xlsx_bytes([["a", "b", "c"], ["1", "2", "3"]])
    assert len(list(read_first_sheet(data, max_rows=2, max_columns=3, max_cells=6).rows)) == 2
    for limits in ({"max_rows": 1, "max_columns": 3}, {"max_rows": 2, "max_columns": 2}):
        with pytest.raises(SheetTooLarge):
            read_first_sheet(data, **limits)
    with pytest.raises(SheetTooLarge):
        read_first_sheet(data, max_rows=2, max_columns=3, max_cells=5)


def test_a_csv_of_100000_columns_gives_one_error_not_100000() -> None:
    data = csv_of_100000_columns(["ods_code", "staff_group", "wte"])
    assert 650_000 < len(data) < 700_000
    [error] = rejection(data)
    assert error.reason.startswith("Row 1 has 100,000 values: a file may have at most 200 columns.")


def test_a_csv_row_wider_than_the_limit_stops_the_reading_with_the_other_errors_so_far() -> None:
    rows = [["ods_code", "staff_group", "wte", "colour"], ["RX1", "A", "1"], ["RX2", "B", "2", *["x"] * 300]]
    errors = rejection(csv_bytes(rows))
    assert [(e.row, e.column) for e in errors] == [(None, "colour"), (None, None)]
    assert errors[-1].reason.startswith("Row 3 has 303 values")


def test_the_column_limit_includes_its_edge() -> None:
    header = [f"c{n}" for n in range(200)]
    spec = TableSpec(required=(), optional=tuple(header))
    assert len(read_table(csv_bytes([header, ["1"] * 200]), filename="w.csv", spec=spec).rows) == 1
    assert len(read_table(xlsx_bytes([header, ["1"] * 200]), filename="w.xlsx", spec=spec).rows) == 1
    [error] = rejection(csv_bytes([header, ["1"] * 201]), spec=spec)
    assert "at most 200 columns" in error.reason


@pytest.mark.parametrize("filename", ["returns.csv", "returns.xlsx"])
def test_nul_in_a_value_is_an_error_on_its_row_and_column(filename: str) -> None:
    rows = [["ods_code", "staff_group", "wte"], ["RX1", "A\x00B", "1"], ["RX2", "B", "2"]]
    data = csv_bytes(rows) if filename.endswith(".csv") else xlsx_bytes(rows)
    [error] = rejection(data, filename)
    assert (error.row, error.column, error.shown_value) == (2, "staff_group", "A\ufffdB")
    assert error.reason.startswith("The value contains a NUL character")


class Unreadable(io.BytesIO):
    def read(self, size: int | None = -1, /) -> bytes:
        raise AssertionError("a file declared too large must not be read")


def test_read_at_most_refuses_a_file_over_the_limit_without_reading_it() -> None:
    with pytest.raises(Rejected) as declared:
        read_at_most(Unreadable(), max_bytes=10 * 1024 * 1024, size=200 * 1024 * 1024)
    assert declared.value.problems[0].reason == "The file is 200 MB, larger than the limit of 10 MB. Split it up."
    with pytest.raises(Rejected) as undeclared:  # a stream that does not say its size
        read_at_most(io.BytesIO(b"x" * 2048), max_bytes=1024)
    assert undeclared.value.problems[0].reason == "The file is larger than the limit of 1 KB. Split it up."
    assert read_at_most(io.BytesIO(b"x" * 1024), max_bytes=1024, size=1024) == b"x" * 1024


def test_import_rejected_shows_the_first_100_errors_and_counts_the_rest() -> None:
    rejected = Rejected(
        Problem(row=n, column="wte", value="x" * 500, reason="WTE must be a number") for n in range(2, 100_002)
    )
    assert len(rejected.shown_problems) == 100
    assert rejected.problems_left_out == 99_900
    assert rejected.shown_problems[0].as_dict()["value"] == "x" * 59 + "…"
    assert str(rejected) == "The file was not imported: 100,000 errors. Nothing was changed."


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ('<c r="A99999999" t="inlineStr"><is><t>x</t></is></c>', "The first sheet has a cell in row 99,999,999"),
        ('<c r="AAAAAA2" t="inlineStr"><is><t>x</t></is></c>', "The first sheet has a cell in column AAAAAA"),
        ('<c r="A1x"/>', "The file could not be read as an Excel workbook"),
        ('<c r="A0"/>', "The file could not be read as an Excel workbook"),
        ('<c r="A' + "9" * 30 + '"/>', "The file could not be read as an Excel workbook"),
    ],
)
def test_references_beyond_excel_or_malformed_are_never_passed_to_calamine(cell: str, reason: str) -> None:
    def with_cell(xml: str) -> str:
        return xml.replace("</sheetData>", f'<row r="2">{cell}</row></sheetData>')

    data = rewritten(xlsx_bytes([["ods_code", "staff_group", "wte"]]), "xl/worksheets/sheet1.xml", with_cell)
    [error] = rejection(data, "returns.xlsx")
    assert error.reason.startswith(reason)


def test_a_nul_in_a_heading_is_shown_as_a_replacement_character() -> None:
    [unknown, *_missing] = rejection(
        csv_bytes([["ods_code", "staff_group", "wte", "col\x00our"], ["RX1", "A", "1", ""]])
    )
    assert unknown.as_dict()["value"] == "col\ufffdour"
    assert "\x00" not in str(unknown)
