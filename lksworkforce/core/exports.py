"""CSV, XLSX and PDF of any table a person can see. Rows arrive already scoped and suppressed."""

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import xlsxwriter
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string

from lksworkforce.core.pdf import html_to_pdf

EXPORT_FORMATS = ("csv", "xlsx", "pdf")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


_PLAIN_NUMBER = re.compile(r"^[+-]?\d[\d,]*(\.\d+)?%?$")


def escape_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe. A plain
    number with a sign ("-80.85", "+1.5") is a number, not a formula, and is left alone."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def rows_as_csv(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_value(escape_cell(row.get(c))) for c in columns])
    return out.getvalue()


def rows_as_xlsx(columns: Sequence[str], rows: Iterable[Mapping[str, Any]], *, sheet: str = "Data") -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    worksheet = book.add_worksheet(_sheet_name(sheet))
    bold = book.add_format({"bold": True})
    for col, name in enumerate(columns):
        worksheet.write_string(0, col, name, bold)
    for r, row in enumerate(rows, start=1):
        for col, name in enumerate(columns):
            value = row.get(name)
            if isinstance(value, bool) or value is None:
                worksheet.write_string(r, col, _csv_value(value))
            elif isinstance(value, (int, float, Decimal)):
                worksheet.write_number(r, col, float(value))
            else:
                worksheet.write_string(r, col, str(escape_cell(value)))
    book.close()
    return out.getvalue()


def table_as_pdf(columns: Sequence[str], rows: Iterable[Mapping[str, Any]], *, title: str) -> bytes:
    html = render_to_string(
        "core/export_table.jinja",
        {"title": title, "columns": columns, "rows": [[_csv_value(row.get(c)) for c in columns] for row in rows]},
    )
    return html_to_pdf(html)


def export_response(
    export_format: str, filename: str, columns: Sequence[str], rows: Iterable[Mapping[str, Any]], *, title: str
) -> HttpResponse:
    if export_format == "csv":
        response = HttpResponse(rows_as_csv(columns, rows), content_type="text/csv; charset=utf-8")
    elif export_format == "xlsx":
        response = HttpResponse(
            rows_as_xlsx(columns, rows, sheet=title),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif export_format == "pdf":
        response = HttpResponse(table_as_pdf(columns, rows, title=title), content_type="application/pdf")
    else:
        raise Http404("Unknown export format")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{export_format}"'
    return response


def _sheet_name(title: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip() or "Data"
    return " ".join(cleaned.split())[:31]


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
