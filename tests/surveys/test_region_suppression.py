"""A region's ranking hides what the national ranking's pages hide about it (core.disclosure's
cross-scope rule, docs/adr/0007-small-group-suppression.md): England less one region's printable
summary must not give a smaller region away, on the page, in its PDF, or beside the API and CLI."""

import shutil

import pytest

from lksworkforce.surveys import analysis
from lksworkforce.surveys.presenters import NOT_SHOWN
from lksworkforce.surveys.questions import Breakdown
from tests.conftest import World, client_for
from tests.surveys.factories import close, load_survey, people, respond
from tests.surveys.test_results import KEY, cli, pdf_text, rows_of

NORTH_HIDDEN = "No figures are shown for North: with England's they would give a smaller region's away."


def build() -> None:
    """24 answered: 20 in the North, 4 in the South. England by region hides the South (4) and, so
    that England less the North does not leave it, the North (20)."""
    survey = load_survey(key=KEY)
    respond(
        survey,
        [
            *people(12, band="6", role="librarian", region="north", needs="searching;appraisal"),
            *people(8, band="8a", role="manager", region="north", needs="impact;leadership"),
            *people(4, band="6", role="librarian", region="south", needs="searching;technology"),
        ],
    )
    close(KEY)


@pytest.mark.django_db
def test_england_less_a_regions_summary_does_not_give_a_smaller_region_away(world: World) -> None:
    build()
    client = client_for(world.regional_lead)
    # England's figures, on the API and the command line: 24 answered; by region both are hidden.
    api = client.get(f"/api/v1/surveys/{KEY}/ranking?by=region").json()
    assert api["answered"] == 24
    by_region = {r["group"]: (r["respondents"], r["suppressed"]) for r in api["rows"] if not r["rank"]}
    assert by_region == {"North": (None, "protects_smaller_group"), "South": (None, "small_group")}
    from_cli = rows_of(cli(KEY, "--question", "needs", "--by", "region", "--format", "csv"))
    shown = {r["group"]: r["respondents"] for r in from_cli if not r["rank"]}
    assert shown == {"North": NOT_SHOWN, "South": "fewer than 5"}
    # The North's printable summary (was: "20 people in North answered" and its ranking, so that
    # 24 - 20 gave the South's 4 away) shows none of its figures, and says why.
    page = client.get(f"/surveys/{KEY}/results/printable/?region=north")
    assert page.status_code == 200
    html = page.content.decode()
    north = html.split("Top 10 needs in North", 1)[1].split("<h2>", 1)[0]
    assert NORTH_HIDDEN in north
    assert "20" not in north
    assert "Top 10 needs in England" in html  # England's own figures are still shown
    pdf = client.get(f"/surveys/{KEY}/results/printable/?region=north&format=pdf")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):  # the PDF's text, where poppler-utils is installed
        text = " ".join(pdf_text(pdf.content).split())
        north_text = text.split("Top 10 needs in North", 1)[1].split("By band group", 1)[0]
        assert NORTH_HIDDEN in north_text
        assert "20 people" not in north_text
    # The South (4) shows nothing either, as before.
    south = client.get(f"/surveys/{KEY}/results/printable/?region=south").content.decode()
    assert "Fewer than 5 people in South answered, so no figures are shown." in south


def cell(region: str, band: str, answered: int) -> analysis.AnswerCount[Breakdown]:
    groups = {Breakdown.REGION: region, Breakdown.BAND_GROUP: band}
    return analysis.AnswerCount(option="searching", groups=groups, chosen=answered, first=answered)


def test_a_regions_band_group_is_hidden_where_england_less_it_gives_another_regions_away() -> None:
    """England's bands 1 to 4 are 9: 6 in the North, 3 in the South. The South's own page hides
    its 3; the North's must hide its 6, or 9 - 6 would leave them, and so its band 5 and above."""
    nation = [cell("north", "low", 6), cell("north", "high", 20), cell("south", "low", 3), cell("south", "high", 5)]
    inherited = analysis.inherited_from_nation(nation, Breakdown.REGION, "north", 5)
    assert not inherited[None].everything  # both regions have 5 or more: England by region shows them
    assert inherited[Breakdown.BAND_GROUP].groups == {"low"}
    north = [c for c in nation if c.groups[Breakdown.REGION] == "north"]
    labels = {Breakdown.BAND_GROUP: {"low": "Bands 1 to 4", "high": "Band 5 and above"}}
    overall, breakdowns = analysis.rank_breakdowns(north, {"searching": "Searching"}, labels, 5, inherited=inherited)
    assert not overall.hidden
    assert [(g.key, g.visibility) for g in breakdowns[Breakdown.BAND_GROUP]] == [
        ("low", analysis.Visibility.COMPLEMENTARY),
        ("high", analysis.Visibility.COMPLEMENTARY),
    ]
    # Without the national pages (the region alone), its 6 and 20 would be shown.
    _overall, alone = analysis.rank_breakdowns(north, {"searching": "Searching"}, labels, 5)
    assert not any(g.hidden for g in alone[Breakdown.BAND_GROUP])
