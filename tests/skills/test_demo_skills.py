"""Demo self-assessments and plans: deterministic, plausible by band and role, loaded by seed_demo
so that roll-ups have something to show, and replaced cleanly by seed_demo --reset."""

from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date
from io import StringIO
from statistics import mean

import pytest
from django.core.management import call_command
from django.db.models import F

from lksworkforce.accounts.demo.world import DEMO_ACCOUNT_EMAILS, demo_accounts, demo_staff
from lksworkforce.accounts.models import User
from lksworkforce.accounts.people import PARA_PROFESSIONAL_BANDS
from lksworkforce.core.disclosure import DEFAULT_THRESHOLD
from lksworkforce.learning.from_programmes import PLAN_STEP_PREFIX
from lksworkforce.organisations.demo.world import AS_OF, demo_organisations
from lksworkforce.skills.aggregates import breakdown_by, nation_scope, rollup_data
from lksworkforce.skills.demo.plan import (
    ROLES,
    PlannedAssessment,
    SkillsPerson,
    SkillsPlan,
    demo_skills,
)
from lksworkforce.skills.framework_file import FrameworkSpec, parse_framework
from lksworkforce.skills.levels import ActionStatus
from lksworkforce.skills.models import Assessment, Framework, PlanAction, Rating, SubArea
from lksworkforce.skills.services import framework_load
from tests.factories import UserFactory
from tests.skills.factories import DEFAULT_FRAMEWORK_FILE, CompletedAssessmentFactory, RatingFactory, sub_area

ACCOUNTS = {email.split("@")[0]: email for email in DEMO_ACCOUNT_EMAILS}
STAFF, MANAGER, ASSISTANT = ACCOUNTS["staff"], ACCOUNTS["manager"], ACCOUNTS["assistant"]


@pytest.fixture(scope="module")
def spec() -> FrameworkSpec:
    return parse_framework(DEFAULT_FRAMEWORK_FILE.read_text())


@pytest.fixture(scope="module")
def people() -> list[SkillsPerson]:
    organisations = demo_organisations(2019)
    staff = [SkillsPerson(p.email, p.band, p.job_title) for p in demo_staff(2019, organisations)]
    accounts = [
        SkillsPerson(a.email, a.band, a.job_title, a.ods_code is not None) for a in demo_accounts(organisations)
    ]
    return staff + accounts


@pytest.fixture(scope="module")
def plan(people: list[SkillsPerson], spec: FrameworkSpec) -> SkillsPlan:
    return demo_skills(2019, people, spec)


def by_person(plan: SkillsPlan) -> dict[str, list[PlannedAssessment]]:
    found: dict[str, list[PlannedAssessment]] = defaultdict(list)
    for assessment in plan.assessments:
        found[assessment.email].append(assessment)
    return found


def completed(assessment: PlannedAssessment) -> date:
    assert assessment.completed_on is not None, assessment
    return assessment.completed_on


# --- The plan ----------------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_plan_and_another_seed_another(
    plan: SkillsPlan, people: list[SkillsPerson], spec: FrameworkSpec
) -> None:
    assert demo_skills(2019, people, spec) == plan
    assert demo_skills(2019, list(reversed(people)), spec) == plan
    assert demo_skills(2020, people, spec) != plan


def test_a_persons_data_does_not_depend_on_who_else_is_in_the_list(
    plan: SkillsPlan, people: list[SkillsPerson], spec: FrameworkSpec
) -> None:
    alone = demo_skills(2019, [p for p in people if p.email == STAFF], spec)
    assert alone.assessments == by_person(plan)[STAFF]


def test_most_staff_have_two_or_three_finished_assessments(plan: SkillsPlan, people: list[SkillsPerson]) -> None:
    assessments = by_person(plan)
    assert 0.8 <= len(assessments) / len(people) <= 0.95
    assert 1_500 <= len(plan.assessments) <= 3_000
    assert 40_000 <= plan.ratings <= 90_000
    for email, taken in assessments.items():
        finished = [a for a in taken if a.completed_on is not None]
        assert 2 <= len(finished) <= 3, email
        latest = [a for a in taken if a.is_latest]
        assert latest == [max(finished, key=completed)]
        for a in taken:
            assert a.started_on <= AS_OF
            if a.completed_on is not None:
                assert a.started_on <= a.completed_on <= AS_OF
                assert a.reflection  # the service asks for one before finishing
            else:
                assert a.started_on > completed(latest[0])  # the next one, saved part-way
    years = Counter(a.started_on.year for a in plan.assessments)
    assert set(years) == {2022, 2024, 2026}
    assert 0 < sum(1 for a in plan.assessments if a.completed_on is None) < 0.05 * len(plan.assessments)


