"""Who may see the probe: those who oversee people (found by rules' autodiscovery, like any app's)."""

import rules

from lksworkforce.accounts.rules import oversees_people

rules.add_perm("contract_app.view_probe", oversees_people)
