"""Framework files: the shipped default and the revision example read; dump and parse round-trip;
a bad file is rejected whole with every problem, each on its line; the format document agrees."""

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.skills.framework_file import (
    FORMAT,
    TOP_LEVEL,
    AreaSpec,
    FrameworkSpec,
    LevelSpec,
    RoleProfileSpec,
    SubAreaSpec,
    dump_framework,
    parse_framework,
)
from lksworkforce.skills.levels import area_of, sub_area_sort_key
from tests.skills.factories import DEFAULT_FRAMEWORK_FILE, REVISION_EXAMPLE_FILE, ROOT

FORMAT_DOC = ROOT / "docs" / "formats" / "skills-framework.md"

# DOMAIN.md, section 2: the 13 areas of the 2021 revision, in order.
AREAS_2021 = (
    "Collection management and development",
    "Data management",
    "Information exploitation and use",
    "Information governance and compliance",
    "Information management",
    "Knowledge management",
    "Literacies and learning",
    "Records management and archiving",
    "Research",
    "Customer focus, service design and marketing",
    "Leadership, advocacy, influencing and personal effectiveness",
    "Strategy, planning and management",
    "Technology and communication",
)


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(Rejected) as rejected:
        parse_framework(text)
    return rejected.value.problems


def reasons(text: str) -> list[str]:
    return [f"{(p.field or 'file')}: {p.reason}" for p in problems_of(text)]


# A small valid file; the bad files below change one thing in it.
GOOD = """\
format: lks-skills-framework/1
key: test-skills
name: Test framework
version: "1"
scale:
  - level: 0
    label: No knowledge
  - level: 4
    label: Expert
areas:
  - number: 1
    name: Finding evidence
  - number: 2
    name: Teaching
sub_areas:
  - number: "1.1"
    name: Literature searching
  - number: "1.2"
    name: Critical appraisal
  - number: "2.1"
    name: Health literacy
role_profiles:
  - key: clinical-librarian
    name: Clinical librarian
    expects:
      "1.1": 4
"""


WITHOUT_ROLES = GOOD.split("role_profiles:", 1)[0]


def line_of(text: str, fragment: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if fragment in line)


# --- The shipped files ---------------------------------------------------------------------------


def test_the_default_framework_has_the_13_areas_of_2021_in_order() -> None:
    spec = parse_framework(DEFAULT_FRAMEWORK_FILE.read_text())

    assert spec.key == "lks-skills-2021"
    assert spec.current is True
    assert spec.previous is None
    assert [(a.number, a.name) for a in spec.areas] == list(enumerate(AREAS_2021, start=1))
    assert all(a.description for a in spec.areas)


def test_the_default_framework_has_described_sub_areas_in_every_area() -> None:
    spec = parse_framework(DEFAULT_FRAMEWORK_FILE.read_text())

    assert 60 <= len(spec.sub_areas) <= 75
    for area in spec.areas:
        numbers = [s.number for s in spec.sub_areas if s.area == area.number]
        assert 4 <= len(numbers) <= 7, area
        assert numbers == [f"{area.number}.{n}" for n in range(1, len(numbers) + 1)]
    assert all(s.description and s.name for s in spec.sub_areas)
    assert len({s.name for s in spec.sub_areas}) == len(spec.sub_areas)


def test_the_default_scale_is_0_to_4_with_labels_and_descriptions() -> None:
    spec = parse_framework(DEFAULT_FRAMEWORK_FILE.read_text())

    assert [(lv.value, lv.label) for lv in spec.scale] == [
        (0, "No knowledge"),
        (1, "Basic knowledge"),
        (2, "Working knowledge"),
        (3, "Extensive knowledge"),
        (4, "Expert"),
    ]
    assert all(lv.description for lv in spec.scale)


