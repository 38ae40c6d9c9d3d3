"""Roll-ups on every surface: the page, the API, CSV, XLSX and PDF downloads and the CLI show the
same figures for the same scope; a group of 4 is "fewer than 5" with no figures in every breakdown
on every surface (and the group that would give it away is hidden too); the threshold is policy;
and a service manager never sees another organisation's individuals."""

import csv
import io
import json
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from python_calamine import CalamineWorkbook

from lksworkforce.accounts.models import User
from lksworkforce.accounts.people import Role
from lksworkforce.core.services import suppression_policy_set
from tests.conftest import YEAR, World, client_for
from tests.factories import OrganisationFactory, UserFactory, current_region, grant, place_in_region
from tests.skills.conftest import Table, has_pdftotext, load_framework, main_text, pdf_text, tables, take_assessment

pytestmark = pytest.mark.django_db

COLUMNS = [
    "scope_code",
    "scope_name",
    "group_code",
    "group_name",
    "item",
    "item_name",
    "people",
    "mean_current",
    "mean_target",
    "percent_with_gap",
]
FIGURES = ("people", "mean_current", "mean_target", "percent_with_gap")
ALPHA, BETA, GAMMA = "Alpha Hospitals NHS Trust", "Beta Mental Health NHS Trust", "Gamma Community NHS Trust"
DELTA = "Delta Ambulance NHS Trust"

type Row = dict[str, str]


# --- Reading each surface into rows of the CSV's form --------------------------------------


def page_rows(table: Table) -> list[Row]:
    """A pivot table on a roll-up page (items down; everyone, then each group, across) as rows of
    (group_name, item_name, people, mean_current, mean_target, percent_with_gap), "Everyone" as "All"."""
    groups = [group_label(heading) for heading in table.head[0][1:]]
    rows = []
    for cells in table.rows:
        item, values = cells[0], cells[1:]
        assert len(values) == 4 * len(groups), cells
        for index, group in enumerate(groups):
            figures = values[4 * index : 4 * index + 4]
            rows.append({"group_name": group, "item_name": item} | dict(zip(FIGURES, figures, strict=True)))
    return rows


def group_label(heading: str) -> str:
    label = heading.rsplit(" (", 1)[0]
    return "All" if label == "Everyone" else label


def group_heads(table: Table) -> dict[str, str]:
    """The head count shown in each group's column heading: {"All": "21", "Bands 1 to 4": "fewer than 5"}."""
    return {group_label(h): h.rsplit(" (", 1)[1].rstrip(")") for h in table.head[0][1:]}


def csv_rows(content: bytes) -> list[Row]:
    reader = csv.reader(io.StringIO(content.decode()))
    header = next(reader)
    assert header == COLUMNS
    return [dict(zip(COLUMNS, row, strict=True)) for row in reader]


def xlsx_rows(content: bytes) -> list[Row]:
    sheet = CalamineWorkbook.from_object(io.BytesIO(content)).get_sheet_by_index(0).to_python()
    assert [str(c) for c in sheet[0]] == COLUMNS
    return [dict(zip(COLUMNS, [str(c) for c in row], strict=True)) for row in sheet[1:]]


def cli_rows(*args: str) -> list[Row]:
    out, err = io.StringIO(), io.StringIO()
    call_command("skills_report", *args, "--format", "json", stdout=out, stderr=err)
    rows: list[Row] = json.loads(out.getvalue())["rows"]
    csv_out = io.StringIO()
    call_command("skills_report", *args, "--format", "csv", stdout=csv_out, stderr=io.StringIO())
    assert csv_rows(csv_out.getvalue().encode()) == rows  # the CLI's CSV and JSON agree
    return rows


def api_figures(client: Client, query: str) -> dict[str, Any]:
    """The API's answer as sent: numbers, and null figures with the reason beside them."""
    response = client.get(f"/api/v1/skills/rollups?{query}")
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    for row in body["rows"]:
        if row["suppressed"] is None:
            assert isinstance(row["people"], int), row
        else:  # a hidden row has no figure at all
            assert row["suppressed"] in {"small_group", "protects_smaller_group"}, row
            assert tuple(row[f] for f in FIGURES) == (None, None, None, None), row
    return body


