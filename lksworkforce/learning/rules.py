"""Who may do what with learning. Everyone signed in browses and searches the catalogue, suggests,
records their own learning and gets recommendations; curators manage the catalogue, the sheets and
the queue; the national team sees coverage and usage and sets the recommendation weights (curators
see coverage too: the gaps are theirs to fill). A learning record is its owner's; aggregates of
records (suppressed) are for service managers, regional leads and the national team, each in scope."""

import rules

from lksworkforce.accounts.rules import is_curator, is_national_team, is_regional_lead, is_service_manager
from lksworkforce.accounts.viewers import AnyViewer


@rules.predicate
def is_signed_in(user: AnyViewer) -> bool:
    return bool(user.is_authenticated)


oversees_anyone = is_service_manager | is_regional_lead | is_national_team


rules.add_perm("learning.browse", is_signed_in)
rules.add_perm("learning.suggest", is_signed_in)
rules.add_perm("learning.record", is_signed_in)
rules.add_perm("learning.curate", is_curator)
rules.add_perm("learning.view_coverage", is_curator | is_national_team)
rules.add_perm("learning.set_weights", is_national_team)
rules.add_perm("learning.view_record_aggregates", oversees_anyone)
