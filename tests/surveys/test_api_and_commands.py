"""The surveys API beyond rankings (list, definition, imports), the invitation and housekeeping
commands, the web import page, and the demo surveys."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from lksworkforce.surveys import selectors
from lksworkforce.surveys.demo.plan import RESPONSES
from lksworkforce.surveys.demo.seed import remove_demo_surveys, seed_surveys
from lksworkforce.surveys.models import Invitation, Question, Response, ResponseStatus, Survey
from lksworkforce.surveys.services import response_start
from tests.conftest import World, client_for
from tests.surveys.factories import csv_bytes, load_survey

KEY = "test-survey"
GOOD = csv_bytes(["band", "needs"], [["6", "searching"], ["3", "appraisal;impact"]])
BAD = csv_bytes(["band", "needs"], [["6", "knitting"], ["Band 12", "searching"]])
UNKNOWN_COLUMN = csv_bytes(["band", "needs", "colour"], [["6", "searching", "blue"]])


def test_the_api_lists_surveys_and_gives_definitions(world: World) -> None:
    load_survey()
    client = client_for(world.curator)
    [listed] = client.get("/api/v1/surveys").json()
    assert listed | {"opens_on": None, "closes_on": None} == {
        "key": KEY, "title": "Test survey 2025", "cycle": 2025, "opens_on": None, "closes_on": None,
        "status": "open", "respondents": 0, "respondents_suppressed": None, "compare_with": None,
    }  # fmt: skip
    definition = client.get(f"/api/v1/surveys/{KEY}").json()
    assert definition["needs_question"] == "needs"
    assert [q["key"] for q in definition["sections"][0]["questions"]] == ["band", "role", "region", "organisation_type"]
    assert client.get("/api/v1/surveys/nope").json() == {"code": "not_found", "message": "No survey with key nope"}


def test_the_api_imports_for_the_national_team_only(world: World) -> None:
    load_survey()
    url = f"/api/v1/surveys/{KEY}/imports"
    staff = client_for(world.staff).post(url, {"file": SimpleUploadedFile("r.csv", GOOD)})
    assert staff.status_code == 403
    national = client_for(world.national)
    rejected = national.post(url, {"file": SimpleUploadedFile("r.csv", BAD)})
    assert rejected.status_code == 422
    body = rejected.json()
    assert body["code"] == "invalid_input"
    assert [(e["row"], e["column"], e["value"]) for e in body["errors"]] == [
        (2, "needs", "knitting"),
        (3, "band", "Band 12"),
    ]
    unknown = national.post(url, {"file": SimpleUploadedFile("r.csv", UNKNOWN_COLUMN)}).json()
    assert [(e["row"], e["column"]) for e in unknown["errors"]] == [(None, "colour")]
    assert not Response.objects.exists()
    accepted = national.post(url, {"file": SimpleUploadedFile("r.csv", GOOD)})
    assert accepted.status_code == 200
    assert accepted.json() | {"notes": []} == {"rows": 2, "created": 2, "already_imported": 0, "notes": []}
    again = national.post(url, {"file": SimpleUploadedFile("r.csv", GOOD)}).json()
    assert (again["created"], again["already_imported"]) == (0, 2)


def test_the_import_page_lists_every_problem_and_imports_good_files(world: World) -> None:
    load_survey()
    client = client_for(world.national)
    page = client.post(f"/surveys/{KEY}/import/", {"file": SimpleUploadedFile("r.csv", BAD)})
    assert page.status_code == 200
    html = page.content.decode()
    assert "The file was not imported" in html
    assert "is not an option of question needs" in html
    done = client.post(f"/surveys/{KEY}/import/", {"file": SimpleUploadedFile("r.csv", GOOD)})
    assert done.status_code == 302
    assert done["Location"] == f"/surveys/{KEY}/results/"
    assert Response.objects.count() == 2
    assert "Choose the CSV or XLSX file of responses" in client.post(f"/surveys/{KEY}/import/", {}).content.decode()


def test_the_load_page_lists_every_problem_with_its_line(world: World) -> None:
    client = client_for(world.national)
    page = client.post("/surveys/load/", {"file": SimpleUploadedFile("s.yaml", b"key: Bad Key\ntitle: x\n")})
    html = page.content.decode()
    assert "A survey key is 2 to 60 lower-case letters" in html
    assert not Survey.objects.exists()


def test_invitation_links_are_shown_once_and_kept_as_hashes(db: None) -> None:
    load_survey(invitations=True)
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "survey_invitations", KEY, "--count", "3", "--base-url", "https://lksw.example.nhs.uk/", stdout=out, stderr=err
    )
    links = [row["link"] for row in csv.DictReader(io.StringIO(out.getvalue()))]
    assert len(links) == 3
    assert all(link.startswith(f"https://lksw.example.nhs.uk/surveys/{KEY}/invitation/") for link in links)
    tokens = [link.rstrip("/").rsplit("/", 1)[1] for link in links]
    stored = set(Invitation.objects.values_list("token_hash", flat=True))
    assert len(stored) == 3
    assert not any(token in stored for token in tokens)
    # A token opens the survey.
    assert Client().get(links[0].removeprefix("https://lksw.example.nhs.uk")).status_code == 302


def test_invitations_for_an_open_survey_are_refused(db: None) -> None:
    load_survey()
    with pytest.raises(CommandError) as raised:
        call_command("survey_invitations", KEY, "--count", "3", stdout=io.StringIO(), stderr=io.StringIO())
    assert raised.value.returncode == 2
    assert "set invitations: true" in str(raised.value)


def test_unsent_answers_are_forgotten_once_the_survey_closes(db: None) -> None:
    today = timezone.localdate()
    open_survey = load_survey()
    response_start(survey=open_survey, invitation_token=None)
    closed = load_survey(
        key="old-survey",
        cycle=2021,
        opens_on=today - datetime.timedelta(days=60),
        closes_on=today - datetime.timedelta(days=1),
    )
    Response.objects.create(survey=closed, status=ResponseStatus.IN_PROGRESS, source="web", started_on=today)
    err = io.StringIO()
    call_command("survey_forget_unsent", "--dry-run", stdout=io.StringIO(), stderr=err)
    assert "old-survey: 1 unsent responses to delete." in err.getvalue()
    assert Response.objects.count() == 2
    call_command("survey_forget_unsent", stdout=io.StringIO(), stderr=io.StringIO())
    assert list(Response.objects.values_list("survey__key", flat=True)) == [KEY]


def test_the_demo_surveys_have_the_shapes_of_2017_and_2019(db: None) -> None:
    lines = seed_surveys(2019)
    assert (
        lines[0] == "Development needs surveys: 2017: 758 responses; 2019: 662 responses; 2026: open, no responses yet"
    )
    counts = selectors.response_counts(Survey.objects.all())
    assert {s.key: counts.get(s.pk, 0) for s in Survey.objects.all()} == {**RESPONSES, "dns-2026": 0}
    # The 2017 top need was demonstrating value and impact; 2019's was emerging technologies; needs
    # seen in both years' top ten include literature searching, critical appraisal and the like.
    top = {}
    for key in RESPONSES:
        report = selectors.ranking_report(Survey.objects.get(key=key), top=10, compare=False)
        top[key] = [o.key for o in report.current.overall.top(10)]
    assert top["dns-2017"][0] == "demonstrating_value_and_impact"
    assert top["dns-2019"][0] == "emerging_technologies"
    for need in ("literature_searching", "healthcare_database_searching", "critical_appraisal", "synthesising_evidence",
                 "marketing_and_promotion", "social_media"):  # fmt: skip
        assert need in top["dns-2017"], need
        assert need in top["dns-2019"], need
    # Senior and para-professional staff want different things.
    by_band = selectors.ranking_report(Survey.objects.get(key="dns-2019"), top=3, compare=False).current.breakdowns
    groups = {g.key: [o.key for o in g.top(3)] for g in by_band[next(iter(by_band))]}
    assert groups["bands_1_to_4"] != groups["band_5_and_above"]
    # Deterministic, and removable.
    remove_demo_surveys()
    assert not Survey.objects.exists()
    assert not Question.objects.exists()
    seed_surveys(2019)
    again = selectors.response_counts(Survey.objects.all())
    assert {s.key: again.get(s.pk, 0) for s in Survey.objects.all()} == {**RESPONSES, "dns-2026": 0}
    report = selectors.ranking_report(Survey.objects.get(key="dns-2019"), top=10, compare=False)
    assert [o.key for o in report.current.overall.top(10)] == top["dns-2019"]
