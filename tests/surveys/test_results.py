"""Results: one set of figures on every surface (page, API, CSV, XLSX, PDF, CLI), worked by hand;
small groups suppressed everywhere (a group of 4); comparison with the previous cycle."""

import csv
import io
import json
import re
import shutil
import subprocess
from html import unescape

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from python_calamine import CalamineWorkbook

from lksworkforce.surveys.analysis import wilson_interval
from tests.conftest import World, client_for
from tests.surveys.factories import close, load_survey, people, ranking_figures, respond

KEY, PREVIOUS = "test-survey", "test-2023"
COLUMNS = ["group", "rank", "option", "respondents", "percent", "ci_low", "ci_high"]
COMPARED = [*COLUMNS, "previous_rank", "previous_percent"]


def build() -> None:
    """30 answered the needs question: 20 at band 5 and above, 4 at bands 1-4 (a small group), 6 not
    stating their band. The previous cycle: 10 respondents."""
    previous = load_survey(key=PREVIOUS, cycle=2023)
    respond(
        previous,
        [
            *people(6, band="6", needs="searching;technology"),
            *people(2, band="6", needs="searching;appraisal"),
            *people(2, band="4", needs="marketing"),
        ],
    )
    survey = load_survey(key=KEY, compare_with=PREVIOUS)
    respond(
        survey,
        [
            *people(
                10, band="6", role="librarian", region="north", organisation_type="acute", needs="searching;appraisal"
            ),
            *people(2, band="6", role="librarian", region="north", organisation_type="acute", needs="impact"),
            *people(8, band="8a", role="manager", region="north", organisation_type="acute", needs="impact;leadership"),
            *people(
                4,
                band="3",
                role="assistant",
                region="south",
                organisation_type="mental_health",
                needs="searching;technology",
            ),
            *people(
                6, band="prefer_not_to_say", region="south", organisation_type="acute", needs="appraisal;marketing"
            ),
            # Answered other questions, not the needs one: not counted in the percentages.
            *people(3, band="6", role="librarian", region="north", cpd_hours="10"),
        ],
    )
    close(KEY, PREVIOUS)  # results are published once a survey has closed


def ci(k: int, n: int) -> tuple[str, str]:
    low, high = wilson_interval(k, n)
    return f"{low * 100:.1f}", f"{high * 100:.1f}"


def worked(
    group: str, rank: int, option: str, k: int, n: int, previous: tuple[str, str] | None = None
) -> dict[str, str]:
    row = {"group": group, "rank": str(rank), "option": option, "respondents": str(k), "percent": f"{100 * k / n:.1f}"}
    row["ci_low"], row["ci_high"] = ci(k, n)
    if 0 < k < 5:  # a count under the threshold is never shown, nor its share
        row |= {"respondents": "fewer than 5", "percent": "", "ci_low": "", "ci_high": ""}
    if previous is not None:
        row["previous_rank"], row["previous_percent"] = previous
    return row


ALL = "All respondents"
# By hand. Previous cycle (10 answered): searching 8 (80.0%) rank 1, technology 6 (60.0%) rank 2,
# appraisal 2 (20.0%) rank 3, marketing 2 (20.0%) rank 3; impact and leadership were offered but
# nobody chose them: tied last, rank 5, 0.0%.
EXPECTED_OVERALL = [
    worked(ALL, 1, "Critical appraisal", 16, 30, ("3", "20.0")),
    worked(ALL, 2, "Literature searching", 14, 30, ("1", "80.0")),
    worked(ALL, 3, "Demonstrating value and impact", 10, 30, ("5", "0.0")),
    worked(ALL, 4, "Leadership", 8, 30, ("5", "0.0")),
    worked(ALL, 5, "Marketing and promotion", 6, 30, ("3", "20.0")),
    worked(ALL, 6, "Emerging technologies", 4, 30, ("2", "60.0")),
]
HIDDEN = dict.fromkeys(COLUMNS, "")
# Bands 1-4 has 4: "fewer than 5". Hiding it alone would let 30 - 20 - 6 give it away, so the next
# smallest group (band not stated, 6) is hidden too. Band 5 and above: a three-way tie at the top.
EXPECTED_BY_BAND_GROUP = [
    HIDDEN | {"group": "Bands 1 to 4", "respondents": "fewer than 5"},
    worked("Band 5 and above", 1, "Critical appraisal", 10, 20),
    worked("Band 5 and above", 1, "Demonstrating value and impact", 10, 20),
    worked("Band 5 and above", 1, "Literature searching", 10, 20),
    worked("Band 5 and above", 4, "Leadership", 8, 20),
    HIDDEN | {"group": "Band not stated", "respondents": "not shown (protects a smaller group)"},
]


