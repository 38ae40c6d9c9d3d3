"""Who may change cross-cutting policy."""

import rules

from lksworkforce.accounts.rules import is_national_team

rules.add_perm("core.edit_suppression_policy", is_national_team)