def api(client: Client, query: str) -> dict[str, Any]:
    """The API's answer with its rows read into the CSV's form, so every surface is checked alike:
    a small group as "fewer than N", a group hidden to protect one as the CSV says it."""
    body = api_figures(client, query)
    threshold = body["threshold"]
    label = {"small_group": f"fewer than {threshold}", "protects_smaller_group": PROTECTING[0]}

    def as_text(row: dict[str, Any]) -> Row:
        figures = {f: "" if row[f] is None else f"{row[f]:.1f}" for f in FIGURES[1:]}
        people = label[row["suppressed"]] if row["suppressed"] else str(row["people"])
        return {k: v for k, v in row.items() if k not in {*FIGURES, "suppressed"}} | {"people": people} | figures

    return body | {"rows": [as_text(row) for row in body["rows"]]}


def as_figures(row: Row) -> dict[str, Any]:
    """A CSV row as the API sends it: numbers, or null figures and why they are hidden."""
    people = row["people"]
    suppressed = (
        "small_group"
        if people.startswith("fewer than")
        else "protects_smaller_group"
        if people == PROTECTING[0]
        else None
    )
    figures = {f: float(row[f]) if row[f] else None for f in FIGURES[1:]}
    return row | {"people": None if suppressed else int(people), **figures, "suppressed": suppressed}


def as_ranking_figures(row: Row) -> dict[str, Any]:
    numbers = {f: float(row[f]) for f in ("percent_rating", "mean_current", "mean_target", "percent_with_gap")}
    return row | {"rank": int(row["rank"]), "people": int(row["people"])} | numbers


def download(client: Client, path: str, query: str) -> bytes:
    response = client.get(f"{path}?{query}")
    assert response.status_code == 200
    return response.content


def figures(rows: list[Row]) -> dict[tuple[str, str], tuple[str, ...]]:
    """(item_name, group_name) -> the four figures: the part every surface shares."""
    return {(r["item_name"], r["group_name"]): tuple(r[f] for f in FIGURES) for r in rows}


def pdf_words(pdf: bytes) -> list[str]:
    """The PDF table's words in reading order (a cell's wrapped lines stay together), after its header."""
    text = pdf_text(pdf, layout=False)
    header = " ".join(COLUMNS)
    assert header in " ".join(text.split())
    body = " ".join(text.split()).split(header, 1)[1].split("From LKS Workforce.", 1)[0]
    return body.split()


def words_of(rows: list[Row]) -> list[str]:
    return [word for row in rows for value in row.values() for word in value.split()]


# --- One set of figures, every surface -----------------------------------------------------

RAA_RATINGS = [
    {"1.1": (1, 3), "1.2": (2, 2), "2.1": (0, 2)},
    {"1.1": (2, 3), "2.1": (1, 1)},
    {"1.1": (3, 3), "2.1": (2, 4)},
    {"1.1": (0, 2), "1.2": (1, 2), "2.1": (1, 2)},
    {"1.1": (2, 2), "2.1": (3, 3)},
    {"1.1": (1, 2), "2.1": (2, 3)},
]
RAB_RATINGS = [
    {"1.1": (2, 4), "2.1": (1, 2)},
    {"1.1": (3, 4), "2.1": (2, 2)},
    {"1.1": (1, 1), "1.2": (0, 1), "2.1": (0, 3)},
    {"1.1": (2, 3)},  # does not rate area 2: RAB has 4 people there
    {"1.1": (4, 4), "2.1": (3, 4)},
]
HIDDEN = ("fewer than 5", "", "", "")
# A group hidden only because the total would otherwise give a smaller one away says so.
PROTECTING = ("hidden to protect a smaller group", "", "", "")
# Worked by hand, for London (RAA and RAB; RBA's people are in North West and must not count).
# Area 1: RAA 8 ratings, current 12, target 19, 4 of 6 with a gap; RAB 6 ratings, current 12, target 17,
# 4 of 5 with a gap. Area 2: RAA current 9, target 15, 4 of 6; RAB (4 people) current 6, target 11, 3 of 4.
EXPECTED = {
    ("1. Finding evidence", "All"): ("11", "1.7", "2.6", "72.7"),  # 24/14, 36/14, 8/11
    ("1. Finding evidence", ALPHA): ("6", "1.5", "2.4", "66.7"),  # 12/8, 19/8 = 2.375 rounds up
    ("1. Finding evidence", BETA): ("5", "2.0", "2.8", "80.0"),
    ("2. Teaching and learning", "All"): ("10", "1.5", "2.6", "70.0"),
    # RAB has 4 people here: hidden, and RAA with it (the total would give RAB away).
    ("2. Teaching and learning", ALPHA): PROTECTING,
    ("2. Teaching and learning", BETA): HIDDEN,
    ("3. Knowledge management", "All"): HIDDEN,  # nobody rated it
    ("3. Knowledge management", ALPHA): HIDDEN,
    ("3. Knowledge management", BETA): HIDDEN,
}
EXPECTED_RANKING = [
    {
        "rank": "1",
        "item": "2",
        "item_name": "2. Teaching and learning",
        "people": "10",
        "percent_rating": "90.9",
        "mean_current": "1.5",
        "mean_target": "2.6",
        "percent_with_gap": "70.0",
    },
    {
        "rank": "2",
        "item": "1",
        "item_name": "1. Finding evidence",
        "people": "11",
        "percent_rating": "100.0",
        "mean_current": "1.7",
        "mean_target": "2.6",
        "percent_with_gap": "72.7",
    },
]


