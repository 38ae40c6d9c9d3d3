"""Hostile YAML to the commands and pages that read it (skills frameworks, survey definitions):
nesting 100,000 deep, merge keys, aliases, NUL characters, 5,000-digit numbers and impossible
dates are refused with a clear reason and exit status 2 (a 200 page with the reason on the web),
and nothing changes. Before, they were RecursionError, ConstructorError and ValueError tracebacks."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from markupsafe import escape

from lksworkforce.core.models import AuditEvent
from lksworkforce.core.yaml_screen import MAX_DEPTH, YamlRefusedError, screen_yaml
from lksworkforce.skills.models import Framework
from lksworkforce.surveys.models import Survey
from tests.conftest import World, client_for
from tests.skills.routes import FRAMEWORK
from tests.surveys.factories import small_definition

DEEP = "[" * 100_000 + "]" * 100_000
HUGE = "9" * 5000


def _with(text: str, extra: str) -> str:
    return text + extra


# What each hostile addition to a valid file does, and the reason given for it.
HOSTILE = {
    "deep nesting": ("\nextra: " + DEEP + "\n", f"nested more than {MAX_DEPTH} deep"),
    "merge key": ("\nextra:\n  <<: {a: 1}\n", "Merge keys (<<) are not allowed"),
    "alias": ("\nbase: &b {a: 1}\nextra: *b\n", "Aliases (*name) are not allowed"),
    "escaped NUL": ('\nextra: "a\\0b"\n', "NUL character"),
    "raw NUL": ("\nextra: a\x00b\n", "NUL character"),
    "5,000-digit number": (f"\nextra: {HUGE}\n", "A number is longer than 20 characters"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_the_screen_refuses_each_with_its_line(case: str) -> None:
    addition, reason = HOSTILE[case]
    with pytest.raises(YamlRefusedError) as refused:
        screen_yaml("key: value\n" + addition)
    assert reason in refused.value.reason
    assert refused.value.line is not None
    assert refused.value.line >= 2


def test_ordinary_files_pass_the_screen() -> None:
    screen_yaml(FRAMEWORK)
    screen_yaml(small_definition())
    screen_yaml("key: [\n")  # not YAML at all: left for the reader to report with its line


def _command(name: str, path: Path) -> tuple[CommandError, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(name, str(path), stdout=io.StringIO(), stderr=err)
    return raised.value, err.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("case", [*HOSTILE, "impossible date"])
def test_framework_load_refuses_hostile_yaml_with_exit_2(tmp_path: Path, case: str) -> None:
    addition, reason = HOSTILE.get(case, ("\nloaded_on: 2025-02-30\n", "A value cannot be read"))
    if case == "impossible date":
        text = FRAMEWORK + addition
    else:
        # Inside a known entry, so the framework checker would otherwise read it.
        text = FRAMEWORK.replace(
            "key: matrix-skills", "key: matrix-skills" + addition.replace("extra", "description"), 1
        )
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    error, err = _command("framework_load", path)
    assert error.returncode == 2
    assert reason in err
    assert "Nothing was changed" in str(error)
    assert not Framework.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("case", HOSTILE)
def test_survey_load_refuses_hostile_yaml_with_exit_2(tmp_path: Path, case: str) -> None:
    addition, reason = HOSTILE[case]
    path = tmp_path / "survey.yaml"
    path.write_text(small_definition() + addition, encoding="utf-8")
    error, err = _command("survey_load", path)
    assert error.returncode == 2
    assert reason in err
    assert not Survey.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("case", HOSTILE)
def test_the_load_page_shows_the_reason_and_changes_nothing(world: World, case: str) -> None:
    addition, reason = HOSTILE[case]
    upload = io.BytesIO((small_definition() + addition).encode())
    upload.name = "survey.yaml"
    response = client_for(world.national).post("/surveys/load/", {"file": upload})
    assert response.status_code == 200
    assert str(escape(reason)) in response.content.decode()
    assert not Survey.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("bound", ['"1e999"', '"' + HUGE + '"', '"NaN"', "1.0e+400"])
def test_a_number_question_bound_that_no_column_holds_is_refused(tmp_path: Path, bound: str) -> None:
    text = small_definition().replace("min: 0", f"min: {bound}", 1)
    assert f"min: {bound}" in text
    path = tmp_path / "survey.yaml"
    path.write_text(text, encoding="utf-8")
    error, err = _command("survey_load", path)
    assert error.returncode == 2
    assert "Write a number" in err
    assert not Survey.objects.exists()
