"""The equity dashboard on every surface: the page, its CSV, XLSX and PDF, the API and `lksw
programme_equity` show the same figures (one list of rows, presenters/equity.py); every count is
suppressed the same way; a year not yet over, or not a year, is refused clearly everywhere; and the
figures cost a fixed number of queries whatever the number of people and cohorts."""

import csv
import io
import json
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from python_calamine import CalamineWorkbook

from lksworkforce.programmes.presenters.equity import EQUITY_COLUMNS
from lksworkforce.programmes.selectors.equity import equity_figures
from tests.conftest import YEAR, World, client_for
from tests.factories import UserFactory, current_region
from tests.programmes.factories_equity import applied, cohort_of, people, publish_posts, take_place

LONDON, NORTH_WEST = "Y56", "Y62"


@pytest.fixture
def year_of_programmes(world: World) -> World:
    """2025: London has 60 LKS staff (40 band 6 in RAA, 20 band 3 in RAB), North West 40 (30 band 6,
    10 band 4, RBA). A face-to-face cohort sharing its 10 places by region, and an online one."""
    publish_posts(world.london_a, YEAR, {"6": 40})
    publish_posts(world.london_b, YEAR, {"3": 20})
    publish_posts(world.north_west, YEAR, {"6": 30, "4": 10})
    london, north_west = current_region(LONDON), current_region(NORTH_WEST)
    in_person = cohort_of(YEAR, delivery="face_to_face", shares=True, capacity=10)
    online = cohort_of(YEAR, delivery="online")
    for person in people(8, world.london_a):
        take_place(in_person, person, london)
        applied(in_person, person, london, status="accepted", offered_at=datetime(YEAR, 2, 10, tzinfo=UTC))
    for n, person in enumerate(people(7, world.london_b, band="3")):
        take_place(online, person, london)
        applied(online, person, london, could_not_travel=n < 5)
    for person in people(6, world.north_west):
        take_place(online, person, north_west)
        applied(in_person, person, north_west, could_not_travel=True)
    return world


def lead_client(world: World) -> Any:
    return client_for(world.regional_lead)


def by_key(rows: list[dict[str, str]]) -> dict[tuple[str, str], dict[str, str]]:
    return {(row["section"], row["code"]): row for row in rows}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def from_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def from_api(body: dict[str, Any]) -> list[dict[str, str]]:
    """The API's rows as the tables show them: a suppressed count as "fewer than N", its rate "not shown"."""
    label = f"fewer than {body['threshold']}"
    rows = []
    for row in body["rows"]:
        cells = {"year": str(body["year"])}
        for column in EQUITY_COLUMNS[1:]:
            if column in row["suppressed"]:
                cells[column] = label
            elif column == "per_100_staff" and "participants" in row["suppressed"]:
                cells[column] = "not shown"
            else:
                cells[column] = _text(row[column])
        rows.append(cells)
    return rows