def test_every_surface_shows_the_same_figures(world: World) -> None:
    framework = load_framework()
    raa = [world.staff, world.colleague, *(UserFactory.create(organisation=world.london_a) for _ in range(4))]
    rab = [world.outsider, *(UserFactory.create(organisation=world.london_b) for _ in range(4))]
    for person, ratings in [*zip(raa, RAA_RATINGS, strict=True), *zip(rab, RAB_RATINGS, strict=True)]:
        take_assessment(person, framework, ratings)
    for _ in range(5):  # North West: outside the scope, with levels that would move every mean
        take_assessment(UserFactory.create(organisation=world.north_west), framework, {"1.1": (4, 4), "2.1": (4, 4)})
    client = client_for(world.national)
    path, query = "/skills/rollups/regions/Y56/", "level=area&by=organisation"

    # The CLI, by hand-worked figures.
    from_cli = cli_rows("--by", "organisation", "--code", "Y56")
    assert {(r["scope_code"], r["scope_name"]) for r in from_cli} == {("Y56", "London")}
    assert [(r["group_code"], r["group_name"]) for r in from_cli[:3]] == [("", "All"), ("RAA", ALPHA), ("RAB", BETA)]
    assert figures(from_cli) == EXPECTED
    assert [r["item_name"] for r in from_cli if r["group_name"] == "All"] == [
        "1. Finding evidence",
        "2. Teaching and learning",
        "3. Knowledge management",
    ]

    # The API: the same rows, and the lowest widely-needed ranking, as numbers.
    body = api_figures(client, f"scope=region&code=Y56&{query}")
    assert body["rows"] == [as_figures(row) for row in from_cli]
    assert body["threshold"] == 5
    assert body["lowest_widely_needed"] == [as_ranking_figures(row) for row in EXPECTED_RANKING]

    # CSV and XLSX downloads of the page's tables.
    assert csv_rows(download(client, path, f"{query}&format=csv&table=rollup")) == from_cli
    assert xlsx_rows(download(client, path, f"{query}&format=xlsx&table=rollup")) == from_cli
    ranking = list(csv.DictReader(io.StringIO(download(client, path, f"{query}&format=csv&table=ranking").decode())))
    assert ranking == EXPECTED_RANKING

    # PDF download: the same rows on paper.
    pdf = download(client, path, f"{query}&format=pdf&table=rollup")
    assert pdf.startswith(b"%PDF")
    if has_pdftotext():
        assert pdf_words(pdf) == words_of(from_cli)

    # The page: the pivot table and its column headings, and the ranking.
    page = client.get(f"{path}?{query}")
    assert page.status_code == 200
    found = tables(page.content)
    main = found["Areas by organisation: people rating each, mean levels and share with a gap"]
    assert figures(page_rows(main)) == EXPECTED
    assert group_heads(main) == {"All": "11", ALPHA: "6", BETA: "5"}
    assert "against the Web skills framework (2025): 11 people." in main_text(page.content)
    shown_ranking = found["Lowest widely-needed areas"].rows
    assert shown_ranking == [
        [
            r["rank"],
            r["item_name"],
            r["people"],
            r["percent_rating"],
            r["mean_current"],
            r["mean_target"],
            r["percent_with_gap"],
        ]
        for r in EXPECTED_RANKING
    ]
    # The heat map's table (London's organisations) is the same breakdown here.
    assert figures(page_rows(found["Mean levels by organisation"])) == EXPECTED
    heat = csv_rows(download(client, path, f"{query}&format=csv&table=heatmap"))
    assert heat == from_cli


