"""Subject access and erasure (UK GDPR articles 15 and 17), on a person with every kind of record.

The export (page, JSON, PDF, API and `lksw person_export`) holds every kind; `lksw person_erase`
removes every link to the person, keeps the published returns' figures identical, leaves no audit
row naming them, records that a person was erased and by whom, and refuses what it must."""

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import TextField
from django.db.models.functions import Cast
from django_tasks_db.models import DBTaskResult
from pytest_django import Settings

from lksworkforce.accounts import selectors
from lksworkforce.accounts.models import User
from lksworkforce.accounts.people import Role
from lksworkforce.core.models import AuditEvent
from lksworkforce.core.subject_access import person_links
from lksworkforce.organisations.models import Organisation
from lksworkforce.skills.models import Assessment
from lksworkforce.staffing import selectors as staffing_selectors
from lksworkforce.staffing import services as staffing_services
from lksworkforce.staffing.models import LksPost, LksReturn
from lksworkforce.surveys.models import Response
from tests.accounts.conftest import IMPACT, Everything, seen_version
from tests.conftest import YEAR, client_for
from tests.factories import UserFactory, grant
from tests.skills.conftest import has_pdftotext, pdf_text, words

pytestmark = pytest.mark.django_db

EVERY_KIND = (
    "account",
    "roles",
    "qualifications",
    "admin_site",
    "admin_history",
    "sign_ins",
    "returns",
    "returns_naming_you",
    "self_assessments",
    "shares",
    "development_plan",
    "audit_events",
)


