"""Loading frameworks into the database: create, export back, load over (new wording kept with
everyone's ratings), refusals that change nothing, mappings to a previous version, one current
framework, and the audit trail."""

from dataclasses import replace
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings

from lksworkforce.core.models import AuditEvent
from lksworkforce.core.problems import Rejected
from lksworkforce.skills.framework_file import FrameworkSpec, LevelSpec, parse_framework
from lksworkforce.skills.models import Area, Assessment, Framework, Rating, RoleExpectation, SubArea
from lksworkforce.skills.selectors import framework_spec, history_of
from lksworkforce.skills.services import framework_load
from tests.factories import UserFactory
from tests.skills.factories import (
    DEFAULT_FRAMEWORK_FILE,
    DEFAULT_LEVELS,
    REVISION_EXAMPLE_FILE,
    AssessmentFactory,
    CompletedAssessmentFactory,
    RatingFactory,
    default_framework,
    loaded,
    small_spec,
    sub_area,
)
from tests.skills.test_framework_file import framework_specs

pytestmark = pytest.mark.django_db


def normalised(spec: FrameworkSpec) -> FrameworkSpec:
    """The order of role profiles and of a sub-area's mappings carries no meaning."""
    return replace(
        spec,
        sub_areas=tuple(replace(s, maps_to=tuple(sorted(s.maps_to))) for s in spec.sub_areas),
        role_profiles=tuple(sorted(spec.role_profiles, key=lambda p: p.key)),
    )


def snapshot() -> dict[str, object]:
    """Everything a load can change, to show that a refused one changed nothing."""
    return {
        "frameworks": sorted(Framework.objects.values_list("key", "name", "is_current", "previous__key")),
        "areas": sorted(Area.objects.values_list("framework__key", "number", "name")),
        "sub_areas": sorted(SubArea.objects.values_list("framework__key", "number", "name", "description")),
        "levels": sorted(Framework.objects.values_list("key", "scale__value", "scale__label")),
        "expectations": sorted(RoleExpectation.objects.values_list("profile__key", "sub_area__number", "level")),
        "ratings": sorted(Rating.objects.values_list("pk", "sub_area_id", "current", "target")),
        "audit": AuditEvent.objects.count(),
    }


def rate(framework: Framework, number: str, current: int = 1, target: int = 3) -> Rating:
    assessment = AssessmentFactory.create(framework=framework)
    return RatingFactory.create(
        assessment=assessment, sub_area=sub_area(framework, number), current=current, target=target
    )


def rejected(spec: FrameworkSpec) -> list[str]:
    with pytest.raises(Rejected) as refused:
        framework_load(spec=spec)
    return [f"{(p.field or 'file')}: {p.reason}" for p in refused.value.problems]


# --- Creating and exporting ----------------------------------------------------------------------


def test_the_default_framework_loads_with_its_structure() -> None:
    framework = default_framework()

    assert framework.key == "lks-skills-2021"
    assert framework.is_current
    assert framework.areas.count() == 13
    assert framework.sub_areas.count() == 69
    assert list(framework.scale.values_list("value", "label")) == [
        (0, "No knowledge"),
        (1, "Basic knowledge"),
        (2, "Working knowledge"),
        (3, "Extensive knowledge"),
        (4, "Expert"),
    ]
    literature = sub_area(framework, "3.1")
    assert (literature.area.number, literature.name) == (3, "Literature searching")
    clinical = framework.role_profiles.get(key="clinical-librarian")
    assert clinical.expectations.get(sub_area=literature).level == 4
    # Sub-areas are ordered as numbers: 12.7 before 13.1, 1.5 before 10.1.
    numbers = list(framework.sub_areas.order_by("position").values_list("number", flat=True))
    assert numbers.index("1.5") < numbers.index("2.1") < numbers.index("10.1") < numbers.index("13.1")


def test_load_then_export_gives_the_file_back() -> None:
    spec = parse_framework(DEFAULT_FRAMEWORK_FILE.read_text())
    framework = framework_load(spec=spec)
    assert normalised(framework_spec(framework)) == normalised(spec)

    revision = parse_framework(REVISION_EXAMPLE_FILE.read_text())
    assert normalised(framework_spec(framework_load(spec=revision))) == normalised(revision)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=framework_specs())