# --- Suppression: a group of 4 in every breakdown, on every surface ------------------------

# Twenty-one people. Each breakdown has a group of exactly 4: bands 1 to 4, knowledge managers, North
# West (its one organisation, Gamma), and Beta (an organisation of 4 in London). A third region (South
# West, Delta's 5) means London's 12 need not be hidden to protect North West.
#   organisation  region      bands 1-4  band 5+  knowledge managers  clinical librarians
#   RAA Alpha     London          2         6            2                   6
#   RAB Beta      London          1         3            1                   3
#   RBA Gamma     North West      1         3            1                   3
#   RCA Delta     South West      0         5            0                   5
PEOPLE = {"RAA": (2, 6, 2), "RAB": (1, 3, 1), "RBA": (1, 3, 1), "RCA": (0, 5, 0)}


def build_people(world: World) -> dict[str, list[User]]:
    framework = load_framework()
    delta = OrganisationFactory.create(ods_code="RCA", name=DELTA, type="ambulance")
    place_in_region(delta, current_region("Y58"), YEAR)
    named = {"RAA": [world.staff, world.colleague], "RAB": [world.outsider], "RBA": [world.curator], "RCA": []}
    organisations = {"RAA": world.london_a, "RAB": world.london_b, "RBA": world.north_west, "RCA": delta}
    people: dict[str, list[User]] = {}
    number = 0
    for code, (low_bands, high_bands, managers) in PEOPLE.items():
        people[code] = []
        for index in range(low_bands + high_bands):
            person: User = (
                named[code][index] if index < len(named[code]) else UserFactory.create(organisation=organisations[code])
            )
            person.band = "3" if index < low_bands else "6"
            person.save(update_fields=["band"])
            role = "knowledge-manager" if index >= low_bands + high_bands - managers else "clinical-librarian"
            number += 1
            # Levels vary from person to person, so every group's means differ.
            current = number % 4
            ratings = {n: (current, min(4, current + (number + i) % 3)) for i, n in enumerate(SUB_AREAS)}
            take_assessment(person, framework, ratings, role=role, share=True)
            people[code].append(person)
    return people


SUB_AREAS = ("1.1", "1.2", "2.1", "2.2", "3.1")


@dataclass(frozen=True)
class Breakdown:
    by: str
    small: tuple[str, ...]  # groups of exactly 4
    everyone: int


NATION = {
    "band_group": Breakdown("band_group", ("Bands 1 to 4",), 21),
    "role": Breakdown("role", ("Knowledge manager",), 21),
    "region": Breakdown("region", ("North West",), 21),
    "organisation": Breakdown("organisation", (BETA, GAMMA), 21),
}
LONDON_BY_ORGANISATION = Breakdown("organisation", (BETA,), 12)


def is_count(text: str) -> bool:
    return text.replace(",", "").isdigit()


