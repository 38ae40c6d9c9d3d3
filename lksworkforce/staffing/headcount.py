"""The LKS headcount of each region, for other apps (programmes' regional fair shares and equity
figures).

People in post are counted as the return's staff breakdown counts them (selectors.staff_breakdown:
the sum of the posts' headcount) in each organisation's counted return for the year, that is its
latest published version; an organisation counts in the region it belonged to that year (the
current geography), as the ratio figures place it. Each region's people are also split by band
group (the post's band) and by organisation type. Three queries whatever the number of
organisations and years."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import F, Sum

from lksworkforce.accounts.people import band_group
from lksworkforce.core.capability import RegionHeadcount
from lksworkforce.organisations.models import CURRENT_GEOGRAPHY_KEY, Region
from lksworkforce.staffing.models import LksPost, LksReturn


def lks_headcount_by_region(year: int) -> list[RegionHeadcount]:
    """Every current region's people in post in the latest published annual returns of `year`, in
    region code order (0 for a region none of whose organisations has a published return); an
    empty list when no return of `year` is published at all."""
    return lks_headcount_by_region_in_years([year])[year]


def lks_headcount_by_region_in_years(years: Iterable[int]) -> dict[int, list[RegionHeadcount]]:
    """`lks_headcount_by_region` for several years at once (a trend): three queries in all."""
    wanted = sorted(set(years))
    published = set(LksReturn.objects.counted().filter(year__in=wanted).values_list("year", flat=True).distinct())
    answers: dict[int, list[RegionHeadcount]] = {year: [] for year in wanted}
    if not published:
        return answers
    in_post: dict[tuple[int, int], int] = defaultdict(int)
    by_band: dict[tuple[int, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_type: dict[tuple[int, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    grouped = (
        LksPost.objects.filter(
            lks_return__year__in=published,
            lks_return__is_counted=True,
            lks_return__organisation__region_memberships__geography__key=CURRENT_GEOGRAPHY_KEY,
            lks_return__organisation__region_memberships__year=F("lks_return__year"),
        )
        .order_by()
        .values(
            return_year=F("lks_return__year"),
            region=F("lks_return__organisation__region_memberships__region_id"),
            post_band=F("band"),
            organisation_type=F("lks_return__organisation__type"),
        )
        .annotate(people=Sum("headcount"))
        .values_list("return_year", "region", "post_band", "organisation_type", "people")
    )
    for year, region, band, organisation_type, people in grouped:
        count = int(people or 0)
        in_post[year, region] += count
        by_band[year, region][band_group(band).value] += count
        by_type[year, region][organisation_type] += count
    regions = list(Region.objects.current().order_by("code").values_list("id", "code", "name"))
    for year in sorted(published):
        answers[year] = [
            RegionHeadcount(
                code=code,
                name=name,
                headcount=in_post.get((year, pk), 0),
                by_band_group=tuple(sorted(by_band[year, pk].items())) if (year, pk) in by_band else (),
                by_organisation_type=tuple(sorted(by_type[year, pk].items())) if (year, pk) in by_type else (),
            )
            for pk, code, name in regions
        ]
    return answers