def test_any_framework_without_a_previous_version_exports_as_loaded(spec: FrameworkSpec) -> None:
    spec = replace(spec, previous=None, sub_areas=tuple(replace(s, maps_to=()) for s in spec.sub_areas))
    with transaction.atomic():
        framework = framework_load(spec=spec)
        assert normalised(framework_spec(framework)) == normalised(spec)
        transaction.set_rollback(True)


def test_loading_is_recorded_in_the_audit_trail() -> None:
    actor = UserFactory.create()
    framework = framework_load(spec=small_spec(), actor=actor)
    framework_load(spec=small_spec(wording="New"), actor=actor)

    events = list(AuditEvent.objects.filter(object_type="skills.framework").order_by("id"))
    assert [(e.action, e.actor, e.object_id) for e in events] == [
        ("skills.framework_created", actor, str(framework.pk)),
        ("skills.framework_reloaded", actor, str(framework.pk)),
    ]
    assert events[0].summary == "Framework test-skills loaded: 2 areas, 6 sub-areas"


# --- Loading over --------------------------------------------------------------------------------


def test_new_wording_loads_over_and_everyones_ratings_are_kept() -> None:
    framework = loaded()
    rating = rate(framework, "1.2", current=2, target=4)
    before = sub_area(framework, "1.2").pk

    again = framework_load(spec=small_spec(wording="Official"))

    assert again.pk == framework.pk
    assert Framework.objects.count() == 1
    renamed = sub_area(framework, "1.2")
    assert renamed.pk == before
    assert (renamed.name, renamed.description) == ("Official sub-area 1.2", "Official description of 1.2")
    assert Area.objects.get(framework=framework, number=1).name == "Official area 1"
    rating.refresh_from_db()
    assert (rating.sub_area_id, rating.current, rating.target) == (before, 2, 4)


def test_the_licensed_wording_loads_over_the_default_with_the_same_key_and_numbers() -> None:
    framework = default_framework()
    rating = rate(framework, "6.3")
    spec = parse_framework(DEFAULT_FRAMEWORK_FILE.read_text())
    official = replace(
        spec,
        sub_areas=tuple(replace(s, name=f"Official {s.number}", description="Licensed text") for s in spec.sub_areas),
    )

    framework_load(spec=official)

    assert set(framework.sub_areas.values_list("description", flat=True)) == {"Licensed text"}
    rating.refresh_from_db()
    assert rating.sub_area.name == "Official 6.3"
    assert framework.role_profiles.count() == len(spec.role_profiles)


def test_new_sub_areas_and_areas_can_be_added() -> None:
    framework = loaded(areas=2, per_area=2)
    rate(framework, "1.1")

    framework_load(spec=small_spec(areas=3, per_area=3))

    assert framework.areas.count() == 3
    assert list(framework.sub_areas.order_by("position").values_list("number", flat=True)) == [
        "1.1",
        "1.2",
        "1.3",
        "2.1",
        "2.2",
        "2.3",
        "3.1",
        "3.2",
        "3.3",
    ]


def test_a_sub_area_nobody_rated_can_be_removed() -> None:
    framework = loaded(areas=2, per_area=3)
    rate(framework, "1.1")

    framework_load(spec=small_spec(areas=2, per_area=2))

    assert not framework.sub_areas.filter(number__in=["1.3", "2.3"]).exists()
    assert Rating.objects.count() == 1


def test_removing_a_rated_sub_area_is_refused_and_nothing_changes() -> None:
    framework = loaded(areas=2, per_area=3)
    rate(framework, "1.3")
    rate(framework, "1.3")
    before = snapshot()

    problems = rejected(small_spec(areas=2, per_area=2, wording="New"))

    assert problems == [
        "sub-area 1.3: It is missing from the file but 2 ratings use it; publish a new version with a mapping instead"
    ]
    assert snapshot() == before


def test_removing_a_scale_level_that_ratings_use_is_refused_and_nothing_changes() -> None:
    framework = loaded()
    rate(framework, "1.1", current=1, target=4)
    before = snapshot()

    problems = rejected(small_spec(scale=DEFAULT_LEVELS[:4], wording="New"))

    assert problems == ["scale: Ratings use levels [4], which the new scale does not have"]
    assert snapshot() == before


