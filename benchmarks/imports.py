"""Importing an LKS return file (CSV and XLSX) through the service against a bare bulk insert of
the same rows into fresh returns. The tables are reset before every call."""

import csv
import io
from decimal import Decimal

import xlsxwriter
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from benchmarks.timing import Result, compare
from lksworkforce.core.models import AuditEvent
from lksworkforce.organisations.models import Organisation
from lksworkforce.staffing.demo.plan import QUALIFIED_ROLES, SPECIALTIES, SUPPORT_ROLES
from lksworkforce.staffing.models import LksPost, LksReturn, ReturnStatus
from lksworkforce.staffing.posts import PostQualification
from lksworkforce.staffing.services import lks_returns_import

BUDGET = 3.0
IMPORT_YEAR = 2026  # after the world's years: every import starts with no return for the year
POSTS_PER_ORGANISATION = 40
POST_BATCH = 2000  # the import's and the baseline's bulk insert batch size
NUMBERS = {"wte", "headcount"}  # in an XLSX file, as a person would type them
COLUMNS = ("ods_code", "post_title", "role", "band", "wte", "qualification", "headcount", "specialty")
ROLES = QUALIFIED_ROLES + SUPPORT_ROLES
WTES = ("1.00", "0.80", "1.00", "0.60", "0.50")
QUALIFICATIONS = ("chartered", "accredited_degree", "none", "studying", "fellow", "none", "accredited_degree")


def run(file_format: str, ods_codes: list[str]) -> Result:
    rows = return_rows(ods_codes)
    data = as_csv(rows) if file_format == "csv" else as_xlsx(rows)

    def candidate() -> None:
        outcome = lks_returns_import(data=data, filename=f"returns.{file_format}", year=IMPORT_YEAR, actor=None)
        if outcome.returns_created != len(ods_codes):  # a reset that failed would make this a no-op
            raise RuntimeError(f"Import created {outcome.returns_created} returns, not {len(ods_codes)}")

    result = compare(f"import_return_{file_format}", candidate, lambda: bulk_insert(rows), BUDGET, clear_imports)
    clear_imports()
    result.notes.append(f"{len(rows):,} rows, {len(ods_codes)} organisations, {len(data) / 1024:,.0f} KiB")
    queries = {n: import_queries(file_format, ods_codes[:n]) for n in sorted({min(25, len(ods_codes)), len(ods_codes)})}
    result.notes.append(
        "SQL queries "
        + ", ".join(f"{q} at {n} organisations ({n * POSTS_PER_ORGANISATION:,} rows)" for n, q in queries.items())
        + f"; posts are inserted {POST_BATCH:,} rows a query"
    )
    result.extra["queries"] = queries
    return result


def import_queries(file_format: str, ods_codes: list[str]) -> int:
    """The queries one import of these organisations' returns runs, from no returns for the year."""
    rows = return_rows(ods_codes)
    data = as_csv(rows) if file_format == "csv" else as_xlsx(rows)
    with CaptureQueriesContext(connection) as queries:
        lks_returns_import(data=data, filename=f"returns.{file_format}", year=IMPORT_YEAR, actor=None)
    clear_imports()
    return len(queries)


def return_rows(ods_codes: list[str]) -> list[dict[str, str]]:
    """Deterministic, valid rows: every role, band, WTE and qualification turns up."""
    return [
        {
            "ods_code": code,
            "post_title": f"{ROLES[n % len(ROLES)][0]} {n + 1}",
            "role": ROLES[n % len(ROLES)][1],
            "band": ROLES[n % len(ROLES)][2],
            "wte": WTES[n % len(WTES)],
            "qualification": QUALIFICATIONS[n % len(QUALIFICATIONS)],
            "headcount": "1",
            "specialty": SPECIALTIES[n % len(SPECIALTIES)],
        }
        for code in ods_codes
        for n in range(POSTS_PER_ORGANISATION)
    ]


def as_csv(rows: list[dict[str, str]]) -> bytes:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return text.getvalue().encode()


def as_xlsx(rows: list[dict[str, str]]) -> bytes:
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, {"in_memory": True}) as workbook:
        sheet = workbook.add_worksheet("Posts")
        sheet.write_row(0, 0, COLUMNS)
        for number, row in enumerate(rows, start=1):
            sheet.write_row(number, 0, [float(row[c]) if c in NUMBERS else row[c] for c in COLUMNS])
    return buffer.getvalue()


@transaction.atomic
def bulk_insert(rows: list[dict[str, str]]) -> None:
    """The baseline: one published return per organisation, then the posts in one bulk insert."""
    ids = dict(Organisation.objects.filter(ods_code__in={r["ods_code"] for r in rows}).values_list("ods_code", "id"))
    returns = {
        code: LksReturn(organisation_id=pk, year=IMPORT_YEAR, status=ReturnStatus.PUBLISHED, is_counted=True)
        for code, pk in ids.items()
    }
    LksReturn.objects.bulk_create(returns.values())
    LksPost.objects.bulk_create((_post(returns[row["ods_code"]], row) for row in rows), batch_size=POST_BATCH)


def _post(lks_return: LksReturn, row: dict[str, str]) -> LksPost:
    text = {column: row[column] for column in ("post_title", "role", "band", "qualification", "specialty")}
    qualified = PostQualification(row["qualification"]).counts_as_qualified
    return LksPost(
        lks_return=lks_return, wte=Decimal(row["wte"]), headcount=int(row["headcount"]), is_qualified=qualified, **text
    )


@transaction.atomic
def clear_imports() -> None:
    LksPost.objects.filter(lks_return__year=IMPORT_YEAR).delete()
    LksReturn.objects.filter(year=IMPORT_YEAR).delete()
    AuditEvent.objects.filter(action="lks_return.imported").delete()