def assert_suppressed(rows: list[Row], breakdown: Breakdown, where: str, threshold: int = 5) -> None:
    """No group under the threshold shows a figure, and none can be worked out from what is shown."""
    label = f"fewer than {threshold}"
    groups = {r["group_name"] for r in rows} - {"All"}
    assert set(breakdown.small) <= groups, (where, groups)
    for item in dict.fromkeys(r["item_name"] for r in rows):
        row_of = {r["group_name"]: r for r in rows if r["item_name"] == item}
        total = row_of.pop("All")
        assert total["people"] == str(breakdown.everyone), (where, item, total)
        for small in breakdown.small:
            assert tuple(row_of[small][f] for f in FIGURES) == (label, "", "", ""), (where, item, small, row_of[small])
        shown = {g: r for g, r in row_of.items() if is_count(r["people"])}
        hidden = [g for g in row_of if g not in shown]
        for group in hidden:  # a hidden group has a label, never a figure
            assert not any(ch.isdigit() for f in FIGURES[1:] for ch in row_of[group][f]), (where, row_of[group])
        # Every count shown is at least the threshold...
        assert all(int(r["people"]) >= threshold for r in shown.values()), (where, item, shown)
        # ...and the total less the groups shown is not a small group's count, nor one group's alone.
        unaccounted = breakdown.everyone - sum(int(r["people"]) for r in shown.values())
        assert unaccounted == 0 or unaccounted >= threshold, (where, item, unaccounted)
        assert unaccounted == 0 or len(hidden) >= 2, (where, item, hidden)


def assert_heads_suppressed(table: Table, breakdown: Breakdown, where: str, threshold: int = 5) -> None:
    heads = group_heads(table)
    assert heads.pop("All") == str(breakdown.everyone)
    for small in breakdown.small:
        assert heads[small] == f"fewer than {threshold}", (where, heads)
    shown = [int(v.replace(",", "")) for v in heads.values() if is_count(v)]
    assert all(count >= threshold for count in shown), (where, heads)
    unaccounted = breakdown.everyone - sum(shown)
    assert unaccounted == 0 or unaccounted >= threshold, (where, heads)
    assert unaccounted == 0 or len(heads) - len(shown) >= 2, (where, heads)


PAGE_CAPTION = "Areas by {}: people rating each, mean levels and share with a gap"


def test_a_group_of_four_is_hidden_in_every_breakdown_on_every_surface(world: World) -> None:
    build_people(world)
    client = client_for(world.national)

    # England, on the page and its downloads: by band group, role and region; the heat map is by region.
    for by in ("band_group", "role", "region"):
        breakdown = NATION[by]
        query = f"level=area&by={by}"
        page = client.get(f"/skills/rollups/?{query}")
        found = tables(page.content)
        label = {"band_group": "band group", "role": "role", "region": "region"}[by]
        main = found[PAGE_CAPTION.format(label)]
        assert_suppressed(page_rows(main), breakdown, f"page by {by}")
        assert_heads_suppressed(main, breakdown, f"page by {by}")
        heat = found["Mean levels by region"]
        assert_suppressed(page_rows(heat), NATION["region"], f"page heat map ({by})")
        assert_heads_suppressed(heat, NATION["region"], f"page heat map ({by})")
        for table, expected in (("rollup", breakdown), ("heatmap", NATION["region"])):
            assert_suppressed(
                csv_rows(download(client, "/skills/rollups/", f"{query}&format=csv&table={table}")),
                expected,
                f"CSV {table} by {by}",
            )
            assert_suppressed(
                xlsx_rows(download(client, "/skills/rollups/", f"{query}&format=xlsx&table={table}")),
                expected,
                f"XLSX {table} by {by}",
            )
        # No chart draws a hidden group.
        svg = "".join(re.findall(r'<figure class="lksw-chart">.*?</figure>', page.content.decode(), re.S))
        for small in (*breakdown.small, *NATION["region"].small):
            assert small not in svg, (by, small)

    # England through the API: every breakdown, areas and sub-areas.
    for by, breakdown in NATION.items():
        for level in ("area", "sub_area"):
            body = api(client, f"by={by}&level={level}")
            assert_suppressed(body["rows"], breakdown, f"API by {by} ({level})")

    # England on the command line: by region and by organisation.
    assert_suppressed(cli_rows("--by", "region"), NATION["region"], "CLI by region")
    assert_suppressed(cli_rows("--by", "organisation"), NATION["organisation"], "CLI by organisation")
    assert_suppressed(
        cli_rows("--by", "organisation", "--level", "sub_area"),
        NATION["organisation"],
        "CLI by organisation, sub-areas",
    )

    # London by organisation (Beta has 4 people): page, heat map, downloads, API and CLI.
    london = LONDON_BY_ORGANISATION
    path, query = "/skills/rollups/regions/Y56/", "level=area&by=organisation"
    found = tables(client.get(f"{path}?{query}").content)
    for caption in (PAGE_CAPTION.format("organisation"), "Mean levels by organisation"):
        assert_suppressed(page_rows(found[caption]), london, f"London page: {caption}")
        assert_heads_suppressed(found[caption], london, f"London page: {caption}")
    for table in ("rollup", "heatmap"):
        assert_suppressed(csv_rows(download(client, path, f"{query}&format=csv&table={table}")), london, "London CSV")
        assert_suppressed(
            xlsx_rows(download(client, path, f"{query}&format=xlsx&table={table}")), london, "London XLSX"
        )
    assert_suppressed(api(client, "scope=region&code=Y56&by=organisation")["rows"], london, "London API")
    assert_suppressed(cli_rows("--by", "organisation", "--code", "Y56"), london, "London CLI")
    # London by band group: its people in bands 1 to 4 are 3 (hidden); by role, its knowledge managers are 3.
    for by, small in (("band_group", "Bands 1 to 4"), ("role", "Knowledge manager")):
        rows = api(client, f"scope=region&code=Y56&by={by}")["rows"]
        assert_suppressed(rows, Breakdown(by, (small,), 12), f"London API by {by}")


