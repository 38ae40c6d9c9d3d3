"""Organisations files for the tests: rows in, CSV or XLSX bytes out."""

import csv
import datetime
import io
from collections.abc import Sequence

import xlsxwriter

from lksworkforce.core.models import AuditEvent
from lksworkforce.organisations.models import Organisation, RegionMembership

HEADER = ["ods_code", "name", "type", "region_code", "opened_on", "closed_on"]
GOOD_ROWS = [
    ["RX1", "Example Valley Hospitals NHS Trust", "acute", "Y56", "2001-04-01", ""],
    ["RX2", "Example Minds NHS Foundation Trust", "Mental health trust", "Y62", "", ""],
    ["RX3", "Example Community Health NHS Trust", "community", "Y60", "", ""],
    ["RX4", "Example Ambulance Service NHS Trust", "Ambulance", "Y63", "1990-01-01", "2020-03-31"],
    ["XE001", "Example Workforce Agency", "arms_length_body", "", "2013-04-01", ""],
]
GOOD_CODES = {row[0] for row in GOOD_ROWS}
WITH_REGION = sum(1 for row in GOOD_ROWS if row[3])

type Cell = str | int | float | datetime.date | None


def csv_bytes(rows: Sequence[Sequence[str]], header: Sequence[str] = HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(
    rows: Sequence[Sequence[Cell]], header: Sequence[str] = HEADER, *, extra_sheets: Sequence[str] = ()
) -> bytes:
    """A workbook as Excel would save it: dates as real dates, empty cells left empty."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet = book.add_worksheet("Organisations")
    for col, name in enumerate(header):
        sheet.write_string(0, col, name)
    for r, values in enumerate(rows, start=1):
        for col, value in enumerate(values):
            if value is None or value == "":
                continue
            if isinstance(value, datetime.date):
                sheet.write_datetime(r, col, datetime.datetime.combine(value, datetime.time()), date_format)
            elif isinstance(value, str):
                sheet.write_string(r, col, value)
            else:
                sheet.write_number(r, col, value)
    for name in extra_sheets:
        book.add_worksheet(name).write_string(0, 0, "not read")
    book.close()
    return out.getvalue()


def as_xlsx_cells(rows: Sequence[Sequence[str]]) -> list[list[Cell]]:
    """The good rows with their dates as real dates, as a spreadsheet would hold them."""
    return [[datetime.date.fromisoformat(v) if i in (4, 5) and v else v for i, v in enumerate(row)] for row in rows]


def counts() -> tuple[int, int, int]:
    return Organisation.objects.count(), RegionMembership.objects.count(), AuditEvent.objects.count()


def snapshot() -> list[tuple[object, ...]]:
    """Every organisation and region membership, as values: to show nothing at all changed."""
    organisations = list(
        Organisation.objects.order_by("ods_code").values_list(
            "ods_code", "name", "type", "opened_on", "closed_on", "updated_at"
        )
    )
    memberships = list(
        RegionMembership.objects.order_by("organisation__ods_code", "geography_id", "year").values_list(
            "organisation__ods_code", "region__code", "year"
        )
    )
    return [*organisations, *memberships, ("audit", AuditEvent.objects.count())]
