"""Privacy over time for surveys (docs/adr/0011-privacy-over-time.md): results of an open survey,
which change with every answer sent, are for the national team only; a closed survey's published
results move only by at least the threshold of respondents; no count under the threshold is shown
on any surface, the every-question summaries included."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from lksworkforce.core.problems import Rejected
from lksworkforce.surveys import selectors
from lksworkforce.surveys.models import Response, Survey
from lksworkforce.surveys.questions import Breakdown
from tests.conftest import World, client_for
from tests.surveys.factories import RESPONSE_HEADER, close, csv_bytes, load_survey, people, respond

KEY = "test-survey"
RESULTS = [
    f"/surveys/{KEY}/results/",
    f"/surveys/{KEY}/results/?format=csv",
    f"/surveys/{KEY}/results/?format=xlsx",
    f"/surveys/{KEY}/results/questions/",
    f"/surveys/{KEY}/results/questions/?format=csv",
    f"/surveys/{KEY}/results/printable/",
    f"/surveys/{KEY}/results/cpd-offer/",
    f"/api/v1/surveys/{KEY}/ranking",
    f"/api/v1/surveys/{KEY}/ranking?by=band_group",
    f"/api/v1/surveys/{KEY}/summary",
    f"/api/v1/surveys/{KEY}/cpd-offer",
]


def test_an_open_surveys_results_are_for_the_national_team_only(world: World) -> None:
    """The attack: reading an open survey's results before and after one colleague's response gave
    away their needs and, from the change in the means, their CPD hours and years in post."""
    survey = load_survey()
    respond(survey, people(12, band="6", needs="searching;appraisal", cpd_hours="10"))
    readers = [client_for(u) for u in (world.staff, world.manager, world.regional_lead, world.curator)]
    before = [[c.get(url) for url in RESULTS] for c in readers]
    respond(survey, people(1, band="6", needs="impact;leadership", cpd_hours="77"))
    after = [[c.get(url) for url in RESULTS] for c in readers]
    for answers in (*before, *after):
        for url, response in zip(RESULTS, answers, strict=True):
            assert response.status_code == 403, url
            assert b"Demonstrating value" not in response.content, url  # the colleague's need
    message = after[0][-1].json()["message"]
    assert message.startswith("The results of Test survey 2025 are published when it closes on ")
    listing = readers[0].get("/surveys/").content.decode()
    assert f"/surveys/{KEY}/results/" not in listing
    assert "Results are published when it closes on" in listing
    national = client_for(world.national)
    assert all(national.get(url).status_code == 200 for url in RESULTS)

    close(KEY)
    assert all(readers[0].get(url).status_code == 200 for url in RESULTS)


def test_a_small_import_into_a_closed_survey_changes_nothing(world: World, tmp_path: Path) -> None:
    """After closing, one late response imported on its own would show as the difference: refused
    whole, on the CLI (exit 2), the page and the API, with the published figures unchanged."""
    survey = load_survey()
    respond(survey, people(12, band="6", needs="searching;appraisal", cpd_hours="10"))
    close(KEY)
    staff = client_for(world.staff)
    files = [url for url in RESULTS if "format=csv" in url or url.startswith("/api/")]  # pages carry nonces
    before = [staff.get(url).content for url in files]
    late = csv_bytes(["response_id", *RESPONSE_HEADER], [["late-1", "3", "", "", "", "impact", "", "", "77", ""]])
    path = tmp_path / "late.csv"
    path.write_bytes(late)
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("survey_import", KEY, str(path), stdout=io.StringIO(), stderr=err)
    assert raised.value.returncode == 2
    assert "This survey has closed and its results are published" in err.getvalue()
    assert "This file would add 1 to Everyone (question band)" in err.getvalue()
    api = client_for(world.national).post(f"/api/v1/surveys/{KEY}/imports", {"file": SimpleUploadedFile("l.csv", late)})
    assert api.status_code == 422
    assert "at least 5 to every published figure" in api.json()["errors"][0]["reason"]
    page = client_for(world.national).post(f"/surveys/{KEY}/import/", {"file": SimpleUploadedFile("l.csv", late)})
    assert "at least 5 to every published figure" in page.content.decode()
    assert Response.objects.filter(survey=survey).count() == 12
    assert [staff.get(url).content for url in files] == before
    # Five late responses that add 5 to every group and question they touch are imported.
    assert respond(survey, people(5, band="6", needs="impact", cpd_hours="20")) == 5


def test_no_count_under_the_threshold_on_any_surface(world: World) -> None:
    """The every-question page showed "Band 9: 2" although answers are "only ever shown in groups of
    5 or more". Every count from 1 to 4 is hidden on the page, CSV, XLSX and API, summaries included."""
    survey = load_survey()
    respond(
        survey,
        [
            *people(20, band="6", needs="searching;appraisal", framework_use="agree", priorities="searching_area"),
            *people(2, band="3", needs="impact", framework_use="disagree", priorities="leading_area;searching_area"),
            *people(3, band="8a", needs="impact", framework_use="neutral"),
        ],
    )
    close(KEY)
    client = client_for(world.staff)
    summary = client.get(f"/api/v1/surveys/{KEY}/summary").json()["questions"]
    counts = [q["answered"] for q in summary]
    counts += [a["respondents"] for q in summary for a in q["answers"]]
    counts += [n for q in summary for r in q["ranking"] for n in (r["ranked_by"], r["first_choices"])]
    counts += [w["respondents"] for q in summary for w in q["words"]]
    assert not [c for c in counts if c is not None and 0 < c < 5]
    band = {a["answer"]: a["respondents"] for q in summary if q["question"] == "band" for a in q["answers"]}
    assert (band["Band 3"], band["Band 6"], band["Band 8a"]) == (None, 20, None)
    ranking = client.get(f"/api/v1/surveys/{KEY}/ranking?by=band_group").json()["rows"]
    ranking += client.get(f"/api/v1/surveys/{KEY}/ranking").json()["rows"]
    assert not [r for r in ranking if r["respondents"] is not None and 0 < r["respondents"] < 5]
    assert all(
        r["suppressed"] in {"small_group", "protects_smaller_group"} for r in ranking if r["respondents"] is None
    )
    for url in (f"/surveys/{KEY}/results/questions/?format=csv", f"/surveys/{KEY}/results/?format=csv"):
        rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode())))
        shown = [r[c] for r in rows for c in ("respondents", "answered") if c in r]
        assert not [c for c in shown if c in {"1", "2", "3", "4"}], url
    sheet = CalamineWorkbook.from_object(
        io.BytesIO(client.get(f"/surveys/{KEY}/results/questions/?format=xlsx").content)
    ).get_sheet_by_index(0)
    assert not [c for row in sheet.to_python()[1:] for c in row[3:6] if str(c) in {"1", "2", "3", "4"}]
    page = client.get(f"/surveys/{KEY}/results/questions/").content.decode()
    assert "Band 3" in page
    assert not re.search(r"<td[^>]*>\s*[1-4]\s*</td>", page)