def test_the_default_role_profiles_expect_plausible_levels() -> None:
    spec = parse_framework(DEFAULT_FRAMEWORK_FILE.read_text())
    profiles = {p.key: p for p in spec.role_profiles}

    assert {
        "clinical-librarian",
        "knowledge-manager",
        "library-assistant",
        "service-manager",
        "outreach-librarian",
    } <= set(profiles)
    for profile in profiles.values():
        assert 10 <= len(profile.expects) <= 25, profile.key
    expects = {key: dict(p.expects) for key, p in profiles.items()}
    # A clinical librarian is expected to be strong in searching; an assistant in customer service;
    # the service manager in strategy and budgets, which an assistant is not expected to rate.
    assert expects["clinical-librarian"]["3.1"] > expects["library-assistant"]["3.1"]
    assert expects["library-assistant"]["10.5"] >= 3
    assert expects["service-manager"]["12.2"] >= 3
    assert "12.2" not in expects["library-assistant"]


def test_the_revision_example_maps_to_sub_areas_of_the_default() -> None:
    default = parse_framework(DEFAULT_FRAMEWORK_FILE.read_text())
    revision = parse_framework(REVISION_EXAMPLE_FILE.read_text())

    assert revision.previous == default.key
    assert revision.current is False
    assert "EXAMPLE" in REVISION_EXAMPLE_FILE.read_text()
    earlier = {s.number for s in default.sub_areas}
    mapped = [n for s in revision.sub_areas for n in s.maps_to]
    assert mapped
    assert set(mapped) <= earlier
    # It shows each kind of mapping: merged, split and new.
    assert any(len(s.maps_to) > 1 for s in revision.sub_areas)
    assert len(mapped) > len(set(mapped))
    assert any(not s.maps_to for s in revision.sub_areas)


@pytest.mark.parametrize("path", [DEFAULT_FRAMEWORK_FILE, REVISION_EXAMPLE_FILE], ids=["default", "revision"])
def test_the_shipped_files_round_trip(path: Path) -> None:
    spec = parse_framework(path.read_text())
    assert parse_framework(dump_framework(spec)) == spec


def test_the_dump_quotes_sub_area_numbers() -> None:
    spec = parse_framework(GOOD.replace('"1.2"', '"1.10"'))
    text = dump_framework(spec)
    assert "'1.10'" in text
    assert [s.number for s in parse_framework(text).sub_areas] == ["1.1", "1.10", "2.1"]


# --- Round trip of any valid framework -------------------------------------------------------------

# Text a person might type: letters, digits, punctuation, spaces and line breaks inside.
TEXT = (
    st.text(
        alphabet=st.characters(categories=["L", "M", "N", "P", "S", "Zs"], include_characters="\n"),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)
OPTIONAL_TEXT = st.one_of(st.just(""), TEXT)
KEYS = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}\Z")


@st.composite
def framework_specs(draw: st.DrawFn) -> FrameworkSpec:
    values = sorted(draw(st.sets(st.integers(0, 10), min_size=2, max_size=6)))
    scale = tuple(LevelSpec(v, draw(TEXT), draw(OPTIONAL_TEXT)) for v in values)
    area_numbers = sorted(draw(st.sets(st.integers(1, 40), min_size=1, max_size=4)))
    areas = tuple(AreaSpec(n, draw(TEXT), draw(OPTIONAL_TEXT)) for n in area_numbers)
    numbers = sorted(
        {f"{a}.{s}" for a in area_numbers for s in draw(st.sets(st.integers(1, 15), min_size=1, max_size=3))},
        key=sub_area_sort_key,
    )
    previous = draw(st.one_of(st.none(), KEYS))
    earlier = st.builds(lambda a, s: f"{a}.{s}", st.integers(1, 20), st.integers(1, 20))
    sub_areas = tuple(
        SubAreaSpec(
            n,
            draw(TEXT),
            draw(OPTIONAL_TEXT),
            tuple(draw(st.lists(earlier, max_size=3))) if previous else (),
        )
        for n in numbers
    )
    profile_keys = draw(st.lists(KEYS, max_size=3, unique=True))
    profiles = tuple(
        RoleProfileSpec(
            key,
            draw(TEXT),
            draw(OPTIONAL_TEXT),
            tuple(
                (n, draw(st.sampled_from(values)))
                for n in sorted(draw(st.sets(st.sampled_from(numbers))), key=sub_area_sort_key)
            ),
        )
        for key in profile_keys
    )
    return FrameworkSpec(
        key=draw(KEYS),
        name=draw(TEXT),
        version=draw(TEXT),
        description=draw(OPTIONAL_TEXT),
        previous=previous,
        current=draw(st.booleans()),
        scale=scale,
        areas=areas,
        sub_areas=sub_areas,
        role_profiles=profiles,
    )


