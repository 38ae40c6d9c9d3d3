"""Who may do what with surveys. Anyone may answer an open survey (no sign-in); results are
aggregates with small groups suppressed, for every signed-in person; running surveys (definitions,
imports, invitations, links to the skills framework) is for the national team."""

from typing import Any

import rules

from lksworkforce.accounts.rules import is_national_team


@rules.predicate
def is_signed_in(user: Any) -> bool:
    return bool(user.is_authenticated)


rules.add_perm("surveys.view_results", is_signed_in)
rules.add_perm("surveys.import_responses", is_national_team)
rules.add_perm("surveys.manage_surveys", is_national_team)
