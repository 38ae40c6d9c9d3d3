"""The LKS headcount of each region, for other apps (programmes' regional fair shares and equity
figures).

People in post are counted as the return's staff breakdown counts them (selectors.staff_breakdown:
the sum of the posts' headcount) in each organisation's counted return for the year, that is its
latest published version; an organisation counts in the region it belonged to that year (the
current geography), as the ratio figures place it. Each region's people are also split by band
group (the post's band) and by organisation type. Three queries whatever the number of
organisations."""

from collections import defaultdict

from django.db.models import F, Sum

from lksworkforce.accounts.people import band_group
from lksworkforce.core.capability import RegionHeadcount
from lksworkforce.organisations.models import CURRENT_GEOGRAPHY_KEY, Region
from lksworkforce.staffing.models import LksPost, LksReturn


def lks_headcount_by_region(year: int) -> list[RegionHeadcount]:
    """Every current region's people in post in the latest published annual returns of `year`, in
    region code order (0 for a region none of whose organisations has a published return); an
    empty list when no return of `year` is published at all."""
    if not LksReturn.objects.counted().filter(year=year).exists():
        return []
    in_post: dict[int, int] = defaultdict(int)
    by_band: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_type: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    grouped = (
        LksPost.objects.filter(
            lks_return__year=year,
            lks_return__is_counted=True,
            lks_return__organisation__region_memberships__geography__key=CURRENT_GEOGRAPHY_KEY,
            lks_return__organisation__region_memberships__year=year,
        )
        .order_by()
        .values(
            region=F("lks_return__organisation__region_memberships__region_id"),
            post_band=F("band"),
            organisation_type=F("lks_return__organisation__type"),
        )
        .annotate(people=Sum("headcount"))
        .values_list("region", "post_band", "organisation_type", "people")
    )
    for region, band, organisation_type, people in grouped:
        count = int(people or 0)
        in_post[region] += count
        by_band[region][band_group(band).value] += count
        by_type[region][organisation_type] += count
    return [
        RegionHeadcount(
            code=code,
            name=name,
            headcount=in_post.get(pk, 0),
            by_band_group=tuple(sorted(by_band[pk].items())) if pk in by_band else (),
            by_organisation_type=tuple(sorted(by_type[pk].items())) if pk in by_type else (),
        )
        for pk, code, name in Region.objects.current().order_by("code").values_list("id", "code", "name")
    ]
