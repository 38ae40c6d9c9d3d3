"""The national-scale world the figures are read from: organisations open in every year, ten
years of census and published returns, built from the deterministic demo generators."""

import itertools
from dataclasses import asdict, dataclass, replace

from django.db import connection, transaction

from lksworkforce.accounts.models import Membership, User
from lksworkforce.accounts.people import Role
from lksworkforce.organisations.demo.world import DEFAULT_SEED, DemoOrganisation, demo_organisations
from lksworkforce.organisations.models import CURRENT_GEOGRAPHY_KEY, Geography, Organisation, Region, RegionMembership
from lksworkforce.staffing.demo.plan import DEMO_YEARS, DemoCensus, DemoReturn, demo_staffing
from lksworkforce.staffing.models import LksPost, LksReturn, ReturnStatus, WorkforceCensus
from lksworkforce.staffing.posts import PostQualification

# demo_staffing makes five years; a second seed, five years earlier, makes ten.
EARLIER_BY = len(DEMO_YEARS)
YEARS = range(DEMO_YEARS[0] - EARLIER_BY, DEMO_YEARS[-1] + 1)


@dataclass(frozen=True)
class Plan:
    organisations: list[DemoOrganisation]
    census: list[DemoCensus]
    returns: list[DemoReturn]


def plan(count: int, seed: int = DEFAULT_SEED) -> Plan:
    organisations = _organisations(count, seed)
    census, returns = demo_staffing(organisations, seed)
    earlier_census, earlier_returns = demo_staffing(organisations, seed + 1)
    census += [replace(c, year=c.year - EARLIER_BY) for c in earlier_census]
    returns += [replace(r, year=r.year - EARLIER_BY) for r in earlier_returns]
    return Plan(organisations, census, returns)


def _organisations(count: int, seed: int) -> list[DemoOrganisation]:
    """`count` demo organisations (from as many demo worlds as it takes), open in every year,
    in ODS-code order so that any first slice mixes regions and types."""
    chosen: dict[str, DemoOrganisation] = {}
    for world_seed in itertools.count(seed):
        for organisation in demo_organisations(world_seed):
            chosen.setdefault(organisation.ods_code, replace(organisation, opened_on=None, closed_on=None))
        if len(chosen) >= count:
            break
    return sorted(chosen.values(), key=lambda o: o.ods_code)[:count]


def write(plan: Plan, organisations: list[DemoOrganisation]) -> None:
    """Write the plan's rows for these organisations (region memberships in every year), then, on
    PostgreSQL, vacuum and analyse as autovacuum would soon after a bulk load: a live database has
    planner statistics and a visibility map (for index-only scans), a just-written one has neither."""
    _write(plan, organisations)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


@transaction.atomic
def _write(plan: Plan, organisations: list[DemoOrganisation]) -> None:
    Organisation.objects.bulk_create(
        Organisation(ods_code=o.ods_code, name=o.name, type=o.type.value) for o in organisations
    )
    codes = {o.ods_code for o in organisations}
    ids = dict(Organisation.objects.filter(ods_code__in=codes).values_list("ods_code", "id"))
    geography = Geography.objects.get(key=CURRENT_GEOGRAPHY_KEY)
    regions = {r.code: r for r in Region.objects.filter(geography=geography)}
    RegionMembership.objects.bulk_create(
        RegionMembership(organisation_id=ids[o.ods_code], geography=geography, region=regions[o.region_code], year=y)
        for o in organisations
        for y in YEARS
    )
    WorkforceCensus.objects.bulk_create(
        WorkforceCensus(organisation_id=ids[c.ods_code], year=c.year, nhs_wte=c.nhs_wte, headcount=c.headcount)
        for c in plan.census
        if c.ods_code in codes
    )
    returns = [r for r in plan.returns if r.ods_code in codes]
    saved = LksReturn.objects.bulk_create(
        LksReturn(
            organisation_id=ids[r.ods_code],
            year=r.year,
            status=r.status,
            is_counted=r.status == ReturnStatus.PUBLISHED,
            impact_summary=r.impact_summary,
        )
        for r in returns
    )
    LksPost.objects.bulk_create(
        (
            LksPost(
                lks_return_id=saved_return.pk,
                is_qualified=PostQualification(post.qualification).counts_as_qualified,
                **asdict(post),
            )
            for saved_return, generated in zip(saved, returns, strict=True)
            for post in generated.posts
        ),
        batch_size=2000,
    )


def summary(plan: Plan) -> str:
    posts = sum(len(r.posts) for r in plan.returns)
    return (
        f"{len(plan.organisations)} organisations x {len(YEARS)} years ({YEARS[0]}-{YEARS[-1]}): "
        f"{len(plan.returns):,} returns, {posts:,} LKS post rows (about {posts // len(YEARS):,} a year)"
    )


def national_team_user() -> User:
    user = User.objects.create_user(email="national@bench.invalid", full_name="Benchmark national team")
    Membership.objects.create(user=user, role=Role.NATIONAL_TEAM)
    return user