def run(command: str, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(command: str, *args: str) -> CommandError:
    with pytest.raises(CommandError) as raised:
        call_command(command, *args, stdout=io.StringIO(), stderr=io.StringIO())
    return raised.value


def _records(export: dict[str, Any], key: str) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = export["sections"][key]["records"]
    return records


# Export ------------------------------------------------------------------------------------


def test_the_export_holds_every_kind_of_record(everything: Everything) -> None:
    sam = everything.person
    export = selectors.personal_data(sam).as_json()
    assert export["format"] == "lksw-personal-data/1"
    assert export["person"] == {"name": "Sam Staff", "email": "staff@example.nhs.uk"}
    for kind in EVERY_KIND:
        assert _records(export, kind), f"nothing in {kind}"
    assert _records(export, "account")[0]["email_address"] == sam.email
    assert "hash" in _records(export, "account")[0]["password"]  # never the hash itself
    assert {r["role"] for r in _records(export, "roles")} == {"Staff member", "Service manager"}
    assert {q["qualification"] for q in _records(export, "qualifications")} == {
        "CILIP Chartership",
        "Studying for a CILIP-accredited qualification",
    }
    assert _records(export, "admin_site") == [{"group": "Catalogue editors"}]
    assert {r["change"] for r in _records(export, "admin_history")} == {"Changed name.", "Changed job title."}
    assert {r["kind"] for r in _records(export, "sign_ins")} == {"signed in", "wrong password"}
    assert "1 signed-in session" in export["sections"]["sign_ins"]["note"]
    returns = _records(export, "returns")
    assert [(r["organisation"], r["year"], r["version"]) for r in returns] == [
        ("Beta Mental Health NHS Trust", YEAR, 2)
    ]
    assert returns[0]["you_submitted_it_on"]
    assert returns[0]["you_published_it_on"]
    assert "no post is linked to you" in export["sections"]["returns"]["note"]
    assert _records(export, "returns_naming_you")[0]["impact_summary"] == IMPACT
    assessments = _records(export, "self_assessments")
    assert [a["finished_on"] is not None for a in assessments] == [True, True, False]
    assert assessments[0]["framework"] == "Old skills framework (1)"
    assert assessments[0]["ratings"][0]["how_learning_will_be_shown"] == "A search log"
    assert assessments[0]["ratings"][0]["evidence_links"] == ["https://example.nhs.uk/sam-search-log"]
    assert assessments[1]["reflection"] == "Sam reflects"
    assert {(r["sub_area"], r["current"], r["target"]) for r in assessments[1]["ratings"]} == {
        ("1.1 Literature searching", 1, 3),
        ("2.1 Health literacy", 2, 2),
    }
    assert _records(export, "shares")[0]["shared_with"] == "the service managers of Alpha Hospitals NHS Trust"
    plan = {(a["action"], a["status"]) for a in _records(export, "development_plan")}
    assert plan == {("Sam's searching course", "Planned"), ("Sam's finished shadowing", "Done")}
    actions = {e["action"] for e in _records(export, "audit_events")}
    # By Sam, about Sam's records (including the removed plan action), and naming Sam (by the manager).
    assert {
        "qualification.added",
        "membership.granted",
        "lks_return.published",
        "skills.ratings_saved",
        "skills.plan_action_removed",
        "lks_return.impact_updated",
    } <= actions
    # Surveys are anonymous: the section is there, empty, and says why.
    assert _records(export, "surveys") == []
    assert "anonymous" in export["sections"]["surveys"]["note"]
    # Nobody else's records.
    assert "Cal Colleague" not in json.dumps(export)


def test_the_person_sees_their_own_data_from_their_profile(everything: Everything) -> None:
    sam, client = everything.person, everything.client
    profile = client.get("/profile/").content.decode()
    assert f"/people/{sam.pk}/personal-data/" in profile
    page = client.get(f"/people/{sam.pk}/personal-data/")
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    text = page.content.decode()
    for heading in ("Account", "Roles", "Skills self-assessments", "Development plan", "Development needs survey"):
        assert f">{heading}</h2>" in text
    assert "Sam&#39;s searching course" in text
    download = client.get(f"/people/{sam.pk}/personal-data.json")
    assert download["Content-Disposition"] == 'attachment; filename="personal-data.json"'
    assert json.loads(download.content)["person"]["name"] == "Sam Staff"


def test_the_national_team_reaches_anyone_s_data_from_the_people_list(everything: Everything) -> None:
    sam = everything.person
    client = client_for(everything.world.national)
    person_page = client.get(f"/people/{sam.pk}/").content.decode()
    assert f"/people/{sam.pk}/personal-data/" in person_page
    page = client.get(f"/people/{sam.pk}/personal-data/")
    assert page.status_code == 200
    assert "Everything held about Sam Staff" in page.content.decode()
    api = client.get(f"/api/v1/people/{sam.pk}/personal-data")
    assert api.status_code == 200
    assert set(EVERY_KIND) <= set(api.json()["sections"])
    # The manager may see Sam's person page, but not everything held about Sam.
    manager = client_for(everything.world.manager)
    assert f"/people/{sam.pk}/personal-data/" not in manager.get(f"/people/{sam.pk}/").content.decode()


def test_the_pdf_renders_with_the_person_s_name(everything: Everything) -> None:
    sam = everything.person
    response = client_for(everything.world.national).get(f"/people/{sam.pk}/personal-data.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if has_pdftotext():
        text = words(pdf_text(response.content, layout=False))
        assert "Everything held about Sam Staff" in text
        assert "Sam's searching course" in text
        assert "Survey answers are anonymous" in text


# The commands ------------------------------------------------------------------------------


def test_person_export_writes_json_to_stdout_or_a_pdf_file(everything: Everything, tmp_path: Path) -> None:
    out, _ = run("person_export", "STAFF@example.nhs.uk")
    export = json.loads(out)
    assert set(EVERY_KIND) <= set(export["sections"])
    assert export == {**selectors.personal_data(everything.person).as_json(), "generated_at": export["generated_at"]}
    target = tmp_path / "sam.pdf"
    _, err = run("person_export", "staff@example.nhs.uk", "--format", "pdf", "--output", str(target))
    assert target.read_bytes().startswith(b"%PDF")
    assert str(target) in err
    if has_pdftotext():
        assert "Sam Staff" in pdf_text(target.read_bytes())


def test_person_export_refuses_an_unknown_email_or_an_unwritable_file(everything: Everything, tmp_path: Path) -> None:
    assert refused("person_export", "nobody@example.nhs.uk").returncode == 2
    error = refused("person_export", "staff@example.nhs.uk", "--output", str(tmp_path / "missing" / "x.json"))
    assert error.returncode == 2
    assert "Cannot write" in str(error)


def _person_rows(pk: int) -> dict[str, int]:
    """How many rows of every model with a foreign key to the user model point at `pk`."""
    return {
        f"{model._meta.label}.{field.name}": model._default_manager.filter(**{field.attname: pk}).count()
        for model, field in person_links()
    }


def _naming(*terms: str) -> list[AuditEvent]:
    events = AuditEvent.objects.annotate(text=Cast("changes", TextField()))
    return [event for event in events if any(term.lower() in (event.summary + event.text).lower() for term in terms)]


def _figures(viewer: User) -> Any:
    """The year's published figures: every organisation, region and England, with staffing by band."""
    figures = staffing_selectors.figures_for_year(viewer, YEAR)
    bands = [
        staffing_selectors.staff_breakdown(staffing_selectors.counted_return(o, YEAR), "band")
        for o in Organisation.objects.order_by("ods_code")
    ]
    return figures, bands


def test_person_erase_removes_every_link_and_keeps_the_published_figures(everything: Everything) -> None:
    sam, world = everything.person, everything.world
    pk = sam.pk
    figures = _figures(world.national)
    assert figures[0] is not None
    posts = sorted(
        LksPost.objects.filter(lks_return__is_counted=True).values_list(
            "lks_return__organisation", "post_title", "band", "wte"
        )
    )
    returns = sorted(LksReturn.objects.values_list("organisation", "year", "version", "status", "is_counted"))
    responses = Response.objects.count()
    colleague_assessments = Assessment.objects.filter(person=world.colleague).count()
    edit_versions = dict(LksReturn.objects.values_list("pk", "edit_version"))
    assert any(_person_rows(pk).values())

    out, err = run("person_erase", "staff@example.nhs.uk", "--yes", "--by", "national@example.nhs.uk")

    assert "Self-assessments: 3 removed" in out
    assert "Ratings in them: 4 removed" in out
    assert "Development plan actions: 2 removed" in out
    assert "Qualifications: 2 removed" in out
    assert "Returns they submitted (kept, without them): 1 unlinked" in out
    assert "Erased" in err
    assert not User.objects.filter(pk=pk).exists()
    assert not any(_person_rows(pk).values()), _person_rows(pk)
    # The published returns keep every post and figure; nothing links them to Sam.
    assert _figures(world.national) == figures
    assert (
        sorted(
            LksPost.objects.filter(lks_return__is_counted=True).values_list(
                "lks_return__organisation", "post_title", "band", "wte"
            )
        )
        == posts
    )
    assert sorted(LksReturn.objects.values_list("organisation", "year", "version", "status", "is_counted")) == returns
    rab = LksReturn.objects.get(organisation=world.london_b, is_counted=True)
    assert (rab.submitted_by, rab.published_by) == (None, None)
    assert rab.submitted_at is not None
    raa = LksReturn.objects.get(organisation=world.london_a, is_counted=True)
    assert "Sam Staff" not in raa.impact_summary
    # The rewritten summary is a new edit version: a page opened before cannot save the name back.
    assert raa.edit_version == edit_versions[raa.pk] + 1
    assert "staff@example.nhs.uk" not in raa.impact_summary
    assert "ran the outreach sessions" in raa.impact_summary
    # The audit trail: nothing by, about or naming Sam; one event saying a person was erased.
    assert not _naming("Sam Staff", "staff@example.nhs.uk")
    assert not AuditEvent.objects.filter(object_type="accounts.user", object_id=str(pk)).exists()
    assert (
        not AuditEvent.objects.filter(object_type="skills.planaction", summary="Plan action removed")
        .exclude(actor=None)
        .exists()
    )
    erased = AuditEvent.objects.get(action="person.erased")
    assert erased.actor == world.national
    assert erased.object_id == ""
    assert erased.summary == "A person and the data held about them were erased"
    # The return's own history stays, without who.
    assert AuditEvent.objects.filter(action="lks_return.published", object_id=str(rab.pk), actor=None).exists()
    # Anonymous survey answers and other people's records are untouched.
    assert Response.objects.count() == responses
    assert Assessment.objects.filter(person=world.colleague).count() == colleague_assessments
    # The session is gone: Sam is signed out.
    assert everything.client.get("/profile/").status_code == 302


def test_person_erase_dry_run_lists_what_would_go_and_changes_nothing(everything: Everything) -> None:
    pk = everything.person.pk
    before = _person_rows(pk)
    events = AuditEvent.objects.count()
    out, err = run("person_erase", "staff@example.nhs.uk", "--dry-run")
    assert "Self-assessments: 3 removed" in out
    assert "Account: 1 removed" in out
    assert "nothing was erased" in err
    assert _person_rows(pk) == before
    assert AuditEvent.objects.count() == events
    assert len(_naming("Sam Staff", "staff@example.nhs.uk")) > 0


def test_person_erase_refusals_exit_2_and_change_nothing(everything: Everything) -> None:
    world = everything.world
    pk = everything.person.pk
    before = _person_rows(pk)
    assert refused("person_erase", "nobody@example.nhs.uk", "--yes", "--by", "national@example.nhs.uk").returncode == 2
    # Without --yes (or --dry-run), nothing happens.
    assert "--yes" in str(refused("person_erase", "staff@example.nhs.uk"))
    # Erasure is authorised by a member of the national team, who is not the person.
    assert "Say which member of the national team authorised" in str(
        refused("person_erase", "staff@example.nhs.uk", "--yes")
    )
    not_national = refused("person_erase", "staff@example.nhs.uk", "--yes", "--by", "manager@example.nhs.uk")
    assert "not a member of the national team" in str(not_national)
    assert refused("person_erase", "staff@example.nhs.uk", "--yes", "--by", "nobody@example.nhs.uk").returncode == 2
    # The last member of the national team cannot be erased, by anyone, even in a dry run.
    last = refused("person_erase", "national@example.nhs.uk", "--yes", "--by", "national@example.nhs.uk")
    assert last.returncode == 2
    assert "only member of the national team" in str(last)
    assert "only member" in str(refused("person_erase", "national@example.nhs.uk", "--dry-run"))
    assert _person_rows(pk) == before
    assert User.objects.filter(pk=world.national.pk).exists()
    # With a second member, a national team member still cannot authorise their own erasure...
    second = grant(UserFactory.create(email="second@example.nhs.uk", organisation=None), Role.NATIONAL_TEAM)
    themselves = refused("person_erase", "national@example.nhs.uk", "--yes", "--by", "national@example.nhs.uk")
    assert "not by themselves" in str(themselves)
    # ...but the other member can.
    run("person_erase", "national@example.nhs.uk", "--yes", "--by", second.email)
    assert not User.objects.filter(email="national@example.nhs.uk").exists()
    assert AuditEvent.objects.get(action="person.erased").actor == second


def test_a_name_outside_ascii_is_found_and_removed_from_the_audit_trail(everything: Everything) -> None:
    """SQLite keeps JSON with ASCII escapes ("Zo\\u00eb"), PostgreSQL as written: both are searched."""
    world = everything.world
    zoe = UserFactory.create(email="zoe@example.nhs.uk", full_name="Zoë Brontë", organisation=world.london_a)
    draft = staffing_services.lks_return_open_draft(
        organisation=world.north_west, year=YEAR, expected_version=seen_version(world.north_west), actor=world.manager
    )
    staffing_services.lks_return_update_impact(
        lks_return=draft,
        impact_summary="Zoë Brontë catalogued the archive.",
        expected_version=seen_version(world.north_west),
        actor=world.manager,
    )
    export = selectors.personal_data(zoe).as_json()
    assert [e["action"] for e in _records(export, "audit_events")] == ["lks_return.impact_updated"]
    assert _records(export, "returns_naming_you")[0]["impact_summary"] == "Zoë Brontë catalogued the archive."

    run("person_erase", "zoe@example.nhs.uk", "--yes", "--by", "national@example.nhs.uk")

    assert not _naming("Zoë Brontë", "Zo\\u00eb Bront\\u00eb")
    draft.refresh_from_db()
    assert draft.impact_summary == "[a person whose data was erased] catalogued the archive."


def test_person_erase_removes_password_reset_emails_queued_for_them(everything: Everything, settings: Settings) -> None:
    """A queued (or sent) reset email in the task table carries the address: it goes with the person."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = client_for(None)
    for email in ("STAFF@example.nhs.uk", "colleague@example.nhs.uk"):
        assert client.post("/password-reset/", {"email": email}).status_code == 302
    queued = DBTaskResult.objects.filter(args_kwargs__kwargs__email__iexact="staff@example.nhs.uk")
    assert queued.count() == 1
    exported = json.loads(run("person_export", "staff@example.nhs.uk")[0])
    assert "1 password-reset email(s) in the task queue" in json.dumps(exported)

    run("person_erase", "staff@example.nhs.uk", "--yes", "--by", "national@example.nhs.uk")

    assert not queued.exists()
    assert [t.args_kwargs["kwargs"]["email"] for t in DBTaskResult.objects.all()] == ["colleague@example.nhs.uk"]
