"""A re-assessment starts from last time (issue 17): a new self-assessment copies every rating of
the person's last finished one, marked as carried over; "Nothing has changed in this area" keeps an
area's ratings in one step; saving an area looks at it again. The role profile is preselected from
the job title (or last time's choice). The copy stays private and moves no roll-up until finished."""

from datetime import date

import pytest

from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.models import AuditEvent
from lksworkforce.skills import publication, selectors, services
from lksworkforce.skills.framework_file import FrameworkSpec, parse_framework
from lksworkforce.skills.models import Assessment, Framework, Rating
from tests.concurrency import post_from_page
from tests.conftest import World, client_for
from tests.skills.conftest import main_text, parse_html, profile, selected_value, sub, tables, take_assessment

pytestmark = pytest.mark.django_db


def last_time(world: World, framework: Framework, *, share: bool = False) -> Assessment:
    """world.staff's finished self-assessment: 1.1 fully described, 1.2 and 2.1 rated, 3.1 not relevant."""
    first = take_assessment(
        world.staff,
        framework,
        {"1.1": (1, 3, "high"), "1.2": (2, 3), "2.1": (0, 2, "low")},
        role="clinical-librarian",
        share=share,
        completed_on=date(2025, 3, 12),
    )
    rating = first.ratings.get(sub_area__number="1.1")
    Rating.objects.filter(pk=rating.pk).update(
        learning_evidence="A search log", evidence_links=["https://example.org/log"]
    )
    return first


def carried(assessment: Assessment) -> dict[str, tuple[int, int, str, str, list[str], bool]]:
    return {
        r.sub_area.number: (r.current, r.target, r.priority, r.learning_evidence, r.evidence_links, r.carried_over)
        for r in assessment.ratings.select_related("sub_area")
    }


# --- Starting from last time ---------------------------------------------------------------------


def test_a_new_self_assessment_carries_over_every_rating_of_the_last_finished_one(
    world: World, skills_framework: Framework
) -> None:
    first = last_time(world, skills_framework)

    second = services.assessment_start(person=world.staff, framework=skills_framework)

    assert second.pk != first.pk
    assert not second.is_completed
    assert carried(second) == {
        "1.1": (1, 3, "high", "A search log", ["https://example.org/log"], True),
        "1.2": (2, 3, "", "", [], True),
        "2.1": (0, 2, "low", "", [], True),
    }
    assert all(not c[5] for c in carried(first).values())  # the finished one is untouched
    event = AuditEvent.objects.filter(action="skills.assessment_started").latest("id")
    assert event.object_id == str(second.pk)
    assert event.changes == {"carried_over_from": first.pk, "ratings_carried_over": 3}
    assert selectors.carried_over_from(second) == first


def test_a_first_self_assessment_starts_blank_and_another_persons_is_never_copied(
    world: World, skills_framework: Framework
) -> None:
    last_time(world, skills_framework)
    theirs = services.assessment_start(person=world.colleague, framework=skills_framework)
    assert not theirs.ratings.exists()
    assert selectors.carried_over_from(theirs) is None


def test_the_carried_over_copy_stays_private_and_moves_no_roll_up_until_finished(
    world: World, skills_framework: Framework
) -> None:
    first = last_time(world, skills_framework, share=True)
    before = publication.pending_changes(skills_framework)

    second = services.assessment_start(person=world.staff, framework=skills_framework)

    second.refresh_from_db()
    first.refresh_from_db()
    assert (first.is_latest, first.is_published) == (True, True)
    assert (second.is_latest, second.is_published, second.shared_with_manager) == (False, False, False)
    assert publication.pending_changes(skills_framework) == before
    # Their manager still sees only the shared copy of the finished one, never the carried-over copy.
    assert selectors.assessment_for(world.manager, second.pk) is None
    assert selectors.assessment_for(world.manager, first.pk) == first
    assert client_for(world.manager).get(f"/skills/assessments/{second.pk}/").status_code == 404


def test_finishing_the_carried_over_one_makes_it_the_latest(world: World, skills_framework: Framework) -> None:
    first = last_time(world, skills_framework)
    second = services.assessment_start(person=world.staff, framework=skills_framework)
    services.assessment_complete(
        assessment=second, actor=world.staff, reflection="Much the same", share_with_manager=False, expected_version=1
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_latest, second.is_latest) == (False, True)
    assert sorted(second.ratings.values_list("sub_area__number", "current", "target")) == [
        ("1.1", 1, 3),
        ("1.2", 2, 3),
        ("2.1", 0, 2),
    ]
    assert selectors.carried_over_from(second) is None  # finished: nothing left to check


# --- Nothing has changed in this area -------------------------------------------------------------


