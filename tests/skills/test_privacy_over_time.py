"""Privacy over time (docs/adr/0011-privacy-over-time.md): no sequence of reads, before and after
one person's action, lets anyone but that person work out any of their answers. The attacks of
issue 9 as tests, and a property test over sequences of single actions and reads."""

import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lksworkforce.accounts.people import Role, band_group
from lksworkforce.skills import aggregates, presenters, services
from lksworkforce.skills.models import Assessment, Framework, Rating
from tests.concurrency import post_from_page
from tests.conftest import World, client_for
from tests.factories import UserFactory, current_region, grant
from tests.skills.conftest import has_pdftotext, main_text, pdf_text, take_assessment
from tests.skills.factories import PlanActionFactory

EVERY = ("1.1", "1.2", "2.1", "2.2", "3.1")


def everything_read(client: Client, ods: str) -> list[Any]:
    """Every roll-up figure a service manager can read about their team: the page, its three
    downloads, the API at both levels and breakdowns."""
    reads: list[Any] = []
    for level in ("area", "sub_area"):
        for by in ("band_group", "role"):
            query = f"level={level}&by={by}"
            reads.append(main_text(client.get(f"/skills/rollups/organisations/{ods}/?{query}").content))
            for table in ("rollup", "ranking", "heatmap"):
                csv = client.get(f"/skills/rollups/organisations/{ods}/?{query}&format=csv&table={table}")
                reads.append(csv.content)
            api = client.get(f"/api/v1/skills/rollups?scope=organisation&code={ods}&{query}")
            assert api.status_code == 200
            reads.append(api.json())
    return reads


