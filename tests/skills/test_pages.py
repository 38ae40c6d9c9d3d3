"""A person takes a self-assessment through the web pages: start, rate area by area (saved as they
go), refused levels with the message by the field, finish with a reflection, gaps against their
targets and their role, the PDF for appraisal, the development plan, history over time; and who
else may see it (their service manager, only if they share; never a regional lead or the
national team)."""

import csv
import io
from datetime import date
from typing import Any

import pytest
from django.test import Client
from python_calamine import CalamineWorkbook

from lksworkforce.accounts.models import User
from lksworkforce.accounts.people import Role
from lksworkforce.organisations.models import Organisation
from lksworkforce.skills.models import Assessment, Framework, PlanAction, Rating
from tests.concurrency import post_from_page
from tests.conftest import World, client_for
from tests.factories import UserFactory, current_region, grant
from tests.skills.conftest import (
    error_summary,
    field_error,
    field_value,
    has_pdftotext,
    main_text,
    pdf_text,
    profile,
    selected_value,
    sub,
    tables,
    take_assessment,
)

pytestmark = pytest.mark.django_db

OUT_OF_SCALE = "The current level must be a level from 0 to 4"


def area_form(framework: Framework, **entries: dict[str, str]) -> dict[str, str]:
    """POST data for an area's form: entries by sub-area number with "_" for "." (s1_1={...})."""
    data: dict[str, str] = {}
    for key, values in entries.items():
        pk = sub(framework, key.removeprefix("s").replace("_", ".")).pk
        data |= {f"s{pk}_{name}": value for name, value in values.items()}
    return data


def start(client: Client, framework: Framework, role: str = "") -> Assessment:
    response = client.post(
        "/skills/assessments/start/", {"role_profile": str(profile(framework, role).pk) if role else ""}
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))
    assert response["Location"] == f"/skills/assessments/{assessment.pk}/"
    return assessment


def field_id(framework: Framework, number: str, name: str) -> str:
    return f"id_s{sub(framework, number).pk}_{name}"


# --- Taking an assessment --------------------------------------------------------------------


def test_a_person_starts_rates_an_area_and_finds_their_ratings_again(world: World, skills_framework: Framework) -> None:
    client = client_for(world.staff)
    home = client.get("/skills/")
    assert "Start a self-assessment" in main_text(home.content)
    assessment = start(client, skills_framework, "clinical-librarian")
    assert assessment.person == world.staff
    assert assessment.role_profile == profile(skills_framework, "clinical-librarian")

    overview = client.get(f"/skills/assessments/{assessment.pk}/")
    areas = tables(overview.content)["Areas and how many sub-areas you have rated"].rows
    assert areas == [
        ["1. Finding evidence", "0 of 2"],
        ["2. Teaching and learning", "0 of 2"],
        ["3. Knowledge management", "0 of 1"],
    ]

    form = client.get(f"/skills/assessments/{assessment.pk}/areas/1/")
    assert form.status_code == 200
    assert "1.1 Literature searching" in main_text(form.content)
    assert "Searching databases systematically" in main_text(form.content)  # the sub-area's description

    response = post_from_page(
        client,
        f"/skills/assessments/{assessment.pk}/areas/1/",
        area_form(
            skills_framework,
            s1_1={
                "current": "1",
                "target": "3",
                "priority": "high",
                "evidence": "A search log reviewed by a colleague",
                "links": "https://example.org/log\n\nhttps://example.org/cert",
            },
            s1_2={"current": "", "target": ""},  # not relevant to this person
        )
        | {"next": "1"},
    )
    # "Save and go to the next area" goes on to area 2.
    assert response.status_code == 302
    assert response["Location"] == f"/skills/assessments/{assessment.pk}/areas/2/"
    rating = Rating.objects.get(assessment=assessment)
    assert (rating.sub_area.number, rating.current, rating.target, rating.priority) == ("1.1", 1, 3, "high")
    assert rating.evidence_links == ["https://example.org/log", "https://example.org/cert"]
    page_after = client.get(response["Location"])
    assert "Your ratings for 1. Finding evidence are saved." in main_text(page_after.content)

    # Coming back to the area shows what was saved, and the blank sub-area still blank.
    again = client.get(f"/skills/assessments/{assessment.pk}/areas/1/").content
    assert selected_value(again, field_id(skills_framework, "1.1", "current")) == "1"
    assert selected_value(again, field_id(skills_framework, "1.1", "target")) == "3"
    assert selected_value(again, field_id(skills_framework, "1.1", "priority")) == "high"
    assert field_value(again, field_id(skills_framework, "1.1", "evidence")) == "A search log reviewed by a colleague"
    assert field_value(again, field_id(skills_framework, "1.1", "links")) == (
        "https://example.org/log https://example.org/cert"  # one per line
    )
    assert selected_value(again, field_id(skills_framework, "1.2", "current")) == ""

    overview = client.get(f"/skills/assessments/{assessment.pk}/")
    assert tables(overview.content)["Areas and how many sub-areas you have rated"].rows[0] == [
        "1. Finding evidence",
        "1 of 2",
    ]
    # Starting again carries on with the same unfinished assessment.
    home = client.get("/skills/")
    assert "Carry on with your self-assessment" in main_text(home.content)
    assert start(client, skills_framework) == assessment


