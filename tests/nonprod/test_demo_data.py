"""The synthetic demo world: deterministic, realistic in scale, and loadable in one go."""

import json
import re
from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from lksworkforce.accounts.demo.world import (
    DEMO_ACCOUNT_EMAILS,
    DEMO_EMAIL_DOMAIN,
    DemoPerson,
    demo_accounts,
    demo_staff,
)
from lksworkforce.accounts.models import Membership, Qualification, User
from lksworkforce.accounts.people import PARA_PROFESSIONAL_BANDS, Role
from lksworkforce.core.models import AuditEvent
from lksworkforce.nonprod.services import DEFAULT_PASSWORD
from lksworkforce.organisations.codes import OrganisationType, ods_code_problem
from lksworkforce.organisations.demo.world import AS_OF, DemoOrganisation, demo_organisations
from lksworkforce.organisations.models import Organisation, RegionMembership

REGIONS = {"Y56", "Y58", "Y59", "Y60", "Y61", "Y62", "Y63"}


@pytest.fixture(scope="module")
def organisations() -> list[DemoOrganisation]:
    return demo_organisations(2019)


@pytest.fixture(scope="module")
def staff(organisations: list[DemoOrganisation]) -> list[DemoPerson]:
    return demo_staff(2019, organisations)


def counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "region_memberships": RegionMembership.objects.count(),
        "people": User.objects.count(),
        "qualifications": Qualification.objects.count(),
        "memberships": Membership.objects.count(),
    }


def seed(*args: str) -> str:
    err = StringIO()
    call_command("seed_demo", *args, stderr=err, stdout=StringIO())
    return err.getvalue()


# --- The pure world ---------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_world(organisations: list[DemoOrganisation], staff: list[DemoPerson]) -> None:
    assert demo_organisations(2019) == organisations
    assert demo_staff(2019, demo_organisations(2019)) == staff
    assert demo_organisations() == organisations  # 2019 is the default


def test_a_different_seed_gives_a_different_world(
    organisations: list[DemoOrganisation], staff: list[DemoPerson]
) -> None:
    other = demo_organisations(2020)
    assert other != organisations
    assert demo_staff(2020, other) != staff


def test_organisations_cover_england_in_realistic_numbers(organisations: list[DemoOrganisation]) -> None:
    assert 200 <= len(organisations) <= 250
    by_type = Counter(o.type for o in organisations)
    assert 110 <= by_type[OrganisationType.ACUTE] <= 130
    assert 45 <= by_type[OrganisationType.MENTAL_HEALTH] <= 55
    assert by_type[OrganisationType.AMBULANCE] == 10
    assert by_type[OrganisationType.ARMS_LENGTH_BODY] == 10

    by_region = Counter(o.region_code for o in organisations)
    assert set(by_region) == REGIONS
    largest_two = {region for region, _ in by_region.most_common(2)}
    assert largest_two == {"Y56", "Y63"}  # London and North East and Yorkshire
    assert {o.region_code_2018 for o in organisations} == {"LKSS", "MAE", "NORTH", "SOUTH"}


def test_organisation_sizes_are_realistic_for_their_type(organisations: list[DemoOrganisation]) -> None:
    ranges = {
        OrganisationType.ACUTE: (3_000, 15_000),
        OrganisationType.MENTAL_HEALTH: (2_000, 6_000),
        OrganisationType.COMMUNITY: (1_500, 5_000),
        OrganisationType.AMBULANCE: (2_500, 6_000),
        OrganisationType.ARMS_LENGTH_BODY: (500, 3_000),
    }
    for o in organisations:
        assert o.nhs_wte == o.nhs_wte.quantize(o.nhs_wte.__class__("0.01"))
        if o.closed_on is None and o.type in ranges:
            low, high = ranges[o.type]
            assert low <= o.nhs_wte <= high, o


def test_ods_codes_are_valid_and_unique(organisations: list[DemoOrganisation]) -> None:
    codes = [o.ods_code for o in organisations]
    assert len(set(codes)) == len(codes)
    for o in organisations:
        assert ods_code_problem(o.ods_code, o.type) is None, o.ods_code
        if o.type.is_trust:
            assert re.fullmatch(r"[RT][A-Z0-9]{2}", o.ods_code)
        else:
            assert 3 <= len(o.ods_code) <= 5