def test_a_scale_level_nobody_uses_can_be_removed_or_relabelled() -> None:
    framework = loaded()
    rate(framework, "1.1", current=1, target=3)
    scale = (*DEFAULT_LEVELS[:3], LevelSpec(3, "Advanced", "Relabelled"))

    framework_load(spec=small_spec(scale=scale))

    assert list(framework.scale.values_list("value", "label")) == [
        (0, "No knowledge"),
        (1, "Basic knowledge"),
        (2, "Working knowledge"),
        (3, "Advanced"),
    ]


# --- Versions and mappings -----------------------------------------------------------------------


def test_a_revision_stores_its_mappings_to_the_previous_version() -> None:
    default = default_framework()
    revision = framework_load(spec=parse_framework(REVISION_EXAMPLE_FILE.read_text()))

    assert revision.previous == default
    mapped = {
        s.number: sorted(m.number for m in s.maps_to.all()) for s in revision.sub_areas.prefetch_related("maps_to")
    }
    assert mapped["1.1"] == ["3.1", "3.2"]
    assert mapped["1.3"] == mapped["1.4"] == ["3.4"]
    assert mapped["1.5"] == []
    assert {m.framework_id for s in revision.sub_areas.all() for m in s.maps_to.all()} == {default.pk}
    # The default stays the one offered (the example is not current).
    default.refresh_from_db()
    assert default.is_current
    assert not revision.is_current


def test_a_persons_history_continues_across_a_revision() -> None:
    default = default_framework()
    revision = framework_load(spec=parse_framework(REVISION_EXAMPLE_FILE.read_text()))
    person = UserFactory.create()
    earlier = CompletedAssessmentFactory.create(
        person=person, framework=default, started_on=date(2022, 5, 1), completed_on=date(2022, 5, 2)
    )
    RatingFactory.create(assessment=earlier, sub_area=sub_area(default, "3.1"), current=1, target=3)
    RatingFactory.create(assessment=earlier, sub_area=sub_area(default, "3.2"), current=1, target=3)
    later = CompletedAssessmentFactory.create(
        person=person, framework=revision, started_on=date(2026, 5, 1), completed_on=date(2026, 5, 2)
    )
    RatingFactory.create(assessment=later, sub_area=sub_area(revision, "1.1"), current=3, target=4)

    history = history_of(person, revision)

    assert [a.pk for a, _ in history] == [earlier.pk, later.pk]
    # Both 2021 searching sub-areas continue as 1.1 of the revision.
    assert [[(r.number, r.current) for r in rated] for _, rated in history] == [
        [("1.1", 1), ("1.1", 1)],
        [("1.1", 3)],
    ]


def test_mapping_to_a_missing_sub_area_is_refused_and_nothing_is_written() -> None:
    loaded(key="lks-skills-2021")
    before = snapshot()

    problems = rejected(
        small_spec(key="lks-skills-2026", previous="lks-skills-2021", maps_to={"1.1": ("1.1", "9.9"), "2.2": ("3.1",)})
    )

    assert problems == [
        "sub-area 1.1: It maps to 9.9, which is not in lks-skills-2021",
        "sub-area 2.2: It maps to 3.1, which is not in lks-skills-2021",
    ]
    assert snapshot() == before


def test_a_previous_version_must_be_loaded_first_and_not_be_itself() -> None:
    assert rejected(small_spec(key="lks-skills-2026", previous="lks-skills-2012")) == [
        "previous: There is no framework 'lks-skills-2012': load it first"
    ]
    loaded(key="lks-skills-2026")
    assert "previous: A framework cannot be its own previous version" in rejected(
        small_spec(key="lks-skills-2026", previous="lks-skills-2026")
    )


