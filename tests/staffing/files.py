"""Staffing files and data for the tests: census and return rows in, CSV or XLSX bytes out;
small worlds of census figures and published returns; a snapshot to show nothing changed."""

import csv
import io
import math
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from django.core.management import call_command
from django.test import Client

from lksworkforce.accounts.models import User
from lksworkforce.accounts.people import Role
from lksworkforce.core.models import AuditEvent
from lksworkforce.organisations.models import Organisation, Region, RegionMembership
from lksworkforce.staffing import services
from lksworkforce.staffing.models import LksPost, LksReturn, ReturnStatus, WorkforceCensus
from tests.factories import UserFactory, current_region, grant

YEAR = 2025

CENSUS_HEADER = ["ods_code", "organisation_name", "region_code", "region_name", "nhs_wte", "headcount"]
RETURN_HEADER = ["ods_code", "post_title", "role", "band", "wte", "qualification", "headcount", "specialty"]

# The world fixture's three organisations, and one the census adds with a new region.
CENSUS_ROWS = [
    ["RAA", "Alpha Hospitals NHS Trust", "Y56", "London", "5000.00", "5400"],
    ["RAB", "Beta Mental Health NHS Trust", "Y56", "London", "4321.50", ""],
    ["RBA", "Gamma Community NHS Trust", "Y62", "North West", "2500", "2710"],
    ["RZ1", "Zeta New Hospitals NHS Trust (synthetic)", "QX1", "Test Region (synthetic)", "1,200.25", ""],
]

# Posts of three organisations, one row per person. File line = index + 2.
RETURN_ROWS = [
    ["RAA", "Clinical librarian", "clinical librarian", "7", "1.00", "chartered", "1", "Oncology"],
    ["RAA", "Librarian", "librarian", "6", "0.80", "accredited_degree", "", ""],
    ["RAA", "Library assistant", "library assistant", "3", "0.5", "none", "", ""],
    ["RAB", "Knowledge manager", "knowledge manager", "8a", "1", "fellow", "1", ""],
    ["RAB", "Trainee librarian", "librarian", "Band 5", "0.60", "studying", "", "Mental health"],
    ["RBA", "Head of library services", "service manager", "8B", "1.00", "chartered", "", ""],
]
QUALIFIED_WTE = {"RAA": Decimal("1.80"), "RAB": Decimal("1.00"), "RBA": Decimal("1.00")}
POSTS = {"RAA": 3, "RAB": 2, "RBA": 1}

NUMERIC_COLUMNS = {"nhs_wte", "wte", "headcount"}


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    sheet: str = "Return",
    extra_sheets: Sequence[tuple[str, Sequence[Sequence[str]]]] = (),
) -> bytes:
    """A workbook as a person would save it: numbers as numbers, empty cells left empty."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    for name, sheet_header, sheet_rows in [(sheet, header, rows), *((n, header, r) for n, r in extra_sheets)]:
        worksheet = book.add_worksheet(name)
        for col, heading in enumerate(sheet_header):
            worksheet.write_string(0, col, heading)
        for r, values in enumerate(sheet_rows, start=1):
            for col, value in enumerate(values):
                if value == "":
                    continue
                if sheet_header[col] in NUMERIC_COLUMNS and _is_number(value):
                    worksheet.write_number(r, col, float(value.replace(",", "")))
                else:
                    worksheet.write_string(r, col, value)
    book.close()
    return out.getvalue()


def _is_number(text: str) -> bool:
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        return False
    # "NaN" and "inf" stay text: a spreadsheet cell cannot hold them as numbers.
    return math.isfinite(number)


def write(tmp_path: Path, data: bytes, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def command(name: str, path: Path, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(name, str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def counts() -> dict[str, int]:
    return {
        "census": WorkforceCensus.objects.count(),
        "returns": LksReturn.objects.count(),
        "posts": LksPost.objects.count(),
        "organisations": Organisation.objects.count(),
        "regions": Region.objects.count(),
        "memberships": RegionMembership.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


def snapshot() -> dict[str, object]:
    """Counts and every value a staffing import could write: to show that nothing at all changed."""
    return {
        **counts(),
        "census_rows": list(
            WorkforceCensus.objects.order_by("organisation__ods_code", "year").values_list(
                "organisation__ods_code", "year", "nhs_wte", "headcount", "imported_at"
            )
        ),
        "return_rows": list(
            LksReturn.objects.order_by("organisation__ods_code", "year", "version").values_list(
                "organisation__ods_code", "year", "version", "status", "is_counted", "published_at"
            )
        ),
        "post_rows": list(
            LksPost.objects.order_by("id").values_list("lks_return_id", "post_title", "band", "wte", "qualification")
        ),
        "membership_rows": list(
            RegionMembership.objects.order_by("organisation__ods_code", "year").values_list(
                "organisation__ods_code", "region__code", "year"
            )
        ),
        "organisation_rows": list(
            Organisation.objects.order_by("ods_code").values_list("ods_code", "name", "updated_at")
        ),
    }


def census(organisation: Organisation, nhs_wte: str, year: int = YEAR) -> WorkforceCensus:
    return WorkforceCensus.objects.create(organisation=organisation, year=year, nhs_wte=Decimal(nhs_wte))


def published_return(
    organisation: Organisation, posts: Sequence[tuple[str, str]], year: int = YEAR, *, version: int = 1
) -> LksReturn:
    """A published, counted return with posts given as (wte, qualification)."""
    lks_return = LksReturn.objects.create(
        organisation=organisation, year=year, version=version, status=ReturnStatus.PUBLISHED, is_counted=True
    )
    for number, (wte, qualification) in enumerate(posts, start=1):
        LksPost.objects.create(
            lks_return=lks_return,
            post_title=f"Post {number}",
            role="librarian",
            band="6",
            wte=Decimal(wte),
            qualification=qualification,
        )
    return lks_return


def regional_lead(region_code: str = "Y56") -> User:
    return grant(
        UserFactory.create(email=f"lead-{region_code.lower()}@example.nhs.uk", organisation=None),
        Role.REGIONAL_LEAD,
        region=current_region(region_code),
    )


def service_manager(organisation: Organisation) -> User:
    return grant(
        UserFactory.create(email=f"manager-{organisation.ods_code.lower()}@example.nhs.uk", organisation=organisation),
        Role.SERVICE_MANAGER,
        organisation=organisation,
    )


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def import_world(size: int, *, year: int = YEAR, without_return_every: int = 5) -> None:
    """`size` organisations in two regions with census figures and published returns (some without)."""
    census_rows = [
        [
            f"Q{i:02d}",
            f"Quarry {i} NHS Trust (synthetic)",
            "Y56" if i % 2 else "Y62",
            "London" if i % 2 else "North West",
            str(1000 + 137 * i),
            "",
        ]
        for i in range(size)
    ]
    services.census_import(data=csv_bytes(CENSUS_HEADER, census_rows), filename="census.csv", year=year, actor=None)
    qualifications = ("chartered", "accredited_degree", "none", "fellow", "studying")
    return_rows = [
        [f"Q{i:02d}", f"Post {j}", "librarian", str(3 + j), "0.80", qualifications[(i + j) % 5], "", ""]
        for i in range(size)
        if i % without_return_every != without_return_every - 1
        for j in range(3)
    ]
    services.lks_returns_import(
        data=csv_bytes(RETURN_HEADER, return_rows), filename="returns.csv", year=year, actor=None
    )
