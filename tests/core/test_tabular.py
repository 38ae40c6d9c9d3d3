"""Tests for lksworkforce.core.tabular: reading uploaded CSV and XLSX files."""

from __future__ import annotations

import csv
import datetime
import io
import pickle
from collections.abc import Sequence

import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from lksworkforce.core.tabular import (
    ErrorCollector,
    ImportRejected,
    RowError,
    SourceRow,
    TableSpec,
    normalise_column_name,
    read_table,
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


def rejection(data: bytes, filename: str = "returns.csv", spec: TableSpec = SPEC, **limits: int) -> list[RowError]:
    with pytest.raises(ImportRejected) as caught:
        read_table(data, filename=filename, spec=spec, **limits)
    return caught.value.errors


def reasons(errors: list[RowError]) -> list[str]:
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
    error = RowError(row=4, column="wte", value="abc", reason="WTE must be a number")
    assert str(error) == "Row 4, column wte, value 'abc': WTE must be a number"
    assert str(RowError(None, "wte", None, "Required column is missing.")) == (
        "Column wte: Required column is missing."
    )
    assert str(RowError(None, None, None, "The file is empty.")) == "The file is empty."
    long_value = str(RowError(2, None, "x" * 500, "Too long")).removeprefix("Row 2, value '")
    assert len(long_value) < 80


def test_row_error_as_dict() -> None:
    error = RowError(row=4, column="wte", value="abc", reason="WTE must be a number")
    assert error.as_dict() == {
        "row": 4,
        "column": "wte",
        "value": "abc",
        "reason": "WTE must be a number",
    }


def test_import_rejected_message_counts_errors() -> None:
    one = ImportRejected([RowError(2, "wte", "x", "is not a number")])
    three = ImportRejected([RowError(row, "wte", "x", "is not a number") for row in (2, 3, 4)])
    assert str(one) == "The file was not imported: 1 error. Nothing was changed."
    assert str(three) == "The file was not imported: 3 errors. Nothing was changed."
    restored = pickle.loads(pickle.dumps(three))  # noqa: S301 - our own bytes
    assert restored.errors == three.errors
    assert str(restored) == str(three)


def test_import_rejected_needs_errors() -> None:
    with pytest.raises(ValueError, match="at least one"):
        ImportRejected([])


def test_error_collector_raises_everything_once() -> None:
    collector = ErrorCollector()
    assert not collector
    collector.raise_if_any()  # nothing to raise
    collector.add(2, "wte", "abc", "is not a number")
    collector.extend([RowError(3, "wte", "", "is required")])
    assert collector
    assert len(collector) == 2
    with pytest.raises(ImportRejected) as caught:
        collector.raise_if_any()
    assert caught.value.errors == collector.errors
    assert [error.row for error in caught.value.errors] == [2, 3]


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