def test_names_are_unique_and_not_labelled_in_the_name(organisations: list[DemoOrganisation]) -> None:
    names = [o.name for o in organisations]
    assert len(set(names)) == len(names)
    assert not any("synthetic" in name.lower() for name in names)


def test_a_few_organisations_closed_and_none_close_before_opening(organisations: list[DemoOrganisation]) -> None:
    closed = [o for o in organisations if o.closed_on is not None]
    assert 1 <= len(closed) <= 10
    for o in closed:
        assert o.opened_on is not None
        assert o.closed_on is not None  # (closed ones only: mypy does not carry the filter over)
        assert o.opened_on < o.closed_on <= AS_OF


def test_staff_are_about_a_thousand_and_sixty_percent_professional(staff: list[DemoPerson]) -> None:
    assert 900 <= len(staff) <= 1_100
    professional = sum(1 for p in staff if p.band not in PARA_PROFESSIONAL_BANDS)
    assert 0.55 <= professional / len(staff) <= 0.65


def test_staff_emails_are_unique_and_obviously_fake(staff: list[DemoPerson]) -> None:
    emails = [p.email for p in staff]
    assert len(set(emails)) == len(emails)
    assert all(email.endswith("@" + DEMO_EMAIL_DOMAIN) for email in emails)
    assert all(re.fullmatch(r"[a-z\-]+\.[a-z\-]+\.\d+@.+", email) for email in emails)


def test_staff_work_in_open_organisations_and_larger_ones_have_more(
    organisations: list[DemoOrganisation], staff: list[DemoPerson]
) -> None:
    by_code = {o.ods_code: o for o in organisations}
    per_organisation = Counter(p.ods_code for p in staff)
    assert all(by_code[code].closed_on is None for code in per_organisation)
    sizes = sorted(per_organisation.values())
    assert 2 <= sizes[len(sizes) // 2] <= 8  # the median service
    trusts = [o for o in organisations if o.type.is_trust and o.closed_on is None]
    assert all(per_organisation[o.ods_code] >= 2 for o in trusts)
    big = [o for o in trusts if o.nhs_wte >= 10_000]
    small = [o for o in trusts if o.nhs_wte < 4_000]
    assert sum(per_organisation[o.ods_code] for o in big) / len(big) > sum(
        per_organisation[o.ods_code] for o in small
    ) / len(small)


def test_qualifications_follow_band(staff: list[DemoPerson]) -> None:
    professional = [p for p in staff if p.band not in PARA_PROFESSIONAL_BANDS]
    degree = [p for p in professional if any(kind == "accredited_degree" for kind, _ in p.qualifications)]
    assert len(degree) / len(professional) > 0.8
    assert any(kind == "chartered" for p in staff for kind, _ in p.qualifications)
    assert any(kind == "fellow" for p in staff for kind, _ in p.qualifications)
    studying = [p for p in staff if any(kind == "studying" for kind, _ in p.qualifications)]
    assert any(p.band in {"3", "4"} for p in studying)
    assert all(awarded <= AS_OF for p in staff for _, awarded in p.qualifications)
    managers = [p for p in staff if p.manages_service]
    assert {p.band for p in managers} <= {"8a", "8b", "8c"}


def test_the_demo_service_manager_works_in_the_largest_london_acute_trust(
    organisations: list[DemoOrganisation],
) -> None:
    accounts = {a.key: a for a in demo_accounts(organisations)}
    london_acute = [
        o for o in organisations if o.region_code == "Y56" and o.type is OrganisationType.ACUTE and o.closed_on is None
    ]
    largest = max(london_acute, key=lambda o: o.nhs_wte)
    assert accounts["service_manager"].manages_ods_code == largest.ods_code
    assert accounts["staff"].ods_code == accounts["library_assistant"].ods_code == largest.ods_code


# --- Loading it -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_seed_demo_loads_the_world_and_labels_it_synthetic(
    organisations: list[DemoOrganisation], staff: list[DemoPerson]
) -> None:
    message = seed()

    assert "Synthetic demo data" in message
    assert Organisation.objects.count() == len(organisations)
    assert User.objects.count() == len(staff) + len(DEMO_ACCOUNT_EMAILS)
    years_current = set(RegionMembership.objects.filter(geography__key="nhse-regions").values_list("year", flat=True))
    years_2018 = set(
        RegionMembership.objects.filter(geography__key="lks-geographies-2018").values_list("year", flat=True)
    )
    assert years_current == set(range(2020, 2027))
    assert years_2018 == set(range(2016, 2020))
    assert (
        set(RegionMembership.objects.filter(geography__key="nhse-regions").values_list("region__code", flat=True))
        == REGIONS
    )
    generated = User.objects.exclude(email__in=DEMO_ACCOUNT_EMAILS)
    assert not any(user.has_usable_password() for user in generated[:50])