def test_the_demo_accounts_have_three_cycles_and_staff_share_with_their_manager(plan: SkillsPlan) -> None:
    assessments = by_person(plan)
    for email in DEMO_ACCOUNT_EMAILS:
        assert [a.started_on.year for a in assessments[email]] == [2022, 2024, 2026], email
    for email in (STAFF, ASSISTANT):
        latest = next(a for a in assessments[email] if a.is_latest)
        assert latest.shared_with_manager
    assert not any(a.shared_with_manager for a in assessments[MANAGER])
    shared = sum(1 for a in plan.assessments if a.is_latest and a.shared_with_manager)
    assert 0.3 <= shared / plan.people <= 0.7


def test_ratings_are_on_the_scale_in_the_framework_with_targets_at_or_above_current(
    plan: SkillsPlan, spec: FrameworkSpec
) -> None:
    numbers = [s.number for s in spec.sub_areas]
    for assessment in plan.assessments:
        rated = [r.number for r in assessment.ratings]
        assert rated == sorted(rated, key=numbers.index)
        assert len(set(rated)) == len(rated)
        if assessment.completed_on is not None:
            assert 15 <= len(rated) <= 45
        for r in assessment.ratings:
            assert 0 <= r.current <= r.target <= 4
            assert r.priority in {"", "high", "medium", "low"}
            assert all(link.startswith("https://") for link in r.evidence_links)
    # Everyone leaves some sub-areas blank; every sub-area is rated by someone.
    assert {r.number for a in plan.assessments for r in a.ratings} == set(numbers)


def test_role_profiles_follow_the_job_title(plan: SkillsPlan, people: list[SkillsPerson]) -> None:
    titles = {p.email: p.job_title for p in people}
    latest = [a for a in plan.assessments if a.is_latest]
    with_role = [a for a in latest if a.role_profile is not None]
    assert len(with_role) / len(latest) >= 0.8
    for a in with_role:
        assert ROLES[titles[a.email]][1] == a.role_profile


def latest_means(plan: SkillsPlan, people: list[SkillsPerson], spec: FrameworkSpec) -> dict[tuple[str, int], float]:
    """Mean current level in each area, by kind of person, over latest assessments."""
    area = {s.number: s.area for s in spec.sub_areas}
    person = {p.email: p for p in people}
    levels: dict[tuple[str, int], list[int]] = defaultdict(list)
    for a in plan.assessments:
        if not a.is_latest:
            continue
        p = person[a.email]
        kinds = [p.job_title]
        kinds.append("bands 1-4" if p.band in PARA_PROFESSIONAL_BANDS else "band 5+")
        if p.band in {"8a", "8b", "8c", "8d"}:
            kinds.append("band 8")
        for r in a.ratings:
            for kind in kinds:
                levels[(kind, area[r.number])].append(r.current)
    return {key: mean(values) for key, values in levels.items()}


def test_levels_are_plausible_by_band_and_role(
    plan: SkillsPlan, people: list[SkillsPerson], spec: FrameworkSpec
) -> None:
    means = latest_means(plan, people, spec)
    customer, research, strategy, searching, knowledge, leadership = 10, 9, 12, 3, 6, 11
    # Assistants: highest in customer service, low in research and strategy.
    assert means[("Library assistant", customer)] > means[("Library assistant", research)] + 1
    assert means[("Library assistant", customer)] > means[("Library assistant", strategy)] + 1
    # Clinical librarians are stronger in searching than assistants; knowledge managers in KM.
    assert means[("Clinical librarian", searching)] > means[("Library assistant", searching)] + 1
    assert means[("Knowledge manager", knowledge)] > means[("Librarian", knowledge)] + 0.5
    # Senior staff are higher in leadership and planning than para-professional staff.
    for area in (leadership, strategy):
        assert means[("band 8", area)] > means[("bands 1-4", area)] + 1
        assert means[("band 5+", area)] > means[("bands 1-4", area)]


def test_levels_rise_a_little_between_cycles(plan: SkillsPlan) -> None:
    changes = []
    for taken in by_person(plan).values():
        finished = [a for a in taken if a.completed_on is not None]
        first, last = (
            {r.number: r.current for r in finished[0].ratings},
            {r.number: r.current for r in finished[-1].ratings},
        )
        both = first.keys() & last.keys()
        changes += [last[n] - first[n] for n in both]
        assert all(last[n] >= first[n] for n in both)
    assert 0.1 <= mean(changes) <= 1.2


def test_plan_actions_address_gaps_and_are_dated_after_the_assessment(plan: SkillsPlan) -> None:
    assessments = by_person(plan)
    per_person = Counter(action.email for action in plan.actions)
    assert len(per_person) / plan.people >= 0.8
    for email, count in per_person.items():
        finished = [a for a in assessments[email] if a.completed_on is not None]
        assert count <= 4 + len(finished) - 1
        gaps = {r.number for a in finished for r in a.ratings if r.target > r.current}
        first = min(completed(a) for a in finished)
        for action in (x for x in plan.actions if x.email == email):
            assert set(action.sub_areas) <= gaps
            assert action.due_on > first
            assert action.description
            assert action.resource_url == "" or action.resource_url.startswith("https://")
    statuses = Counter(action.status for action in plan.actions)
    assert set(statuses) == set(ActionStatus)