def test_a_role_from_outside_the_list_is_refused(world: World, skills_framework: Framework) -> None:
    client = client_for(world.staff)
    response = client.post("/skills/assessments/start/", {"role_profile": "999999"})
    assert response.status_code == 302
    assert response["Location"] == "/skills/"
    assert "Choose a role from the list, or no role profile" in main_text(client.get("/skills/").content)
    assert not Assessment.objects.exists()


def test_clearing_both_levels_removes_a_rating(world: World, skills_framework: Framework) -> None:
    assessment = take_assessment(world.staff, skills_framework, {"1.1": (1, 3), "1.2": (2, 2)}, finish=False)
    client = client_for(world.staff)
    response = post_from_page(
        client,
        f"/skills/assessments/{assessment.pk}/areas/1/",
        area_form(skills_framework, s1_1={"current": "", "target": ""}, s1_2={"current": "2", "target": "3"}),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/skills/assessments/{assessment.pk}/"
    assert list(assessment.ratings.values_list("sub_area__number", "current", "target")) == [("1.2", 2, 3)]


@pytest.mark.parametrize(
    ("current", "target", "field", "message"),
    [
        ("9", "3", "current", OUT_OF_SCALE),
        ("-1", "3", "current", OUT_OF_SCALE),
        ("two", "3", "current", OUT_OF_SCALE),
        ("1", "5", "target", "The target level must be a level from 0 to 4"),
        ("2", "", "target", "Choose a target level as well, or leave both blank if this is not relevant"),
        ("", "3", "current", "Choose a current level as well, or leave both blank if this is not relevant"),
    ],
    ids=["current-9", "current-negative", "current-text", "target-5", "current-without-target", "target-only"],
)
def test_a_refused_rating_is_explained_by_its_field_and_nothing_on_the_page_is_saved(
    world: World, skills_framework: Framework, current: str, target: str, field: str, message: str
) -> None:
    assessment = take_assessment(world.staff, skills_framework, {"1.2": (1, 2)}, finish=False)
    client = client_for(world.staff)
    response = post_from_page(
        client,
        f"/skills/assessments/{assessment.pk}/areas/1/",
        area_form(
            skills_framework,
            s1_1={"current": current, "target": target},
            s1_2={"current": "3", "target": "4"},  # a good change on the same page
        )
        | {"next": "1"},
    )
    assert response.status_code == 200
    wrong = field_id(skills_framework, "1.1", field)
    assert field_error(response.content, wrong) == message
    assert error_summary(response.content) == [(message, f"#{wrong}")]
    assert "<title>Error: " in response.content.decode()
    # Nothing on the page was saved, not even the good change; the person's entries are kept.
    assert list(assessment.ratings.values_list("sub_area__number", "current", "target")) == [("1.2", 1, 2)]
    assert selected_value(response.content, field_id(skills_framework, "1.2", "current")) == "3"


def test_bad_evidence_links_and_comments_on_a_blank_sub_area_are_refused(
    world: World, skills_framework: Framework
) -> None:
    assessment = take_assessment(world.staff, skills_framework, {}, finish=False)
    client = client_for(world.staff)
    response = post_from_page(
        client,
        f"/skills/assessments/{assessment.pk}/areas/1/",
        area_form(
            skills_framework,
            s1_1={"current": "1", "target": "2", "links": "www.example.org/no-scheme"},
            s1_2={"current": "", "target": "", "priority": "high", "evidence": "A note"},
        ),
    )
    assert response.status_code == 200
    links_error = field_error(response.content, field_id(skills_framework, "1.1", "links"))
    assert links_error is not None
    assert "must be a web address starting with https://" in links_error
    assert field_error(response.content, field_id(skills_framework, "1.2", "current")) == (
        "Choose current and target levels, or clear the priority and comments"
    )
    assert not assessment.ratings.exists()


def test_finishing_needs_a_reflection_and_a_rating(world: World, skills_framework: Framework) -> None:
    client = client_for(world.staff)
    assessment = start(client, skills_framework)
    reflection_id = "id_reflection"

    # Nothing rated yet.
    response = post_from_page(client, f"/skills/assessments/{assessment.pk}/finish/", {"reflection": "Done"})
    assert response.status_code == 200
    assert field_error(response.content, reflection_id) == "Rate at least one sub-area before you finish"

    take_assessment(world.staff, skills_framework, {"1.1": (1, 3)}, finish=False)
    finish_page = client.get(f"/skills/assessments/{assessment.pk}/finish/")
    assert "You have rated 1 sub-area." in main_text(finish_page.content)
    for blank in ("", "   \n  "):
        response = post_from_page(client, f"/skills/assessments/{assessment.pk}/finish/", {"reflection": blank})
        assert response.status_code == 200
        assert field_error(response.content, reflection_id) == "Write a short reflection before you finish"
        assert error_summary(response.content) == [("Write a short reflection before you finish", "#id_reflection")]
    assessment.refresh_from_db()
    assert assessment.completed_on is None

    response = post_from_page(
        client, f"/skills/assessments/{assessment.pk}/finish/", {"reflection": "  Searching is my priority.  "}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/skills/assessments/{assessment.pk}/gaps/"
    assessment.refresh_from_db()
    assert assessment.completed_on is not None
    assert assessment.reflection == "Searching is my priority."
    assert not assessment.shared_with_manager  # only if the person ticks the box
    gaps = client.get(response["Location"])
    assert "Your self-assessment is finished. Here are your gaps." in main_text(gaps.content)


def test_a_finished_assessment_cannot_be_rated_again(world: World, skills_framework: Framework) -> None:
    assessment = take_assessment(world.staff, skills_framework, {"1.1": (1, 3)})
    client = client_for(world.staff)
    url = f"/skills/assessments/{assessment.pk}/areas/1/"

    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/skills/assessments/{assessment.pk}/"
    response = post_from_page(client, url, area_form(skills_framework, s1_1={"current": "4", "target": "4"}))
    assert response.status_code == 302
    assert list(assessment.ratings.values_list("current", "target")) == [(1, 3)]
    page = client.get(f"/skills/assessments/{assessment.pk}/")
    assert "This self-assessment is finished. Start a new one to rate your skills again." in main_text(page.content)
    assert "Rate each area" not in main_text(page.content)
    assert "Finish with a reflection" not in main_text(page.content)
    # Finishing again, from a finish page opened before it was finished, changes nothing either:
    # it is refused with the reflection saved beside the one sent (it used to be ignored with a 302).
    response = client.post(f"/skills/assessments/{assessment.pk}/finish/", {"reflection": "Again", "edit_version": "1"})
    assert response.status_code == 409
    assert "Again" in main_text(response.content)
    assert "I learnt where to focus." in main_text(response.content)
    assessment.refresh_from_db()
    assert assessment.reflection == "I learnt where to focus."
    # A new one can be started.
    home = client.get("/skills/")
    assert "Start a self-assessment" in main_text(home.content)


# --- Gaps, PDF, history ----------------------------------------------------------------------

RATED = {
    "1.1": (1, 2, "low"),  # gap 1; the role expects 4: role gap 3
    "1.2": (0, 3),  # gap 3, no priority
    "2.1": (2, 4, "high"),  # gap 2, high priority: first
    "2.2": (3, 3),  # no own gap, but the role expects 4: role gap 1
    "3.1": (4, 4, "medium"),  # no gap at all: not listed
}
GAP_HEADINGS = [
    "Sub-area",
    "Priority",
    "Current level",
    "Your target",
    "Gap to your target",
    "Your role expects",
    "Gap to your role",
]
EXPECTED_GAPS = [
    ["2.1 Health literacy", "High", "2 Working knowledge", "4 Expert", "2", "", ""],
    ["1.1 Literature searching", "Low", "1 Basic knowledge", "2 Working knowledge", "1", "4 Expert", "3"],
    ["1.2 Critical appraisal", "Not set", "0 No knowledge", "3 Extensive knowledge", "3", "", ""],
    [
        "2.2 Teaching searching skills",
        "Not set",
        "3 Extensive knowledge",
        "3 Extensive knowledge",
        "0",
        "4 Expert",
        "1",
    ],
]


def test_the_gaps_page_lists_gaps_by_priority_with_the_roles_expectation(
    world: World, skills_framework: Framework
) -> None:
    assessment = take_assessment(world.staff, skills_framework, RATED, role="clinical-librarian")
    client = client_for(world.staff)
    response = client.get(f"/skills/assessments/{assessment.pk}/gaps/")
    assert response.status_code == 200
    found = tables(response.content)
    gaps = found["Sub-areas with a gap"]
    assert gaps.head == [GAP_HEADINGS]
    assert gaps.rows == EXPECTED_GAPS
    assert found["Levels by area"].rows == [
        # area, rated, mean current, mean target, mean the role expects, sub-areas with a gap
        ["1. Finding evidence", "2", "0.5", "2.5", "4.0", "2"],
        ["2. Teaching and learning", "2", "2.5", "3.5", "4.0", "1"],
        ["3. Knowledge management", "1", "4.0", "4.0", "", "0"],
    ]
    page = response.content.decode()
    assert '<figure class="lksw-chart">' in page
    assert (
        "<svg" in page.split('<figure class="lksw-chart">', 1)[1].split("</figure>", 1)[0]
    )  # drawn, not a name  # the chart beside its table

    # The same figures in the gaps download.
    exported = client.get(f"/skills/assessments/{assessment.pk}/gaps/?format=csv&table=gaps")
    assert exported.status_code == 200
    assert exported["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.content.decode())))
    assert rows[0] == ["sub_area", "priority", "current", "target", "gap", "role_expects", "role_gap"]
    assert rows[1:] == EXPECTED_GAPS
    assert client.get(f"/skills/assessments/{assessment.pk}/gaps/?format=csv&table=people").status_code == 404


def test_no_gaps_says_so(world: World, skills_framework: Framework) -> None:
    assessment = take_assessment(world.staff, skills_framework, {"3.1": (3, 3)})
    response = client_for(world.staff).get(f"/skills/assessments/{assessment.pk}/gaps/")
    assert "No gaps: your current level meets your target" in main_text(response.content)


def test_the_pdf_for_appraisal_downloads(world: World, skills_framework: Framework) -> None:
    assessment = take_assessment(
        world.staff, skills_framework, RATED, role="clinical-librarian", reflection="Appraisal is my focus this year."
    )
    PlanAction.objects.create(person=world.staff, kind="learn", description="Take the appraisal course")
    response = client_for(world.staff).get(f"/skills/assessments/{assessment.pk}/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="self-assessment-{assessment.started_on:%Y-%m-%d}.pdf"'
    )
    assert response.content.startswith(b"%PDF")


@pytest.mark.skipif(not has_pdftotext(), reason="pdftotext (poppler-utils) is not installed")
def test_the_pdf_holds_the_ratings_gaps_reflection_and_plan(world: World, skills_framework: Framework) -> None:
    assessment = take_assessment(
        world.staff, skills_framework, RATED, role="clinical-librarian", reflection="Appraisal is my focus this year."
    )
    PlanAction.objects.create(person=world.staff, kind="learn", description="Take the appraisal course")
    text = " ".join(
        pdf_text(
            client_for(world.staff).get(f"/skills/assessments/{assessment.pk}/report.pdf").content, layout=False
        ).split()
    )
    for expected in (
        "Sam Staff",
        "Clinical librarian",
        "2.1 Health literacy",
        "1.2 Critical appraisal",
        "Appraisal is my focus this year.",
        "Take the appraisal course",
    ):
        assert expected in text, expected


def test_history_shows_the_change_between_two_finished_assessments(world: World, skills_framework: Framework) -> None:
    take_assessment(
        world.staff, skills_framework, {"1.1": (1, 3), "1.2": (0, 2), "2.1": (2, 3)}, completed_on=date(2024, 5, 1)
    )
    take_assessment(
        world.staff, skills_framework, {"1.1": (2, 3), "1.2": (2, 3), "3.1": (1, 2)}, completed_on=date(2025, 5, 1)
    )
    take_assessment(world.staff, skills_framework, {"1.1": (4, 4)}, finish=False)  # unfinished: not history
    take_assessment(world.colleague, skills_framework, {"1.1": (4, 4), "2.1": (4, 4)})  # someone else's
    client = client_for(world.staff)
    response = client.get("/skills/history/")
    table = tables(response.content)["Mean current level by area"]
    assert table.head == [["Area", "01 May 2024", "01 May 2025", "Change"]]
    assert table.rows == [
        ["1. Finding evidence", "0.5", "2.0", "+1.5"],
        ["2. Teaching and learning", "2.0", "", ""],
        ["3. Knowledge management", "", "1.0", ""],
    ]
    page = response.content.decode()
    assert '<figure class="lksw-chart">' in page
    assert "<svg" in page.split('<figure class="lksw-chart">', 1)[1].split("</figure>", 1)[0]  # drawn, not a name
    # The download has the same columns, and the figures as numbers a spreadsheet can use.
    exported = client.get("/skills/history/?format=csv")
    assert list(csv.reader(io.StringIO(exported.content.decode()))) == [
        ["Area", "01 May 2024", "01 May 2025", "Change"],
        ["1. Finding evidence", "0.5", "2.0", "1.5"],
        ["2. Teaching and learning", "2.0", "", ""],
        ["3. Knowledge management", "", "1.0", ""],
    ]


def test_a_fall_downloads_as_a_negative_number(world: World, skills_framework: Framework) -> None:
    take_assessment(world.staff, skills_framework, {"1.1": (3, 3)}, completed_on=date(2024, 5, 1))
    take_assessment(world.staff, skills_framework, {"1.1": (2, 3)}, completed_on=date(2025, 5, 1))
    client = client_for(world.staff)
    exported = client.get("/skills/history/?format=csv")
    assert list(csv.reader(io.StringIO(exported.content.decode())))[1] == ["1. Finding evidence", "3.0", "2.0", "-1.0"]
    sheet = client.get("/skills/history/?format=xlsx")
    rows = CalamineWorkbook.from_object(io.BytesIO(sheet.content)).get_sheet_by_index(0).to_python()
    assert rows[1] == ["1. Finding evidence", 3.0, 2.0, -1.0]


def test_two_assessments_finished_on_the_same_day_each_keep_their_column(
    world: World, skills_framework: Framework
) -> None:
    take_assessment(world.staff, skills_framework, {"1.1": (1, 3)})
    take_assessment(world.staff, skills_framework, {"1.1": (3, 3)})
    table = tables(client_for(world.staff).get("/skills/history/").content)["Mean current level by area"]
    assert len(table.head[0]) == 4
    assert table.head[0][1] != table.head[0][2]
    assert [row[1:] for row in table.rows] == [["1.0", "3.0", "+2.0"]]


def test_history_before_any_finished_assessment(world: World, skills_framework: Framework) -> None:
    response = client_for(world.staff).get("/skills/history/")
    assert "You have not finished a self-assessment yet." in main_text(response.content)


# --- Development plan ------------------------------------------------------------------------


def action_form(**changes: Any) -> dict[str, Any]:
    return {
        "kind": "learn",
        "description": "Take the literature searching course",
        "due_on": "31/3/2027",
        "status": "planned",
        "resource_url": "https://learning.example.org/searching",
    } | changes


BAD_ACTIONS = [
    ({"description": ""}, "description", "Describe the action"),
    ({"description": "x" * 501}, "description", None),
    ({"resource_url": "not a web address"}, "resource_url", "Enter a web address starting with https://"),
    ({"resource_url": "ftp://files.example.org/course"}, "resource_url", "Enter a web address starting with https://"),
    ({"due_on": "31/2/2027"}, "due_on", "Enter the due date as a real date, for example 31/3/2027"),
    ({"due_on": "next spring"}, "due_on", "Enter the due date as a real date, for example 31/3/2027"),
    ({"kind": "juggling"}, "kind", "Choose what kind of action this is"),
]
BAD_IDS = ["no-description", "too-long", "bad-url", "ftp-url", "31-february", "words-for-date", "unknown-kind"]


@pytest.mark.parametrize(("changes", "field", "message"), BAD_ACTIONS, ids=BAD_IDS)
def test_a_bad_plan_action_is_refused_by_its_field(
    world: World, skills_framework: Framework, changes: dict[str, str], field: str, message: str | None
) -> None:
    client = client_for(world.staff)
    response = client.post("/skills/plan/", action_form(**changes))
    assert response.status_code == 200
    shown = field_error(response.content, f"id_{field}")
    assert shown is not None
    if message:
        assert shown == message
    assert (shown, f"#id_{field}") in error_summary(response.content)
    assert not PlanAction.objects.exists()
    # What the person typed is kept for them to correct.
    assert field_value(response.content, "id_description") == action_form(**changes)["description"]


def test_a_plan_action_is_added_changed_and_removed(world: World, skills_framework: Framework) -> None:
    client = client_for(world.staff)
    searching = sub(skills_framework, "1.1")
    response = client.post("/skills/plan/", action_form(sub_areas=[str(searching.pk)]))
    assert response.status_code == 302
    assert response["Location"] == "/skills/plan/"
    action = PlanAction.objects.get(person=world.staff)
    page = client.get("/skills/plan/")
    assert "The action is added to your plan." in main_text(page.content)
    assert tables(page.content)["Actions in your plan"].rows == [
        [
            "Take the literature searching course (change)",
            "Learn (course, e-learning, webinar)",
            "1.1",
            "31 March 2027",
            "Planned",
            "Resource for Take the literature searching course",
        ]
    ]

    # The change page shows what is saved.
    edit = client.get(f"/skills/plan/{action.pk}/")
    assert field_value(edit.content, "id_description") == "Take the literature searching course"
    assert field_value(edit.content, "id_due_on") == "31/03/2027"
    assert selected_value(edit.content, "id_status") == "planned"

    # A bad change is refused by its field and changes nothing.
    bad = post_from_page(client, f"/skills/plan/{action.pk}/", action_form(description="", due_on="2027-13-01"))
    assert bad.status_code == 200
    assert field_error(bad.content, "id_description") == "Describe the action"
    assert field_error(bad.content, "id_due_on") == "Enter the due date as a real date, for example 31/3/2027"
    action.refresh_from_db()
    assert action.description == "Take the literature searching course"

    response = post_from_page(
        client,
        f"/skills/plan/{action.pk}/",
        action_form(description="Shadow a clinical librarian", kind="shadow", status="in_progress", due_on=""),
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.description, action.kind, action.status, action.due_on) == (
        "Shadow a clinical librarian",
        "shadow",
        "in_progress",
        None,
    )
    assert list(action.sub_areas.all()) == []

    response = post_from_page(client, f"/skills/plan/{action.pk}/remove/", page=f"/skills/plan/{action.pk}/")
    assert response.status_code == 302
    assert not PlanAction.objects.exists()
    assert "The action is removed from your plan." in main_text(client.get("/skills/plan/").content)
    # Someone else's action cannot be changed or removed.
    theirs = PlanAction.objects.create(person=world.colleague, kind="read", description="Cal's reading")
    assert client.post(f"/skills/plan/{theirs.pk}/", action_form()).status_code == 404
    assert client.post(f"/skills/plan/{theirs.pk}/remove/").status_code == 404
    assert PlanAction.objects.get(pk=theirs.pk).description == "Cal's reading"


def test_the_plan_downloads_with_formulas_made_harmless(world: World, skills_framework: Framework) -> None:
    client = client_for(world.staff)
    client.post("/skills/plan/", action_form(description='=HYPERLINK("https://evil.example","Click")'))
    exported = client.get("/skills/plan/?format=csv")
    assert exported.status_code == 200
    rows = list(csv.DictReader(io.StringIO(exported.content.decode())))
    assert rows[0]["description"] == '\'=HYPERLINK("https://evil.example","Click")'
    assert rows[0]["due_on"] == "31 March 2027"


# --- Sharing and who sees an individual's assessment -----------------------------------------

INDIVIDUAL_PAGES = (
    "/skills/assessments/{id}/",
    "/skills/assessments/{id}/gaps/",
    "/skills/assessments/{id}/report.pdf",
)


def person_in(organisation: Organisation) -> User:
    person: User = UserFactory.create(organisation=organisation, band="8a")
    return person


def statuses(client: Client, assessment: Assessment) -> set[int]:
    return {client.get(path.format(id=assessment.pk)).status_code for path in INDIVIDUAL_PAGES} | {
        client.get(f"/api/v1/skills/assessments/{assessment.pk}").status_code,
        client.get(f"/api/v1/skills/assessments/{assessment.pk}/gaps").status_code,
    }


def shared_with_manager(client: Client, organisation: str = "RAA") -> list[str]:
    response = client.get(f"/skills/teams/{organisation}/shared/")
    assert response.status_code == 200
    found = tables(response.content)
    return [row[0] for row in found["Shared self-assessments"].rows] if "Shared self-assessments" in found else []


def test_sharing_on_and_off_decides_what_the_manager_sees(world: World, skills_framework: Framework) -> None:
    assessment = take_assessment(world.staff, skills_framework, RATED, role="clinical-librarian", share=False)
    manager = client_for(world.manager)
    person = client_for(world.staff)

    assert statuses(manager, assessment) == {404}
    assert shared_with_manager(manager) == []
    page = person.get(f"/skills/assessments/{assessment.pk}/")
    assert "Only you can see this self-assessment." in main_text(page.content)

    shown = f"/skills/assessments/{assessment.pk}/"
    response = post_from_page(person, f"/skills/assessments/{assessment.pk}/sharing/", {"share": "yes"}, page=shown)
    assert response.status_code == 302
    page = person.get(response["Location"])
    assert "Your service manager can now see a copy of this self-assessment as it is today." in main_text(page.content)
    assert statuses(manager, assessment) == {200}
    assert shared_with_manager(manager) == ["Sam Staff"]
    gaps = manager.get(f"/skills/assessments/{assessment.pk}/gaps/")
    assert "Sam Staff's gaps" in main_text(gaps.content)
    assert tables(gaps.content)["Sub-areas with a gap"].rows == EXPECTED_GAPS
    assert "Plan actions to close your gaps" not in main_text(gaps.content)  # the plan is the person's
    # The manager can look, not change.
    assert manager.post(f"/skills/assessments/{assessment.pk}/sharing/", {"share": "no"}).status_code == 404
    assessment.refresh_from_db()
    assert assessment.shared_with_manager

    post_from_page(person, f"/skills/assessments/{assessment.pk}/sharing/", {"share": "no"}, page=shown)
    assert statuses(manager, assessment) == {404}
    assert shared_with_manager(manager) == []


def test_the_manager_never_sees_an_unshared_assessment_or_another_organisations(
    world: World, skills_framework: Framework
) -> None:
    unshared = take_assessment(world.colleague, skills_framework, {"1.1": (1, 2)}, share=False)
    outsiders = take_assessment(world.outsider, skills_framework, {"1.1": (1, 2)}, share=True)  # shared, in RAB
    manager = client_for(world.manager)
    assert statuses(manager, unshared) == {404}
    assert statuses(manager, outsiders) == {404}
    assert shared_with_manager(manager) == []
    assert manager.get("/skills/teams/RAB/shared/").status_code == 403
    # RAB's own manager does see the outsider's shared one.
    rab_manager = grant(person_in(world.london_b), Role.SERVICE_MANAGER, organisation=world.london_b)
    assert statuses(client_for(rab_manager), outsiders) == {200}
    assert shared_with_manager(client_for(rab_manager), "RAB") == ["Olu Outsider"]


@pytest.mark.parametrize("who", ["national", "regional_lead", "london_lead"])
def test_the_national_team_and_regional_leads_never_see_an_individuals_assessment(
    world: World, skills_framework: Framework, who: str
) -> None:
    assessment = take_assessment(world.staff, skills_framework, RATED, share=True)
    if who == "london_lead":  # leads the region Sam's organisation is in
        viewer = grant(world.regional_lead, Role.REGIONAL_LEAD, region=current_region("Y56"))
    else:
        viewer = getattr(world, who)
    client = client_for(viewer)
    assert statuses(client, assessment) == {404}
    for path in ("/skills/teams/RAA/shared/",):
        assert client.get(path).status_code == 403
