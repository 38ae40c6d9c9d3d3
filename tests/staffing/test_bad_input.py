"""Bad input to the staffing pages, API and commands: a clear message, never a 500, nothing changed.

Each of these was a 500 (or a silent wrong answer) before the shared bounded parsers (core.params):
`?growth=21` (a bare % in the range message), `?year=²` and 5,000-digit years, `?version=²`, a
return for the year 99999999999999999999999 (an integer the database cannot hold) or 0, and a
year with no census silently showing the latest one."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from lksworkforce.staffing.models import LksReturn
from tests.concurrency import post_from_page
from tests.conftest import YEAR, World
from tests.factories import publish_staffing_figures
from tests.staffing.files import counts, signed_in

ORGANISATION = "/staffing/organisations/RAA/"
HOSTILE_YEARS = ("²", "9" * 5000, "2025.0", "-2025", "\u0662\u0660\u0662\u0665", "1e3")


@pytest.fixture
def figures(world: World) -> World:
    publish_staffing_figures(world, YEAR)
    return world


def page(world: World, url: str, **query: str) -> str:
    response = signed_in(world.manager).get(url, query)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.parametrize("growth", ["21", "-21", "1e999", "NaN", "Infinity", "9" * 5000, "²"])
def test_growth_out_of_range_is_a_message_next_to_the_field(figures: World, growth: str) -> None:
    html = page(figures, ORGANISATION, growth=growth, target_year=str(YEAR + 3))
    assert "There is a problem" in html
    assert "Growth must be" in html
    # The trajectory falls back to 1% a year rather than failing.
    assert "growing by 1.0% a year" in html


def test_growth_in_range_is_used(figures: World) -> None:
    assert "growing by 2.5% a year" in page(figures, ORGANISATION, growth="2.5", target_year=str(YEAR + 3))


@pytest.mark.parametrize("url", ["/staffing/", "/staffing/regions/Y56/", ORGANISATION])
@pytest.mark.parametrize("year", ["2026", "1900", *HOSTILE_YEARS])
def test_a_year_without_figures_says_so_and_shows_the_latest(figures: World, url: str, year: str) -> None:
    html = page(figures, url, year=year)
    assert "There are no staffing figures for" in html
    assert f"This page shows {YEAR}, the latest." in html


def test_a_year_with_figures_has_no_notice(figures: World) -> None:
    assert "There are no staffing figures" not in page(figures, ORGANISATION, year=str(YEAR))


@pytest.mark.parametrize(
    "url",
    [
        "/staffing/organisations/RAA/board-report.pdf",
        "/staffing/?format=csv",
        "/staffing/regions/Y56/?format=xlsx",
        "/staffing/organisations/RAA/?format=csv&table=trend",
    ],
)
@pytest.mark.parametrize("year", ["2026", "²", "9" * 5000])
def test_a_download_for_a_year_without_figures_is_a_404_that_says_why(figures: World, url: str, year: str) -> None:
    joiner = "&" if "?" in url else "?"
    response = signed_in(figures.manager).get(f"{url}{joiner}year={year}")
    assert response.status_code == 404
    assert "There are no staffing figures for" in response.content.decode()


def test_the_board_report_for_a_year_with_figures_is_a_pdf(figures: World) -> None:
    response = signed_in(figures.manager).get(f"{ORGANISATION}board-report.pdf", {"year": str(YEAR)})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("version", ["²", "9" * 5000, "0", "-1", "abc", "7"])
def test_a_return_version_that_is_not_one_is_a_404_that_says_why(figures: World, version: str) -> None:
    response = signed_in(figures.manager).get(f"{ORGANISATION}returns/{YEAR}/", {"version": version})
    assert response.status_code == 404
    assert "version" in response.content.decode()


def test_start_a_return_offers_the_current_return_year(figures: World) -> None:
    this_year = timezone.localdate().year
    html = page(figures, f"{ORGANISATION}returns/")
    assert f"Return for {this_year}</a>" in html
    assert f"Return for {this_year - 2}</a>" in html
    assert f"Return for {this_year + 1}</a>" not in html


@pytest.mark.parametrize("year", [0, 1, 1999, 99999, 99999999999999999999999])
def test_a_draft_return_outside_the_sensible_years_is_refused(figures: World, year: int) -> None:
    before = counts()
    client = signed_in(figures.manager)
    url = f"{ORGANISATION}returns/{year}/"
    shown = client.get(url)
    assert shown.status_code == 200
    assert "There cannot be a return for" in shown.content.decode()
    assert "Add a post" not in shown.content.decode()
    # The page offers no form; a request made by hand, as if from a page with no return yet (version 0),
    # is refused for its year, and one without a version as a bad request.
    post = {"post_title": "Librarian", "role": "librarian", "band": "6", "wte": "1", "qualification": "chartered"}
    response = client.post(f"{url}posts/", post | {"edit_version": "0"})
    assert response.status_code == 200
    assert f"returns are for the years 2000 to {timezone.localdate().year}" in response.content.decode()
    response = client.post(f"{url}correct/", {"edit_version": "0"})
    assert response.status_code == 200
    assert client.post(f"{url}posts/", post).status_code == 400
    assert counts() == before


def test_a_draft_for_the_current_return_year_can_be_started(figures: World) -> None:
    this_year = timezone.localdate().year
    post = {"post_title": "Librarian", "role": "librarian", "band": "6", "wte": "1", "qualification": "chartered"}
    manager = signed_in(figures.manager)
    page = f"{ORGANISATION}returns/{this_year}/"
    response = post_from_page(manager, f"{page}posts/", post, page=page)
    assert response.status_code == 302
    assert LksReturn.objects.filter(organisation=figures.london_a, year=this_year).exists()


@pytest.mark.parametrize("year", ["²", "9" * 5000, "1900", "", "twenty"])
def test_the_import_api_refuses_a_year_that_is_not_one(figures: World, year: str) -> None:
    before = counts()
    upload = io.BytesIO(b"ods_code,nhs_wte\nRAA,100\n")
    upload.name = "census.csv"
    response = signed_in(figures.national).post(
        "/api/v1/staffing/imports", {"kind": "census", "year": year, "file": upload}
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert [e["field"] for e in body["errors"]] == ["year"]
    assert "year" in body["errors"][0]["reason"].lower()
    assert counts() == before


@pytest.mark.parametrize("year", ["²", "9" * 5000, "1900"])
def test_the_import_page_refuses_a_year_that_is_not_one(figures: World, year: str) -> None:
    upload = io.BytesIO(b"ods_code,nhs_wte\nRAA,100\n")
    upload.name = "census.csv"
    before = counts()
    response = signed_in(figures.national).post("/staffing/import/", {"kind": "census", "year": year, "file": upload})
    assert response.status_code == 200
    assert "year" in response.content.decode().lower()
    assert counts() == before


def test_the_api_refuses_a_region_that_does_not_exist(figures: World) -> None:
    response = signed_in(figures.manager).get("/api/v1/staffing/ratios", {"by": "organisation", "region": "NOPE"})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def _ratio_report(*args: str) -> CommandError:
    with pytest.raises(CommandError) as raised:
        call_command("ratio_report", *args, stdout=io.StringIO(), stderr=io.StringIO())
    return raised.value


def test_ratio_report_for_a_region_that_does_not_exist_exits_2(figures: World) -> None:
    error = _ratio_report("--by", "organisation", "--region", "NOPE")
    assert error.returncode == 2
    assert "No region 'NOPE' in 2025. The regions are: Y56 (London)" in str(error)


def test_ratio_report_region_narrows_organisations_only(figures: World) -> None:
    error = _ratio_report("--by", "region", "--region", "Y56")
    assert error.returncode == 2
    assert "--region narrows --by organisation" in str(error)


def test_ratio_report_for_a_real_region_lists_its_organisations(figures: World) -> None:
    out = io.StringIO()
    call_command("ratio_report", "--by", "organisation", "--region", "Y56", "--format", "csv", stdout=out)
    codes = [line.split(",")[0] for line in out.getvalue().splitlines()[1:]]
    assert sorted(codes) == ["RAA", "RAB"]


@pytest.mark.parametrize("year", ["²", "\u0662\u0660\u0662\u0665", "9" * 5000, "2025.5"])
@pytest.mark.parametrize("name", ["ratio_report", "import_workforce", "import_lks_return"])
def test_a_year_argument_that_is_not_a_year_is_refused_before_anything_is_read(
    figures: World, tmp_path: Path, name: str, year: str
) -> None:
    before = counts()
    args = [] if name == "ratio_report" else [str(tmp_path / "missing.csv")]
    with pytest.raises(CommandError) as raised:
        call_command(name, *args, "--year", year, stdout=io.StringIO(), stderr=io.StringIO())
    assert "argument --year: Give the year in digits, like 2025" in str(raised.value)
    assert counts() == before
