"""Reads for people and roles, always through the viewer's scope."""

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from lksworkforce.accounts.models import ApiToken, Membership, Qualification, User, UserQuerySet
from lksworkforce.accounts.people import Role
from lksworkforce.accounts.viewers import AnyViewer
from lksworkforce.core.subject_access import PersonalData, gather


def roles_summary(user: User) -> list[str]:
    """Sentences naming each role a person holds, for the home page."""
    lines = []
    if user.organisation is not None:
        lines.append(f"{Role.STAFF.label} at {user.organisation.name}")
    for membership in user.memberships.select_related("organisation", "region"):
        lines.append(str(membership))
    return lines


def people_list(viewer: AnyViewer, *, text: str = "", organisation_code: str = "") -> UserQuerySet:
    people = User.objects.visible_to(viewer).filter(is_active=True).select_related("organisation")
    if text.strip():
        people = people.filter(full_name__icontains=text.strip())
    if organisation_code:
        people = people.filter(organisation__ods_code=organisation_code.upper())
    return people.prefetch_related(Prefetch("qualifications", queryset=Qualification.objects.order_by("awarded_on")))


def person_detail(viewer: AnyViewer, person_id: int | None) -> User | None:
    if person_id is None:
        return None
    return (
        User.objects.visible_to(viewer)
        .select_related("organisation")
        .prefetch_related(
            "qualifications",
            Prefetch("memberships", queryset=Membership.objects.select_related("organisation", "region")),
        )
        .filter(pk=person_id)
        .first()
    )


def memberships_of(person: User) -> QuerySet[Membership]:
    return person.memberships.select_related("organisation", "region")


def person_by_email(email: str) -> User | None:
    """For the command line, which runs with no viewer: the operator may name anyone."""
    return User.objects.filter(email__iexact=email.strip()).select_related("organisation").first()


def personal_data(person: User) -> PersonalData:
    """Everything held about a person, from every app (see core/subject_access.py). The caller has
    checked that the viewer may have it (`accounts.view_personal_data`)."""
    return gather(person, now=timezone.now())


def api_tokens_of(person: AnyViewer) -> QuerySet[ApiToken]:
    """A person's own API tokens, newest first; nobody else's are ever listed or found."""
    if not getattr(person, "is_authenticated", False):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(person_id=person.pk).order_by("-created_at", "-id")


def own_api_token(person: AnyViewer, token_id: int) -> ApiToken | None:
    return api_tokens_of(person).filter(pk=token_id).first()