def test_a_group_hidden_to_protect_a_smaller_one_is_not_called_small(world: World) -> None:
    """Band 5 and above (17 people) is hidden beside bands 1 to 4 (4): it says why, not "fewer than 5"."""
    build_people(world)
    client = client_for(world.national)
    rows = api(client, "by=band_group")["rows"]
    larger = [r for r in rows if r["group_name"] == "Band 5 and above"]
    assert larger
    assert {tuple(r[f] for f in FIGURES) for r in larger} == {PROTECTING}
    sent = api_figures(client, "by=band_group")["rows"]
    assert {r["suppressed"] for r in sent if r["group_name"] == "Band 5 and above"} == {"protects_smaller_group"}
    assert {r["suppressed"] for r in sent if r["group_name"] == "Bands 1 to 4"} == {"small_group"}
    main = tables(client.get("/skills/rollups/?by=band_group").content)[PAGE_CAPTION.format("band group")]
    assert group_heads(main) == {"All": "21", "Bands 1 to 4": "fewer than 5", "Band 5 and above": PROTECTING[0]}


def total_people(client: Client, query: str, item: str = "1") -> str:
    people: str = next(
        r["people"] for r in api(client, query)["rows"] if r["group_name"] == "All" and r["item"] == item
    )
    return people


def test_a_small_region_or_organisation_cannot_be_worked_out_from_the_totals_around_it(world: World) -> None:
    build_people(world)
    client = client_for(world.national)
    england = total_people(client, "scope=nation")
    regions = [total_people(client, f"scope=region&code={code}") for code in ("Y56", "Y62", "Y58")]
    organisations = [total_people(client, f"scope=organisation&code={code}") for code in ("RAA", "RAB")]
    by_organisation = [
        r["people"]
        for r in api(client, "scope=nation&by=organisation")["rows"]
        if r["item"] == "1" and r["group_code"] in {"RAA", "RAB"}
    ]
    assert england == "21"
    assert regions[:2] == ["12", "fewer than 5"]
    assert organisations[1] == by_organisation[1] == "fewer than 5"
    # What a reader can subtract must leave nothing, or at least the threshold spread over two hidden groups.
    for parent, parts in ((england, regions), (regions[0], organisations), (regions[0], by_organisation)):
        if is_count(parent):
            shown = [int(p) for p in parts if is_count(p)]
            left = int(parent) - sum(shown)
            assert left == 0 or (left >= 5 and len(parts) - len(shown) >= 2), (parent, parts)


def group_people(client: Client, query: str, group: str, item: str = "1.1") -> str:
    rows = api(client, f"{query}&level=sub_area")["rows"]
    people: str = next(r["people"] for r in rows if r["group_name"] == group and r["item"] == item)
    return people


