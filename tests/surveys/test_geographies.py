"""Regions change between survey cycles: 2017 asked for the four LKS geographies of the time, 2019 on
ask for NHS England's seven regions, and the results say which geography a cycle used."""

from html import unescape

from lksworkforce.surveys.demo.plan import demo_survey_definitions
from tests.conftest import World, client_for
from tests.surveys.factories import load_example

SEVEN_REGIONS = [
    "London",
    "South East",
    "South West",
    "Midlands",
    "East of England",
    "North West",
    "North East and Yorkshire",
]


def _region_labels(key: str) -> list[str]:
    definition = next(d for d in demo_survey_definitions() if d.key == key)
    question = next(q for q in definition.questions if q.key == "region")
    return [option.label for option in question.options]


def test_the_current_cycles_ask_for_nhs_englands_seven_regions() -> None:
    assert _region_labels("dns-2019") == SEVEN_REGIONS
    assert _region_labels("dns-2026") == SEVEN_REGIONS
    assert _region_labels("dns-2017") == [
        "London and Kent, Surrey and Sussex",
        "Midlands and East",
        "North",
        "South",
    ]


def test_the_results_say_which_geography_a_cycle_used(world: World) -> None:
    load_example("dns-2017")
    load_example("dns-2019")
    client = client_for(world.national)
    older = unescape(client.get("/surveys/dns-2017/results/").content.decode())
    assert "Regions asked" in older
    assert "London and Kent, Surrey and Sussex; Midlands and East; North; South" in older
    newer = unescape(client.get("/surveys/dns-2019/results/").content.decode())
    assert "; ".join(SEVEN_REGIONS) in newer