def cli(*args: str) -> str:
    out = io.StringIO()
    call_command("survey_report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def pdf_text(pdf: bytes) -> str:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:  # pragma: no cover - depends on poppler-utils
        pytest.skip("pdftotext (poppler-utils) is not installed: the PDF's text is not checked")
    result = subprocess.run([pdftotext, "-layout", "-", "-"], input=pdf, capture_output=True, check=True)  # noqa: S603
    return result.stdout.decode()


def html_ranking(html: str, caption: str) -> list[list[str]]:
    table = html.split(caption, 1)[1].split("</table>", 1)[0]
    rows = []
    for row in re.findall(r'<tr class="nhsuk-table__row">(.*?)</tr>', table, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return rows


def test_every_surface_shows_the_same_ranking(world: World) -> None:
    build()
    client = client_for(world.regional_lead)

    # CLI, CSV: the exact columns and the hand-worked figures.
    from_cli = rows_of(cli(KEY, "--question", "needs", "--compare", PREVIOUS, "--format", "csv"))
    assert list(from_cli[0]) == COMPARED
    assert from_cli == EXPECTED_OVERALL

    # API (the same rows; the survey compares with the previous cycle only when asked).
    api = client.get(f"/api/v1/surveys/{KEY}/ranking?question=needs&compare={PREVIOUS}").json()
    assert api["rows"] == [ranking_figures(row) for row in from_cli]
    assert (api["respondents"], api["answered"], api["threshold"]) == (33, 30, 5)
    assert [(d["option"], d["previous_rank"], d["rank"]) for d in api["dropped_out"]] == []

    # Results page exports (the page compares with the cycle its definition names).
    page_csv = client.get(f"/surveys/{KEY}/results/?format=csv")
    assert page_csv["Content-Type"].startswith("text/csv")
    assert rows_of(page_csv.content.decode()) == from_cli
    sheet = CalamineWorkbook.from_object(io.BytesIO(client.get(f"/surveys/{KEY}/results/?format=xlsx").content))
    cells = sheet.get_sheet_by_index(0).to_python()
    assert [str(c) for c in cells[0]] == COMPARED
    as_text = [[str(c) for c in row] for row in cells[1:]]  # every figure is written as the text it shows
    assert [dict(zip(COMPARED, row, strict=True)) for row in as_text] == from_cli

    # The page: the same figures, formatted for people.
    html = client.get(f"/surveys/{KEY}/results/").content.decode()
    shown = html_ranking(html, "Top 10 needs, Test survey 2025")
    assert "<svg" in html.split("Top 10:", 1)[1].split("Top 10 needs, Test survey 2025", 1)[0]
    assert shown == [
        [r["rank"], r["option"], r["respondents"], f"{r['percent']}%" if r["percent"] else "",
         f"{r['ci_low']}% to {r['ci_high']}%" if r["percent"] else "", r["previous_rank"],
         f"{r['previous_percent']}%", m]
        for r, m in zip(
            from_cli,
            [
                "Up 2 places, up 33.3 percentage points",
                "Down 1 place, down 33.3 percentage points",
                "Up 2 places, up 33.3 percentage points",
                "Up 1 place, up 26.7 percentage points",
                "Down 2 places, no change in percentage",
                "Down 4 places",  # 4 people: the count, its share and the change in it are not shown
            ],
            strict=True,
        )
    ]  # fmt: skip

    # CLI as JSON: the API's document, with the figures in the human form the CSV has.
    from_json = json.loads(cli(KEY, "--question", "needs", "--compare", PREVIOUS, "--format", "json"))
    assert from_json["rows"] == from_cli
    assert [ranking_figures(row) for row in from_json["rows"]] == api["rows"]
    shared = ("survey", "title", "question", "by", "top", "threshold", "compare_with", "note")
    assert {k: from_json[k] for k in shared} == {k: api[k] for k in shared}
    assert (from_json["respondents"], from_json["answered"]) == (str(api["respondents"]), str(api["answered"]))

    # PDF: the table's text, one line per row.
    pdf = client.get(f"/surveys/{KEY}/results/?format=pdf")
    assert pdf.content.startswith(b"%PDF")
    lines = [re.split(r"\s{2,}", line.strip()) for line in pdf_text(pdf.content).splitlines() if line.strip()]
    header_at = next(i for i, line in enumerate(lines) if line[0] == "group")
    assert lines[header_at] == COMPARED
    body = lines[header_at + 1 : header_at + 1 + len(from_cli)]
    assert body == [[v for v in row.values() if v] for row in from_cli]


def test_a_group_of_4_is_suppressed_on_every_surface(world: World) -> None:
    build()
    client = client_for(world.staff)
    from_cli = rows_of(cli(KEY, "--question", "needs", "--by", "band_group", "--format", "csv"))
    assert from_cli == EXPECTED_BY_BAND_GROUP

    api = client.get(f"/api/v1/surveys/{KEY}/ranking?question=needs&by=band_group").json()
    assert api["rows"] == [ranking_figures(row) for row in from_cli]
    assert {r["suppressed"] for r in api["rows"] if r["group"] == "Bands 1 to 4"} == {"small_group"}
    assert rows_of(client.get(f"/surveys/{KEY}/results/?format=csv&by=band_group").content.decode()) == [
        row | {"previous_rank": "", "previous_percent": ""} for row in from_cli
    ]
    sheet = CalamineWorkbook.from_object(
        io.BytesIO(client.get(f"/surveys/{KEY}/results/?format=xlsx&by=band_group").content)
    )
    assert [str(c) for c in sheet.get_sheet_by_index(0).to_python()[1]] == [
        "Bands 1 to 4", "", "", "fewer than 5", "", "", "", "", "",
    ]  # fmt: skip

    # The page's band group tab: the small group and its complement show no figures.
    html = client.get(f"/surveys/{KEY}/results/").content.decode()
    band_tab = html.split('id="by-band_group"', 1)[1].split('id="by-role"', 1)[0]
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", band_tab)).split())
    assert "Bands 1 to 4 (fewer than 5 answered) Not shown: fewer than 5." in text
    assert "Band not stated (not shown (protects a smaller group) answered)" in text
    assert "Top needs: Bands 1 to 4" not in band_tab

    # Role: the 4 assistants are hidden, and so is the next smallest group (6 not stating their role).
    by_role = rows_of(cli(KEY, "--question", "needs", "--by", "role", "--format", "csv"))
    assert [(r["group"], r["respondents"]) for r in by_role if not r["rank"]] == [
        ("Library assistant", "fewer than 5"),
        ("Not stated", "not shown (protects a smaller group)"),
    ]
    # Organisation type: two groups, one of 4: both hidden.
    by_type = rows_of(cli(KEY, "--question", "needs", "--by", "organisation_type", "--format", "csv"))
    assert [(r["group"], r["respondents"]) for r in by_type] == [
        ("Acute trust", "not shown (protects a smaller group)"),
        ("Mental health trust", "fewer than 5"),
    ]
    # The printable summary for the South (10 respondents, 4 of them at bands 1-4).
    south = client.get(f"/surveys/{KEY}/results/printable/?region=south").content.decode()
    assert "Top 10 needs in South" in south
    assert 'Bands 1 to 4 <span class="nhsuk-body-s">(fewer than 5 answered)</span>' in south


def test_the_printable_pdf_suppresses_the_group_of_4(world: World) -> None:
    build()
    client = client_for(world.regional_lead)
    pdf = client.get(f"/surveys/{KEY}/results/printable/?region=south&format=pdf")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    text = pdf_text(pdf.content)
    assert "fewer than 5" in text
    assert "Bands 1 to 4" in text


def test_a_survey_with_4_respondents_shows_no_figures_anywhere(world: World) -> None:
    survey = load_survey()
    respond(survey, people(4, band="6", needs="searching", cpd_hours="12", other_needs="searching skills"))
    close(KEY)
    client = client_for(world.staff)
    assert rows_of(cli(KEY, "--question", "needs", "--format", "csv")) == [
        HIDDEN | {"group": ALL, "respondents": "fewer than 5"}
    ]
    api = client.get(f"/api/v1/surveys/{KEY}/ranking").json()
    assert (api["respondents"], api["answered"]) == (None, None)
    assert (api["respondents_suppressed"], api["answered_suppressed"]) == ("small_group", "small_group")
    page = client.get(f"/surveys/{KEY}/results/").content.decode()
    assert "Fewer than 5 people have answered this question, so no figures are shown." in page
    assert "<svg" not in page.split("<main", 1)[1]
    summary = client.get(f"/api/v1/surveys/{KEY}/summary").json()
    assert (summary["respondents"], summary["respondents_suppressed"]) == (None, "small_group")
    assert all(q["hidden"] for q in summary["questions"])
    assert not [q for q in summary["questions"] if q["answers"] or q["ranking"] or q["number"] or q["words"]]
    assert all(q["answered"] is None or q["answered"] == 0 for q in summary["questions"])
    listing = client.get("/api/v1/surveys").json()
    assert (listing[0]["respondents"], listing[0]["respondents_suppressed"]) == (None, "small_group")


def test_question_summaries_show_distributions_means_and_words(world: World) -> None:
    survey = load_survey()
    respond(
        survey,
        [
            *people(3, band="6", framework_use="agree", cpd_hours="10", priorities="leading_area;searching_area", other_needs="Searching for evidence"),
            *people(2, band="3", framework_use="disagree", cpd_hours="30", priorities="searching_area", other_needs="More searching practice"),
            *people(1, band="8a", framework_use="neutral", other_needs="Budgets"),
        ],
    )  # fmt: skip
    close(KEY)
    client = client_for(world.staff)
    exported = client.get(f"/surveys/{KEY}/results/questions/?format=csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(exported)))
    by_question: dict[str, list[tuple[str, str, str, str]]] = {}
    for r in rows:
        by_question.setdefault(r["question"], []).append((r["answer"], r["respondents"], r["percent"], r["figure"]))
    # Was "Band 3: 2", "Band 6: 3", "Band 8a: 1": every count under the threshold is now hidden, on the
    # every-question summaries as on the rankings (docs/adr/0011-privacy-over-time.md).
    small = "fewer than 5"
    assert by_question["band"] == [
        ("Band 3", small, "", ""), ("Band 4", "0", "0.0", ""), ("Band 6", small, "", ""), ("Band 8a", small, "", ""),
        ("Prefer not to say", "0", "0.0", ""),
    ]  # fmt: skip
    # With its counts hidden, the mean and the total together could solve for them: not shown.
    assert by_question["framework_use"][-1] == ("Mean score", "", "", "not shown (protects a smaller group)")
    # Borda points with two places: a first choice scores 2, a second 1. Leading: ranked by 3, hidden.
    assert by_question["priorities"][:2] == [
        ("Searching", "5", "", "7 points; fewer than 5 first choices; mean rank 1.60"),
        ("Leading", small, "", ""),
    ]
    # 5 answered the number question: the mean, the median and the middle half, never the extremes.
    assert by_question["cpd_hours"] == [
        ("Mean", "", "", "18 hours"),
        ("Median", "", "", "10 hours"),
        ("Middle half", "", "", "10 to 30 hours"),
    ]
    # Only "searching" was used by 5 or more people; "budgets" (one person) is never shown.
    assert by_question["other_needs"] == [("Used by 5 respondents", "", "", "searching")]
    # Nobody answered the role question: one row, with no figures.
    assert by_question["role"] == [("", "", "", "")]
    assert next(r["answered"] for r in rows if r["question"] == "role") == "0"

    # The API sends the same figures as numbers, with null and the reason where a figure is hidden.
    api = {q["question"]: q for q in client.get(f"/api/v1/surveys/{KEY}/summary").json()["questions"]}
    assert [(a["answer"], a["respondents"], a["percent"], a["suppressed"]) for a in api["band"]["answers"]] == [
        ("Band 3", None, None, "small_group"), ("Band 4", 0, 0.0, None), ("Band 6", None, None, "small_group"),
        ("Band 8a", None, None, "small_group"), ("Prefer not to say", 0, 0.0, None),
    ]  # fmt: skip
    assert (api["framework_use"]["mean_score"], api["framework_use"]["mean_score_suppressed"]) == (
        None,
        "protects_smaller_group",
    )
    searching, leading = api["priorities"]["ranking"][:2]
    assert (searching["ranked_by"], searching["points"], searching["mean_rank"]) == (5, 7, 1.6)
    assert (searching["first_choices"], searching["first_choices_suppressed"]) == (None, "small_group")
    assert (leading["answer"], leading["ranked_by"], leading["points"], leading["suppressed"]) == (
        "Leading",
        None,
        None,
        "small_group",
    )
    assert api["cpd_hours"]["number"] == {
        "mean": 18.0, "median": 10.0, "lower_quartile": 10.0, "upper_quartile": 30.0, "unit": "hours",
    }  # fmt: skip
    assert api["other_needs"]["words"] == [{"term": "searching", "respondents": 5}]
    assert (api["role"]["answered"], api["role"]["hidden"], api["role"]["answers"]) == (0, True, [])


def test_the_cli_contract_for_bad_input(world: World) -> None:
    build()
    for args, message in [
        (("nope", "--question", "needs"), "No survey with key nope"),
        ((KEY, "--question", "cpd_hours"), "Question cpd_hours is a number question"),
        ((KEY, "--question", "nothing"), "has no question nothing"),
        ((KEY, "--question", "needs", "--compare", "nope"), "No survey with key nope to compare with"),
        ((KEY, "--question", "needs", "--top", "0"), "--top must be from 1 to 1,000"),
    ]:
        with pytest.raises(CommandError) as raised:
            call_command("survey_report", *args, stdout=io.StringIO(), stderr=io.StringIO())
        assert raised.value.returncode == 2
        assert message in str(raised.value)


def test_top_n_and_the_table_format(world: World) -> None:
    build()
    top_two = rows_of(cli(KEY, "--question", "needs", "--top", "2", "--format", "csv"))
    assert [r["option"] for r in top_two] == ["Critical appraisal", "Literature searching"]
    table = cli(KEY, "--question", "needs", "--top", "1")
    assert table.splitlines()[0].split() == COLUMNS
    assert "Critical appraisal" in table
    # Ties at the boundary are kept: the band 5+ top 1 is three needs.
    tied = rows_of(cli(KEY, "--question", "needs", "--top", "1", "--by", "band_group", "--format", "csv"))
    assert [r["option"] for r in tied if r["group"] == "Band 5 and above"] == [
        "Critical appraisal", "Demonstrating value and impact", "Literature searching",
    ]  # fmt: skip


def test_the_api_refuses_bad_parameters_with_json(world: World) -> None:
    build()
    client = client_for(world.staff)
    for query, status in [("question=cpd_hours", 422), ("top=0", 422), ("by=colour", 422), ("compare=nope", 404)]:
        response = client.get(f"/api/v1/surveys/{KEY}/ranking?{query}")
        assert response.status_code == status, query
        assert response.json()["code"] in {"invalid_input", "not_found"}