# --- The property: every import into a closed survey moves every figure by 0 or at least 5 ------

row = st.fixed_dictionaries(
    {
        "band": st.sampled_from(["3", "6", "8a"]),
        "needs": st.sampled_from(["searching", "impact", "searching;appraisal"]),
        "cpd_hours": st.sampled_from(["", "5", "77"]),
    }
)


def _answered(survey: Survey) -> dict[tuple[str, str], int]:
    """How many answered each question overall, and the needs question in each band group."""
    summary = selectors.survey_summary(survey)
    counts = {("all", q.question.key): q.answered for q in summary.questions}
    report = selectors.ranking_report(survey, "needs", compare=False)
    for group in report.current.breakdowns[Breakdown.BAND_GROUP]:
        counts[("band_group", group.key)] = group.answered
    return counts


@pytest.mark.django_db
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batches=st.lists(st.lists(row, min_size=1, max_size=8), min_size=1, max_size=4))
def test_imports_into_a_closed_survey_move_every_figure_by_nobody_or_at_least_5(
    world: World, batches: list[list[dict[str, str]]]
) -> None:
    with transaction.atomic():
        survey = load_survey()
        respond(survey, people(10, band="6", needs="searching", cpd_hours="10"))
        close(KEY)
        survey.refresh_from_db()
        for batch in batches:
            before = _answered(survey)
            try:
                respond(survey, batch)
            except Rejected:
                assert _answered(survey) == before
                continue
            after = _answered(survey)
            for key, count in after.items():
                assert count - before.get(key, 0) == 0 or count - before.get(key, 0) >= 5, key
        transaction.set_rollback(True)
