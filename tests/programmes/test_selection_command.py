"""lksw programme_fair_shares: exactly the columns region_code,region,lks_headcount,exact_share,places,
one row per current region, places summing to N, in every format; exit 2 on bad input."""

import csv
import io
import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lksworkforce.organisations.models import Region
from lksworkforce.programmes.models import Cohort
from lksworkforce.programmes.presenters.selection import FAIR_SHARE_COLUMNS
from tests.conftest import YEAR, World
from tests.factories import current_region, publish_staffing_figures
from tests.programmes.factories import CohortFactory, apply

LKSW = [sys.executable, "-c", "import sys; from lksworkforce.manage import main; sys.argv[0] = 'lksw'; main()"]


@pytest.fixture
def published(world: World) -> World:
    publish_staffing_figures(world, YEAR)  # one person in post in each of RAA, RAB (London) and RBA (North West)
    return world


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("programme_fair_shares", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def refused(*args: str) -> CommandError:
    with pytest.raises(CommandError) as raised:
        run(*args)
    return raised.value


def test_csv_has_exactly_the_columns_and_places_add_up(published: World) -> None:
    text = run("--places", "20", "--year", str(YEAR), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == ",".join(FAIR_SHARE_COLUMNS)
    assert [row["region_code"] for row in rows] == sorted(Region.objects.current().values_list("code", flat=True))
    assert sum(int(row["places"]) for row in rows) == 20
    by_code = {row["region_code"]: row for row in rows}
    assert by_code["Y56"]["lks_headcount"] == "2"
    assert by_code["Y56"]["exact_share"] == "13.3333"  # 20 x 2 / 3
    assert by_code["Y62"]["exact_share"] == "6.6667"
    # every region has its one place first; the other 13 follow the headcount
    others = [row for code, row in by_code.items() if code not in {"Y56", "Y62"}]
    assert all(row["places"] == "1" for row in others)
    assert int(by_code["Y56"]["places"]) + int(by_code["Y62"]["places"]) == 20 - len(others)
    assert int(by_code["Y56"]["places"]) > int(by_code["Y62"]["places"])


def test_json_and_table_give_the_same_rows(published: World) -> None:
    args = ("--places", "12", "--year", str(YEAR), "--min-per-region", "0")
    as_json = json.loads(run(*args, "--format", "json"))
    as_csv = list(csv.DictReader(io.StringIO(run(*args, "--format", "csv"))))
    assert [list(row) for row in as_json] == [list(FAIR_SHARE_COLUMNS)] * len(as_json)
    assert [{key: str(value) for key, value in row.items()} for row in as_json] == as_csv
    table = run(*args, "--format", "table").splitlines()
    assert table[0].split() == list(FAIR_SHARE_COLUMNS)
    assert len(table) == 1 + len(as_json)
    assert {row["region_code"]: row["places"] for row in as_json if row["places"]} == {"Y56": 8, "Y62": 4}


def test_with_a_cohort_only_regions_with_eligible_applicants_get_the_minimum(published: World) -> None:
    cohort: Cohort = CohortFactory.create(shares_places_by_region=True)
    apply(cohort, published.staff, region=current_region("Y56"))
    apply(cohort, published.curator, region=current_region("Y61"))
    apply(cohort, published.outsider, region=current_region("Y58"), status="withdrawn")
    rows = json.loads(run("--places", "6", "--year", str(YEAR), "--cohort", str(cohort.pk), "--format", "json"))
    places = {row["region_code"]: row["places"] for row in rows if row["places"]}
    # Y61 (nobody in post) has an applicant, so its minimum; Y58's applicant withdrew, so none there;
    # North West has no applicant but keeps its proportional share (selection gives away what it
    # cannot fill). The fifth and sixth places tie on remainder and go to the region with fewer.
    assert places == {"Y56": 3, "Y61": 1, "Y62": 2}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--places", "0"), "--places must be from 1"),
        (("--places", "-3"), "--places must be from 1"),
        (("--places", "10001"), "--places must be from 1"),
        (("--places", "5", "--min-per-region", "-1"), "--min-per-region must be from 0"),
        (("--places", "5", "--cohort", "999999"), "No cohort 999999"),
    ],
)
def test_bad_numbers_exit_2(published: World, args: tuple[str, ...], message: str) -> None:
    error = refused(*args, "--year", str(YEAR))
    assert error.returncode == 2
    assert message in str(error)


def test_a_year_with_no_published_returns_exits_2(published: World) -> None:
    error = refused("--places", "5", "--year", str(YEAR + 3))
    assert error.returncode == 2
    assert f"No LKS annual return for {YEAR + 3} is published" in str(error)


def test_from_the_command_line_a_bad_format_or_year_exits_2_and_says_why() -> None:
    for args, message in ((["--format", "xml"], "invalid choice: 'xml'"), (["--year", "twenty"], "Give the year")):
        done = subprocess.run(  # noqa: S603 - our own command with fixed arguments
            [*LKSW, "programme_fair_shares", "--places", "3", "--year", "2025", *args],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 2, done.stderr
        assert message in done.stderr
        assert done.stdout == ""


def test_help_says_every_region_counts_as_having_applicants_without_a_cohort() -> None:
    done = subprocess.run(  # noqa: S603 - our own command with fixed arguments
        [*LKSW, "programme_fair_shares", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "Every region counts as having applicants unless --cohort" in " ".join(done.stdout.split())