def test_nothing_has_changed_keeps_one_areas_ratings_and_leaves_the_others_to_check(
    world: World, skills_framework: Framework
) -> None:
    last_time(world, skills_framework)
    second = services.assessment_start(person=world.staff, framework=skills_framework)
    area = skills_framework.areas.get(number=1)
    versions = {r.sub_area_id: r.edit_version for r in second.ratings.filter(sub_area__area=area)}

    kept = services.area_confirm(assessment=second, actor=world.staff, area=area, versions=versions)

    assert kept == 2
    state = carried(second)
    assert (state["1.1"][5], state["1.2"][5], state["2.1"][5]) == (False, False, True)
    assert state["1.1"][:5] == (1, 3, "high", "A search log", ["https://example.org/log"])
    assert selectors.carried_counts_by_area(second) == {2: 1}
    event = AuditEvent.objects.filter(action="skills.area_confirmed").get()
    assert event.changes == {"area": 1, "sub_areas": ["1.1", "1.2"]}
    # Pressed twice (a second tab): nothing more to keep, nothing refused.
    assert services.area_confirm(assessment=second, actor=world.staff, area=area, versions=versions) == 0


def test_nothing_has_changed_from_an_old_version_is_refused_whole(world: World, skills_framework: Framework) -> None:
    last_time(world, skills_framework)
    second = services.assessment_start(person=world.staff, framework=skills_framework)
    area = skills_framework.areas.get(number=1)
    versions = {r.sub_area_id: r.edit_version for r in second.ratings.filter(sub_area__area=area)}
    appraisal = second.ratings.get(sub_area__number="1.2")
    Rating.objects.filter(pk=appraisal.pk).update(edit_version=appraisal.edit_version + 1)  # changed elsewhere

    with pytest.raises(StaleEdit):
        services.area_confirm(assessment=second, actor=world.staff, area=area, versions=versions)
    assert carried(second)["1.1"][5]
    assert carried(second)["1.2"][5]
    assert not AuditEvent.objects.filter(action="skills.area_confirmed").exists()


def test_only_the_person_confirms_and_only_while_unfinished(world: World, skills_framework: Framework) -> None:
    first = last_time(world, skills_framework)
    second = services.assessment_start(person=world.staff, framework=skills_framework)
    area = skills_framework.areas.get(number=1)
    versions = {r.sub_area_id: r.edit_version for r in second.ratings.filter(sub_area__area=area)}
    with pytest.raises(services.SkillsError, match="Only the person"):
        services.area_confirm(assessment=second, actor=world.manager, area=area, versions=versions)
    with pytest.raises(services.SkillsError, match="finished"):
        services.area_confirm(assessment=first, actor=world.staff, area=area, versions={})
    assert carried(second)["1.1"][5]


def test_saving_an_area_looks_at_its_ratings_again(world: World, skills_framework: Framework) -> None:
    last_time(world, skills_framework)
    second = services.assessment_start(person=world.staff, framework=skills_framework)
    old = {r.sub_area.number: r for r in second.ratings.select_related("sub_area")}
    services.ratings_save(
        assessment=second,
        actor=world.staff,
        entries={
            sub(skills_framework, "1.1"): services.RatingInput(
                2, 3, "high", "A search log", ("https://example.org/log",), edit_version=old["1.1"].edit_version
            ),
            sub(skills_framework, "1.2"): services.RatingInput(2, 3, edit_version=old["1.2"].edit_version),
        },
    )
    state = carried(second)
    assert state["1.1"] == (2, 3, "high", "A search log", ["https://example.org/log"], False)
    assert state["1.2"] == (2, 3, "", "", [], False)  # unchanged, but saved: checked
    assert state["2.1"][5]


# --- The role profile ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("Librarian", "librarian"),
        ("librarian ", "librarian"),
        ("Clinical Librarian", "clinical-librarian"),
        ("Senior library assistant", "library-assistant"),
        ("Knowledge manager (band 7)", "knowledge-manager"),
        ("Service manager", "service-manager"),
        ("Embedded librarian", "librarian"),
        ("Head of knowledge and library services", None),
        ("", None),
    ],
)
def test_a_job_title_names_the_role_profile(title: str, key: str | None, db: None) -> None:
    framework = services.framework_load(spec=_roles_spec())
    found = selectors.matching_role_profile(title, list(framework.role_profiles.all()))
    assert (found.key if found else None) == key


def _roles_spec() -> FrameworkSpec:
    profiles = "\n".join(
        f"  - key: {k}\n    name: {n}\n    expects: {{'1.1': 2}}"
        for k, n in [
            ("clinical-librarian", "Clinical librarian"),
            ("knowledge-manager", "Knowledge manager"),
            ("librarian", "Librarian"),
            ("library-assistant", "Library assistant"),
            ("service-manager", "Library and knowledge service manager"),
        ]
    )
    return parse_framework(
        "format: lks-skills-framework/1\nkey: roles\nname: Roles\nversion: '1'\ncurrent: false\n"
        "scale:\n  - {level: 0, label: None}\n  - {level: 2, label: Some}\n"
        "areas:\n  - {number: 1, name: One}\nsub_areas:\n  - {number: '1.1', name: Only}\n"
        f"role_profiles:\n{profiles}\n"
    )


