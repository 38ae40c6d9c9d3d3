"""The trend on the dashboard and a region page: each year's row is that year's own figures, as the
CLI, the API and the year's own page give them, whatever changed between the years."""

import csv
import io
import re
from datetime import date

from django.core.management import call_command
from django.test import Client

from lksworkforce.organisations.models import Organisation
from tests.conftest import World
from tests.factories import OrganisationFactory, current_region, place_in_region
from tests.staffing.files import census, published_return, signed_in

YEARS = (2023, 2024, 2025)
TREND_FIGURES = ("nhs_wte", "qualified_wte", "staff_per_qualified", "ratio", "gap_wte")


def changing_world(world: World) -> Organisation:
    """Three years in which the organisations change: RAA in London throughout; RAB without a
    return in 2024; RBA with no qualified staff in 2025; a trust that moves from London to the
    North West in 2025; one that opens in 2024 and one that closes at the end of 2024."""
    london, north_west = current_region("Y56"), current_region("Y62")
    mover = OrganisationFactory.create(ods_code="RMV", name="Mover Hospitals NHS Trust")
    opens = OrganisationFactory.create(ods_code="ROP", name="Opening Hospitals NHS Trust", opened_on=date(2024, 4, 1))
    closes = OrganisationFactory.create(
        ods_code="RCL", name="Closing Hospitals NHS Trust", closed_on=date(2024, 12, 31)
    )
    for year in YEARS:
        for organisation, region in (
            (world.london_a, london),
            (world.london_b, london),
            (world.north_west, north_west),
            (mover, london if year < 2025 else north_west),
            (closes, north_west),
            (opens, london),
        ):
            place_in_region(organisation, region, year)
        census(world.london_a, str(5000 + 100 * (year - 2023)), year)
        census(world.london_b, "4321.50", year)
        census(world.north_west, "2500", year)
        census(mover, "3333.33", year)
        published_return(world.london_a, [("1", "chartered"), ("1", "fellow"), ("0.8", "accredited_degree")], year)
        if year != 2024:
            published_return(world.london_b, [("1", "chartered"), ("0.6", "fellow"), ("1", "none")], year)
        published_return(world.north_west, [("1", "chartered" if year < 2025 else "studying")], year)
        published_return(mover, [("0.7", "chartered"), ("0.5", "accredited_degree")], year)
        if year <= 2024:
            census(closes, "1999.99", year)
            published_return(closes, [("1", "fellow")], year)
        if year >= 2024:
            census(opens, "777.77", year)
            published_return(opens, [("0.3", "chartered")], year)
    return mover


def cli_row(year: int, by: str, code: str) -> dict[str, str]:
    out = io.StringIO()
    call_command("ratio_report", "--year", str(year), "--by", by, "--format", "csv", stdout=out, stderr=io.StringIO())
    return next(row for row in csv.DictReader(io.StringIO(out.getvalue())) if row["area_code"] == code)


def trend_export(client: Client, path: str) -> dict[int, dict[str, str]]:
    response = client.get(path)
    assert response.status_code == 200
    return {int(row["year"]): row for row in csv.DictReader(io.StringIO(response.content.decode()))}


def test_each_year_of_the_trend_is_that_years_own_figures(world: World) -> None:
    changing_world(world)
    client = signed_in(world.staff)

    for shown_year in YEARS:  # the trend is the same whichever year the page shows
        nation = trend_export(client, f"/staffing/?year={shown_year}&format=csv&table=trend")
        london = trend_export(client, f"/staffing/regions/Y56/?year={shown_year}&format=csv&table=trend")
        north_west = trend_export(client, f"/staffing/regions/Y62/?year={shown_year}&format=csv&table=trend")
        assert list(nation) == list(london) == list(north_west) == list(YEARS)
        for year in YEARS:
            for trend, by, code in (
                (nation, "nation", "ENG"),
                (london, "region", "Y56"),
                (north_west, "region", "Y62"),
            ):
                expected = cli_row(year, by, code)
                assert {k: trend[year][k] for k in TREND_FIGURES} == {k: expected[k] for k in TREND_FIGURES}

    # Worked by hand for the North West in 2025: RBA 2,500 WTE with no qualified staff (gap 2.00),
    # and the mover, now here: 3,333.33 per 1.20 qualified (gap 3,333.33 / 1,250 - 1.20 = 1.466664).
    # The closed trust is left out; the gap is the sum of the two, not the pooled shortfall.
    assert {k: north_west[2025][k] for k in TREND_FIGURES} == {
        "nhs_wte": "5833.33",
        "qualified_wte": "1.20",
        "staff_per_qualified": "4861.11",
        "ratio": "1:4,861",
        "gap_wte": "3.47",
    }
    # London in 2024: RAB sent no return, so it is left out; the page says so for that year.
    assert london[2024]["nhs_wte"] == "9211.10"  # RAA 5,100 + the mover 3,333.33 + the new trust 777.77
    page = client.get("/staffing/regions/Y56/?year=2024").content.decode()
    assert "1 organisation without a return or a census figure is left out of the pooled figures." in page


def test_the_trend_on_the_page_is_the_trend_exported(world: World) -> None:
    changing_world(world)
    client = signed_in(world.staff)
    page = client.get("/staffing/?year=2024").content.decode()
    table = page.split("England by year</caption>", 1)[1].split("</table>", 1)[0]
    shown = [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r'<tr class="nhsuk-table__row">(.*?)</tr>', table, re.S)
    ]
    exported = trend_export(client, "/staffing/?year=2024&format=csv&table=trend")
    columns = ("year", "nhs_wte", "qualified_wte", "ratio", "change", "gap_wte")
    # A CSV cell starting with "-" is escaped with a quote against formula injection.
    assert shown == [[str(row[c]).removeprefix("'") for c in columns] for row in exported.values()]
    assert [row[0] for row in shown] == ["2023", "2024", "2025"]
