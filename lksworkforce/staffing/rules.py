"""Who may see and change staffing data. Figures are for every signed-in person; returns and staff
breakdowns for those who oversee the organisation; publishing a return for its year's regional lead
and the national team."""

import rules

from lksworkforce.accounts.people import Role
from lksworkforce.accounts.rules import is_national_team
from lksworkforce.accounts.viewers import AnyViewer
from lksworkforce.organisations.models import Organisation, RegionMembership
from lksworkforce.staffing.models import LksReturn


@rules.predicate
def oversees_organisation(user: AnyViewer, organisation: Organisation | None) -> bool:
    if not user.is_authenticated or organisation is None:
        return False
    return bool(user.holds(Role.NATIONAL_TEAM) or organisation.pk in user.overseen_organisation_ids())


@rules.predicate
def manages_organisation(user: AnyViewer, organisation: Organisation | None) -> bool:
    return bool(
        user.is_authenticated and organisation is not None and organisation.pk in user.managed_organisation_ids()
    )


@rules.predicate
def leads_region_of_return(user: AnyViewer, lks_return: LksReturn | None) -> bool:
    """A regional lead, for a return of an organisation that was in their region in the return's
    year, and that they do not manage themselves (no one publishes their own return). An
    organisation that moved regions is published by each year's own lead."""
    if not user.is_authenticated or lks_return is None or not user.holds(Role.REGIONAL_LEAD):
        return False
    if lks_return.organisation_id in user.managed_organisation_ids():
        return False
    return bool(regions_in_year(lks_return.organisation_id, lks_return.year) & user.led_region_ids())


def regions_in_year(organisation_id: int, year: int) -> set[int]:
    """The organisation's region in each geography for the year: the one recorded for that year,
    or, until that year's census records it, the latest year recorded before."""
    latest: dict[int, int] = {}
    for geography_id, region_id in (
        RegionMembership.objects.filter(organisation_id=organisation_id, year__lte=year)
        .order_by("-year")
        .values_list("geography_id", "region_id")
    ):
        latest.setdefault(geography_id, region_id)
    return set(latest.values())


@rules.predicate
def is_signed_in(user: AnyViewer) -> bool:
    return bool(user.is_authenticated)


rules.add_perm("staffing.view_figures", is_signed_in)
rules.add_perm("staffing.view_returns", oversees_organisation)
rules.add_perm("staffing.edit_return", manages_organisation | is_national_team)
# Publishing (and sending back to draft) is checked against the return, for its year.
rules.add_perm("staffing.publish_return", leads_region_of_return | is_national_team)
rules.add_perm("staffing.import_staffing", is_national_team)
rules.add_perm("staffing.edit_policy", is_national_team)
