"""Figures from stored data: missing data is missing (never zero), no qualified staff, and the policy
in force for the year."""

import csv
import io
from datetime import date
from decimal import Decimal

from django.core.management import call_command

from lksworkforce.staffing.models import RatioPolicyRecord
from tests.conftest import World
from tests.staffing.files import YEAR, census, published_return, signed_in

CHARTERED, FELLOW, DEGREE = "chartered", "fellow", "accredited_degree"


def london_figures(world: World, year: int = YEAR) -> None:
    """RAA: 5,000 NHS WTE per 4.00 qualified (1:1,250). RAB: 4,321.50 per 2.50 (1:1,728.6)."""
    census(world.london_a, "5000", year)
    census(world.london_b, "4321.50", year)
    published_return(world.london_a, [("1", CHARTERED), ("1", CHARTERED), ("1", FELLOW), ("1", DEGREE)], year)
    published_return(world.london_b, [("1", DEGREE), ("1", CHARTERED), ("0.5", FELLOW), ("0.8", "none")], year)


def api(client, path: str) -> dict:
    response = client.get(path)
    assert response.status_code == 200, response.content
    return response.json()


def test_an_organisation_without_a_return_is_missing_not_zero(world: World) -> None:
    london_figures(world)
    census(world.north_west, "2500")  # RBA: a census figure, but no return
    client = signed_in(world.staff)

    rba = api(client, f"/api/v1/staffing/organisations/RBA?year={YEAR}")
    assert rba["status"] == "No return"
    assert rba["figure"] == {
        "area_code": "RBA",
        "area_name": "Gamma Community NHS Trust",
        "nhs_wte": "2500.00",
        "qualified_wte": "",
        "staff_per_qualified": "",
        "ratio": "no return",
        "target_ratio": "1:1,250",
        "meets_target": "",
        "gap_wte": "",
    }
    assert rba["trajectory"] == []

    # Left out of the pooled figures, and counted as left out.
    nation = api(client, f"/api/v1/staffing/ratios?year={YEAR}&by=nation")
    assert nation["organisations_missing"] == 1
    assert nation["rows"][0] | {"area_name": ""} == {
        "area_code": "ENG",
        "area_name": "",
        "nhs_wte": "9321.50",
        "qualified_wte": "6.50",
        "staff_per_qualified": "1434.08",
        "ratio": "1:1,434",
        "target_ratio": "1:1,250",
        "meets_target": "false",
        "gap_wte": "0.96",
    }
    regions = {r["area_code"]: r for r in api(client, f"/api/v1/staffing/ratios?year={YEAR}&by=region")["rows"]}
    assert (regions["Y62"]["nhs_wte"], regions["Y62"]["ratio"], regions["Y62"]["gap_wte"]) == ("", "no return", "")

    dashboard = client.get(f"/staffing/?year={YEAR}").content.decode()
    assert "1 organisation without a return or a census figure is left out of the pooled figures." in dashboard
    region = client.get(f"/staffing/regions/Y62/?year={YEAR}").content.decode()
    assert "1 organisation without a return or a census figure is left out of the pooled figures." in region
    assert "Not available" in region  # the missing WTE is shown as missing, not 0.00
    page = client.get(f"/staffing/organisations/RBA/?year={YEAR}").content.decode()
    assert "the figures are missing, not zero" in page
    assert "No return" in page

    err = io.StringIO()
    call_command("ratio_report", "--year", str(YEAR), "--by", "organisation", stdout=io.StringIO(), stderr=err)
    assert "1 organisations without a return or census figure are left out of pooled figures." in err.getvalue()


def test_no_qualified_staff_has_a_gap_of_nhs_wte_over_the_target(world: World) -> None:
    london_figures(world)
    census(world.north_west, "2500")
    published_return(world.north_west, [("1", "studying"), ("0.6", "none")])
    client = signed_in(world.staff)

    rba = api(client, f"/api/v1/staffing/organisations/RBA?year={YEAR}")
    assert rba["status"] == "No qualified staff"
    assert rba["figure"] | {"area_name": ""} == {
        "area_code": "RBA",
        "area_name": "",
        "nhs_wte": "2500.00",
        "qualified_wte": "0.00",
        "staff_per_qualified": "",
        "ratio": "no qualified staff",
        "target_ratio": "1:1,250",
        "meets_target": "false",
        "gap_wte": "2.00",  # 2,500 / 1,250
    }
    # Pooled: RBA's NHS WTE counts with no qualified staff; the nation's gap sums the organisations'.
    nation = api(client, f"/api/v1/staffing/ratios?year={YEAR}&by=nation")
    assert nation["organisations_missing"] == 0
    row = nation["rows"][0]
    assert (row["nhs_wte"], row["qualified_wte"], row["ratio"], row["gap_wte"]) == (
        "11821.50",
        "6.50",
        "1:1,818",
        "2.96",  # 0 + 0.9572 + 2
    )
    page = client.get(f"/staffing/organisations/RBA/?year={YEAR}").content.decode()
    assert "no qualified staff" in page
    assert "2.00" in page


def test_figures_for_a_year_use_the_policy_in_force_that_year(world: World) -> None:
    for year in (2025, 2026):
        london_figures(world, year)
    RatioPolicyRecord.objects.create(
        target_staff_per_qualified=Decimal(1000), reference_average=Decimal(1500), effective_from=date(2026, 4, 1)
    )
    client = signed_in(world.staff)

    def rows(year: int) -> dict[str, dict[str, str]]:
        report = api(client, f"/api/v1/staffing/ratios?year={year}&by=organisation")["rows"]
        return {r["area_code"]: r for r in report}

    before, after = rows(2025), rows(2026)
    # 2025: the 2019 policy, 1:1,250 against an average of 1:1,730.
    assert {k: (v["target_ratio"], v["meets_target"], v["gap_wte"]) for k, v in before.items()} == {
        "RAA": ("1:1,250", "true", "0.00"),
        "RAB": ("1:1,250", "false", "0.96"),  # 4,321.50 / 1,250 - 2.50
        "RBA": ("1:1,250", "", ""),
    }
    # 2026: the 2026 policy, 1:1,000 against an average of 1:1,500.
    assert {k: (v["target_ratio"], v["meets_target"], v["gap_wte"]) for k, v in after.items()} == {
        "RAA": ("1:1,000", "false", "1.00"),  # 5,000 / 1,000 - 4
        "RAB": ("1:1,000", "false", "1.82"),  # 4,321.50 / 1,000 - 2.50
        "RBA": ("1:1,000", "", ""),
    }
    assert [before["RAA"]["ratio"], after["RAA"]["ratio"]] == ["1:1,250", "1:1,250"]  # the data did not change
    assert api(client, "/api/v1/staffing/organisations/RAA?year=2025")["status"] == "Meets target"
    assert (
        api(client, "/api/v1/staffing/organisations/RAA?year=2026")["status"] == "Better than average, short of target"
    )
    assert api(client, "/api/v1/staffing/organisations/RAB?year=2026")["status"] == "At or worse than average"

    out = io.StringIO()
    call_command("ratio_report", "--year", "2026", "--by", "organisation", "--format", "csv", stdout=out)
    cli = {r["area_code"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert cli == after
    assert "Policy: at least 1 qualified per 1,000 NHS WTE." in client.get("/staffing/?year=2026").content.decode()
    assert "Policy: at least 1 qualified per 1,250 NHS WTE." in client.get("/staffing/?year=2025").content.decode()
