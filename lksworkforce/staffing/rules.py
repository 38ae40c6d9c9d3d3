"""Who may see and change staffing data. Figures are for every signed-in person; returns and staff
breakdowns for those who oversee the organisation."""

from typing import Any

import rules

from lksworkforce.accounts.people import Role
from lksworkforce.accounts.rules import is_national_team


@rules.predicate
def oversees_organisation(user: Any, organisation: Any) -> bool:
    if not user.is_authenticated or organisation is None:
        return False
    return bool(user.holds(Role.NATIONAL_TEAM) or organisation.pk in user.overseen_organisation_ids())


@rules.predicate
def manages_organisation(user: Any, organisation: Any) -> bool:
    return bool(
        user.is_authenticated and organisation is not None and organisation.pk in user.managed_organisation_ids()
    )


@rules.predicate
def leads_region_of(user: Any, organisation: Any) -> bool:
    if not user.is_authenticated or organisation is None or not user.holds(Role.REGIONAL_LEAD):
        return False
    return (
        organisation.pk in user.overseen_organisation_ids() and organisation.pk not in user.managed_organisation_ids()
    )


@rules.predicate
def is_signed_in(user: Any) -> bool:
    return bool(user.is_authenticated)


rules.add_perm("staffing.view_figures", is_signed_in)
rules.add_perm("staffing.view_returns", oversees_organisation)
rules.add_perm("staffing.edit_return", manages_organisation | is_national_team)
rules.add_perm("staffing.publish_return", leads_region_of | is_national_team)
rules.add_perm("staffing.import_staffing", is_national_team)
rules.add_perm("staffing.edit_policy", is_national_team)
