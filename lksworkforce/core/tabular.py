"""Read an uploaded CSV or XLSX file as rows of text, or reject it with every problem.

Every importer reads its file through `read_table`, then checks each row, collecting
problems (`core.problems.Problem`) in an `ErrorCollector` and raising `Rejected` once: a
file with any invalid row changes nothing, and the person sees every problem together (a
page and the API list the first PROBLEMS_SHOWN, with the total).

Row numbers are those a person sees in a spreadsheet: the header is row 1 (CSV: the
first line; XLSX: sheet row 1) and blank rows keep their place. In a CSV file this is
the file line, unless a quoted value spans lines.

Pure: the standard library and python-calamine only; no Django.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath
from typing import Protocol

from lksworkforce.core.params import MAX_YEAR, MIN_YEAR
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.workbooks import SheetTooLarge, WorkbookLocked, WorkbookUnreadable, cell_text, read_first_sheet

ACCEPTED_EXTENSIONS = (".csv", ".xlsx")
MAX_ROWS = 200_000  # data rows, under the header row
MAX_COLUMNS = 200

NOT_AN_ACCEPTED_TYPE = "This type of file is not accepted. Upload a CSV file (.csv) or an Excel workbook (.xlsx)."
SAVE_AS_CSV_UTF8 = "Save it as 'CSV UTF-8 (Comma delimited)' and upload it again."
UTF16_TEXT = f"The file is saved as UTF-16 text, which cannot be read. {SAVE_AS_CSV_UTF8}"
UNREADABLE_TEXT = f"The file's text could not be read. {SAVE_AS_CSV_UTF8}"
LOCKED_WORKBOOK = "The workbook is protected by a password. Remove the password and upload it again."
UNREADABLE_WORKBOOK = (
    "The file could not be read as an Excel workbook (.xlsx). "
    "Check that it opens in Excel, save it again as .xlsx and upload it."
)
NO_DATA_ROWS = "The file has no data rows."
NUL_CHARACTER = (
    "The value contains a NUL character (an invisible control character, often from a copy of a binary file). "
    "Delete it and upload the file again."
)
MISSING_COLUMN = "Required column is missing."

type NumberedCells = Iterator[tuple[int, list[str]]]


@contextmanager
def noting(table: Table) -> Iterator[None]:
    """Validate rows inside this, so that a rejection also says what was noted about the file."""
    try:
        yield
    except Rejected as rejected:
        raise rejected.with_notes(table.notes) from None


class ErrorCollector:
    """Gathers problems while an importer checks every row, then raises them at once."""

    def __init__(self) -> None:
        self._errors: list[Problem] = []

    def add(self, row: int | None, column: str | None, value: str | None, reason: str) -> None:
        """A problem with a cell (row and column), a row (no column) or the file's columns (no row)."""
        self._errors.append(Problem(row=row, column=column, value=value, reason=reason))

    def add_line(self, line: int | None, field: str | None, value: str | None, reason: str) -> None:
        """A problem on a line of a YAML file, with the entry (`field`) it is in."""
        self._errors.append(Problem(line=line, field=field, value=value, reason=reason))

    def extend(self, errors: Iterable[Problem]) -> None:
        self._errors.extend(errors)

    @property
    def errors(self) -> list[Problem]:
        return list(self._errors)

    def __bool__(self) -> bool:
        return bool(self._errors)

    def __len__(self) -> int:
        return len(self._errors)

    def raise_if_any(self) -> None:
        if self._errors:
            raise Rejected(self._errors)


def normalise_column_name(name: str) -> str:
    """'  Staff-Group ' -> 'staff_group': no BOM, no outer spaces, lower-case snake."""
    cleaned = name.replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s_-]+", "_", cleaned)