def test_only_one_framework_is_current() -> None:
    first = loaded(key="first", current=True)
    second = loaded(key="second", current=True)
    third = loaded(key="third", current=False)

    assert list(Framework.objects.filter(is_current=True)) == [second]
    # Loading the current framework again without `current: true` leaves it current.
    loaded(key="second", current=False)
    assert list(Framework.objects.filter(is_current=True)) == [second]
    loaded(key="first", current=True)
    assert list(Framework.objects.filter(is_current=True)) == [first]
    assert not Framework.objects.get(pk=third.pk).is_current


# --- Role profiles in use -----------------------------------------------------------------------------


def test_dropping_a_role_profile_that_assessments_use_is_refused_and_nothing_changes() -> None:
    framework = loaded()
    assessment = AssessmentFactory.create(framework=framework, role_profile=framework.role_profiles.get())
    before = snapshot()

    assert rejected(small_spec(profiles=(), wording="Official")) == [
        "role profile clinical-librarian: It is missing from the file but 1 self-assessments use it; keep it in the file"
    ]
    assert snapshot() == before
    assert Assessment.objects.get(pk=assessment.pk).role_profile_id is not None


def test_a_role_profile_nobody_chose_can_be_removed() -> None:
    framework = loaded()
    framework_load(spec=small_spec(profiles=()))
    assert not framework.role_profiles.exists()


# --- The command line ----------------------------------------------------------------------------


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(*args: str) -> str:
    err = StringIO()
    with pytest.raises(CommandError) as failed:
        call_command(*args, stdout=StringIO(), stderr=err)
    assert failed.value.returncode == 2
    return err.getvalue() + str(failed.value)


def test_framework_load_then_export_round_trips_through_the_command_line(tmp_path: Path) -> None:
    _out, err = run("framework_load", str(DEFAULT_FRAMEWORK_FILE))
    assert "Loaded lks-skills-2021: 13 areas, 69 sub-areas, 5 scale levels, 6 role profiles." in err

    exported, _err = run("framework_export", "lks-skills-2021")
    assert normalised(parse_framework(exported)) == normalised(parse_framework(DEFAULT_FRAMEWORK_FILE.read_text()))

    # Loading the export again changes nothing but the audit trail.
    path = tmp_path / "exported.yaml"
    path.write_text(exported)
    before = snapshot()
    run("framework_load", str(path))
    after = snapshot()
    audit_before = before.pop("audit")
    assert isinstance(audit_before, int)
    assert after.pop("audit") == audit_before + 1
    assert after == before


def test_a_bad_file_exits_2_listing_every_problem_with_nothing_changed(tmp_path: Path) -> None:
    run("framework_load", str(DEFAULT_FRAMEWORK_FILE))
    text = DEFAULT_FRAMEWORK_FILE.read_text()
    bad = (
        text.replace('number: "1.3"', 'number: "1.1"')  # no role expects 1.3 or 8.4
        .replace('number: "8.4"', 'number: "14.1"')
        .replace("name: LKS skills framework", "name: Changed\ncolour: blue")
    )
    path = tmp_path / "bad.yaml"
    path.write_text(bad)
    before = snapshot()

    message = refused("framework_load", str(path))

    assert "sub-area 1.1: This sub-area number appears twice" in message
    assert "sub-area 14.1: This sub-area has no area: there is no area 14" in message
    assert "'colour': Unknown key" in message
    assert "The framework was not loaded: 3 errors. Nothing was changed." in message
    assert snapshot() == before


def test_a_mapping_to_a_missing_sub_area_exits_2(tmp_path: Path) -> None:
    run("framework_load", str(DEFAULT_FRAMEWORK_FILE))
    path = tmp_path / "revision.yaml"
    path.write_text(REVISION_EXAMPLE_FILE.read_text().replace('maps_to: ["3.3"]', 'maps_to: ["3.9"]'))
    before = snapshot()

    message = refused("framework_load", str(path))

    assert "sub-area 1.2: It maps to 3.9, which is not in lks-skills-2021" in message
    assert snapshot() == before


@pytest.mark.parametrize("content", [b"", b"\xff\xfe not utf-8", b"key: [unclosed"], ids=["empty", "bytes", "yaml"])
def test_unreadable_files_exit_2(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "framework.yaml"
    path.write_bytes(content)
    refused("framework_load", str(path))
    refused("framework_load", str(tmp_path / "missing.yaml"))
    assert not Framework.objects.exists()