# --- Loading it with seed_demo -------------------------------------------------------------------------


def seed(*args: str) -> str:
    err = StringIO()
    call_command("seed_demo", *args, stderr=err, stdout=StringIO())
    return err.getvalue()


def counts() -> dict[str, int]:
    return {
        "frameworks": Framework.objects.count(),
        "sub_areas": SubArea.objects.count(),
        "assessments": Assessment.objects.count(),
        "latest": Assessment.objects.filter(is_latest=True).count(),
        "ratings": Rating.objects.count(),
        # The skills seed's own actions: a programme completed in the programmes demo also becomes a
        # (done) plan action, through the learning record (learning/from_programmes.py).
        "actions": PlanAction.objects.exclude(description__startswith=PLAN_STEP_PREFIX).count(),
    }


@pytest.mark.django_db
def test_seed_demo_loads_the_framework_and_assessments_that_roll_up(plan: SkillsPlan) -> None:
    message = seed()

    assert (
        f"Skills: {len(plan.assessments):,} self-assessments by {plan.people:,} people ({plan.ratings:,} ratings) "
        f"in the lks-skills-2021 framework, and {len(plan.actions):,} development plan actions"
    ) in message
    framework = Framework.objects.get(key="lks-skills-2021")
    assert framework.is_current
    assert counts() == {
        "frameworks": 1,
        "sub_areas": 69,
        "assessments": len(plan.assessments),
        "latest": plan.people,
        "ratings": plan.ratings,
        "actions": len(plan.actions),
    }
    links = [links for links in Rating.objects.values_list("evidence_links", flat=True) if links]
    assert links
    assert all(isinstance(found, list) and found[0].startswith("https://") for found in links)
    # Each assessment is where the person works, with their band, as the service would record it.
    mismatched = Assessment.objects.exclude(organisation_id=F("person__organisation_id"))
    assert not mismatched.filter(organisation__isnull=False).exists()
    assert not Assessment.objects.exclude(band=F("person__band")).exists()

    # The demo manager sees what their staff chose to share.
    manager, staff, assistant = (User.objects.get(email=e) for e in (MANAGER, STAFF, ASSISTANT))
    shared = set(
        Assessment.objects.visible_to(manager)
        .filter(is_latest=True)
        .exclude(person=manager)
        .values_list("person__email", flat=True)
    )
    assert {STAFF, ASSISTANT} <= shared
    assert Assessment.objects.owned_by(staff).count() == 3
    assert PlanAction.objects.owned_by(assistant).exists()

    # The national roll-up shows every area; many small teams are hidden, the larger ones are shown.
    data = rollup_data(framework, nation_scope(), "area")
    assert data.threshold == DEFAULT_THRESHOLD
    nation = breakdown_by(data, "organisation").result
    assert len(nation.rows) == 13
    assert nation.people == plan.people
    assert not any(row.total.hidden for row in nation.rows)
    shown = [g for g in nation.groups if not g.hidden and g.key]
    hidden = [g for g in nation.groups if g.hidden]
    assert len(shown) >= 40
    assert len(hidden) >= 40
    assert str(manager.organisation_id) in {g.key for g in shown}


@pytest.mark.django_db
def test_reset_replaces_the_demo_skills_and_keeps_the_framework_and_other_people() -> None:
    seed("--seed", "7")
    framework = Framework.objects.get(key="lks-skills-2021")
    # The licensed wording loaded over the default, and someone who is not demo data.
    spec = parse_framework(DEFAULT_FRAMEWORK_FILE.read_text())
    framework_load(spec=replace(spec, name="Official wording"))
    outsider = UserFactory.create(email="someone@example.nhs.uk", organisation=None)
    theirs = CompletedAssessmentFactory.create(person=outsider, framework=framework)
    RatingFactory.create(assessment=theirs, sub_area=sub_area(framework, "3.1"))

    seed("--reset")

    expected = demo_skills(2019, _people_in_database(), parse_framework(DEFAULT_FRAMEWORK_FILE.read_text()))
    assert Framework.objects.get().pk == framework.pk
    assert Framework.objects.get().name == "Official wording"
    assert Assessment.objects.filter(person=outsider).count() == 1
    assert Rating.objects.filter(assessment=theirs).count() == 1
    assert counts()["assessments"] == len(expected.assessments) + 1
    assert counts()["ratings"] == expected.ratings + 1
    assert counts()["actions"] == len(expected.actions)


def _people_in_database() -> list[SkillsPerson]:
    return [
        SkillsPerson(email, band, title, organisation is not None)
        for email, band, title, organisation in User.objects.filter(email__endswith="lksworkforce.invalid").values_list(
            "email", "band", "job_title", "organisation_id"
        )
    ]
