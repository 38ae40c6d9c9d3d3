"""Survey definitions: `lksw survey_load FILE` and `lksw survey_export KEY`, the question bank that
carries keys across cycles, and bad definitions rejected whole with every problem's line and field."""

import io
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from lksworkforce.core.models import AuditEvent
from lksworkforce.core.problems import Rejected
from lksworkforce.surveys.definition import definition_to_yaml, parse_definition
from lksworkforce.surveys.demo.plan import demo_survey_definitions
from lksworkforce.surveys.models import Option, Question, Section, Survey, SurveyOption, SurveyQuestion
from lksworkforce.surveys.selectors import survey_definition
from tests.surveys.factories import EXAMPLES, load_example, load_survey, people, respond, small_definition


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def rejected(*args: str) -> tuple[CommandError, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(*args, stdout=io.StringIO(), stderr=err)
    return raised.value, err.getvalue()


def write(tmp_path: Path, text: str, name: str = "survey.yaml") -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def structure_counts() -> dict[str, int]:
    return {
        "surveys": Survey.objects.count(),
        "questions": Question.objects.count(),
        "options": Option.objects.count(),
        "sections": Section.objects.count(),
        "asked": SurveyQuestion.objects.count(),
        "offered": SurveyOption.objects.count(),
    }


def test_the_examples_load_and_export_back_as_they_were(db: None, tmp_path: Path) -> None:
    _out, err = run("survey_load", str(EXAMPLES / "survey-dns-2017.yaml"))
    assert "Loaded survey dns-2017 (Development needs survey 2017): 5 sections, 15 questions" in err
    _out, err = run("survey_load", str(EXAMPLES / "survey-dns-2019.yaml"))
    # 2019 asks the same 15 questions: only its three new needs and NHS England's seven regions
    # (in place of 2018's four geographies) join the bank.
    assert "0 new questions and 10 new options in the question bank" in err
    out, _err = run("survey_export", "dns-2019")
    assert out == (EXAMPLES / "survey-dns-2019.yaml").read_text()
    assert parse_definition(out.encode(), filename="x.yaml") == parse_definition(
        (EXAMPLES / "survey-dns-2019.yaml").read_bytes(), filename="x.yaml"
    )
    # Loading the export again changes nothing but the audit trail.
    before = structure_counts()
    run("survey_load", write(tmp_path, out))
    assert structure_counts() == before
    assert AuditEvent.objects.filter(action="survey.loaded").count() == 3


def test_the_documented_examples_are_the_demo_definitions() -> None:
    for definition in demo_survey_definitions()[:2]:
        assert (EXAMPLES / f"survey-{definition.key}.yaml").read_text() == definition_to_yaml(definition)


def test_keys_carry_across_cycles_when_wording_and_order_change(db: None) -> None:
    load_example("dns-2017")
    load_example("dns-2019")
    needs = Question.objects.get(key="development_needs")
    asked = {sq.survey.key: sq for sq in SurveyQuestion.objects.filter(question=needs).select_related("survey")}
    assert asked["dns-2017"].text == "Which of these areas do you want to develop?"
    assert asked["dns-2019"].text == "Which of these would you like to develop over the next two years?"
    # One bank option, worded as each cycle asked it, at a different place in each cycle.
    marketing = Option.objects.get(question=needs, key="marketing_and_promotion")
    offered = {so.survey_question.survey.key: so for so in SurveyOption.objects.filter(option=marketing)}
    assert offered["dns-2017"].label == "Marketing and promotion"
    assert offered["dns-2019"].label == "Marketing and promoting services"
    assert offered["dns-2017"].position != offered["dns-2019"].position
    # Dropped in 2019, still in the bank (so 2017's answers keep their meaning).
    systems = Option.objects.get(question=needs, key="library_management_systems")
    assert not SurveyOption.objects.filter(option=systems, survey_question__survey__key="dns-2019").exists()
    compare_with = Survey.objects.get(key="dns-2019").compare_with
    assert compare_with is not None
    assert compare_with.key == "dns-2017"


def test_a_survey_with_answers_keeps_its_answered_questions_and_options(db: None) -> None:
    survey = load_survey()
    respond(survey, people(1, band="6", needs="searching;impact"))
    without_impact = small_definition(
        needs=[("searching", "Literature searching"), ("appraisal", "Critical appraisal")]
    )
    with pytest.raises(Rejected) as raised:
        load_survey(without_impact)
    assert [(e.field, e.value) for e in raised.value.problems] == [("question needs.options", "impact")]
    # Rewording is fine.
    load_survey(small_definition(needs_text="What do you want to learn?"))
    assert SurveyQuestion.objects.get(survey=survey, question__key="needs").text == "What do you want to learn?"


def test_a_key_keeps_its_type_across_cycles(db: None, tmp_path: Path) -> None:
    load_survey()
    changed = (
        small_definition(key="test-survey-2", cycle=2027)
        .replace("      - key: cpd_hours\n        type: number", "      - key: cpd_hours\n        type: free_text")
        .replace("        min: 0\n        max: 1000\n        unit: hours\n", "")
    )
    error, err = rejected("survey_load", write(tmp_path, changed))
    assert error.returncode == 2
    assert "question cpd_hours, value 'free_text': In the question bank cpd_hours is a number question" in err
    assert Survey.objects.count() == 1


BAD_DEFINITION = """key: Bad Key
title: A bad survey
cycle: 1999
opens_on: 2019-05-01
closes_on: 2019-04-01
colour: blue
sections:
  - title: First
    questions:
      - key: needs
        type: multiple_choice
        text: Needs?
        options:
          - {key: searching, label: Searching}
          - {key: searching, label: Appraisal}
          - {key: other, label: searching}
      - key: needs
        type: multi_choice
        text: Again?
      - key: age
        type: number
        text: Age?
        min: lots
        options:
          - {key: young, label: Young}
      - key: feeling
        type: likert
        text: How do you feel?
        options:
          - {key: bad, label: Bad}
          - {key: good, label: Good, score: 2}
"""


def test_a_bad_definition_is_rejected_whole_with_every_line_and_field(db: None, tmp_path: Path) -> None:
    error, err = rejected("survey_load", write(tmp_path, BAD_DEFINITION))
    assert error.returncode == 2
    assert "Nothing was changed" in str(error)
    expected = [
        "Line 1, key, value 'Bad Key': A survey key is 2 to 60 lower-case letters, digits and hyphens, like dns-2019",
        "Line 3, cycle, value '1999': The cycle must be a year from 2000 to 2100",
        "Line 5, closes_on, value '2019-04-01': The survey must close on or after the day it opens",
        "Line 6, colour, value 'colour': Unknown field. Expected one of:",
        "Line 15, sections[1].questions[1].options[2].key, value 'searching': Duplicate option key: already on line 14",
        "Line 16, sections[1].questions[1].options[3].label, value 'searching': Duplicate option: already on line 14",
        "Line 18, sections[1].questions[2].type, value 'multi_choice': Unknown question type. Use one of: single_choice, multiple_choice, ranking, likert, number, free_text",
        "Line 23, sections[1].questions[3].min, value 'lots': Write a number",
        "Line 24, sections[1].questions[3].options: A number question has no options",
        "Line 30, sections[1].questions[4].options[1].score: Each point of a Likert scale needs a score",
    ]
    for line in expected:
        assert line in err, f"{line!r} not in:\n{err}"
    assert structure_counts() == dict.fromkeys(structure_counts(), 0)


def test_duplicate_question_keys_are_reported_with_both_lines(db: None) -> None:
    text = small_definition().replace("      - key: cpd_hours", "      - key: needs")
    with pytest.raises(Rejected) as raised:
        load_survey(text)
    [error] = [e for e in raised.value.problems if "Duplicate question key" in e.reason]
    first_line = text.splitlines().index("      - key: needs") + 1
    assert error.reason == f"Duplicate question key: already on line {first_line}"
    assert error.field == "question needs"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "The file is empty: it defines no survey"),
        ("key: [unclosed", "The file is not valid YAML"),
        ("- just\n- a list\n", "Expected a mapping of fields (name: value)"),
        (
            "key: load\ntitle: T\ncycle: 2020\nopens_on: 2020-01-01\ncloses_on: 2020-02-01\n",
            "the name of a page of the service",
        ),
        (
            "key: x-1\ntitle: T\ncycle: 2020\nopens_on: 2020-01-01\ncloses_on: 2020-02-01\n",
            "a survey has at least one section",
        ),
        (
            "key: x-1\ntitle: T\ncycle: twenty\nopens_on: 1 May\ncloses_on: 2020-02-01\nsections: []\n",
            "The cycle is a year",
        ),
    ],
)
def test_unreadable_definitions_say_why(db: None, text: str, reason: str) -> None:
    with pytest.raises(Rejected) as raised:
        parse_definition(text.encode(), filename="s.yaml")
    assert any(reason in e.reason for e in raised.value.problems), raised.value.problems


def test_only_yaml_files_are_read(db: None, tmp_path: Path) -> None:
    error, err = rejected("survey_load", write(tmp_path, small_definition(), "survey.csv"))
    assert error.returncode == 2
    assert "A survey definition is a YAML file" in err
    error, _err = rejected("survey_load", str(tmp_path / "missing.yaml"))
    assert error.returncode == 2


def test_export_of_an_unknown_survey_exits_2(db: None) -> None:
    error, _err = rejected("survey_export", "no-such-survey")
    assert error.returncode == 2
    assert "No survey with key no-such-survey" in str(error)


def test_the_export_is_yaml_the_loader_reads(db: None) -> None:
    survey = load_survey()
    exported = definition_to_yaml(survey_definition(survey))
    document = yaml.safe_load(exported)
    assert document["key"] == "test-survey"
    assert [q["key"] for s in document["sections"] for q in s["questions"]] == [
        "band", "role", "region", "organisation_type", "needs", "priorities", "other_needs", "framework_use", "cpd_hours",
    ]  # fmt: skip
    assert parse_definition(exported.encode(), filename="x.yaml") == survey_definition(survey)