@dataclass(frozen=True, slots=True)
class TableSpec:
    """The columns a file must have and may have, named in lower-case snake."""

    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in self.columns:
            if not name or normalise_column_name(name) != name:
                message = f"Column name {name!r} must be lower-case snake, e.g. 'wte'."
                raise ValueError(message)
        if len(set(self.columns)) != len(self.columns):
            message = f"Column names must be unique: {', '.join(self.columns)}."
            raise ValueError(message)

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One data row: every column of the spec, as stripped text ("" when absent)."""

    number: int
    values: dict[str, str]


@dataclass(frozen=True, slots=True)
class Table:
    rows: list[SourceRow]
    columns: list[str]  # the spec's columns found in the file, in file order
    sheet_name: str | None  # None for CSV
    notes: list[str]  # things the person should know that are not errors


def read_table(
    data: bytes,
    *,
    filename: str,
    spec: TableSpec,
    max_bytes: int = 10 * 1024 * 1024,
    max_rows: int = MAX_ROWS,
    max_columns: int = MAX_COLUMNS,
) -> Table:
    """Read a .csv file or an .xlsx file's first sheet, or raise Rejected listing
    every problem: type, size, encoding, header, columns, row count and ragged rows.

    A file over `max_bytes` is not opened, and a file wider than `max_columns` or (a workbook)
    longer than `max_rows` data rows under row 1 is not read further, so its other problems
    are not looked for.
    """
    problems = ErrorCollector()
    extension = PurePath(filename).suffix.lower()
    if extension not in ACCEPTED_EXTENSIONS:
        problems.add(None, None, filename, NOT_AN_ACCEPTED_TYPE)
    if len(data) > max_bytes:
        problems.extend([too_large(len(data), max_bytes)])
    problems.raise_if_any()

    sheet_name: str | None = None
    notes: list[str] = []
    if extension == ".csv":
        numbered_cells = _read_csv(data, problems)
    else:
        numbered_cells, sheet_name, notes = _read_first_sheet(data, max_rows, max_columns, problems)
    problems.raise_if_any()
    try:
        rows, columns = _read_rows(_within_width(numbered_cells, max_columns), spec, max_rows, sheet_name, problems)
    except _TooWide as too_wide:
        problems.add(None, None, None, str(too_wide))
    problems.raise_if_any()
    return Table(rows=rows, columns=columns, sheet_name=sheet_name, notes=notes)


def too_large(size: int | None, max_bytes: int) -> Problem:
    """The error for a file over the size limit; `size` None when only known to be over it."""
    limit = _describe_size(max_bytes)
    if size is None:
        return Problem(reason=f"The file is larger than the limit of {limit}. Split it up.")
    return Problem(reason=f"The file is {_describe_size(size)}, larger than the limit of {limit}. Split it up.")


class Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


def read_at_most(source: Readable, *, max_bytes: int, size: int | None = None) -> bytes:
    """The bytes of an upload or an open file, or Rejected once it passes `max_bytes`
    (a declared `size` over the limit is refused without reading): a huge file is never held whole."""
    if size is not None and size > max_bytes:
        raise Rejected([too_large(size, max_bytes)])
    data = source.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise Rejected([too_large(size, max_bytes)])
    return data


def _read_csv(data: bytes, problems: ErrorCollector) -> NumberedCells:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        problems.add(None, None, None, UTF16_TEXT)
        return iter(())
    for encoding in ("utf-8-sig", "cp1252"):  # cp1252: CSV saved by Excel on Windows
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _parse_csv(text, problems)
    problems.add(None, None, None, UNREADABLE_TEXT)
    return iter(())


def _parse_csv(text: str, problems: ErrorCollector) -> NumberedCells:
    number = 0
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text, newline="")), 1):
            yield number, cells
    except csv.Error as error:
        problems.add(number + 1, None, None, f"The row could not be read as CSV ({error}).")


def _read_first_sheet(
    data: bytes, max_rows: int, max_columns: int, problems: ErrorCollector
) -> tuple[NumberedCells, str | None, list[str]]:
    try:
        sheet = read_first_sheet(data, max_rows=max_rows + 1, max_columns=max_columns)
    except WorkbookLocked:
        problems.add(None, None, None, LOCKED_WORKBOOK)
        return iter(()), None, []
    except WorkbookUnreadable:
        problems.add(None, None, None, UNREADABLE_WORKBOOK)
        return iter(()), None, []
    except SheetTooLarge as too_large:
        problems.add(None, None, None, str(too_large))
        return iter(()), None, []
    notes = []
    if sheet.sheet_count > 1:
        notes.append(f"The workbook has {sheet.sheet_count} sheets; read the first, '{sheet.name}'.")
    numbered_cells = ((number, [cell_text(cell) for cell in cells]) for number, cells in enumerate(sheet.rows, start=1))
    return numbered_cells, sheet.name, notes


def _read_rows(
    numbered_cells: NumberedCells,
    spec: TableSpec,
    max_rows: int,
    sheet_name: str | None,
    problems: ErrorCollector,
) -> tuple[list[SourceRow], list[str]]:
    header = next(((n, cells) for n, cells in numbered_cells if _has_any_value(cells)), None)
    if header is None:
        where = "The file" if sheet_name is None else f"The first sheet, '{sheet_name}',"
        problems.add(None, None, None, f"{where} is empty: it has no header row and no data rows.")
        return [], []
    headings = [normalise_column_name(cell) for cell in header[1]]
    while headings and not headings[-1]:
        headings.pop()
    position_of = _check_headings(header[1], headings, spec, problems)

    rows: list[SourceRow] = []
    for number, cells in numbered_cells:
        if not _has_any_value(cells):
            continue
        if len(rows) == max_rows:
            reason = f"The file has more than {max_rows:,} data rows, the most one file may have. Split it up."
            problems.add(None, None, None, reason)
            break
        values = [cell.strip() for cell in cells]
        _check_row_fits_header(number, values, headings, problems)
        _check_no_nul(number, values, headings, problems)
        by_name = dict.fromkeys(spec.columns, "")
        for name, position in position_of.items():
            if position < len(values):
                by_name[name] = values[position]
        rows.append(SourceRow(number=number, values=by_name))
    if not rows and not any(error.row for error in problems.errors):
        problems.add(None, None, None, NO_DATA_ROWS)  # unless a row could not be read
    return rows, list(position_of)


def _check_headings(
    header_cells: list[str], headings: list[str], spec: TableSpec, problems: ErrorCollector
) -> dict[str, int]:
    """Report unknown, duplicate and missing columns; return known columns' positions."""
    positions_of: dict[str, list[int]] = {}
    for position, heading in enumerate(headings):
        if heading:
            positions_of.setdefault(heading, []).append(position)
    unknown = f"Unknown column. Expected one of: {', '.join(spec.columns)}"
    for heading, positions in positions_of.items():
        if heading not in spec.columns:
            as_written = header_cells[positions[0]].replace("\ufeff", "").strip()
            problems.add(None, heading, as_written, unknown)
        if len(positions) > 1:
            listed = " and ".join(str(position + 1) for position in positions)
            problems.add(None, heading, None, f"The column appears more than once (columns {listed}). Keep one.")
    for name in spec.required:
        if name not in positions_of:
            problems.add(None, name, None, MISSING_COLUMN)
    return {
        heading: positions[0]
        for heading, positions in positions_of.items()
        if heading in spec.columns and len(positions) == 1
    }