@given(framework_specs())
def test_any_valid_framework_reads_back_as_it_was_written(spec: FrameworkSpec) -> None:
    assert parse_framework(dump_framework(spec)) == spec


# --- Rejected files ------------------------------------------------------------------------------


def test_the_good_file_is_read() -> None:
    spec = parse_framework(GOOD)
    assert [s.number for s in spec.sub_areas] == ["1.1", "1.2", "2.1"]
    assert spec.role_profiles[0].expects == (("1.1", 4),)


def test_duplicate_sub_area_numbers_are_rejected_on_their_line() -> None:
    text = GOOD.replace('"1.2"', '"1.1"')
    problems = problems_of(text)
    assert [(p.line, (p.field or "file"), p.reason) for p in problems] == [
        (line_of(text, "name: Critical appraisal") - 1, "sub-area 1.1", "This sub-area number appears twice")
    ]


def test_a_sub_area_without_its_area_is_rejected() -> None:
    text = GOOD.replace('"2.1"', '"3.1"')
    assert reasons(text) == ["sub-area 3.1: This sub-area has no area: there is no area 3"]
    assert problems_of(text)[0].line == line_of(text, '"3.1"')


def test_a_sub_area_number_that_is_not_area_dot_number_is_rejected() -> None:
    assert reasons(GOOD.replace('"2.1"', '"2"')) == [
        "sub_areas: 'number' must be an area and a sub-area number, e.g. 6.3 (not '2')"
    ]


@pytest.mark.parametrize(
    ("scale", "reason"),
    [
        ("scale: []", "scale: The scale has no levels: give at least two, e.g. 0 and 4"),
        ("scale:\n  - level: 0\n    label: None", "scale: The scale needs at least two levels"),
        ("scale: four levels", "scale: This must be a list"),
    ],
    ids=["empty", "one level", "not a list"],
)
def test_a_scale_without_levels_is_rejected(scale: str, reason: str) -> None:
    text = re.sub(r"scale:\n(  .*\n)+", scale + "\n", WITHOUT_ROLES)
    assert reason in reasons(text)
    assert {r.split(":")[0] for r in reasons(text)} == {"scale"}


def test_a_missing_scale_is_rejected() -> None:
    text = re.sub(r"scale:\n(  .*\n)+", "", WITHOUT_ROLES)
    assert reasons(text) == ["file: 'scale' is missing"]


def test_a_level_outside_0_to_10_or_twice_is_rejected() -> None:
    text = WITHOUT_ROLES.replace("level: 4", "level: 11")
    assert "scale: 'level' must be a whole number from 0 to 10" in reasons(text)
    text = WITHOUT_ROLES.replace("level: 4", "level: 0")
    assert "scale level 0: This level appears twice" in reasons(text)


def test_duplicate_yaml_keys_are_rejected_on_their_line() -> None:
    text = GOOD.replace("    name: Health literacy\n", "    name: Health literacy\n    name: Health literacies\n")
    problems = problems_of(text)
    assert [(p.line, (p.field or "file"), p.reason) for p in problems] == [
        (line_of(text, "Health literacies"), "'name'", "This key appears twice")
    ]


def test_an_unknown_top_level_key_is_rejected() -> None:
    text = GOOD + "colour: blue\n"
    assert reasons(text) == [
        "'colour': Unknown key; the keys are " + ", ".join(sorted(TOP_LEVEL)),
    ]


def test_an_unknown_format_is_rejected() -> None:
    assert reasons(GOOD.replace(FORMAT, "lks-skills-framework/9")) == [f"format: Unknown format; this reads {FORMAT}"]


@pytest.mark.parametrize(
    "text",
    ["key: [unclosed\n", "name: a\n\tversion: 1\n", "a: b\n--- \nc: d\n"],
    ids=["unclosed list", "tab", "two documents"],
)
def test_a_file_that_is_not_yaml_is_rejected(text: str) -> None:
    problems = problems_of(text)
    assert len(problems) == 1
    assert (problems[0].field or "file") == "file"
    assert problems[0].reason.startswith("The file is not valid YAML: ")


