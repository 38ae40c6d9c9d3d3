"""Hostile upload files, built in the test: workbooks whose one far cell would make a dense grid
of gigabytes, a CSV of 100,000 columns, a CSV with hundreds of bad rows, and a request body too
big to read. Every import surface (page, API, command) is tried with the same files."""

import io
from collections.abc import Callable, Sequence

import xlsxwriter

# What each refusal says; the tests look for these words on every surface.
TOO_WIDE = "a file may have at most 200 columns"
TOO_LONG = "a file may have at most 200,001 rows"
TOO_MANY_CELLS = "fill more than 4,000,000 cells"


def workbook(header: Sequence[str], *cells: tuple[int, int, str]) -> bytes:
    """A header in row 1 and each (row, column, text) cell, counted from 0 as xlsxwriter counts."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True})
    sheet = book.add_worksheet("Data")
    sheet.write_row(0, 0, header)
    for row, column, text in sorted(cells):
        sheet.write_string(row, column, text)
    book.close()
    return buffer.getvalue()


def cell_at_xfd1048576(header: Sequence[str]) -> bytes:
    """One string in the last cell Excel has: 17 billion cells as a dense grid (about 5 KB on disk)."""
    return workbook(header, (1_048_575, 16_383, "x"))


def cell_at_row_25000_column_1000(header: Sequence[str]) -> bytes:
    return workbook(header, (24_999, 999, "x"))


def xlsx_of_16384_columns(header: Sequence[str]) -> bytes:
    """The widest sheet Excel allows: the header, then a heading in every column to XFD."""
    return workbook(header, *((0, column, f"c{column}") for column in range(len(header), 16_384)))


def csv_of_100000_columns(header: Sequence[str]) -> bytes:
    """About 690 KB: once made a 42 MB error response, one 'unknown column' per column."""
    extra = ",".join(f"c{n}" for n in range(len(header), 100_000))
    return (",".join(header) + "," + extra + "\r\n").encode()


# Makes a workbook from a header row.
type MakeWorkbook = Callable[[Sequence[str]], bytes]

HOSTILE_WORKBOOKS: dict[str, tuple[MakeWorkbook, str]] = {
    "XFD1048576": (cell_at_xfd1048576, TOO_WIDE),
    "row 25,000, column 1,000": (cell_at_row_25000_column_1000, TOO_WIDE),
    "16,384 columns": (xlsx_of_16384_columns, TOO_WIDE),
}
