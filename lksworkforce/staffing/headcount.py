"""The LKS headcount of each region, for other apps (programmes' regional fair shares).

People in post are counted as the return's staff breakdown counts them (selectors.staff_breakdown:
the sum of the posts' headcount) in each organisation's counted return for the year, that is its
latest published version; an organisation counts in the region it belonged to that year (the
current geography), as the ratio figures place it. Three queries whatever the number of
organisations."""

from django.db.models import F, Sum

from lksworkforce.core.capability import RegionHeadcount
from lksworkforce.organisations.models import CURRENT_GEOGRAPHY_KEY, Region
from lksworkforce.staffing.models import LksPost, LksReturn


def lks_headcount_by_region(year: int) -> list[RegionHeadcount]:
    """Every current region's people in post in the latest published annual returns of `year`, in
    region code order (0 for a region none of whose organisations has a published return); an
    empty list when no return of `year` is published at all."""
    if not LksReturn.objects.counted().filter(year=year).exists():
        return []
    in_post = dict(
        LksPost.objects.filter(
            lks_return__year=year,
            lks_return__is_counted=True,
            lks_return__organisation__region_memberships__geography__key=CURRENT_GEOGRAPHY_KEY,
            lks_return__organisation__region_memberships__year=year,
        )
        .order_by()
        .values(region=F("lks_return__organisation__region_memberships__region_id"))
        .annotate(people=Sum("headcount"))
        .values_list("region", "people")
    )
    return [
        RegionHeadcount(code=code, name=name, headcount=int(in_post.get(pk) or 0))
        for pk, code, name in Region.objects.current().order_by("code").values_list("id", "code", "name")
    ]
