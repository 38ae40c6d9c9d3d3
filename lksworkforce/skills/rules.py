"""Who may see skills data. A person's assessments and plan are theirs (and their service
manager's, for assessments they choose to share: see AssessmentQuerySet.visible_to). Roll-ups are
aggregates with small groups suppressed: a team's for its service manager, a region's for its
lead, and every one for the national team; the national roll-up for anyone who oversees a service."""

from collections.abc import Iterable

import rules

from lksworkforce.accounts.rules import is_national_team, oversees_people
from lksworkforce.accounts.viewers import AnyViewer
from lksworkforce.organisations.models import Organisation, Region


@rules.predicate
def oversees_organisation_skills(user: AnyViewer, organisation: Organisation | None) -> bool:
    if not user.is_authenticated or organisation is None:
        return False
    return bool(is_national_team(user) or organisation.pk in user.overseen_organisation_ids())


@rules.predicate
def leads_region(user: AnyViewer, region: Region | None) -> bool:
    return bool(user.is_authenticated and region is not None and region.pk in user.led_region_ids())


def may_see_each(user: AnyViewer | None, kind: str, keys: Iterable[str]) -> bool:
    """Whether the viewer may open the roll-up of every organisation (by id) or region (by code)
    in `keys`: a breakdown by organisation or region shows each one's own figures, so it is shown
    only to those who may see each one's page (docs/adr/0011-privacy-over-time.md). `user` None is
    the command line, run by those who run the service."""
    if user is None or is_national_team(user):
        return True
    if not user.is_authenticated:
        return False
    wanted = {key for key in keys if key}
    if kind == "organisation":
        return wanted <= {str(pk) for pk in user.overseen_organisation_ids()}
    led = set(Region.objects.filter(pk__in=user.led_region_ids()).values_list("code", flat=True))
    return wanted <= led


rules.add_perm("skills.assess_self", rules.is_authenticated)
rules.add_perm("skills.view_frameworks", rules.is_authenticated)
rules.add_perm("skills.load_framework", is_national_team)
rules.add_perm("skills.view_national_rollup", oversees_people)
rules.add_perm("skills.view_region_rollup", leads_region | is_national_team)
rules.add_perm("skills.view_organisation_rollup", oversees_organisation_skills)
