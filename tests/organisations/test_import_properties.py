"""Property: a file with any bad row writes nothing, and every bad row is reported."""

import string
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lksworkforce.core.problems import Rejected
from lksworkforce.organisations.models import Organisation
from lksworkforce.organisations.services import organisations_import
from tests.organisations.files import HEADER, counts, csv_bytes, snapshot, xlsx_bytes

TRUST_TYPES = ["acute", "mental_health", "Mental health trust", "community", "Ambulance trust"]
REGIONS = ["Y56", "Y58", "Y59", "Y60", "Y61", "Y62", "Y63", ""]

# Each corruption makes one row invalid for one reason.
type Corruption = Callable[[dict[str, str], st.DrawFn], dict[str, str]]
CORRUPTIONS: dict[str, Corruption | None] = {
    "missing_code": lambda row, _draw: {**row, "ods_code": ""},
    "malformed_code": lambda row, draw: {
        **row,
        "ods_code": draw(st.sampled_from(["R-1", "R1", "R A", "R.1", "TOOLONG7", "RÄA"])),
    },
    "trust_code_length": lambda row, draw: {
        **row,
        "ods_code": row["ods_code"] + draw(st.sampled_from(["1", "AB", "XYZ"])),
    },
    "duplicate_code": None,  # handled in rows(): a second row with an earlier row's code
    "unknown_region": lambda row, draw: {**row, "region_code": draw(st.sampled_from(["Y99", "LKSS", "NORTH", "X1"]))},
    "unknown_type": lambda row, draw: {
        **row,
        "type": draw(st.sampled_from(["hospital", "GP practice", "trust", "", "acute hospital"])),
    },
    "missing_name": lambda row, draw: {**row, "name": draw(st.sampled_from(["", "   "]))},
    "closed_before_opened": lambda row, _draw: {**row, "opened_on": "2010-04-01", "closed_on": "2010-03-31"},
    "bad_date": lambda row, draw: {
        **row,
        draw(st.sampled_from(["opened_on", "closed_on"])): draw(
            st.sampled_from(["01/04/2010", "2010-02-30", "soon", "2010-13-01"])
        ),
    },
}

codes = st.text(alphabet=string.ascii_uppercase, min_size=1, max_size=1).flatmap(
    lambda first: st.text(alphabet=string.ascii_uppercase + string.digits, min_size=2, max_size=2).map(
        lambda rest: first + rest
    )
)
names = st.text(alphabet=string.ascii_letters + " '&,()-=", min_size=1, max_size=40).filter(str.strip)


@dataclass
class BadFile:
    rows: list[dict[str, str]]
    bad_row_numbers: set[int]  # file rows (header = 1) made invalid on purpose
    extra_column: bool  # an unknown column too
    fmt: str
    existing_code: str  # a code in the file, of a good row or not

    def data(self) -> tuple[bytes, str]:
        header = HEADER + (["notes"] if self.extra_column else [])
        cells = [[row[c] for c in HEADER] + (["a note"] if self.extra_column else []) for row in self.rows]
        if self.fmt == "xlsx":
            return xlsx_bytes(cells, header), "organisations.xlsx"
        return csv_bytes(cells, header), "organisations.csv"

    @property
    def least_errors(self) -> int:
        # An unknown column stops the file before its rows are checked.
        return 1 if self.extra_column else len(self.bad_row_numbers)


@st.composite
def bad_files(draw: st.DrawFn) -> BadFile:
    count = draw(st.integers(min_value=1, max_value=8))
    unique_codes = draw(st.lists(codes, min_size=count, max_size=count, unique=True))
    good = [
        {
            "ods_code": code,
            "name": draw(names),
            "type": draw(st.sampled_from(TRUST_TYPES)),
            "region_code": draw(st.sampled_from(REGIONS)),
            "opened_on": draw(st.sampled_from(["", "2001-04-01"])),
            "closed_on": draw(st.sampled_from(["", "2021-03-31"])),
        }
        for code in unique_codes
    ]
    plan = draw(st.lists(st.none() | st.sampled_from(sorted(CORRUPTIONS)), min_size=count, max_size=count))
    extra_column = draw(st.booleans())
    if not extra_column and not any(plan):
        plan[draw(st.integers(0, count - 1))] = draw(st.sampled_from(sorted(CORRUPTIONS)))

    rows: list[dict[str, str]] = []
    bad: set[int] = set()
    for row, corruption in zip(good, plan, strict=True):
        if corruption is None:
            rows.append(row)
        elif corruption == "duplicate_code":
            # The row itself, then a copy with other values: the copy is the bad row.
            rows.append(row)
            rows.append({**row, "name": draw(names)})
            bad.add(len(rows) + 1)
        else:
            corrupt = CORRUPTIONS[corruption]
            assert corrupt is not None  # only duplicate_code has none, handled above
            rows.append(corrupt(row, draw))
            bad.add(len(rows) + 1)
    return BadFile(rows, bad, extra_column, draw(st.sampled_from(["csv", "xlsx"])), draw(st.sampled_from(unique_codes)))


@pytest.mark.django_db
@settings(
    max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None
)
@given(bad=bad_files(), existing=st.booleans())
def test_a_file_with_bad_rows_writes_nothing_and_reports_each(bad: BadFile, existing: bool) -> None:
    with transaction.atomic():
        if existing:
            # One of the file's codes exists already, with another name: a partial write would rename it.
            Organisation.objects.create(ods_code=bad.existing_code, name="Existing NHS Trust", type="acute")
        before, everything = counts(), snapshot()
        data, filename = bad.data()
        with pytest.raises(Rejected) as rejected:
            organisations_import(data=data, filename=filename, year=2025, actor=None)
        assert counts() == before
        assert snapshot() == everything
        errors = rejected.value.problems
        assert len(errors) >= bad.least_errors
        if not bad.extra_column:
            assert bad.bad_row_numbers <= {e.row for e in errors}, "every bad row is reported by its number"
        for error in errors:
            assert error.reason
            assert error.row is not None or error.column is not None
        transaction.set_rollback(True)
