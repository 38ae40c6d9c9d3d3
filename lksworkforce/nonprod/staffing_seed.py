"""Writing the demo census and returns: bulk inserts, part of demo_seed's transaction."""

from lksworkforce.nonprod.demo_staffing import demo_staffing
from lksworkforce.nonprod.demo_world import DemoOrganisation
from lksworkforce.staffing.models import LksPost, LksReturn, ReturnStatus, WorkforceCensus
from lksworkforce.staffing.posts import PostQualification


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