def test_a_small_group_in_one_region_cannot_be_worked_out_from_england_and_the_other_regions(world: World) -> None:
    framework = load_framework()
    for organisation, bands in ((world.london_a, ["3"] * 5 + ["6"] * 5), (world.north_west, ["3"] * 4 + ["6"] * 6)):
        for number, band in enumerate(bands):
            person = UserFactory.create(organisation=organisation, band=band)
            take_assessment(person, framework, {"1.1": (number % 3, 3), "2.1": (1, 2)})
    client = client_for(world.national)
    low = "Bands 1 to 4"
    england = group_people(client, "scope=nation&by=band_group", low)
    regions = [group_people(client, f"scope=region&code={code}&by=band_group", low) for code in ("Y56", "Y62")]
    assert regions[1] == "fewer than 5"  # North West's page hides its 4
    if is_count(england):
        shown = [int(p) for p in regions if is_count(p)]
        left = int(england) - sum(shown)
        assert left == 0 or (left >= 5 and len(regions) - len(shown) >= 2), (england, regions)


def test_a_scope_of_four_shows_nothing_but_fewer_than_5(world: World) -> None:
    """North West has 4 people: its lead's roll-up shows no figure anywhere."""
    build_people(world)
    client = client_for(world.regional_lead)
    for path in ("/skills/rollups/regions/Y62/", "/skills/rollups/organisations/RBA/"):
        assert_nothing_but_fewer_than_5(client, path)
    body = api(client, "scope=region&code=Y62&by=organisation")
    assert {(r["people"], r["mean_current"], r["mean_target"], r["percent_with_gap"]) for r in body["rows"]} == {HIDDEN}
    assert body["lowest_widely_needed"] == []


def assert_nothing_but_fewer_than_5(client: Client, path: str) -> None:
    for by in ("band_group", "role"):
        page = client.get(f"{path}?level=sub_area&by={by}")
        assert page.status_code == 200
        text = main_text(page.content)
        assert "Fewer than 5 people here have finished a self-assessment, so no figures can be shown." in text
        assert "fewer than 5 people." in text  # the lede's head count
        assert "No sub-areas can be ranked" in text
        for table in tables(page.content).values():
            values = {cell for row in table.rows for cell in row[1:]}
            assert values <= {"fewer than 5", ""}, (path, table.caption, values)
            assert set(group_heads(table).values()) == {"fewer than 5"}
        assert "lksw-chart" not in page.content.decode()  # no chart at all
        for export in ("csv", "xlsx"):
            content = download(client, path, f"level=sub_area&by={by}&format={export}&table=rollup")
            rows = csv_rows(content) if export == "csv" else xlsx_rows(content)
            assert rows
            assert {tuple(r[f] for f in FIGURES) for r in rows} == {HIDDEN}
        ranking = download(client, path, f"level=sub_area&by={by}&format=csv&table=ranking").decode()
        assert ranking.splitlines()[1:] == []


def test_the_label_follows_the_threshold(world: World) -> None:
    build_people(world)
    suppression_policy_set(actor=world.national, minimum_group_size=10, effective_from=timezone.localdate())
    client = client_for(world.national)

    page = client.get("/skills/rollups/?level=area&by=band_group")
    text = main_text(page.content)
    assert 'any group of fewer than 10 people shows as "fewer than 10"' in text
    main = tables(page.content)[PAGE_CAPTION.format("band group")]
    assert_suppressed(page_rows(main), NATION["band_group"], "page, threshold 10", threshold=10)
    assert "fewer than 5" not in page.content.decode()

    body = api(client, "by=organisation")
    assert body["threshold"] == 10
    # Alpha's 8 and Delta's 5 people are now small groups too: every organisation is hidden.
    everyone = {r["group_name"]: r["people"] for r in body["rows"] if r["item"] == "1"}
    assert everyone == {
        "All": "21",
        ALPHA: "fewer than 10",
        BETA: "fewer than 10",
        GAMMA: "fewer than 10",
        DELTA: "fewer than 10",
    }
    small = (ALPHA, BETA, GAMMA, DELTA)
    assert_suppressed(body["rows"], Breakdown("organisation", small, 21), "API, 10", threshold=10)

    rows = csv_rows(download(client, "/skills/rollups/", "by=region&format=csv&table=rollup"))
    assert_suppressed(rows, NATION["region"], "CSV by region, 10", threshold=10)
    err = io.StringIO()
    call_command("skills_report", "--by", "region", "--format", "csv", stdout=io.StringIO(), stderr=err)
    assert err.getvalue().strip().splitlines()[-1] == "Groups of fewer than 10 people are shown as 'fewer than 10'."
    assert "at least 10 more people in a team" in err.getvalue()
    assert_suppressed(cli_rows("--by", "region"), NATION["region"], "CLI by region, 10", threshold=10)
    home = client_for(world.manager).get("/skills/")
    assert 'any group of fewer than 10 people shows as "fewer than 10"' in main_text(home.content)