def _check_row_fits_header(number: int, values: list[str], headings: list[str], problems: ErrorCollector) -> None:
    if any(values[len(headings) :]):
        reason = f"This row has more values than there are columns ({len(headings)} in the header row)."
        problems.add(number, None, None, reason)
    for position, heading in enumerate(headings[: len(values)]):
        if not heading and values[position]:
            reason = f"This row has a value in column {position + 1}, which has no name in the header row."
            problems.add(number, None, values[position], reason)


class _TooWide(Exception):  # noqa: N818 - stops reading; becomes one error for the file
    pass


def _within_width(numbered_cells: NumberedCells, max_columns: int) -> NumberedCells:
    """The rows, until one has a value beyond `max_columns`: then _TooWide, and no more rows are read."""
    for number, cells in numbered_cells:
        if len(cells) > max_columns and any(cell.strip() for cell in cells[max_columns:]):
            reason = (
                f"Row {number:,} has {len(cells):,} values: a file may have at most {max_columns:,} columns. "
                "Delete the columns you do not need and upload it again."
            )
            raise _TooWide(reason)
        yield number, cells


def _check_no_nul(number: int, values: list[str], headings: list[str], problems: ErrorCollector) -> None:
    for position, value in enumerate(values):
        if "\x00" in value:
            heading = headings[position] if position < len(headings) and headings[position] else None
            problems.add(number, heading, value, NUL_CHARACTER)


def _has_any_value(cells: list[str]) -> bool:
    return any(cell.strip() for cell in cells)


def _describe_size(size_in_bytes: int) -> str:
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size_in_bytes >= scale:
            return f"{size_in_bytes / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size_in_bytes:,} bytes"


def check_year(year: int) -> None:
    """Every import is for a year; one outside the plausible range is bad input, not a crash."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Rejected(
            [Problem(column="year", value=str(year), reason=f"The year must be from {MIN_YEAR} to {MAX_YEAR}")]
        )


def check_length(errors: ErrorCollector, row: int, column: str, value: str, limit: int) -> bool:
    """A text value longer than the database holds is reported as an error on its row."""
    if len(value) > limit:
        errors.add(row, column, value[:40] + "…", f"At most {limit} characters")
        return False
    return True
