"""Who may do what with programmes. Everyone signed in browses programmes and cohorts, applies and
takes part; the national team sets up programmes and national cohorts, regional leads their
region's cohorts (object checks go through the scoped querysets); service managers support their
own people's applications; the panel (the national team, or a regional cohort's regional lead)
scores and offers places; a cohort's facilitators take its attendance; the facilitator register,
the cascades and the equity dashboard are for regional leads and the national team."""

import rules

from lksworkforce.accounts.rules import is_national_team, is_regional_lead, is_service_manager
from lksworkforce.accounts.viewers import AnyViewer


@rules.predicate
def is_signed_in(user: AnyViewer) -> bool:
    return bool(user.is_authenticated)


runs_cohorts = is_regional_lead | is_national_team

rules.add_perm("programmes.browse", is_signed_in)
rules.add_perm("programmes.apply", is_signed_in)
rules.add_perm("programmes.manage_programmes", is_national_team)
rules.add_perm("programmes.manage_cohorts", runs_cohorts)
rules.add_perm("programmes.support_applications", is_service_manager)
rules.add_perm("programmes.select", runs_cohorts)
rules.add_perm("programmes.view_facilitators", runs_cohorts)
rules.add_perm("programmes.manage_facilitators", runs_cohorts)
rules.add_perm("programmes.view_equity", runs_cohorts)
rules.add_perm("programmes.view_feedback", runs_cohorts)
