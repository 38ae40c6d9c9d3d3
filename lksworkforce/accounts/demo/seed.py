"""Writing the demo people (staff who cannot sign in, and one account per role with the demo password),
their qualifications and roles: bulk inserts, part of demo_seed's transaction (nonprod)."""

from datetime import date

from django.contrib.auth.hashers import make_password
from django.db.models import QuerySet

from lksworkforce.accounts.demo.world import DEMO_EMAIL_DOMAIN, DemoAccount, DemoPerson, demo_accounts, demo_staff
from lksworkforce.accounts.models import Membership, Qualification, User
from lksworkforce.accounts.people import QualificationKind, Role
from lksworkforce.core.capability import DemoContext, DemoRemoved
from lksworkforce.organisations.demo.seed import demo_organisations_of, organisation_ids_of
from lksworkforce.organisations.models import Region


def demo_people() -> QuerySet[User]:
    """Everyone with a demo address (the generated staff and the demo accounts)."""
    return User.objects.filter(email__iendswith="@" + DEMO_EMAIL_DOMAIN)


def present() -> bool:
    return demo_people().exists()


def seed(context: DemoContext) -> list[str]:
    organisations = demo_organisations_of(context)
    staff = demo_staff(context.seed, organisations)
    accounts = demo_accounts(organisations)
    qualifications, memberships = _create_people(staff, accounts, organisation_ids_of(context), context.password)
    context.closing_lines.append(
        f"Email addresses end @{DEMO_EMAIL_DOMAIN}; `lksw demo_sign_ins` lists the demo accounts."
    )
    return [
        f"People: {len(staff):,} LKS staff and {len(accounts)} demo accounts, "
        f"{qualifications:,} qualifications, {memberships:,} roles"
    ]


def remove(context: DemoContext) -> list[DemoRemoved]:  # noqa: ARG001 - every demo person, whatever the seed
    count = demo_people().count()
    demo_people().delete()
    return [DemoRemoved(count, "people")]


def _create_people(
    staff: list[DemoPerson], accounts: list[DemoAccount], organisation_ids: dict[str, int], password: str
) -> tuple[int, int]:
    """Returns (qualifications, memberships) written."""
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
    return len(qualifications), len(memberships)
