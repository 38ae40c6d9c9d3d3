"""Open the first sheet of an .xlsx workbook only when it fits the limits, then read it row by row.

python-calamine turns a sheet into a dense grid from its first cell to its last as soon as
the sheet is opened: one cell at XFD1048576 asks for 512 GiB and the allocator aborts the
whole process, and one cell at row 25,000, column 1,000 costs a gigabyte. So calamine never
sees a workbook that has not been checked here first, with the standard library only:

1. the file must be an OOXML zip whose parts unpack to at most `MAX_UNPACKED_BYTES` (as
   declared, and Python's zip reader holds each part to its declared size and checksum);
2. the parts are copied, as Python read them, into a fresh uncompressed zip in a temporary
   file (calamine reads it from its path, not from memory), so that calamine
   reads exactly the bytes checked here and not a part that unpacks to more than it says;
3. the first sheet's XML is streamed one element at a time to find the last row and column
   that hold a cell (written or formatted), stopping at the first one beyond the limits.

Only then does calamine open the sheet, and its rows are converted to Python one at a time.
The grid calamine builds is then at most `max_cells` cells. `cell_text` turns a cell into the
text a person sees in Excel.

Pure: the standard library and python-calamine; no Django.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import math
import posixpath
import re
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO
from xml.parsers import expat

from python_calamine import CalamineError, CalamineWorkbook, PasswordError

MAX_UNPACKED_BYTES = 256 * 1024 * 1024
# The grid from a sheet's first cell to its last, which calamine holds whole (about 32 bytes a
# cell) while its rows are read: 4,000,000 cells is 200,000 rows of 20 columns, about 130 MB.
MAX_SHEET_CELLS = 4_000_000
_CHUNK_BYTES = 64 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted .xlsx, or an old .xls
_ENCRYPTED_OOXML = "EncryptionInfo".encode("utf-16-le")
# Broader than Excel's A1 to XFD1048576, so that a reference beyond the limits is measured and
# refused as too large, not misread; anything else in a reference makes the file unreadable.
_CELL_REFERENCE = re.compile(r"\$?([A-Za-z]{1,10})\$?([0-9]{1,20})")

type CellValue = object


class WorkbookLocked(Exception):  # noqa: N818 - a rejection, not a fault
    """The workbook is encrypted with a password."""


class WorkbookUnreadable(Exception):  # noqa: N818
    """The file is not an .xlsx workbook that can be read."""


class SheetTooLarge(Exception):  # noqa: N818
    """The first sheet has a cell beyond the row or column limit; `str()` says which, for people."""


@dataclass(frozen=True, slots=True)
class FirstSheet:
    name: str
    sheet_count: int
    rows: Iterator[Sequence[CellValue]]  # from sheet row 1; converted to Python one row at a time


def column_letters(number: int) -> str:
    """1 -> 'A', 27 -> 'AA', 16384 -> 'XFD': a column as Excel names it."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def read_first_sheet(data: bytes, *, max_rows: int, max_columns: int, max_cells: int = MAX_SHEET_CELLS) -> FirstSheet:
    """The first sheet's rows, or WorkbookLocked, WorkbookUnreadable or SheetTooLarge.

    `max_rows` and `max_columns` count sheet rows and columns from A1, as Excel numbers them;
    `max_cells` bounds the grid from the sheet's first cell to its last.
    """
    if data.startswith(_OLE_MAGIC):
        raise WorkbookLocked if _ENCRYPTED_OOXML in data else WorkbookUnreadable
    # On disk, for calamine to read from its path: a zip of stored parts is as big as they unpack.
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as checked:
        try:
            sheet_part = _copy_checked(data, checked)
            checked.flush()
            checked.seek(0)
            with zipfile.ZipFile(checked) as copy, copy.open(sheet_part) as sheet_xml:
                _check_extent(sheet_xml, _Limits(max_rows, max_columns, max_cells))
            workbook = CalamineWorkbook.from_path(checked.name)
            sheet = workbook.get_sheet_by_index(0)  # the whole grid, now known to be within the limits
        except PasswordError:
            raise WorkbookLocked from None
        except (
            CalamineError,
            ValueError,
            OSError,
            EOFError,
            KeyError,
            zipfile.BadZipFile,
            zlib.error,
            expat.ExpatError,
        ):
            raise WorkbookUnreadable from None
    return FirstSheet(name=sheet.name, sheet_count=len(workbook.sheet_names), rows=sheet.iter_rows())


