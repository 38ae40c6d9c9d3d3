"""A person with every kind of record the service holds, for the subject access and erasure tests."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from lksworkforce.accounts import services as account_services
from lksworkforce.accounts.models import User
from lksworkforce.accounts.people import QualificationKind, Role
from lksworkforce.organisations.models import Organisation
from lksworkforce.skills import services as skill_services
from lksworkforce.skills.levels import ActionKind
from lksworkforce.staffing import services as staffing_services
from lksworkforce.staffing.models import LksReturn
from lksworkforce.surveys.models import Survey
from tests.conftest import YEAR, World, client_for
from tests.factories import QualificationFactory, publish_staffing_figures
from tests.skills.conftest import load_framework, sub, take_assessment
from tests.skills.factories import CompletedAssessmentFactory, FrameworkFactory, PlanActionFactory, RatingFactory
from tests.surveys.factories import load_survey, people, respond

IMPACT = "Sam Staff ran the outreach sessions; ask staff@example.nhs.uk for the slides."


@dataclass
class Everything:
    """Sam Staff (world.staff) with a record of every kind, and the world around them."""

    world: World
    person: User
    survey: Survey
    client: Client  # Sam, signed in: a session


def seen_version(organisation: Organisation) -> int:
    """The edit version of the year's latest return, as the return page would show it (0: none yet)."""
    latest = LksReturn.objects.filter(organisation=organisation, year=YEAR).order_by("-version").first()
    return latest.edit_version if latest else 0


def _published_correction(organisation: Organisation, *, editor: User, publisher: User, impact: str = "") -> LksReturn:
    draft = staffing_services.lks_return_open_draft(
        organisation=organisation, year=YEAR, expected_version=seen_version(organisation), actor=editor
    )
    staffing_services.lks_post_add(
        organisation=organisation,
        year=YEAR,
        values={
            "post_title": "Outreach librarian",
            "role": "librarian",
            "band": "7",
            "wte": Decimal("0.60"),
            "qualification": "chartered",
        },
        expected_version=seen_version(organisation),
        actor=editor,
    )
    draft.refresh_from_db()
    if impact:
        staffing_services.lks_return_update_impact(
            lks_return=draft, impact_summary=impact, expected_version=seen_version(organisation), actor=editor
        )
        draft.refresh_from_db()
    staffing_services.lks_return_submit(lks_return=draft, expected_version=seen_version(organisation), actor=editor)
    draft.refresh_from_db()
    return staffing_services.lks_return_publish(
        lks_return=draft, expected_version=seen_version(organisation), actor=publisher
    )


@pytest.fixture
def everything(world: World) -> Everything:
    sam, national, manager = world.staff, world.national, world.manager
    publish_staffing_figures(world, YEAR)
    # Account: qualifications and roles, granted through the services (audited, naming nobody).
    account_services.qualification_add(
        person=sam, kind=QualificationKind.CHARTERED, awarded_on=None, institution="CILIP", actor=sam
    )
    account_services.membership_grant(user=sam, role=Role.SERVICE_MANAGER, organisation=world.london_b, actor=national)
    QualificationFactory.create(
        person=sam, kind=QualificationKind.STUDYING.value, institution="City, University of London"
    )
    # Returns: Sam submits and publishes a correction of RAB's return; the manager of RAA writes
    # an impact summary that names Sam (by name and by email), published by the national team.
    _published_correction(world.london_b, editor=sam, publisher=sam)
    _published_correction(world.london_a, editor=manager, publisher=national, impact=IMPACT)
    # Skills: an old self-assessment on an earlier framework, with evidence; a finished, shared one
    # and a later one in progress; and a plan, with one action done and one removed.
    old = CompletedAssessmentFactory.create(person=sam, framework=FrameworkFactory.create(name="Old skills framework"))
    RatingFactory.create(
        assessment=old,
        sub_area__name="Old searching",
        learning_evidence="A search log",
        evidence_links=["https://example.nhs.uk/sam-search-log"],
    )
    PlanActionFactory.create(
        person=sam, description="Sam's finished shadowing", status="done", kind=ActionKind.SHADOW.value
    )
    framework = load_framework()
    take_assessment(sam, framework, {"1.1": (1, 3, "high"), "2.1": (2, 2)}, share=True, reflection="Sam reflects")
    take_assessment(sam, framework, {"1.2": (0, 2)}, finish=False)
    action = skill_services.plan_action_save(
        person=sam,
        entry=skill_services.ActionInput(
            kind=ActionKind.LEARN.value, description="Sam's searching course", sub_areas=[sub(framework, "1.1")]
        ),
    )
    gone = skill_services.plan_action_save(
        person=sam, entry=skill_services.ActionInput(kind=ActionKind.READ.value, description="A book Sam dropped")
    )
    skill_services.plan_action_remove(person=sam, action=gone, expected_version=gone.edit_version)
    assert action.pk
    # The colleague's own records, which an erasure of Sam must leave alone.
    take_assessment(world.colleague, framework, {"1.1": (2, 4)}, share=True)
    # Admin site: a group, an admin action by Sam and one about Sam.
    sam.groups.add(Group.objects.create(name="Catalogue editors"))
    LogEntry.objects.create(
        user=sam,
        content_type=ContentType.objects.get_for_model(Organisation),
        object_id=str(world.london_b.pk),
        object_repr=world.london_b.name,
        action_flag=CHANGE,
        change_message="Changed name.",
    )
    LogEntry.objects.create(
        user=national,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(sam.pk),
        object_repr=sam.full_name,
        action_flag=CHANGE,
        change_message="Changed job title.",
    )
    # Sign-ins (django-axes) and a signed-in session.
    AccessLog.objects.create(
        username=sam.email, ip_address="192.0.2.10", user_agent="Test browser", attempt_time=timezone.now()
    )
    AccessAttempt.objects.create(
        username=sam.email,
        ip_address="192.0.2.11",
        user_agent="Test browser",
        attempt_time=timezone.now(),
        get_data="",
        post_data="",
        failures_since_start=1,
    )
    client = client_for(sam)
    # A survey with anonymous answers: nothing links them to Sam.
    survey = load_survey()
    respond(survey, people(5, band="4", needs="searching"))
    return Everything(world=world, person=sam, survey=survey, client=client)
