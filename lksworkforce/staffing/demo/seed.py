"""Writing the demo census and returns: bulk inserts, part of demo_seed's transaction (nonprod)."""

from lksworkforce.core.capability import DemoContext, DemoRemoved
from lksworkforce.organisations.demo.seed import demo_organisations_of, organisation_ids_of
from lksworkforce.organisations.demo.world import DemoOrganisation, demo_codes
from lksworkforce.organisations.models import Organisation
from lksworkforce.staffing.demo.plan import demo_staffing
from lksworkforce.staffing.models import LksPost, LksReturn, ReturnStatus, WorkforceCensus
from lksworkforce.staffing.posts import PostQualification


def present() -> bool:
    return False  # never in the way: a reset or a first seed replaces it


def seed(context: DemoContext) -> list[str]:
    census, returns = seed_staffing(demo_organisations_of(context), organisation_ids_of(context), context.seed)
    return [f"Staffing: {census:,} census figures and {returns:,} annual returns over five years"]


def remove(context: DemoContext) -> list[DemoRemoved]:
    """The staffing data of the demo organisations of this and every earlier seed: demo data too."""
    demo = Organisation.objects.filter(ods_code__in=demo_codes({context.seed, *context.earlier_seeds}))
    LksPost.objects.filter(lks_return__organisation__in=demo).delete()
    LksReturn.objects.filter(organisation__in=demo, corrects__isnull=False).delete()
    LksReturn.objects.filter(organisation__in=demo).delete()
    WorkforceCensus.objects.filter(organisation__in=demo).delete()
    return []


def seed_staffing(organisations: list[DemoOrganisation], ids: dict[str, int], seed: int) -> tuple[int, int]:
    """Returns (census rows, returns) written."""
    census, returns = demo_staffing(organisations, seed)
    WorkforceCensus.objects.bulk_create(
        (
            WorkforceCensus(organisation_id=ids[c.ods_code], year=c.year, nhs_wte=c.nhs_wte, headcount=c.headcount)
            for c in census
        ),
        batch_size=1000,
    )
    created = LksReturn.objects.bulk_create(
        (
            LksReturn(
                organisation_id=ids[r.ods_code],
                year=r.year,
                version=1,
                status=r.status,
                is_counted=r.status == ReturnStatus.PUBLISHED,
                impact_summary=r.impact_summary,
            )
            for r in returns
        ),
        batch_size=1000,
    )
    # bulk_create sets primary keys on PostgreSQL and SQLite; map them back by position.
    LksPost.objects.bulk_create(
        (
            LksPost(
                lks_return_id=saved.pk,
                post_title=p.post_title,
                role=p.role,
                band=p.band,
                wte=p.wte,
                qualification=p.qualification,
                is_qualified=PostQualification(p.qualification).counts_as_qualified,
                specialty=p.specialty,
            )
            for saved, generated in zip(created, returns, strict=True)
            for p in generated.posts
        ),
        batch_size=2000,
    )
    return len(census), len(returns)