def _copy_checked(data: bytes, out: IO[bytes]) -> str:
    """Copy every part into `out` as an uncompressed zip; return the first sheet's part name."""
    with zipfile.ZipFile(io.BytesIO(data)) as original:
        parts = [info for info in original.infolist() if not info.is_dir()]
        if sum(info.file_size for info in parts) > MAX_UNPACKED_BYTES:
            raise SheetTooLarge(
                f"The workbook unpacks to more than {MAX_UNPACKED_BYTES // (1024 * 1024):,} MB, the most one may. "
                "Delete the sheets and cells you do not need, or save the sheet as CSV and upload that."
            )
        names = {info.filename for info in parts}
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as copy:
            for info in parts:
                with original.open(info) as source, copy.open(info.filename, "w", force_zip64=True) as target:
                    shutil.copyfileobj(source, target)  # held to the declared size; checksum checked at the end
        sheet_part = _first_sheet_part(original)
    if sheet_part not in names:
        raise WorkbookUnreadable
    return sheet_part


def _first_sheet_part(archive: zipfile.ZipFile) -> str:
    """The part holding the first sheet in workbook order, found as calamine finds it."""
    workbook_part = _relationship_targets(archive, "_rels/.rels", base="").get("officeDocument")
    if workbook_part is None or not workbook_part.endswith(".xml"):
        raise WorkbookUnreadable  # e.g. a binary .xlsb, or an .ods saved as .xlsx
    first_sheet_ids: list[str] = []

    def on_start(tag: str, attributes: dict[str, str]) -> None:
        if _local_name(tag) == "sheet":
            first_sheet_ids.extend(value for key, value in attributes.items() if _local_name(key) == "id")
            raise _Stop

    with archive.open(workbook_part) as workbook_xml:
        _stream_elements(workbook_xml, on_start)
    first_sheet_id = first_sheet_ids[0] if first_sheet_ids else None
    if first_sheet_id is None:
        raise WorkbookUnreadable
    directory, name = posixpath.split(workbook_part)
    rels = _relationship_targets(archive, posixpath.join(directory, "_rels", f"{name}.rels"), base=directory)
    by_id = rels.get(f"id:{first_sheet_id}")
    if by_id is None:
        raise WorkbookUnreadable
    return by_id


def _relationship_targets(archive: zipfile.ZipFile, part: str, *, base: str) -> dict[str, str]:
    """'officeDocument' -> its part, and 'id:rId1' -> its part, from one relationships part."""
    targets: dict[str, str] = {}

    def on_start(tag: str, attributes: dict[str, str]) -> None:
        if _local_name(tag) != "Relationship":
            return
        target = attributes.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        targets[f"id:{attributes.get('Id', '')}"] = path
        if attributes.get("Type", "").endswith("/officeDocument"):
            targets.setdefault("officeDocument", path)

    with archive.open(part) as rels_xml:
        _stream_elements(rels_xml, on_start)
    return targets


@dataclass(frozen=True, slots=True)
class _Limits:
    rows: int
    columns: int
    cells: int


