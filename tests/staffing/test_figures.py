"""Figures from stored data: missing data is missing (never zero), no qualified staff, and the policy
in force for the year."""

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.management import call_command
from django.test import Client

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


def api(client: Client, path: str) -> dict[str, Any]:
    response = client.get(path)
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    return body


def test_an_organisation_without_a_return_is_missing_not_zero(world: World) -> None:
    london_figures(world)
    census(world.north_west, "2500")  # RBA: a census figure, but no return
    client = signed_in(world.staff)

    rba = api(client, f"/api/v1/staffing/organisations/RBA?year={YEAR}")
    assert rba["status"] == "no_return"
    assert rba["figure"] == {
        "area_code": "RBA",
        "area_name": "Gamma Community NHS Trust",
        "nhs_wte": 2500.0,
        "qualified_wte": None,
        "staff_per_qualified": None,
        "target_staff_per_qualified": 1250.0,
        "status": "no_return",
        "meets_target": None,
        "gap_wte": None,
    }
    assert rba["trajectory"] == []

    # Left out of the pooled figures, and counted as left out.
    nation = api(client, f"/api/v1/staffing/ratios?year={YEAR}&by=nation")
    assert nation["organisations_missing"] == 1
    assert nation["rows"][0] | {"area_name": ""} == {
        "area_code": "ENG",
        "area_name": "",
        "nhs_wte": 9321.5,
        "qualified_wte": 6.5,
        "staff_per_qualified": 1434.08,
        "target_staff_per_qualified": 1250.0,
        "status": "short_of_target",
        "meets_target": False,
        "gap_wte": 0.96,
    }
    regions = {r["area_code"]: r for r in api(client, f"/api/v1/staffing/ratios?year={YEAR}&by=region")["rows"]}
    y62 = regions["Y62"]
    assert (y62["nhs_wte"], y62["status"], y62["gap_wte"]) == (None, "no_return", None)

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
    assert rba["status"] == "no_qualified_staff"
    assert rba["figure"] | {"area_name": ""} == {
        "area_code": "RBA",
        "area_name": "",
        "nhs_wte": 2500.0,
        "qualified_wte": 0.0,
        "staff_per_qualified": None,
        "target_staff_per_qualified": 1250.0,
        "status": "no_qualified_staff",
        "meets_target": False,
        "gap_wte": 2.0,  # 2,500 / 1,250
    }
    # Pooled: RBA's NHS WTE counts with no qualified staff; the nation's gap sums the organisations'.
    nation = api(client, f"/api/v1/staffing/ratios?year={YEAR}&by=nation")
    assert nation["organisations_missing"] == 0
    row = nation["rows"][0]
    assert (row["nhs_wte"], row["qualified_wte"], row["staff_per_qualified"], row["gap_wte"]) == (
        11821.5,
        6.5,
        1818.69,  # 1:1,818 on the pages
        2.96,  # 0 + 0.9572 + 2
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

    def rows(year: int) -> dict[str, dict[str, Any]]:
        report = api(client, f"/api/v1/staffing/ratios?year={year}&by=organisation")["rows"]
        return {r["area_code"]: r for r in report}

    def cli_rows(year: int) -> dict[str, dict[str, str]]:
        out = io.StringIO()
        call_command("ratio_report", "--year", str(year), "--by", "organisation", "--format", "csv", stdout=out)
        return {r["area_code"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}

    before, after = rows(2025), rows(2026)
    # 2025: the 2019 policy, 1:1,250 against an average of 1:1,730.
    assert {k: (v["target_staff_per_qualified"], v["meets_target"], v["gap_wte"]) for k, v in before.items()} == {
        "RAA": (1250.0, True, 0.0),
        "RAB": (1250.0, False, 0.96),  # 4,321.50 / 1,250 - 2.50
        "RBA": (1250.0, None, None),
    }
    # 2026: the 2026 policy, 1:1,000 against an average of 1:1,500.
    assert {k: (v["target_staff_per_qualified"], v["meets_target"], v["gap_wte"]) for k, v in after.items()} == {
        "RAA": (1000.0, False, 1.0),  # 5,000 / 1,000 - 4
        "RAB": (1000.0, False, 1.82),  # 4,321.50 / 1,000 - 2.50
        "RBA": (1000.0, None, None),
    }
    cli_before, cli_after = cli_rows(2025), cli_rows(2026)
    assert [cli_before["RAA"]["ratio"], cli_after["RAA"]["ratio"]] == ["1:1,250", "1:1,250"]  # the data did not change
    assert [before["RAA"]["staff_per_qualified"], after["RAA"]["staff_per_qualified"]] == [1250.0, 1250.0]
    assert api(client, "/api/v1/staffing/organisations/RAA?year=2025")["status"] == "meets_target"
    assert api(client, "/api/v1/staffing/organisations/RAA?year=2026")["status"] == "short_of_target"
    assert api(client, "/api/v1/staffing/organisations/RAB?year=2026")["status"] == "at_or_worse_than_average"

    # The CLI's CSV: the same figures in its human form.
    assert {k: (v["target_ratio"], v["meets_target"], v["gap_wte"]) for k, v in cli_after.items()} == {
        "RAA": ("1:1,000", "false", "1.00"),
        "RAB": ("1:1,000", "false", "1.82"),
        "RBA": ("1:1,000", "", ""),
    }
    assert "Policy: at least 1 qualified per 1,000 NHS WTE." in client.get("/staffing/?year=2026").content.decode()
    assert "Policy: at least 1 qualified per 1,250 NHS WTE." in client.get("/staffing/?year=2025").content.decode()
