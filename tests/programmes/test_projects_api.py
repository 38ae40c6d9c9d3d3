"""Group projects over the API: those who run a cohort add, change and remove them with the version
they read (409 when stale), members only from the cohort's people (422 naming the field), and
nobody else can touch them (404)."""

import json
from typing import Any

import pytest

from lksworkforce.core.models import AuditEvent
from lksworkforce.programmes.models import GroupProject
from tests.conftest import World, client_for
from tests.programmes.factories import enrol
from tests.programmes.factories_applications import open_cohort, skills

pytestmark = pytest.mark.django_db
API = "/api/v1/programmes"


def send(client: Any, method: str, url: str, data: Any) -> Any:
    return getattr(client, method)(url, data=json.dumps(data), content_type="application/json")


def test_add_change_and_remove_a_project(world: World) -> None:
    cohort = open_cohort(skills(), region=None)
    enrol(cohort, world.staff)
    national = client_for(world.national)
    made = send(national, "post", f"{API}/cohorts/{cohort.pk}/projects",
                {"name": "Outreach group", "topic": "Community", "member_ids": [world.staff.pk]})  # fmt: skip
    assert made.status_code == 200, made.content
    project = made.json()
    assert (project["name"], project["member_ids"], project["has_output_file"]) == (
        "Outreach group",
        [world.staff.pk],
        False,
    )
    assert [p["id"] for p in client_for(world.staff).get(f"{API}/cohorts/{cohort.pk}/projects").json()] == [
        project["id"]
    ]
    changed = send(national, "put", f"{API}/projects/{project['id']}",
                   {"name": "Outreach group", "output_link": "https://example.org/poster", "edit_version": 1})  # fmt: skip
    assert changed.status_code == 200, changed.content
    assert (changed.json()["output_link"], changed.json()["member_ids"]) == ("https://example.org/poster", [])
    stale = send(national, "put", f"{API}/projects/{project['id']}", {"name": "Late", "edit_version": 1})
    assert stale.status_code == 409
    assert GroupProject.objects.get(pk=project["id"]).name == "Outreach group"
    assert national.delete(f"{API}/projects/{project['id']}?edit_version=1").status_code == 409
    assert national.delete(f"{API}/projects/{project['id']}?edit_version=2").status_code == 204
    assert not GroupProject.objects.filter(pk=project["id"]).exists()
    assert set(
        AuditEvent.objects.filter(action__startswith="programmes.project_").values_list("action", flat=True)
    ) >= {"programmes.project_removed"}


def test_members_must_have_a_place_and_the_name_is_needed(world: World) -> None:
    cohort = open_cohort(skills(), region=None)
    refused = send(client_for(world.national), "post", f"{API}/cohorts/{cohort.pk}/projects",
                   {"name": "", "member_ids": [world.outsider.pk]})  # fmt: skip
    assert refused.status_code == 422
    fields = {problem["field"] for problem in refused.json()["errors"]}
    assert {"name", "members"} <= fields or {"name", "member_ids"} <= fields, refused.json()
    assert not GroupProject.objects.exists()


def test_only_those_who_run_the_cohort_write(world: World) -> None:
    cohort = open_cohort(skills(), region=None)
    enrol(cohort, world.staff)
    project = GroupProject.objects.create(cohort=cohort, name="Ours")
    staff = client_for(world.staff)
    assert send(staff, "post", f"{API}/cohorts/{cohort.pk}/projects", {"name": "Mine"}).status_code == 404
    assert send(staff, "put", f"{API}/projects/{project.pk}", {"name": "X", "edit_version": 1}).status_code == 404
    assert staff.delete(f"{API}/projects/{project.pk}?edit_version=1").status_code == 404
    assert client_for(world.regional_lead).delete(f"{API}/projects/{project.pk}?edit_version=1").status_code == 404
    assert GroupProject.objects.get(pk=project.pk).name == "Ours"