def test_code_in_yaml_tags_is_refused_not_run() -> None:
    problems = problems_of("key: !!python/object/apply:os.system ['echo unsafe']\n")
    assert problems[0].reason.startswith("The file is not valid YAML: could not determine a constructor")


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n", "- a list\n- not a mapping\n", "just words"])
def test_an_empty_file_or_one_that_is_not_a_mapping_is_rejected(text: str) -> None:
    assert reasons(text) == ["file: The file is empty or is not a framework definition"]


def test_missing_required_keys_are_each_named() -> None:
    assert sorted(reasons("format: lks-skills-framework/1\n")) == [
        "file: 'areas' is missing",
        "file: 'key' is missing",
        "file: 'name' is missing",
        "file: 'scale' is missing",
        "file: 'sub_areas' is missing",
        "file: 'version' is missing",
    ]


def test_bad_keys_names_and_flags_are_rejected() -> None:
    text = GOOD.replace("key: test-skills", "key: Test Skills").replace(
        "name: Test framework", "name: " + "x" * 201 + "\ncurrent: sometimes"
    )
    assert sorted(reasons(text)) == [
        "current: 'current' must be true or false",
        "file: The name is longer than 200 characters",
        "key: The key must be lower-case letters, digits and hyphens, e.g. lks-skills-2021",
    ]


def test_maps_to_needs_a_previous_version() -> None:
    text = GOOD.replace("    name: Health literacy\n", '    name: Health literacy\n    maps_to: ["7.2"]\n')
    assert reasons(text) == ["sub-area 2.1: 'maps_to' needs 'previous': the key of the version it maps to"]


def test_role_profiles_must_expect_sub_areas_of_the_framework_at_levels_of_the_scale() -> None:
    text = GOOD.replace('      "1.1": 4\n', '      "1.1": 3\n      "9.9": 0\n')
    assert sorted(reasons(text)) == [
        "role profile clinical-librarian: It expects a level in sub-area 9.9, which is not in the framework",
        "role profile clinical-librarian: The level expected in 1.1 (3) is not on the scale",
    ]


def test_every_problem_in_one_file_is_listed_together_in_line_order() -> None:
    text = (
        GOOD.replace('"1.2"', '"1.1"')  # duplicate sub-area number
        .replace('"2.1"', '"3.1"')  # a sub-area without an area
        .replace("    name: Literature searching\n", "    name: Literature searching\n    name: Searching\n")
        .replace("scale:\n  - level: 0\n    label: No knowledge\n  - level: 4\n    label: Expert\n", "scale: []\n")
        + "colour: blue\n"  # an unknown key
    )
    problems = problems_of(text)
    assert {((p.field or "file"), p.reason) for p in problems} == {
        ("scale", "The scale has no levels: give at least two, e.g. 0 and 4"),
        ("sub-area 1.1", "This sub-area number appears twice"),
        ("sub-area 3.1", "This sub-area has no area: there is no area 3"),
        ("'name'", "This key appears twice"),
        ("'colour'", "Unknown key; the keys are " + ", ".join(sorted(TOP_LEVEL))),
        ("role profile clinical-librarian", "The level expected in 1.1 (4) is not on the scale"),
    }
    lines = [p.line or 0 for p in problems]
    assert lines == sorted(lines)
    assert problems[0].line is not None
    assert str(problems[0]).startswith(f"Line {problems[0].line}, ")


# --- Files that once slipped through ------------------------------------------------------------------


def test_an_unquoted_sub_area_number_is_not_read_as_another_sub_area() -> None:
    text = GOOD.replace('"1.2"', "1.20")  # YAML reads 1.20 as the number 1.2
    try:
        numbers = [s.number for s in parse_framework(text).sub_areas]
    except Rejected:
        return  # refusing it, with a reason, is fine too
    assert "1.10" in numbers


def test_a_misspelt_key_inside_an_entry_is_rejected() -> None:
    text = GOOD.replace("    name: Health literacy\n", "    name: Health literacy\n    descripton: Typo\n")
    assert problems_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "? [a, b]\n: c\n",
        GOOD.replace('      "1.1": 4\n', '      "1.1": [4]\n'),
        GOOD.replace('      "1.1": 4\n', '      ? ["1.1"]\n      : 4\n'),
    ],
    ids=["complex top-level key", "list as a level", "list as a sub-area"],
)
def test_unhashable_values_are_problems_not_crashes(text: str) -> None:
    assert problems_of(text)