def _check_extent(sheet_xml: IO[bytes], limits: _Limits) -> None:
    """Stream the sheet's XML, keeping nothing but the current position and the corners so far,
    and raise SheetTooLarge at the first cell beyond the limits. A cell without a reference
    follows the one before it."""
    row = column = 0
    top, left, bottom, right = limits.rows + 1, limits.columns + 1, 0, 0
    numbers_of_columns: dict[str, int] = {}  # 'AB' -> 28, for the few columns a sheet has

    def on_start(tag: str, attributes: dict[str, str]) -> None:  # called for every element: kept lean
        nonlocal row, column, top, left, bottom, right
        if tag != "c":
            if ":" in tag:
                tag = _local_name(tag)
            if tag == "row":
                number = attributes.get("r")
                row = row + 1 if number is None else _number(number)
                column = 0
                return
            if tag != "c":
                return
        reference = attributes.get("r")
        if reference is None:
            column += 1
        else:
            parts = _CELL_REFERENCE.fullmatch(reference)
            if parts is None:
                raise WorkbookUnreadable
            letters, digits = parts.groups()
            column = numbers_of_columns.get(letters) or numbers_of_columns.setdefault(letters, column_number(letters))
            row = _number(digits)
        if column > limits.columns or row > limits.rows:
            _refuse_cell(row, column, limits)
        top, bottom = min(top, row), max(bottom, row)
        left, right = min(left, column), max(right, column)
        if (bottom - top + 1) * (right - left + 1) > limits.cells:
            raise SheetTooLarge(
                f"The first sheet's cells, from {column_letters(left)}{top} to {column_letters(right)}{bottom}, "
                f"fill more than {limits.cells:,} cells, the most a workbook may have "
                f"(for example {limits.cells // 20:,} rows of 20 columns). "
                "Delete the rows and columns you do not need, even if they look empty, or split the file up."
            )

    _stream_elements(sheet_xml, on_start)


def _number(digits: str) -> int:
    """A row number from a reference: 1 or more, else the file is unreadable."""
    if len(digits) > 20 or not digits.isascii() or not digits.isdigit() or (number := int(digits)) < 1:
        raise WorkbookUnreadable
    return number


def _refuse_cell(row: int, column: int, limits: _Limits) -> None:
    if column > limits.columns:
        raise SheetTooLarge(
            f"The first sheet has a cell in column {column_letters(column)} (row {row:,}): "
            f"a file may have at most {limits.columns:,} columns, up to column {column_letters(limits.columns)}. "
            "Delete the columns you do not need, even if they look empty, and upload it again."
        )
    if row > limits.rows:
        raise SheetTooLarge(
            f"The first sheet has a cell in row {row:,} (column {column_letters(column)}): "
            f"a file may have at most {limits.rows:,} rows, a header row and {limits.rows - 1:,} data rows. "
            "Delete the rows you do not need, even if they look empty, or split the file up."
        )


class _Stop(Exception):  # noqa: N818 - ends a stream early once it has given what was wanted
    pass


def _stream_elements(stream: IO[bytes], on_start: Callable[[str, dict[str, str]], None]) -> None:
    """Call `on_start(tag, attributes)` for each element as expat reads it, in chunks, building
    no tree. Names are as written, with their prefix if any ('x:c'): a `c` or `row` anywhere in a
    sheet counts, which can only make the check stricter. A document type declaration (where
    entity tricks live) makes the file unreadable: OOXML parts never have one."""
    parser = expat.ParserCreate()

    def refuse(*_: object) -> None:
        raise WorkbookUnreadable

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = on_start
    with contextlib.suppress(_Stop):
        while chunk := stream.read(_CHUNK_BYTES):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)


def _local_name(name: str) -> str:
    return name.rpartition(":")[2]


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a person sees; dates and times in ISO 8601."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return _number_text(value)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)  # str, int, timedelta


def _number_text(number: float) -> str:
    """12.0 -> '12', 0.5 -> '0.5'; at most 15 significant digits, as Excel shows them
    (0.1 + 0.2 -> '0.3'); never in exponent notation."""
    if not math.isfinite(number):
        return str(number)
    if number == 0:
        return "0"
    text = format(number, ".15g")
    return format(Decimal(text), "f") if "e" in text else text
