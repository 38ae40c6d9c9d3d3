"""Files in: the NHS workforce census and LKS annual returns. Validate every row, collect every error."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from lksworkforce.accounts.people import normalise_band
from lksworkforce.core.tabular import ErrorCollector, Table, TableSpec, check_length
from lksworkforce.organisations.codes import (
    OrganisationType,
    normalise_ods_code,
    ods_code_problem,
    parse_organisation_type,
)
from lksworkforce.staffing.posts import PostQualification, parse_post_wte, parse_qualification

# What the database columns hold (WorkforceCensus.nhs_wte: 10 digits, 2 places; headcounts).
MAX_NHS_WTE = Decimal("100000000")
MAX_CENSUS_HEADCOUNT = 2_147_483_647
MAX_POST_HEADCOUNT = 32_767

CENSUS_SPEC = TableSpec(
    required=("ods_code", "organisation_name", "region_code", "region_name", "nhs_wte"),
    optional=("headcount", "organisation_type"),
)
RETURN_SPEC = TableSpec(
    required=("ods_code", "post_title", "role", "band", "wte", "qualification"),
    optional=("headcount", "specialty"),
)


@dataclass(frozen=True)
class CensusRow:
    ods_code: str
    organisation_name: str
    organisation_type: OrganisationType | None
    region_code: str
    region_name: str
    nhs_wte: Decimal
    headcount: int | None


@dataclass(frozen=True)
class PostRow:
    ods_code: str
    post_title: str
    role: str
    band: str
    wte: Decimal
    qualification: PostQualification
    headcount: int
    specialty: str


def validate_census_rows(table: Table) -> list[CensusRow]:
    errors = ErrorCollector()
    rows: list[CensusRow] = []
    first_seen: dict[str, int] = {}
    for source in table.rows:
        v, n = source.values, source.number
        ok = True
        kind: OrganisationType | None = None
        if v.get("organisation_type"):
            kind = parse_organisation_type(v["organisation_type"])
            if kind is None:
                errors.add(
                    n,
                    "organisation_type",
                    v["organisation_type"],
                    "Unknown organisation type. Use one of: " + ", ".join(t.value for t in OrganisationType),
                )
                ok = False
        code = normalise_ods_code(v["ods_code"])
        ok &= _check_ods_code(code, v["ods_code"], n, errors, first_seen)
        if not v["organisation_name"]:
            errors.add(n, "organisation_name", "", "An organisation name is required")
            ok = False
        ok &= check_length(errors, n, "organisation_name", v["organisation_name"], 200)
        ok &= check_length(errors, n, "region_name", v["region_name"], 120)
        ok &= check_length(errors, n, "region_code", v["region_code"], 10)
        region_code = v["region_code"].strip().upper()
        if not region_code:
            errors.add(n, "region_code", "", "A region code is required")
            ok = False
        nhs_wte = _parse_decimal(v["nhs_wte"], n, "nhs_wte", "NHS WTE", errors)
        if nhs_wte is not None and nhs_wte <= 0:
            errors.add(n, "nhs_wte", v["nhs_wte"], "NHS WTE must be more than 0")
            nhs_wte = None
        elif nhs_wte is not None and nhs_wte >= MAX_NHS_WTE:
            errors.add(n, "nhs_wte", v["nhs_wte"], "NHS WTE must be less than 100,000,000")
            nhs_wte = None
        headcount = _parse_count(v.get("headcount", ""), n, errors, MAX_CENSUS_HEADCOUNT)
        if ok and nhs_wte is not None and headcount is not False:
            rows.append(
                CensusRow(
                    code,
                    v["organisation_name"],
                    kind,
                    region_code,
                    v["region_name"],
                    nhs_wte.quantize(Decimal("0.01")),
                    headcount or None,
                )
            )
    errors.raise_if_any()
    return rows


def validate_post_rows(table: Table, *, known_ods_codes: set[str], only_ods_code: str | None = None) -> list[PostRow]:
    """Posts of one or many organisations. With only_ods_code, every row must be for that organisation."""
    errors = ErrorCollector()
    rows: list[PostRow] = []
    for source in table.rows:
        v, n = source.values, source.number
        ok = True
        code = normalise_ods_code(v["ods_code"])
        if only_ods_code is not None and code != only_ods_code:
            errors.add(
                n, "ods_code", v["ods_code"], f"This return is for {only_ods_code}; the row is for another organisation"
            )
            ok = False
        elif code not in known_ods_codes:
            errors.add(
                n,
                "ods_code",
                v["ods_code"],
                "Unknown ODS code: import the organisation (or the workforce census) first",
            )
            ok = False
        for column, label, limit in (("post_title", "A post title", 150), ("role", "A role", 80)):
            if not v[column]:
                errors.add(n, column, "", f"{label} is required")
                ok = False
            ok &= check_length(errors, n, column, v[column], limit)
        ok &= check_length(errors, n, "specialty", v.get("specialty", ""), 120)
        band = normalise_band(v["band"])
        if band is None:
            errors.add(n, "band", v["band"], "Not an Agenda for Change band. Use 1 to 7, 8a to 8d, or 9")
            ok = False
        wte, problem = parse_post_wte(v["wte"])
        if problem:
            errors.add(n, "wte", v["wte"], problem)
            ok = False
        qualification = parse_qualification(v["qualification"])
        if qualification is None:
            errors.add(
                n,
                "qualification",
                v["qualification"],
                "Unknown qualification. Use one of: " + ", ".join(q.value for q in PostQualification),
            )
            ok = False
        headcount = _parse_count(v.get("headcount", ""), n, errors, MAX_POST_HEADCOUNT)
        if headcount is False:
            ok = False
        if ok and band is not None and wte is not None and qualification is not None:
            rows.append(
                PostRow(
                    code,
                    v["post_title"],
                    v["role"].strip(),
                    band,
                    wte,
                    qualification,
                    headcount or 1,
                    v.get("specialty", ""),
                )
            )
    errors.raise_if_any()
    return rows


def _check_ods_code(code: str, raw: str, number: int, errors: ErrorCollector, first_seen: dict[str, int]) -> bool:
    problem = ods_code_problem(code)
    if problem:
        errors.add(number, "ods_code", raw, problem)
        return False
    if code in first_seen:
        errors.add(number, "ods_code", raw, f"Duplicate ODS code: already on row {first_seen[code]}")
        return False
    first_seen[code] = number
    return True


def _parse_decimal(raw: str, number: int, column: str, label: str, errors: ErrorCollector) -> Decimal | None:
    try:
        value = Decimal(raw.replace(",", "").strip())
    except InvalidOperation:
        errors.add(number, column, raw, f"{label} must be a number")
        return None
    if not value.is_finite():
        errors.add(number, column, raw, f"{label} must be a number")
        return None
    return value


def _parse_count(raw: str, number: int, errors: ErrorCollector, maximum: int) -> int | bool | None:
    """A whole number, None when blank, or False (and an error) when invalid."""
    raw = raw.strip()
    if not raw:
        return None
    # ASCII digits only: "²".isdigit() is true, but int("²") fails.
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= maximum:
        errors.add(number, "headcount", raw, f"Headcount must be a whole number from 1 to {maximum:,}")
        return False
    return int(raw)