def test_the_start_form_preselects_the_role_profile_from_the_job_title(
    world: World, skills_framework: Framework
) -> None:
    world.staff.job_title = "Clinical librarian"
    world.staff.save(update_fields=["job_title"])
    page = client_for(world.staff).get("/skills/")
    assert selected_value(page.content, "id_role_profile") == str(profile(skills_framework, "clinical-librarian").pk)
    assert "We chose Clinical librarian from your job title" in main_text(page.content)


def test_without_a_matching_title_last_times_role_profile_is_preselected(
    world: World, skills_framework: Framework
) -> None:
    world.staff.job_title = "Head of knowledge and library services"
    world.staff.save(update_fields=["job_title"])
    assert selected_value(client_for(world.colleague).get("/skills/").content, "id_role_profile") in ("", None)
    last_time(world, skills_framework)  # chose the clinical librarian profile
    page = client_for(world.staff).get("/skills/")
    assert selected_value(page.content, "id_role_profile") == str(profile(skills_framework, "clinical-librarian").pk)
    assert "starts from the one you finished on 12 March 2025" in main_text(page.content)


def test_the_preselected_role_profile_can_be_changed(world: World, skills_framework: Framework) -> None:
    world.staff.job_title = "Clinical librarian"
    world.staff.save(update_fields=["job_title"])
    chosen = profile(skills_framework, "knowledge-manager")
    response = client_for(world.staff).post("/skills/assessments/start/", {"role_profile": str(chosen.pk)})
    assert response.status_code == 302
    assert Assessment.objects.get(person=world.staff).role_profile == chosen


# --- Pages and the API ---------------------------------------------------------------------------


def test_the_pages_show_what_is_carried_over_and_nothing_has_changed_goes_to_the_next_area(
    world: World, skills_framework: Framework
) -> None:
    last_time(world, skills_framework)
    client = client_for(world.staff)
    response = client.post("/skills/assessments/start/", {"role_profile": ""})
    second = Assessment.objects.get(person=world.staff, completed_on__isnull=True)
    assert response["Location"] == f"/skills/assessments/{second.pk}/"

    overview = client.get(response["Location"])
    assert "Your ratings from the self-assessment you finished on 12 March 2025 are carried over" in main_text(
        overview.content
    )
    rows = tables(overview.content)["Areas and how many sub-areas you have rated"].as_dicts()
    assert [(r["Area"], r["Rated"], r["Carried over, not yet checked"]) for r in rows] == [
        ("1. Finding evidence", "2 of 2", "2 to check"),
        ("2. Teaching and learning", "1 of 2", "1 to check"),
        ("3. Knowledge management", "0 of 1", "Checked"),
    ]

    url = f"/skills/assessments/{second.pk}/areas/1/"
    area = client.get(url)
    text = main_text(area.content)
    assert "2 ratings in this area are carried over from the self-assessment you finished on 12 March 2025" in text
    assert "1.1 Literature searching (Carried over)" in text
    assert "Nothing has changed in this area" in text
    searching = sub(skills_framework, "1.1")
    assert selected_value(area.content, f"id_s{searching.pk}_current") == "1"  # the levels are shown as they were

    kept = post_from_page(client, url, {"unchanged": "1"})
    assert kept.status_code == 302
    assert kept["Location"] == f"/skills/assessments/{second.pk}/areas/2/"
    assert "You kept your 2 ratings for 1. Finding evidence: nothing has changed." in main_text(
        client.get(kept["Location"]).content
    )
    assert selectors.carried_counts_by_area(second) == {2: 1}
    again = client.get(url)
    assert "Nothing has changed in this area" not in main_text(again.content)
    assert "(Carried over)" not in main_text(again.content)


def test_nothing_has_changed_without_the_versions_is_refused_with_400(
    world: World, skills_framework: Framework
) -> None:
    last_time(world, skills_framework)
    second = services.assessment_start(person=world.staff, framework=skills_framework)
    client = client_for(world.staff)
    url = f"/skills/assessments/{second.pk}/areas/1/"
    stale = client.post(url, {"unchanged": "1"})  # no versions: it says nothing it saw
    assert stale.status_code == 409
    assert selectors.carried_counts_by_area(second) == {1: 2, 2: 1}
    searching = sub(skills_framework, "1.1")
    bad = client.post(url, {"unchanged": "1", f"s{searching.pk}_edit_version": "x"})
    assert bad.status_code == 400
    assert selectors.carried_counts_by_area(second) == {1: 2, 2: 1}
    assert parse_html(bad.content).with_class("nhsuk-error-summary")


def test_the_api_start_carries_over_and_shows_it(world: World, skills_framework: Framework) -> None:
    last_time(world, skills_framework)
    client = client_for(world.staff)
    started = client.post("/api/v1/skills/assessments", {}, content_type="application/json")
    assert started.status_code in (200, 201)
    detail = client.get(f"/api/v1/skills/assessments/{started.json()['id']}").json()
    assert [(r["sub_area"], r["current"], r["target"], r["carried_over"]) for r in detail["ratings"]] == [
        ("1.1", 1, 3, True),
        ("1.2", 2, 3, True),
        ("2.1", 0, 2, True),
    ]