class PageCells(HTMLParser):
    """(section, code) -> column -> the cell's text, from the dashboard's tables."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[tuple[str, str], dict[str, str]] = {}
        self._row: tuple[str, str] | None = None
        self._column: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "tr" and "data-section" in found:
            self._row = (found["data-section"] or "", found["data-code"] or "")
            self.cells[self._row] = {}
        if tag == "td" and self._row is not None:
            self._column = found.get("data-column")
            if self._column:
                self.cells[self._row][self._column] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._column = None
        if tag == "tr":
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._row is not None and self._column:
            self.cells[self._row][self._column] += data


def test_every_surface_shows_the_same_figures(year_of_programmes: World) -> None:
    client = lead_client(year_of_programmes)
    csv_rows = from_csv(client.get(f"/programmes/equity/?year={YEAR}&format=csv").content.decode())
    assert list(csv_rows[0]) == list(EQUITY_COLUMNS)

    workbook = client.get(f"/programmes/equity/?year={YEAR}&format=xlsx").content
    sheet = CalamineWorkbook.from_object(io.BytesIO(workbook)).get_sheet_by_index(0).to_python()
    assert [str(c) for c in sheet[0]] == list(EQUITY_COLUMNS)
    xlsx_rows = [dict(zip(EQUITY_COLUMNS, [_text(c) for c in row], strict=True)) for row in sheet[1:]]

    api = client.get(f"/api/v1/programmes/equity?year={YEAR}")
    assert api.status_code == 200
    api_rows = from_api(api.json())

    out = io.StringIO()
    call_command("programme_equity", "--year", str(YEAR), "--format", "json", stdout=out)
    cli_rows = [{k: _text(v) for k, v in row.items()} for row in json.loads(out.getvalue())]
    out = io.StringIO()
    call_command("programme_equity", "--year", str(YEAR), "--format", "csv", stdout=out)
    cli_csv = from_csv(out.getvalue())

    assert csv_rows == xlsx_rows == api_rows == cli_rows == cli_csv

    page = PageCells()
    page.feed(client.get(f"/programmes/equity/?year={YEAR}").content.decode())
    expected = by_key(csv_rows)
    assert page.cells
    for key, cells in page.cells.items():
        for column, text in cells.items():
            shown = text.strip().replace(",", "")
            assert shown == (expected[key][column] or "\N{EN DASH}"), (key, column)
    assert len(page.cells) == len(csv_rows)

    pdf = client.get(f"/programmes/equity/?year={YEAR}&format=pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"


def test_the_figures_are_the_ones_worked_out_by_hand(year_of_programmes: World) -> None:
    rows = by_key(table_rows())
    london, north_west = rows["region", LONDON], rows["region", NORTH_WEST]
    assert (london["lks_headcount"], london["participants"], london["per_100_staff"]) == ("60", "15", "25.00")
    assert (north_west["lks_headcount"], north_west["participants"], north_west["per_100_staff"]) == (
        "40",
        "6",
        "15.00",
    )
    assert rows["region", "all"]["participants"] == "21"
    # 10 places shared by 60:40 (each region with applicants has one first): 6 and 4; London was offered 8.
    assert (london["fair_share_places"], london["places_offered"]) == ("6", "8")
    assert north_west["fair_share_places"] == "4"
    assert rows["band_group", "bands_1_to_4"]["lks_headcount"] == "30"
    assert rows["band_group", "bands_1_to_4"]["participants"] == "7"
    assert rows["organisation_type", "acute"]["per_100_staff"] == "20.00"  # 8 of RAA's 40
    assert rows["delivery", "online"]["participants"] == "13"
    assert rows["ratio", str(YEAR)]["ratio"] == "1.67"  # 25.00 / 15.00
    assert "Highest: London; lowest: North West" in rows["ratio", str(YEAR)]["note"]


def table_rows() -> list[dict[str, str]]:
    out = io.StringIO()
    call_command("programme_equity", "--year", str(YEAR), "--format", "csv", stdout=out)
    return from_csv(out.getvalue())


def test_small_groups_are_hidden_and_so_is_what_would_give_them_away(world: World) -> None:
    publish_posts(world.london_a, YEAR, {"6": 40})
    publish_posts(world.north_west, YEAR, {"6": 30})
    cohort = cohort_of(YEAR)
    for person in people(9, world.london_a):
        take_place(cohort, person, current_region(LONDON))
    for person in people(3, world.north_west):
        take_place(cohort, person, current_region(NORTH_WEST))
    rows = by_key(table_rows())
    assert rows["region", NORTH_WEST]["participants"] == "fewer than 5"
    assert rows["region", NORTH_WEST]["per_100_staff"] == "not shown"
    # England's 12 less London's 9 would give North West's 3 away: London is hidden too.
    assert rows["region", LONDON]["participants"] == "fewer than 5"
    assert rows["region", "all"]["participants"] == "12"
    assert rows["region", "Y58"]["participants"] == "0"  # nobody is nobody
    ratio = rows["ratio", str(YEAR)]
    assert ratio["ratio"] == ""
    assert "cannot be said without giving it away" in ratio["note"]

    body = lead_client(world).get(f"/api/v1/programmes/equity?year={YEAR}").json()
    api = {(r["section"], r["code"]): r for r in body["rows"]}
    assert api["region", NORTH_WEST]["participants"] is None
    assert api["region", NORTH_WEST]["per_100_staff"] is None
    assert api["region", NORTH_WEST]["suppressed"] == {"participants": "small_group"}
    assert api["region", LONDON]["suppressed"] == {"participants": "protects_smaller_group"}
    page = lead_client(world).get(f"/programmes/equity/?year={YEAR}").content.decode()
    assert not re.search(r'data-column="participants">\s*3\s*<', page)
    assert "fewer than 5" in page


def test_applicants_who_could_not_travel_are_shown_only_when_neither_they_nor_the_rest_are_few(
    year_of_programmes: World,
) -> None:
    rows = by_key(table_rows())
    # North West: all 6 applicants said travel would be hard, which would tell each one's answer.
    assert rows["region", NORTH_WEST]["could_not_travel"] == "fewer than 5"
    # London: 5 of 15; shown alone it would let England's 11 give North West's 6 away: hidden too.
    assert rows["region", LONDON]["could_not_travel"] == "fewer than 5"
    assert rows["region", "all"]["applicants"] == "21"
    assert rows["region", "all"]["could_not_travel"] == "11"
    page = lead_client(year_of_programmes).get(f"/programmes/equity/?year={YEAR}").content.decode()
    assert "not linked" in page


def test_a_lead_sees_the_national_figures_with_their_region_marked(year_of_programmes: World) -> None:
    page = lead_client(year_of_programmes).get(f"/programmes/equity/?year={YEAR}").content.decode()
    marked = re.search(r'data-code="Y62">\s*<th[^>]*>([^<]*)<strong class="nhsuk-tag[^"]*">Your region', page)
    assert marked is not None
    assert "North West" in marked.group(1)
    assert page.count("Your region</strong>") == 1
    national = client_for(year_of_programmes.national).get(f"/programmes/equity/?year={YEAR}").content.decode()
    assert "Your region</strong>" not in national
    assert 'data-code="Y56"' in page  # other regions' figures are there too


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("twenty", "year"),
        ("1999", "year"),
        (str(timezone.localdate().year), "published once the year is over"),
        (str(timezone.localdate().year + 1), "published once the year is over"),
    ],
)
def test_a_bad_year_or_one_not_over_is_refused_on_every_surface(world: World, year: str, message: str) -> None:
    client = lead_client(world)
    page = client.get(f"/programmes/equity/?year={year}")
    assert page.status_code == 422
    assert "There is a problem" in page.content.decode()
    assert client.get(f"/programmes/equity/?year={year}&format=csv").status_code == 422
    api = client.get(f"/api/v1/programmes/equity?year={year}")
    assert api.status_code == 422
    assert api.json()["code"] == "invalid_input"
    assert "year" in json.dumps(api.json())
    if year.isdigit():
        with pytest.raises(CommandError) as refused:
            call_command("programme_equity", "--year", year, stdout=io.StringIO())
        assert refused.value.returncode == 2
    if "published" in message:
        assert message in page.content.decode()
        assert message in json.dumps(api.json())


def test_an_unknown_download_format_is_not_found(world: World) -> None:
    assert lead_client(world).get(f"/programmes/equity/?year={YEAR}&format=docx").status_code == 404


def test_a_year_without_published_returns_has_counts_but_no_rates(world: World) -> None:
    cohort = cohort_of(YEAR)
    for person in people(6, world.london_a):
        take_place(cohort, person, current_region(LONDON))
    rows = by_key(table_rows())
    assert rows["region", LONDON]["participants"] == "6"
    assert rows["region", LONDON]["per_100_staff"] == ""
    assert "fewer than two regions" in rows["ratio", str(YEAR)]["note"]
    page = lead_client(world).get(f"/programmes/equity/?year={YEAR}").content.decode()
    assert f"No annual return for {YEAR} is published" in page


def test_places_taken_or_offers_made_after_the_year_do_not_change_its_figures(year_of_programmes: World) -> None:
    before = table_rows()
    cohort = cohort_of(YEAR)
    for person in people(5, year_of_programmes.north_west, prefix="late"):
        take_place(cohort, person, current_region(NORTH_WEST), enrolled_at=datetime(YEAR + 1, 1, 3, tzinfo=UTC))
        applied(cohort, person, current_region(NORTH_WEST), submitted_at=datetime(YEAR + 1, 1, 2, tzinfo=UTC))
    assert table_rows() == before


def test_the_number_of_queries_does_not_grow_with_people_and_cohorts(year_of_programmes: World) -> None:
    """Participants, applicants and offers are aggregated in SQL; only staffing's headcount read
    depends on the years in the trend window (one query a year without published returns, three
    with), never on people or cohorts."""
    today = timezone.localdate()
    with CaptureQueriesContext(connection) as small:
        equity_figures(YEAR, today=today)
    for number in range(6):
        more = cohort_of(YEAR - number % 3, delivery="blended", shares=number % 2 == 0)
        for person in people(7, year_of_programmes.london_b, band="5", prefix=f"more{number}"):
            take_place(more, person, current_region(LONDON if number % 2 else NORTH_WEST))
            applied(more, person, current_region(LONDON), could_not_travel=number % 2 == 0)
    with CaptureQueriesContext(connection) as large:
        equity_figures(YEAR, today=today)
    assert len(large.captured_queries) == len(small.captured_queries)
    assert len(small.captured_queries) <= 30


def test_people_whose_region_band_or_organisation_was_not_recorded_count_in_their_own_groups(world: World) -> None:
    publish_posts(world.london_a, YEAR, {"6": 40})
    cohort = cohort_of(YEAR)
    for person in people(6, world.london_a):
        take_place(cohort, person, current_region(LONDON))
    for n in range(5):
        nowhere = UserFactory.create(email=f"nowhere{n}@example.nhs.uk", organisation=None, band="")
        take_place(cohort, nowhere, None)
    rows = by_key(table_rows())
    assert rows["region", "not_recorded"]["participants"] == "5"
    assert rows["region", "not_recorded"]["per_100_staff"] == ""
    assert rows["organisation_type", "not_recorded"]["participants"] == "5"
    assert rows["band_group", "not_stated"]["participants"] == "5"
    assert rows["band_group", "band_5_and_above"]["participants"] == "6"
    assert rows["region", "all"]["participants"] == rows["band_group", "all"]["participants"] == "11"
