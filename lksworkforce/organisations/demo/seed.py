"""Writing the demo organisations and their region memberships: bulk inserts, part of demo_seed's
transaction (nonprod). Later seeds find them in the context: `demo_organisations_of(context)`,
`organisation_ids_of(context)`."""

from typing import cast

from django.db.models import ProtectedError

from lksworkforce.core.capability import DemoContext, DemoRefusedError, DemoRemoved
from lksworkforce.organisations.demo.world import (
    CURRENT_GEOGRAPHY_KEY,
    CURRENT_GEOGRAPHY_YEARS,
    GEOGRAPHY_2018_KEY,
    GEOGRAPHY_2018_YEARS,
    DemoOrganisation,
    demo_codes,
    demo_organisations,
)
from lksworkforce.organisations.models import Geography, Organisation, Region, RegionMembership


def demo_organisations_of(context: DemoContext) -> list[DemoOrganisation]:
    return cast(list[DemoOrganisation], context.world["organisations"])


def organisation_ids_of(context: DemoContext) -> dict[str, int]:
    """ODS code -> primary key of the demo organisations written."""
    return cast(dict[str, int], context.world["organisation_ids"])


def present() -> bool:
    return Organisation.objects.exists()


def seed(context: DemoContext) -> list[str]:
    organisations = demo_organisations(context.seed)
    ids = _create_organisations(organisations)
    region_memberships = _create_region_memberships(organisations, ids)
    context.world["organisations"] = organisations
    context.world["organisation_ids"] = ids
    closed = sum(1 for o in organisations if o.closed_on is not None)
    return [f"Organisations: {len(organisations):,} ({closed} closed), with {region_memberships:,} region memberships"]


def remove(context: DemoContext) -> list[DemoRemoved]:
    """The organisations of this and every earlier demo seed (after the other apps removed their demo data)."""
    demo = Organisation.objects.filter(ods_code__in=demo_codes({context.seed, *context.earlier_seeds}))
    count = demo.count()
    try:
        demo.delete()
    except ProtectedError as error:
        blocking = sorted({str(obj) for obj in error.protected_objects})[:5]
        raise DemoRefusedError(
            "Demo organisations cannot be removed because other records refer to them "
            f"(for example {', '.join(blocking)}); nothing was changed."
        ) from None
    return [DemoRemoved(count, "organisations")]


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
