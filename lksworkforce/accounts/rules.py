"""Who may do what. Object-level checks defer to the scoped querysets."""

import rules

from lksworkforce.accounts.models import User
from lksworkforce.accounts.people import Role
from lksworkforce.accounts.viewers import AnyViewer


@rules.predicate
def is_national_team(user: AnyViewer) -> bool:
    return bool(user.is_authenticated and user.holds(Role.NATIONAL_TEAM))


@rules.predicate
def is_regional_lead(user: AnyViewer) -> bool:
    return bool(user.is_authenticated and user.holds(Role.REGIONAL_LEAD))


@rules.predicate
def is_service_manager(user: AnyViewer) -> bool:
    return bool(user.is_authenticated and user.holds(Role.SERVICE_MANAGER))


@rules.predicate
def is_curator(user: AnyViewer) -> bool:
    return bool(user.is_authenticated and user.holds(Role.CURATOR))


@rules.predicate
def can_see_person(user: AnyViewer, person: User | None) -> bool:
    if person is None:
        return False
    return User.objects.visible_to(user).filter(pk=person.pk).exists()


@rules.predicate
def is_the_person(user: AnyViewer, person: User | None) -> bool:
    return person is not None and user.is_authenticated and person.pk == user.pk


oversees_people = is_service_manager | is_regional_lead | is_national_team

rules.add_perm("accounts.view_people_list", oversees_people)
rules.add_perm("accounts.view_person", can_see_person)
# Everything held about a person (subject access): the person themselves, and the national team.
rules.add_perm("accounts.view_personal_data", is_the_person | is_national_team)
# The layers below accounts (organisations, core) know no roles, so their rules are set here.
rules.add_perm("organisations.import_organisations", is_national_team)
rules.add_perm("core.edit_suppression_policy", is_national_team)
