"""Writing the synthetic demo world to the database: one transaction, bulk inserts, seconds not minutes."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, QuerySet

from lksworkforce.accounts.models import Membership, Qualification, User
from lksworkforce.accounts.people import QualificationKind, Role
from lksworkforce.core.models import AuditEvent
from lksworkforce.nonprod.demo_world import (
    CURRENT_GEOGRAPHY_KEY,
    CURRENT_GEOGRAPHY_YEARS,
    DEFAULT_SEED,
    DEMO_EMAIL_DOMAIN,
    GEOGRAPHY_2018_KEY,
    GEOGRAPHY_2018_YEARS,
    DemoAccount,
    DemoOrganisation,
    DemoPerson,
    demo_accounts,
    demo_organisations,
    demo_staff,
)
from lksworkforce.nonprod.skills_seed import remove_demo_skills, seed_skills
from lksworkforce.nonprod.staffing_seed import seed_staffing
from lksworkforce.nonprod.surveys_seed import remove_demo_surveys, seed_surveys
from lksworkforce.organisations.models import Geography, Organisation, Region, RegionMembership
from lksworkforce.staffing.models import LksPost, LksReturn, WorkforceCensus

DEFAULT_PASSWORD = "demo-password-2026"  # noqa: S105 - the published password of the demo accounts
SEEDED_ACTION = "demo.seeded"
SEEDED_OBJECT_TYPE = "nonprod.demo"


class DemoSeedError(Exception):
    """The demo data cannot be written; nothing was changed. The message says why, for a person."""


@dataclass(frozen=True)
class SeedOutcome:
    seed: int
    organisations: int
    closed_organisations: int
    region_memberships: int
    people: int
    qualifications: int
    memberships: int
    demo_accounts: int
    census_rows: int = 0
    lks_returns: int = 0
    removed_organisations: int = 0
    removed_people: int = 0
    more: tuple[str, ...] = ()  # summary lines from the skills and surveys seeds

    def summary_lines(self) -> list[str]:
        lines = [f"Synthetic demo data (seed {self.seed}): every organisation and person is invented."]
        if self.removed_organisations or self.removed_people:
            lines.append(
                f"Removed earlier demo data: {self.removed_organisations:,} organisations, {self.removed_people:,} people."
            )
        lines += [
            f"Organisations: {self.organisations:,} ({self.closed_organisations} closed), "
            f"with {self.region_memberships:,} region memberships",
            f"People: {self.people:,} LKS staff and {self.demo_accounts} demo accounts, "
            f"{self.qualifications:,} qualifications, {self.memberships:,} roles",
            f"Staffing: {self.census_rows:,} census figures and {self.lks_returns:,} annual returns over five years",
            *self.more,
            f"Email addresses end @{DEMO_EMAIL_DOMAIN}; `lksw demo_sign_ins` lists the demo accounts.",
        ]
        return lines


def organisations_exist() -> bool:
    return Organisation.objects.exists()


def _demo_people() -> QuerySet[User]:
    return User.objects.filter(email__iendswith="@" + DEMO_EMAIL_DOMAIN)


@transaction.atomic
def demo_seed(*, seed: int = DEFAULT_SEED, password: str = DEFAULT_PASSWORD, reset: bool = False) -> SeedOutcome:
    """Write the demo world for `seed`: organisations, region memberships, staff, qualifications and
    one account per role with `password`. Refuses when organisations or demo people exist, unless
    `reset`, which first removes the people with demo addresses and the organisations of this (and
    any earlier) demo seed."""
    try:
        validate_password(password)
    except ValidationError as error:
        raise DemoSeedError("The demo password is not allowed: " + " ".join(error.messages)) from None

    organisations = demo_organisations(seed)
    removed_organisations = removed_people = 0
    if reset:
        removed_organisations, removed_people = _remove_demo_data(organisations)
    elif Organisation.objects.exists() or _demo_people().exists():
        raise DemoSeedError(
            "The database already holds organisations or demo people; nothing was changed. "
            "Use --if-empty to skip seeding when data exists, or --reset to replace the demo data."
        )

    staff = demo_staff(seed, organisations)
    accounts = demo_accounts(organisations)
    organisation_ids = _create_organisations(organisations)
    region_memberships = _create_region_memberships(organisations, organisation_ids)
    people, qualifications, memberships = _create_people(staff, accounts, organisation_ids, password)
    census_rows, lks_returns = seed_staffing(organisations, organisation_ids, seed)
    more = (*seed_skills(seed), *seed_surveys(seed))
    AuditEvent.objects.create(
        action=SEEDED_ACTION,
        object_type=SEEDED_OBJECT_TYPE,
        object_id=str(seed),
        summary=f"Synthetic demo data loaded (seed {seed})",
        changes={"seed": seed, "organisations": len(organisations), "people": people},
    )
    return SeedOutcome(
        seed=seed,
        organisations=len(organisations),
        closed_organisations=sum(1 for o in organisations if o.closed_on is not None),
        region_memberships=region_memberships,
        people=len(staff),
        qualifications=qualifications,
        memberships=memberships,
        demo_accounts=len(accounts),
        census_rows=census_rows,
        lks_returns=lks_returns,
        removed_organisations=removed_organisations,
        removed_people=removed_people,
        more=more,
    )


def _remove_demo_data(organisations: list[DemoOrganisation]) -> tuple[int, int]:
    """Delete people with demo addresses, then the organisations of this and every earlier demo seed."""
    earlier_seeds = {
        int(seed)
        for seed in AuditEvent.objects.filter(action=SEEDED_ACTION, object_type=SEEDED_OBJECT_TYPE).values_list(
            "object_id", flat=True
        )
        if seed.lstrip("-").isdigit()
    }
    codes = {o.ods_code for o in organisations}
    for earlier in earlier_seeds:
        codes |= {o.ods_code for o in demo_organisations(earlier)}
    remove_demo_skills()
    remove_demo_surveys()
    removed_people = _demo_people().count()
    _demo_people().delete()
    demo = Organisation.objects.filter(ods_code__in=codes)
    # Staffing data of demo organisations is demo data too.
    LksPost.objects.filter(lks_return__organisation__in=demo).delete()
    LksReturn.objects.filter(organisation__in=demo, corrects__isnull=False).delete()
    LksReturn.objects.filter(organisation__in=demo).delete()
    WorkforceCensus.objects.filter(organisation__in=demo).delete()
    removed_organisations = demo.count()
    try:
        demo.delete()
    except ProtectedError as error:
        blocking = sorted({str(obj) for obj in error.protected_objects})[:5]
        raise DemoSeedError(
            "Demo organisations cannot be removed because other records refer to them "
            f"(for example {', '.join(blocking)}); nothing was changed."
        ) from None
    return removed_organisations, removed_people


def _create_organisations(organisations: list[DemoOrganisation]) -> dict[str, int]:
    Organisation.objects.bulk_create(
        Organisation(ods_code=o.ods_code, name=o.name, type=o.type.value, opened_on=o.opened_on, closed_on=o.closed_on)
        for o in organisations
    )
    return dict(
        Organisation.objects.filter(ods_code__in=[o.ods_code for o in organisations]).values_list("ods_code", "id")
    )


def _create_region_memberships(organisations: list[DemoOrganisation], ids: dict[str, int]) -> int:
    """One membership per year the organisation was open: 2020-2026 in the NHS England regions,
    2016-2019 in the 2018 LKS geographies."""
    plan = [
        (CURRENT_GEOGRAPHY_KEY, CURRENT_GEOGRAPHY_YEARS, "region_code"),
        (GEOGRAPHY_2018_KEY, GEOGRAPHY_2018_YEARS, "region_code_2018"),
    ]
    memberships = []
    for key, years, attribute in plan:
        geography = Geography.objects.get(key=key)
        regions = {region.code: region for region in Region.objects.filter(geography=geography)}
        for o in organisations:
            region = regions[getattr(o, attribute)]
            memberships += [
                RegionMembership(organisation_id=ids[o.ods_code], geography=geography, region=region, year=year)
                for year in years
                if o.open_in(year)
            ]
    RegionMembership.objects.bulk_create(memberships, batch_size=1000)
    return len(memberships)


def _create_people(
    staff: list[DemoPerson], accounts: list[DemoAccount], organisation_ids: dict[str, int], password: str
) -> tuple[int, int, int]:
    # Hash the demo password once; generated staff cannot sign in ("!" marks an unusable password,
    # made without hashing). Hashing a thousand passwords would take minutes with Argon2.
    password_hash = make_password(password)
    unusable = make_password(None)
    users = [
        User(
            email=person.email,
            full_name=person.full_name,
            job_title=person.job_title,
            band=person.band,
            organisation_id=organisation_ids[person.ods_code],
            password=unusable,
        )
        for person in staff
    ]
    users += [
        User(
            email=account.email,
            full_name=account.full_name,
            job_title=account.job_title,
            band=account.band,
            organisation_id=organisation_ids[account.ods_code] if account.ods_code else None,
            password=password_hash,
        )
        for account in accounts
    ]
    User.objects.bulk_create(users, batch_size=500)
    user_ids = dict(User.objects.filter(email__in=[u.email for u in users]).values_list("email", "id"))

    held: list[tuple[str, tuple[tuple[QualificationKind, date], ...]]] = [
        (p.email, p.qualifications) for p in staff
    ] + [(a.email, a.qualifications) for a in accounts]
    qualifications = [
        Qualification(person_id=user_ids[email], kind=kind.value, awarded_on=awarded_on)
        for email, kinds in held
        for kind, awarded_on in kinds
    ]
    Qualification.objects.bulk_create(qualifications, batch_size=1000)

    regions = {r.code: r.pk for r in Region.objects.current()}
    memberships = [
        Membership(
            user_id=user_ids[p.email], role=Role.SERVICE_MANAGER.value, organisation_id=organisation_ids[p.ods_code]
        )
        for p in staff
        if p.manages_service
    ]
    for account in accounts:
        if account.role is Role.STAFF:
            continue  # being a staff member is working in an organisation, not a membership
        memberships.append(
            Membership(
                user_id=user_ids[account.email],
                role=account.role.value,
                organisation_id=organisation_ids[account.manages_ods_code] if account.manages_ods_code else None,
                region_id=regions[account.leads_region_code] if account.leads_region_code else None,
            )
        )
    Membership.objects.bulk_create(memberships, batch_size=1000)
    return len(users), len(qualifications), len(memberships)