@pytest.mark.django_db
def test_every_role_has_a_demo_account_that_can_sign_in() -> None:
    seed()
    request = RequestFactory().post("/")
    for email in DEMO_ACCOUNT_EMAILS:
        user = authenticate(request=request, username=email, password=DEFAULT_PASSWORD)
        assert user is not None, email
    users = {user.email.split("@")[0]: user for user in User.objects.filter(email__in=DEMO_ACCOUNT_EMAILS)}
    assert users["national"].holds(Role.NATIONAL_TEAM)
    assert users["curator"].holds(Role.CURATOR)
    lead = users["london.lead"]
    assert lead.holds(Role.REGIONAL_LEAD)
    lead_region = lead.memberships.get().region
    assert lead_region is not None
    assert lead_region.code == "Y56"
    manager = users["manager"]
    assert manager.holds(Role.SERVICE_MANAGER)
    assert manager.managed_organisation_ids() == {manager.organisation_id}
    assert (users["staff"].band, users["staff"].organisation_id) == ("5", manager.organisation_id)
    assert (users["assistant"].band, users["assistant"].organisation_id) == ("3", manager.organisation_id)
    assert users["staff"].holds(Role.STAFF)
    assert not users["staff"].holds(Role.SERVICE_MANAGER)


@pytest.mark.django_db
def test_a_chosen_password_works_and_is_not_printed() -> None:
    seed("--password", "a-long-chosen-passphrase")
    request = RequestFactory().post("/")
    assert authenticate(request=request, username=DEMO_ACCOUNT_EMAILS[0], password="a-long-chosen-passphrase")

    out = StringIO()
    call_command("demo_sign_ins", "--format", "json", stdout=out, stderr=StringIO())
    rows = json.loads(out.getvalue())
    assert [row["email"] for row in rows] == list(DEMO_ACCOUNT_EMAILS)
    assert {row["password"] for row in rows} == {"(the password you chose)"}


@pytest.mark.django_db
def test_demo_sign_ins_prints_the_default_password() -> None:
    seed()
    out = StringIO()
    call_command("demo_sign_ins", stdout=out, stderr=StringIO())
    table = out.getvalue()
    for email in DEMO_ACCOUNT_EMAILS:
        assert email in table
    assert DEFAULT_PASSWORD in table
    assert "Regional lead" in table


@pytest.mark.django_db
def test_demo_sign_ins_says_when_there_are_none() -> None:
    out, err = StringIO(), StringIO()
    call_command("demo_sign_ins", stdout=out, stderr=err)
    assert out.getvalue() == ""
    assert "seed_demo" in err.getvalue()


@pytest.mark.django_db
def test_if_empty_does_nothing_when_data_exists() -> None:
    seed()
    before = counts()
    message = seed("--if-empty")
    assert "not loaded" in message
    assert counts() == before


@pytest.mark.django_db
def test_seeding_twice_is_refused_with_nothing_changed() -> None:
    seed()
    before = counts()
    with pytest.raises(CommandError) as refused:
        seed()
    assert refused.value.returncode == 2
    assert counts() == before


@pytest.mark.django_db
def test_a_weak_password_is_refused_with_nothing_changed() -> None:
    with pytest.raises(CommandError) as refused:
        seed("--password", "short")
    assert refused.value.returncode == 2
    assert Organisation.objects.count() == 0


@pytest.mark.django_db
def test_reset_replaces_the_demo_data_and_keeps_other_people() -> None:
    seed("--seed", "7")
    outsider = User.objects.create_user("someone@example.nhs.uk", "x-long-password-1", full_name="Some One")
    seed("--reset")
    assert set(Organisation.objects.values_list("ods_code", flat=True)) == {o.ods_code for o in demo_organisations()}
    assert User.objects.filter(pk=outsider.pk).exists()
    assert AuditEvent.objects.filter(action="demo.seeded").count() == 2
