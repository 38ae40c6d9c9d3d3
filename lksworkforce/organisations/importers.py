"""The organisations file: validate every row, then write all or nothing."""

from dataclasses import dataclass
from datetime import date, datetime

from lksworkforce.core.tabular import ErrorCollector, Table, TableSpec, check_length
from lksworkforce.organisations.codes import (
    OrganisationType,
    normalise_ods_code,
    ods_code_problem,
    parse_organisation_type,
)

NAME_MAX_LENGTH = 200  # Organisation.name

ORGANISATIONS_SPEC = TableSpec(
    required=("ods_code", "name", "type"),
    optional=("region_code", "opened_on", "closed_on"),
)


@dataclass(frozen=True)
class OrganisationRow:
    ods_code: str
    name: str
    type: OrganisationType
    region_code: str
    opened_on: date | None
    closed_on: date | None


def validate_organisation_rows(table: Table, *, known_region_codes: set[str]) -> list[OrganisationRow]:
    """Every row checked; raises Rejected listing every problem, or returns clean rows."""
    errors = ErrorCollector()
    rows: list[OrganisationRow] = []
    first_seen: dict[str, int] = {}
    for source in table.rows:
        values = source.values
        number = source.number
        row_ok = True

        kind = parse_organisation_type(values["type"])
        if kind is None:
            errors.add(
                number,
                "type",
                values["type"],
                "Unknown organisation type. Use one of: " + ", ".join(t.value for t in OrganisationType),
            )
            row_ok = False

        code = normalise_ods_code(values["ods_code"])
        problem = ods_code_problem(code, kind)
        if problem:
            errors.add(number, "ods_code", values["ods_code"], problem)
            row_ok = False
        elif code in first_seen:
            errors.add(number, "ods_code", values["ods_code"], f"Duplicate ODS code: already on row {first_seen[code]}")
            row_ok = False
        else:
            first_seen[code] = number

        name = values["name"]
        if not name:
            errors.add(number, "name", name, "A name is required")
            row_ok = False
        elif not check_length(errors, number, "name", name, NAME_MAX_LENGTH):
            row_ok = False

        region_code = values.get("region_code", "").strip().upper()
        if region_code and region_code not in known_region_codes:
            errors.add(
                number,
                "region_code",
                values["region_code"],
                "Unknown region code. Use one of: " + ", ".join(sorted(known_region_codes)),
            )
            row_ok = False

        opened_on = _parse_date(values.get("opened_on", ""), number, "opened_on", errors)
        closed_on = _parse_date(values.get("closed_on", ""), number, "closed_on", errors)
        if opened_on and closed_on and closed_on < opened_on:
            errors.add(number, "closed_on", values["closed_on"], "The closing date is before the opening date")
            row_ok = False

        if row_ok and kind is not None:
            rows.append(OrganisationRow(code, name, kind, region_code, opened_on, closed_on))
    errors.raise_if_any()
    return rows


def _parse_date(raw: str, number: int, column: str, errors: ErrorCollector) -> date | None:
    raw = raw.strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        pass
    try:
        # Spreadsheet cells arrive as ISO date-times.
        return datetime.fromisoformat(raw).date()
    except ValueError:
        errors.add(number, column, raw, "Not a date. Use the form YYYY-MM-DD, for example 2019-04-01")
        return None