# --- A service manager and other organisations' individuals --------------------------------


def test_a_service_manager_never_sees_another_organisations_individuals(world: World) -> None:
    people = build_people(world)  # everyone shared their assessment with their manager
    outsider = people["RAB"][0]
    assert outsider == world.outsider
    olu = world.outsider.skill_assessments.get()
    manager = client_for(world.manager)

    assert manager.get("/skills/teams/RAB/shared/").status_code == 403
    assert manager.get(f"/api/v1/skills/assessments/{olu.pk}").status_code == 404
    assert manager.get(f"/api/v1/skills/assessments/{olu.pk}/gaps").status_code == 404
    assert manager.get(f"/skills/assessments/{olu.pk}/").status_code == 404
    assert manager.get("/skills/rollups/organisations/RAB/").status_code == 403
    assert manager.get("/api/v1/skills/rollups?scope=organisation&code=RAB").status_code == 403
    # Their own team's shared assessments are Alpha's people only.
    shared = tables(manager.get("/skills/teams/RAA/shared/").content)["Shared self-assessments"].rows
    assert len(shared) == 8
    alpha_names = {p.full_name for p in people["RAA"]}
    assert {row[0] for row in shared} == alpha_names

    # Beta's own manager sees Beta's team of 4 only as "fewer than 5", and its shared assessments.
    someone: User = UserFactory.create(organisation=world.london_b, band="8a")
    beta_manager = grant(someone, Role.SERVICE_MANAGER, organisation=world.london_b)
    client = client_for(beta_manager)
    assert_nothing_but_fewer_than_5(client, "/skills/rollups/organisations/RAB/")
    body = api(client, "scope=organisation&code=RAB&by=role")
    assert {tuple(r[f] for f in FIGURES) for r in body["rows"]} == {HIDDEN}
    assert client.get(f"/api/v1/skills/assessments/{olu.pk}").status_code == 200
    gamma = people["RBA"][0].skill_assessments.get()
    assert client.get(f"/api/v1/skills/assessments/{gamma.pk}").status_code == 404
    assert client.get("/skills/teams/RBA/shared/").status_code in {403, 404}


def test_unknown_choices_fall_back_and_unknown_downloads_are_not_found(world: World) -> None:
    load_framework()
    client = client_for(world.national)
    page = client.get("/skills/rollups/?level=everything&by=shoe_size")
    assert page.status_code == 200
    assert "Areas by band group" in main_text(page.content)
    assert client.get("/skills/rollups/?format=docx").status_code == 404
    assert client.get("/skills/rollups/?format=csv&table=people").status_code == 404
    # England by organisation, as the API always offered it, for those who may see every organisation's
    # own roll-up (docs/adr/0011-privacy-over-time.md); a service manager is refused it, as on the API.
    # (A service manager is refused it: tests/skills/test_privacy_over_time.py.)
    assert "Areas by organisation" in main_text(client.get("/skills/rollups/?by=organisation").content)


def test_a_region_with_no_organisations_shows_no_figures_rather_than_failing(world: World) -> None:
    """South East (Y59) has no organisation in the world: its roll-up is a page that says there is
    nobody to count, on the page, the API and the downloads, not a server error."""
    build_people(world)
    client = client_for(world.national)
    assert_nothing_but_fewer_than_5(client, "/skills/rollups/regions/Y59/")
    body = api(client, "scope=region&code=Y59&by=organisation")
    assert body["lowest_widely_needed"] == []
