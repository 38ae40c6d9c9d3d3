"""Fixtures shared by the whole suite: a small world of two regions, and a person in each role."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from django.test import Client

from lksworkforce.accounts.models import User
from lksworkforce.accounts.people import Role
from lksworkforce.organisations.models import Organisation
from tests.factories import OrganisationFactory, UserFactory, current_region, grant, place_in_region

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse

YEAR = 2025

# What the test client's requests return: a response with the client's extras (json(), context,
# redirect_chain). django-stubs names the class privately and it exists only in the stubs.
type TestResponse = _MonkeyPatchedWSGIResponse

# A person of the world fixture, for central test files that name no app (tests/contract_app).
type Person = User

# The browser fixtures, for tests/browser and each app's keyboard tests alike (one Chromium per session).
pytest_plugins = ["tests.browser_fixtures"]


@dataclass
class World:
    """London has two organisations (RAA, RAB); North West has one (RBA). One person per role."""

    london_a: Organisation
    london_b: Organisation
    north_west: Organisation
    staff: User
    colleague: User
    outsider: User
    manager: User
    regional_lead: User
    national: User
    curator: User

    def by_role(self, role: str) -> User | None:
        return {
            "anonymous": None,
            "staff": self.staff,
            "service_manager": self.manager,
            "regional_lead": self.regional_lead,
            "national_team": self.national,
            "curator": self.curator,
        }[role]


ROLES = ("anonymous", "staff", "service_manager", "regional_lead", "national_team", "curator")


@pytest.fixture
def world(db: None) -> World:
    london, north_west = current_region("Y56"), current_region("Y62")
    london_a = OrganisationFactory.create(ods_code="RAA", name="Alpha Hospitals NHS Trust")
    london_b = OrganisationFactory.create(ods_code="RAB", name="Beta Mental Health NHS Trust", type="mental_health")
    nw = OrganisationFactory.create(ods_code="RBA", name="Gamma Community NHS Trust", type="community")
    for org, region in ((london_a, london), (london_b, london), (nw, north_west)):
        place_in_region(org, region, YEAR)
    staff = UserFactory.create(email="staff@example.nhs.uk", full_name="Sam Staff", organisation=london_a, band="4")
    colleague = UserFactory.create(email="colleague@example.nhs.uk", full_name="Cal Colleague", organisation=london_a)
    outsider = UserFactory.create(email="outsider@example.nhs.uk", full_name="Olu Outsider", organisation=london_b)
    manager = grant(
        UserFactory.create(email="manager@example.nhs.uk", full_name="Mo Manager", organisation=london_a, band="8a"),
        Role.SERVICE_MANAGER,
        organisation=london_a,
    )
    lead = grant(
        UserFactory.create(email="lead@example.nhs.uk", full_name="Lee Lead", organisation=None, band="8b"),
        Role.REGIONAL_LEAD,
        region=north_west,
    )
    national = grant(
        UserFactory.create(email="national@example.nhs.uk", full_name="Nat National", organisation=None),
        Role.NATIONAL_TEAM,
    )
    curator = grant(
        UserFactory.create(email="curator@example.nhs.uk", full_name="Cur Curator", organisation=nw), Role.CURATOR
    )
    return World(london_a, london_b, nw, staff, colleague, outsider, manager, lead, national, curator)


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
