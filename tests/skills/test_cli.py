"""The skills commands: framework_load (a bad file exits 2 with every problem on stderr and changes
nothing), framework_export (what framework_load reads back), and skills_report (the roll-up as a
table, CSV or JSON with the exact columns, small groups suppressed; bad codes exit 2)."""

import csv
import io
import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lksworkforce.skills.framework_file import FrameworkSpec, parse_framework
from lksworkforce.skills.models import Area, Framework, RoleProfile, ScaleLevel, SubArea
from tests.conftest import World
from tests.factories import UserFactory
from tests.skills.conftest import FRAMEWORK_YAML, load_framework, take_assessment
from tests.skills.factories import DEFAULT_FRAMEWORK_FILE, REVISION_EXAMPLE_FILE

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


def run(command: str, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(command: str, *args: str) -> tuple[CommandError, str]:
    """The command's CommandError (whose returncode is the exit status) and what it wrote to stderr."""
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(command, *args, stdout=io.StringIO(), stderr=err)
    return raised.value, err.getvalue()


def written(tmp_path: Path, text: str, name: str = "framework.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def database() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (Framework, ScaleLevel, Area, SubArea, RoleProfile)}


def normalised(spec: FrameworkSpec) -> FrameworkSpec:
    """The order of role profiles and of a sub-area's mappings carries no meaning."""
    return replace(
        spec,
        sub_areas=tuple(replace(s, maps_to=tuple(sorted(s.maps_to))) for s in spec.sub_areas),
        role_profiles=tuple(sorted(spec.role_profiles, key=lambda p: p.key)),
    )


# --- framework_load --------------------------------------------------------------------------


def test_a_good_file_loads(tmp_path: Path) -> None:
    out, err = run("framework_load", written(tmp_path, FRAMEWORK_YAML))
    assert out == ""  # messages go to stderr
    assert err.strip() == "Loaded web-skills: 3 areas, 5 sub-areas, 5 scale levels, 2 role profiles."
    framework = Framework.objects.get(key="web-skills")
    assert framework.is_current
    assert list(framework.sub_areas.values_list("number", flat=True)) == ["1.1", "1.2", "2.1", "2.2", "3.1"]


NO_LEVELS = re.sub(r"scale:\n(  - .*\n)+", "scale: []\n", FRAMEWORK_YAML)
# Each bad file, and the start of every problem the command must print (in line order). A problem
# often brings others with it (a role expecting a level on an empty scale): all are listed.
BAD_FILES = {
    "duplicate-sub-area": (
        FRAMEWORK_YAML.replace('{number: "2.2", name: Teaching', '{number: "2.1", name: Teaching'),
        [
            "Line 20, sub-area 2.1: This sub-area number appears twice",
            "Line 23, role profile clinical-librarian: It expects a level in sub-area 2.2, which is not in the framework",
        ],
    ),
    "sub-area-without-area": (
        FRAMEWORK_YAML.replace('{number: "3.1"', '{number: "4.1"'),
        [
            "Line 21, sub-area 4.1: This sub-area has no area: there is no area 4",
            "Line 26, role profile knowledge-manager: It expects a level in sub-area 3.1, which is not in the framework",
        ],
    ),
    "scale-without-levels": (
        NO_LEVELS,
        [
            "Line 1, scale: The scale has no levels: give at least two, e.g. 0 and 4",
            "Line 18, role profile clinical-librarian: The level expected in 1.1 (4) is not on the scale",
            "Line 18, role profile clinical-librarian: The level expected in 2.2 (4) is not on the scale",
            "Line 21, role profile knowledge-manager: The level expected in 3.1 (3) is not on the scale",
        ],
    ),
    "scale-missing": (
        FRAMEWORK_YAML.replace("scale:\n", "levels:\n"),
        [
            "Line 1, 'levels': Unknown key; the keys are areas, current, description,",
            "Line 1: 'scale' is missing",
            "Line 23, role profile clinical-librarian: The level expected in 1.1 (4) is not on the scale",
            "Line 23, role profile clinical-librarian: The level expected in 2.2 (4) is not on the scale",
            "Line 26, role profile knowledge-manager: The level expected in 3.1 (3) is not on the scale",
        ],
    ),
    "every-kind-at-once": (
        NO_LEVELS.replace('{number: "2.2", name: Teaching', '{number: "2.1", name: Teaching').replace(
            '{number: "3.1"', '{number: "5.1"'
        ),
        [
            "Line 1, scale: The scale has no levels",
            "Line 15, sub-area 2.1: This sub-area number appears twice",
            "Line 16, sub-area 5.1: This sub-area has no area: there is no area 5",
            "Line 18, role profile clinical-librarian: The level expected in 1.1 (4) is not on the scale",
            "Line 18, role profile clinical-librarian: It expects a level in sub-area 2.2, which is not in the framework",
            "Line 18, role profile clinical-librarian: The level expected in 2.2 (4) is not on the scale",
            "Line 21, role profile knowledge-manager: It expects a level in sub-area 3.1, which is not in the framework",
            "Line 21, role profile knowledge-manager: The level expected in 3.1 (3) is not on the scale",
        ],
    ),
    "not-yaml": ("key: [unclosed\n", ["Line 2: The file is not valid YAML"]),
    "empty": ("", ["The file is empty or is not a framework definition"]),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_bad_file_exits_2_with_every_problem_and_changes_nothing(tmp_path: Path, db: None, kind: str) -> None:
    text, expected = BAD_FILES[kind]
    before = database()
    error, err = refused("framework_load", written(tmp_path, text))
    assert error.returncode == 2
    lines = err.strip().splitlines()
    assert len(lines) == len(expected), err
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(start), (line, start)
    errors = f"{len(expected)} error" + ("s" if len(expected) != 1 else "")
    assert f"The framework was not loaded: {errors}. Nothing was changed." == str(error)
    assert database() == before


def test_a_mapping_to_a_missing_sub_area_exits_2_and_changes_nothing(tmp_path: Path) -> None:
    run("framework_load", written(tmp_path, FRAMEWORK_YAML))
    revision = (
        FRAMEWORK_YAML.replace("key: web-skills", "key: web-skills-2026\nprevious: web-skills")
        .replace('{number: "1.1", name: Literature searching', '{number: "1.1", maps_to: ["1.1"], name: Searching')
        .replace(
            '{number: "1.2", name: Critical appraisal}', '{number: "1.2", maps_to: ["1.9", "6.3"], name: Appraisal}'
        )
    )
    before = database()
    error, err = refused("framework_load", written(tmp_path, revision, "revision.yaml"))
    assert error.returncode == 2
    assert err.strip().splitlines() == [
        "Line 19, sub-area 1.2: It maps to 1.9, which is not in web-skills",
        "Line 19, sub-area 1.2: It maps to 6.3, which is not in web-skills",
    ]
    assert database() == before
    assert not Framework.objects.filter(key="web-skills-2026").exists()
    assert Framework.objects.get(key="web-skills").is_current  # the old one stays current


def test_problems_in_the_file_and_missing_mappings_are_listed_together(tmp_path: Path) -> None:
    run("framework_load", written(tmp_path, FRAMEWORK_YAML))
    revision = (
        FRAMEWORK_YAML.replace("key: web-skills", "key: web-skills-2026\nprevious: web-skills")
        .replace('{number: "1.2", name: Critical appraisal}', '{number: "1.2", maps_to: ["1.9"], name: Appraisal}')
        .replace('{number: "2.2", name: Teaching', '{number: "2.1", name: Teaching')
    )
    before = database()
    error, err = refused("framework_load", written(tmp_path, revision, "revision.yaml"))
    assert error.returncode == 2
    assert "Line 21, sub-area 2.1: This sub-area number appears twice" in err.splitlines()
    assert "Line 19, sub-area 1.2: It maps to 1.9, which is not in web-skills" in err.splitlines()
    assert database() == before


def test_a_missing_or_unreadable_file_exits_2(tmp_path: Path) -> None:
    error, _err = refused("framework_load", str(tmp_path / "nowhere.yaml"))
    assert error.returncode == 2
    assert str(error) == f"No such file: {tmp_path / 'nowhere.yaml'}"
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(
        FRAMEWORK_YAML.replace("Literature searching", "Recherche bibliographique à l'hôpital").encode("latin-1")
    )
    error, err = refused("framework_load", str(latin))
    assert error.returncode == 2
    assert err.strip() == "The file's text could not be read: save it as UTF-8"
    assert str(error) == "The framework was not loaded: 1 error. Nothing was changed."
    assert not Framework.objects.exists()


def test_the_real_command_exits_2_with_the_problems_on_stderr(tmp_path: Path) -> None:
    """As a script sees it: exit status 2, every problem on stderr, nothing on stdout."""
    path = written(tmp_path, BAD_FILES["every-kind-at-once"][0])
    environment = os.environ | {"DJANGO_SETTINGS_MODULE": "lksworkforce.config.settings.test"}
    result = subprocess.run(  # noqa: S603 - our own command on our own file
        [sys.executable, "-m", "lksworkforce.manage", "framework_load", path],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    for start in BAD_FILES["every-kind-at-once"][1]:
        assert start in result.stderr
    assert "Nothing was changed." in result.stderr


# --- framework_export ------------------------------------------------------------------------


def test_export_then_load_round_trips(tmp_path: Path) -> None:
    run("framework_load", str(DEFAULT_FRAMEWORK_FILE))
    exported, _err = run("framework_export", "lks-skills-2021")
    assert normalised(parse_framework(exported)) == normalised(parse_framework(DEFAULT_FRAMEWORK_FILE.read_text()))

    # Loading the export over the framework changes nothing, and exports the same file again.
    before = database()
    run("framework_load", written(tmp_path, exported, "export.yaml"))
    assert database() == before
    assert run("framework_export", "lks-skills-2021")[0] == exported

    # Loaded under a fresh key, it is the same framework.
    copy = exported.replace("key: lks-skills-2021", "key: lks-skills-copy", 1)
    run("framework_load", written(tmp_path, copy, "copy.yaml"))
    assert run("framework_export", "lks-skills-copy")[0] == copy
    assert SubArea.objects.filter(framework__key="lks-skills-copy").count() == before["SubArea"]


def test_a_revision_with_mappings_round_trips(tmp_path: Path) -> None:
    run("framework_load", str(DEFAULT_FRAMEWORK_FILE))
    run("framework_load", str(REVISION_EXAMPLE_FILE))
    key = parse_framework(REVISION_EXAMPLE_FILE.read_text()).key
    exported, _err = run("framework_export", key)
    spec = parse_framework(exported)
    assert normalised(spec) == normalised(parse_framework(REVISION_EXAMPLE_FILE.read_text()))
    assert spec.previous == "lks-skills-2021"
    assert any(s.maps_to for s in spec.sub_areas)


def test_exporting_an_unknown_framework_exits_2(skills_framework: Framework) -> None:
    error, _err = refused("framework_export", "no-such-framework")
    assert error.returncode == 2
    assert str(error) == "No framework 'no-such-framework'. Loaded: web-skills"


# --- skills_report ---------------------------------------------------------------------------


def build(world: World, north_west: int = 5) -> None:
    """Five people in RAA, five in RAB (London), `north_west` in RBA, each rating 1.1 and 2.1."""
    framework = load_framework()
    raa = [
        world.staff,
        world.colleague,
        world.manager,
        *(UserFactory.create(organisation=world.london_a) for _ in range(2)),
    ]
    rab = [world.outsider, *(UserFactory.create(organisation=world.london_b) for _ in range(4))]
    rba = [world.curator, *(UserFactory.create(organisation=world.north_west) for _ in range(north_west - 1))]
    for person, first in zip(raa, [(1, 3), (2, 3), (3, 3), (2, 4), (2, 2)], strict=True):
        take_assessment(person, framework, {"1.1": first, "2.1": (0, 1)})
    for person in rab:
        take_assessment(person, framework, {"1.1": (4, 4), "2.1": (1, 2)})
    for person in rba:
        take_assessment(person, framework, {"1.1": (0, 4), "2.1": (0, 4)})


AREAS = {"1": "1. Finding evidence", "2": "2. Teaching and learning", "3": "3. Knowledge management"}
HIDDEN = ["fewer than 5", "", "", ""]


def expected(scope: tuple[str, str], rows: list[tuple[str, str, str, list[str]]]) -> list[dict[str, str]]:
    return [
        dict(zip(COLUMNS, [*scope, code, name, item, AREAS[item], *figures], strict=True))
        for code, name, item, figures in rows
    ]


def report(*args: str) -> list[dict[str, str]]:
    out, _err = run("skills_report", *args, "--format", "csv")
    assert out.splitlines()[0] == ",".join(COLUMNS)
    return list(csv.DictReader(io.StringIO(out)))


def test_the_report_for_england(world: World) -> None:
    build(world, north_west=2)
    # Worked by hand: 12 people. Area 1: current 10 + 20 + 0 = 30 / 12 = 2.5; target 15 + 20 + 8 = 43 / 12 = 3.58;
    # with a gap 3 + 0 + 2 = 5 / 12. Area 2: current 5 / 12 = 0.42; target 23 / 12 = 1.92; everyone has a gap.
    assert report("--by", "nation") == expected(
        ("ENG", "England"),
        [
            ("", "All", "1", ["12", "2.5", "3.6", "41.7"]),
            ("", "All", "2", ["12", "0.4", "1.9", "100.0"]),
            ("", "All", "3", HIDDEN),  # nobody rated it
        ],
    )


def test_the_report_by_organisation_in_a_region(world: World) -> None:
    build(world)
    london = ("Y56", "London")
    alpha, beta = ("RAA", "Alpha Hospitals NHS Trust"), ("RAB", "Beta Mental Health NHS Trust")
    assert report("--by", "organisation", "--code", "Y56") == expected(
        london,
        [
            ("", "All", "1", ["10", "3.0", "3.5", "30.0"]),
            (*alpha, "1", ["5", "2.0", "3.0", "60.0"]),
            (*beta, "1", ["5", "4.0", "4.0", "0.0"]),
            ("", "All", "2", ["10", "0.5", "1.5", "100.0"]),
            (*alpha, "2", ["5", "0.0", "1.0", "100.0"]),
            (*beta, "2", ["5", "1.0", "2.0", "100.0"]),
            ("", "All", "3", HIDDEN),
            (*alpha, "3", HIDDEN),
            (*beta, "3", HIDDEN),
        ],
    )
    # One organisation's own report, by sub-area.
    rows = report("--by", "organisation", "--code", "RAA", "--level", "sub_area")
    assert {(r["scope_code"], r["scope_name"]) for r in rows} == {("RAA", "Alpha Hospitals NHS Trust")}
    assert [(r["group_name"], r["item"], r["people"], r["mean_current"]) for r in rows if r["item"] == "1.1"] == [
        ("All", "1.1", "5", "2.0"),
        ("Alpha Hospitals NHS Trust", "1.1", "5", "2.0"),
    ]
    assert [r["item_name"] for r in rows if r["group_name"] == "All"] == [
        "1.1 Literature searching",
        "1.2 Critical appraisal",
        "2.1 Health literacy",
        "2.2 Teaching searching skills",
        "3.1 Knowledge capture",
    ]


def test_the_report_by_region_hides_the_small_region_and_its_complement(world: World) -> None:
    build(world, north_west=2)
    rows = {r["group_code"]: r for r in report("--by", "region") if r["item"] == "1"}
    assert (rows[""]["people"], rows[""]["mean_current"]) == ("12", "2.5")
    # North West has 2 people: hidden; London would then be the total less nothing hidden, so it is hidden too.
    assert [rows["Y62"][f] for f in COLUMNS[6:]] == ["fewer than 5", "", "", ""]
    assert not rows["Y56"]["people"].isdigit()
    assert [rows["Y56"][f] for f in COLUMNS[7:]] == ["", "", ""]


def test_json_and_table_carry_the_same_rows(world: World) -> None:
    build(world)
    rows = report("--by", "organisation", "--code", "Y56")
    out, err = run("skills_report", "--by", "organisation", "--code", "Y56", "--format", "json")
    assert json.loads(out) == {
        "framework": "web-skills",
        "by": "organisation",
        "code": "Y56",
        "level": "area",
        "threshold": 5,
        "figures_as_of": None,  # published before snapshots were dated (the world is set up published)
        "rows": rows,
    }
    assert err.strip().splitlines() == [
        "Figures as last published. They are updated only when at least 5 more people in a team have finished "
        "a self-assessment, so that nobody's answers can be worked out by comparing the figures before and after.",
        "Groups of fewer than 5 people are shown as 'fewer than 5'.",
    ]
    table, _err = run("skills_report", "--by", "organisation", "--code", "Y56")
    lines = table.splitlines()
    assert lines[0].split() == COLUMNS
    assert len(lines) == 1 + len(rows)
    assert lines[2].split()[:2] == ["Y56", "London"]
    assert lines[2].split()[2] == "RAA"
    assert lines[2].split()[-4:] == ["5", "2.0", "3.0", "60.0"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "region", "--code", "ZZZ"], "No region with the code ZZZ"),
        (["--by", "region", "--code", "RAA"], "No region with the code RAA"),
        (["--by", "organisation", "--code", "ZZZ"], "No region or organisation with the code ZZZ"),
        (["--by", "nation", "--code", "Y56"], "--code narrows a region or organisation report; --by nation has none"),
        (["--framework", "no-such-framework"], "No framework no-such-framework"),
    ],
    ids=["unknown-region", "organisation-as-region", "unknown-organisation", "code-for-nation", "unknown-framework"],
)
def test_bad_arguments_exit_2(world: World, args: list[str], message: str) -> None:
    build(world)
    error, _err = refused("skills_report", *args)
    assert error.returncode == 2
    assert str(error) == message


def test_no_framework_exits_2(db: None) -> None:
    error, _err = refused("skills_report")
    assert error.returncode == 2
    assert str(error) == "No framework has been loaded"


def test_help_describes_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("framework_load", "framework_export", "skills_report"):
        with pytest.raises(SystemExit) as exited:
            call_command(command, "--help")
        assert exited.value.code == 0
    assert "--format {table,csv,json}" in capsys.readouterr().out
