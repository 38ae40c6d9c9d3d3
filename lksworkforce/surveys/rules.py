"""Who may do what with surveys. Anyone may answer an open survey (no sign-in); results are
aggregates with small groups suppressed, for every signed-in person once the survey has closed (while
it is open they change with every answer sent, so a before-and-after comparison would give one
person's answers away: only the national team, who run it, see them then; see
docs/adr/0011-privacy-over-time.md); running surveys (definitions, imports, invitations, links to
the skills framework) is for the national team."""

import rules
from django.utils import timezone

from lksworkforce.accounts.rules import is_national_team
from lksworkforce.accounts.viewers import AnyViewer
from lksworkforce.surveys.models import Survey


@rules.predicate
def is_signed_in(user: AnyViewer) -> bool:
    return bool(user.is_authenticated)


@rules.predicate
def has_closed(_user: AnyViewer, survey: Survey | None) -> bool:
    return survey is not None and survey.status_on(timezone.localdate()) == "closed"


rules.add_perm("surveys.view_results", is_national_team | (is_signed_in & has_closed))
rules.add_perm("surveys.import_responses", is_national_team)
rules.add_perm("surveys.manage_surveys", is_national_team)