def test_a_role_expecting_true_is_rejected() -> None:
    assert problems_of(GOOD.replace('"1.1": 4', '"1.1": true').replace("level: 4", "level: 1"))


def test_a_framework_without_sub_areas_is_rejected() -> None:
    text = re.sub(r"sub_areas:\n(  .*\n)+", "sub_areas: []\n", GOOD)
    text = re.sub(r"role_profiles:\n(  .*\n)+", "", text)
    assert problems_of(text)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("key: test-skills", "key: " + "-".join(["long"] * 15)),
        ('version: "1"', "version: " + "v" * 41),
        ("label: Expert", "label: " + "E" * 81),
        ("label: Expert", "label: Expert\n    description: " + "d" * 301),
        ("name: Clinical librarian", "name: " + "C" * 121),
    ],
    ids=["key", "version", "label", "level description", "role name"],
)
def test_texts_longer_than_the_database_holds_are_problems(old: str, new: str) -> None:
    assert problems_of(GOOD.replace(old, new))


# --- The format document -------------------------------------------------------------------------


DOCUMENTED_REASONS = (
    "The file is not valid YAML: ",
    "The file is empty or is not a framework definition",
    "This key appears twice",
    "Unknown key; the keys are ",
    "Unknown format; this reads ",
    "' is missing",
    "' must be text",
    "is longer than ",
    "Unknown key '",
    "A key must be a word or a number, not a list or a set",
    "Put the sub-area number in quotes",
    "The framework has no areas: give at least one",
    "The framework has no sub-areas: give at least one",
    "The key must be lower-case letters, digits and hyphens, e.g. lks-skills-2021",
    "'current' must be true or false",
    "This must be a list",
    "Every entry must be a set of keys and values",
    "The scale has no levels: give at least two, e.g. 0 and 4",
    "The scale needs at least two levels",
    "'level' must be a whole number from 0 to ",
    "This level appears twice",
    "'number' must be a whole number from 1",
    "This area number appears twice",
    "'number' must be an area and a sub-area number, e.g. 6.3 (not '",
    "This sub-area number appears twice",
    "This sub-area has no area: there is no area ",
    "'maps_to' must be a list of sub-area numbers of the previous version",
    "'maps_to' needs 'previous': the key of the version it maps to",
    "This role profile key appears twice",
    "'expects' must map sub-area numbers to levels",
    "which is not in the framework",
    "is not on the scale",
    "A framework cannot be its own previous version",
    "': load it first",
    "publish a new version with a mapping instead",
    "which the new scale does not have",
    "Unknown key '",
    "A key must be a word or a number, not a list or a set",
    "Put the sub-area number in quotes",
    "The framework has no areas: give at least one",
    "The framework has no sub-areas: give at least one",
    "self-assessments use it; keep it in the file",
)


def test_the_format_document_lists_every_key_and_reason() -> None:
    doc = FORMAT_DOC.read_text()
    for key in TOP_LEVEL:
        assert re.search(rf"^\| `{key}` \| (yes|no) \|", doc, re.M), key
    for key in ("level", "label", "number", "maps_to", "expects"):
        assert f"| `{key}` |" in doc, key
    source = (ROOT / "lksworkforce" / "skills" / "framework_file.py").read_text()
    source += (ROOT / "lksworkforce" / "skills" / "services.py").read_text()
    source += (ROOT / "lksworkforce" / "core" / "yaml_files.py").read_text()
    for reason in DOCUMENTED_REASONS:
        assert reason in source, reason  # the list below is still what the code says
        assert reason in doc, reason
    assert "lksw framework_load FILE" in doc
    assert "lksw framework_export KEY" in doc
    assert "nothing is changed" in doc


def test_the_format_documents_example_is_a_valid_framework() -> None:
    doc = FORMAT_DOC.read_text()
    example = doc.split("## Example", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    spec = parse_framework(example)
    assert spec.key == "lks-skills-2021"
    assert area_of(spec.sub_areas[0].number) == 3
    assert spec.role_profiles[0].expects == (("3.1", 4),)