def cli_read(*args: str) -> Any:
    out = io.StringIO()
    call_command("skills_report", *args, "--format", "json", stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


def team(world: World, framework: Framework, count: int, *, band: str = "6", published: bool = True) -> list[Any]:
    people = [UserFactory.create(organisation=world.london_a, band=band) for _ in range(count)]
    for n, person in enumerate(people):
        levels = {number: (1 + (n + i) % 3, 3) for i, number in enumerate(EVERY)}
        take_assessment(person, framework, levels, role="clinical-librarian", published=published)
    return people


def test_a_new_starters_unshared_assessment_changes_no_figure_anyone_else_can_read(
    world: World, skills_framework: Framework
) -> None:
    """The attack: the manager reads the team roll-up before and after a new starter finishes an
    unshared self-assessment. Every page, file, API answer and CLI report is unchanged until at
    least 5 people's contributions have changed; then the figures move by all 5 at once."""
    team(world, skills_framework, 6)
    manager = client_for(world.manager)
    before = everything_read(manager, "RAA")
    england = cli_read("--by", "organisation", "--code", "Y56")

    starter = UserFactory.create(organisation=world.london_a, band="6")
    take_assessment(starter, skills_framework, dict.fromkeys(EVERY, (4, 4)), role="clinical-librarian", published=False)

    assert everything_read(manager, "RAA") == before
    assert cli_read("--by", "organisation", "--code", "Y56") == england
    assert "Figures as last published. They are updated only when at least 5 more people in a team" in before[0]

    # Three more: still nothing moves. The fifth releases all five together.
    later = team(world, skills_framework, 3, published=False)
    assert everything_read(manager, "RAA") == before
    fifth = UserFactory.create(organisation=world.london_a, band="6")
    take_assessment(fifth, skills_framework, dict.fromkeys(EVERY, (0, 2)), role="clinical-librarian", published=False)
    after = everything_read(manager, "RAA")
    assert after != before
    assert Assessment.objects.filter(person__in=[starter, fifth, *later], is_published=True).count() == 5
    assert "Figures as of " in after[0]
    assert cli_read("--by", "organisation", "--code", "Y56")["figures_as_of"] is not None


def test_a_snapshot_waits_until_no_group_within_it_changes_by_fewer_than_5(
    world: World, skills_framework: Framework
) -> None:
    """Five people finish, but only one is in bands 1 to 4: publishing would move that group's
    figures by one person (and band 5 and above's by four), so nothing is published. A fifth at
    band 5 and above releases those five; the one at bands 1 to 4 waits for four more of that group."""
    team(world, skills_framework, 6)
    team(world, skills_framework, 5, band="3")
    manager = client_for(world.manager)
    before = everything_read(manager, "RAA")
    four = team(world, skills_framework, 4, published=False)
    alone = team(world, skills_framework, 1, band="3", published=False)
    assert everything_read(manager, "RAA") == before
    assert not Assessment.objects.filter(person__in=four + alone, is_published=True).exists()

    fifth = team(world, skills_framework, 1, published=False)
    middle = everything_read(manager, "RAA")
    assert middle != before
    published = set(Assessment.objects.filter(is_published=True).values_list("person_id", flat=True))
    assert {p.pk for p in four + fifth} <= published
    assert alone[0].pk not in published

    more = team(world, skills_framework, 4, band="3", published=False)
    assert everything_read(manager, "RAA") != middle
    assert Assessment.objects.filter(person__in=alone + more, is_published=True).count() == 5


def test_the_guard_and_the_breakdowns_agree(world: World, skills_framework: Framework) -> None:
    """The attack: a manager gets 403 on another organisation's roll-up, but England's roll-up by
    organisation gave the same figures. Now a breakdown by organisation or region is shown only to
    those who may open each one's own roll-up, on the page, in its files and in the API."""
    team(world, skills_framework, 6)
    for _ in range(6):
        person = UserFactory.create(organisation=world.london_b, band="6")
        take_assessment(person, skills_framework, {"1.1": (2, 3)})
    manager = client_for(world.manager)
    assert manager.get("/skills/rollups/organisations/RAB/").status_code == 403
    assert manager.get("/api/v1/skills/rollups?scope=organisation&code=RAB").status_code == 403
    assert manager.get("/api/v1/skills/rollups?by=organisation").status_code == 403
    assert manager.get("/api/v1/skills/rollups?by=region").status_code == 403
    assert manager.get("/skills/rollups/?by=organisation").status_code == 403
    assert manager.get("/skills/rollups/?by=organisation&format=csv").status_code == 403
    page = main_text(manager.get("/skills/rollups/").content)
    assert "Beta Mental Health" not in page
    heat = manager.get("/skills/rollups/?format=csv&table=heatmap").content.decode()
    assert "Beta Mental Health" not in heat
    assert "RAB" not in heat
    # The national team, and the lead of the region, see every one they oversee.
    assert client_for(world.national).get("/api/v1/skills/rollups?by=organisation").status_code == 200
    north_west = client_for(world.regional_lead)
    assert north_west.get("/api/v1/skills/rollups?scope=region&code=Y56&by=organisation").status_code == 403
    assert north_west.get("/api/v1/skills/rollups?by=region").status_code == 403  # London's figures are not theirs
    london = client_for(grant(UserFactory.create(organisation=None), Role.REGIONAL_LEAD, region=current_region("Y56")))
    assert london.get("/api/v1/skills/rollups?scope=region&code=Y56&by=organisation").status_code == 200
    assert london.get("/skills/rollups/regions/Y56/?by=organisation&format=csv").status_code == 200
    assert london.get("/skills/rollups/organisations/RAB/").status_code == 200
    assert london.get("/api/v1/skills/rollups?by=region").status_code == 200  # London is the only region with figures


def test_sharing_shares_a_frozen_copy_without_the_plan_and_ends_when_the_person_leaves(
    world: World, skills_framework: Framework
) -> None:
    """The attack: sharing handed the manager the person's whole current development plan, and the
    old manager could still download it, with actions added after the person left."""
    PlanActionFactory.create(person=world.staff, description="Private plan: apply for the regional job")
    assessment = take_assessment(world.staff, skills_framework, {"1.1": (1, 3), "1.2": (2, 2)})
    person = client_for(world.staff)
    share_screen = main_text(person.get(f"/skills/assessments/{assessment.pk}/").content)
    assert "They will not see your development plan" in share_screen
    shared = post_from_page(
        person,
        f"/skills/assessments/{assessment.pk}/sharing/",
        {"share": "yes"},
        page=f"/skills/assessments/{assessment.pk}/",
    )
    assert shared.status_code == 302
    PlanActionFactory.create(person=world.staff, description="Added later: leave for Beta")

    manager = client_for(world.manager)
    surfaces = [
        f"/skills/assessments/{assessment.pk}/",
        f"/skills/assessments/{assessment.pk}/gaps/",
        f"/skills/assessments/{assessment.pk}/gaps/?format=csv&table=gaps",
        f"/api/v1/skills/assessments/{assessment.pk}",
        f"/api/v1/skills/assessments/{assessment.pk}/gaps",
    ]
    for url in surfaces:
        response = manager.get(url)
        assert response.status_code == 200, url
        assert b"Private plan" not in response.content, url
        assert b"Added later" not in response.content, url
    gaps = main_text(manager.get(f"/skills/assessments/{assessment.pk}/gaps/").content)
    assert "Literature searching" in gaps
    assert manager.get(f"/api/v1/skills/assessments/{assessment.pk}").json()["ratings"][0]["sub_area"] == "1.1"
    pdf = manager.get(f"/skills/assessments/{assessment.pk}/report.pdf")
    assert pdf.status_code == 200
    if has_pdftotext():
        text = pdf_text(pdf.content)
        assert "Private plan" not in text
        assert "Development plan" not in text
        assert "Their development plan is not shared" in " ".join(text.split())

    # The person leaves: the share ends on every surface.
    world.staff.organisation = world.london_b
    world.staff.save()
    for url in [*surfaces, f"/skills/assessments/{assessment.pk}/report.pdf"]:
        assert manager.get(url).status_code == 404, url
    # Withdrawing ends it too (back in the team, shared again, then withdrawn).
    world.staff.organisation = world.london_a
    world.staff.save()
    assessment.refresh_from_db()
    services.assessment_share(
        assessment=assessment, actor=world.staff, share=True, expected_version=assessment.edit_version
    )
    assert manager.get(surfaces[0]).status_code == 200
    assessment.refresh_from_db()
    services.assessment_share(
        assessment=assessment, actor=world.staff, share=False, expected_version=assessment.edit_version
    )
    assert manager.get(surfaces[0]).status_code == 404


# --- The property over sequences of single actions ------------------------------------------------

SCOPES: list[tuple[aggregates.ScopeKind, str, tuple[str, ...]]] = [
    ("nation", "", ("band_group", "role", "organisation", "region")),
    ("region", "Y56", ("band_group", "role", "organisation")),
    ("organisation", "RAA", ("band_group", "role")),
]
action = st.tuples(
    st.integers(0, 7),  # who
    st.sampled_from([None, "clinical-librarian"]),  # their role this time
    st.dictionaries(st.sampled_from(EVERY), st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=1),
)


def _figures(framework: Framework) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Every figure of every roll-up, by (scope, level, breakdown, group, item)."""
    figures: dict[tuple[str, ...], tuple[str, ...]] = {}
    for kind, code, bys in SCOPES:
        found = aggregates.find_scope(kind, code)
        assert found is not None
        for level in ("area", "sub_area"):
            data = aggregates.rollup_data(framework, found[0], level)
            for by in bys:
                for row in presenters.rollup_rows(data, aggregates.breakdown_by(data, by)):
                    key = (kind, level, by, row["group_name"], row["item"])
                    figures[key] = (row["people"], row["mean_current"], row["mean_target"], row["percent_with_gap"])
    return figures


def _contribution(assessment_id: int | None, level: str, item: str) -> tuple[tuple[int, int], ...]:
    if assessment_id is None:
        return ()
    ratings = Rating.objects.filter(assessment_id=assessment_id)
    ratings = (
        ratings.filter(sub_area__area__number=int(item)) if level == "area" else ratings.filter(sub_area__number=item)
    )
    return tuple(sorted(ratings.values_list("current", "target")))


def _in_cell(assessment: Assessment | None, key: tuple[str, ...], world: World) -> bool:
    """Whether an assessment counts in a figure's group (a superset for regions: both of the
    world's organisations are in London)."""
    kind, _level, by, group, _item = key
    if assessment is None or (kind == "organisation" and assessment.organisation_id != world.london_a.pk):
        return False
    if group == "All" or by == "region":
        return True
    if by == "organisation":
        return assessment.organisation is not None and group == assessment.organisation.name
    if by == "band_group":
        return group == band_group(assessment.band).label
    return group == (assessment.role_profile.name if assessment.role_profile else "Role not given")


def _assessment(assessment_id: int | None) -> Assessment | None:
    if assessment_id is None:
        return None
    return Assessment.objects.filter(pk=assessment_id).select_related("role_profile", "organisation").first()


def _changed_people(before: dict[int, int], after: dict[int, int], key: tuple[str, ...], world: World) -> int:
    """People whose contribution to the figure differs between two published states (worked out
    here from the records, independently of the code under test)."""
    changed = 0
    for person in before.keys() | after.keys():
        old_id, new_id = before.get(person), after.get(person)
        if old_id == new_id:
            continue
        old = _assessment(old_id)
        new = _assessment(new_id)
        was, now = _in_cell(old, key, world), _in_cell(new, key, world)
        level, item = key[1], key[4]
        if (was or now) and (was != now or _contribution(old_id, level, item) != _contribution(new_id, level, item)):
            changed += 1
    return changed


def _published(framework: Framework) -> dict[int, int]:
    return dict(Assessment.objects.filter(framework=framework, is_published=True).values_list("person_id", "pk"))


@pytest.mark.django_db
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=st.lists(action, min_size=2, max_size=9))
def test_no_sequence_of_single_actions_and_reads_gives_anyone_away(
    world: World, skills_framework: Framework, actions: list[Any]
) -> None:
    """After every single action every roll-up figure is read; a figure that is shown and differs
    from the last time it was shown must differ by the contributions of at least 5 people."""
    with transaction.atomic():
        # Figures already shown: six published at band 5 and above in RAA, and five at bands 1 to 4.
        team(world, skills_framework, 6)
        team(world, skills_framework, 5, band="3")
        people = [
            UserFactory.create(organisation=world.london_a if i < 6 else world.london_b, band="6" if i % 3 else "3")
            for i in range(8)
        ]
        last_shown: dict[tuple[str, ...], tuple[tuple[str, ...], dict[int, int]]] = {}

        def check() -> None:
            state = _published(skills_framework)
            for key, value in _figures(skills_framework).items():
                if not value[0].isdigit():
                    continue
                previous = last_shown.get(key)
                if previous is not None and previous[0] != value:
                    assert _changed_people(previous[1], state, key, world) >= 5, key
                last_shown[key] = (value, state)

        check()
        for who, role, ratings in actions:
            take_assessment(people[who], skills_framework, ratings, role=role, published=False)
            check()
        transaction.set_rollback(True)
