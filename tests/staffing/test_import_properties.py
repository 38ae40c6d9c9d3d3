"""Property: a returns file with at least one corrupted row writes nothing, and every corrupted row
is named with its file line."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import World
from tests.staffing.files import RETURN_HEADER, RETURN_ROWS, YEAR, csv_bytes, snapshot, xlsx_bytes

# Text that survives a CSV or XLSX round trip as one cell of one line: no line breaks or control characters.
cell_text = st.text(alphabet=st.characters(categories=["L", "N", "P", "Zs", "S"]), max_size=12)

good_row = st.sampled_from(RETURN_ROWS).map(list)

# Each corruption: (column, a strategy of values that are never valid there).
CORRUPTIONS = {
    "ods_code": st.sampled_from(["RQQ", "ZZZ", "RAA1", "X", "R-A"]),
    "wte": st.one_of(
        st.sampled_from(["", "0", "0.00", "-0.1", "1.01", "2", "abc", "NaN", "inf", "1/2", "0.8 WTE"]),
        st.decimals(min_value=Decimal("1.01"), max_value=Decimal(1000), places=2).map(str),
        st.decimals(max_value=0, min_value=-1000, places=2).map(str),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=8).filter(str.strip),
    ),
    "band": st.one_of(
        st.sampled_from(["", "0", "10", "8e", "8", "Band 10", "AfC 6", "6a", "nine"]),
        st.integers(min_value=10, max_value=99).map(str),
    ),
    "qualification": st.one_of(
        st.sampled_from(["", "yes", "MSc", "qualified", "chartered librarian", "none!"]),
        cell_text.filter(
            lambda s: s.strip().lower() not in {"none", "studying", "accredited_degree", "chartered", "fellow"}
        ),
    ),
}


@st.composite
def corrupted_file(draw: st.DrawFn) -> tuple[list[list[str]], set[int]]:
    """Good rows, at least one of them corrupted; returns the rows and the corrupted file lines."""
    rows = draw(st.lists(good_row, min_size=1, max_size=8))
    indexes = draw(st.sets(st.integers(min_value=0, max_value=len(rows) - 1), min_size=1))
    for index in indexes:
        column = draw(st.sampled_from(sorted(CORRUPTIONS)))
        rows[index][RETURN_HEADER.index(column)] = draw(CORRUPTIONS[column])
    return rows, {index + 2 for index in indexes}


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=corrupted_file(), as_xlsx=st.booleans())
def test_a_file_with_any_corrupted_row_writes_nothing(
    world: World, tmp_path_factory: pytest.TempPathFactory, case: tuple[list[list[str]], set[int]], as_xlsx: bool
) -> None:
    rows, bad_lines = case
    name = "returns.xlsx" if as_xlsx else "returns.csv"
    path = tmp_path_factory.mktemp("returns") / name
    path.write_bytes(xlsx_bytes(RETURN_HEADER, rows) if as_xlsx else csv_bytes(RETURN_HEADER, rows))
    with transaction.atomic():  # keep examples apart even if one wrongly writes
        before = snapshot()
        err = io.StringIO()
        with pytest.raises(CommandError) as raised:
            call_command("import_lks_return", str(path), "--year", str(YEAR), stderr=err)
        assert raised.value.returncode == 2
        assert snapshot() == before
        named = {int(line.split(",")[0].removeprefix("Row ")) for line in err.getvalue().splitlines()}
        assert named == bad_lines
        transaction.set_rollback(True)
