"""Reads for the setup part, scoped to the viewer: programmes and cohorts (everyone signed in sees
them), the cohorts a viewer runs (the national team every cohort, a regional lead their own
region's), a cohort's sessions and group projects (projects only for the cohort's participants,
facilitators and runners), and the sessions of a person's calendar feed."""

from dataclasses import dataclass
from datetime import date, datetime

from django.apps import apps
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from lksworkforce.accounts.models import User
from lksworkforce.accounts.people import Role
from lksworkforce.core.capability import HomeItem, Viewer
from lksworkforce.core.viewers import Caller
from lksworkforce.organisations.models import Region
from lksworkforce.programmes.models import CalendarFeedToken, Cohort, Enrolment, GroupProject, Programme, Session
from lksworkforce.programmes.vocabulary import EnrolmentStatus

TAKING_PART = (EnrolmentStatus.ENROLLED.value, EnrolmentStatus.COMPLETED.value, EnrolmentStatus.NOT_COMPLETED.value)
HOME_SESSIONS = 3


def _signed_in(viewer: Caller) -> bool:
    return bool(viewer.is_authenticated)


def open_or_coming(today: date) -> Q:
    """Cohorts that have not ended: open for applications now, or starting later."""
    return Q(ends_on__gte=today)


def programme_list(viewer: Caller, today: date) -> QuerySet[Programme]:
    """Every programme, each with its cohorts that have not ended (soonest first)."""
    if not _signed_in(viewer):
        return Programme.objects.none()
    coming = Cohort.objects.filter(open_or_coming(today)).select_related("region").order_by("starts_on", "name")
    return Programme.objects.prefetch_related(Prefetch("cohorts", queryset=coming, to_attr="coming_cohorts"))


def programme_detail(viewer: Caller, key: str) -> Programme | None:
    if not _signed_in(viewer):
        return None
    cohorts = Cohort.objects.select_related("region").order_by("-starts_on", "name")
    return (
        Programme.objects.prefetch_related(
            "sub_areas", "exclusive_with", Prefetch("cohorts", queryset=cohorts, to_attr="all_cohorts")
        )
        .filter(key=key)
        .first()
    )


def cohort_detail(viewer: Caller, cohort_id: int) -> Cohort | None:
    if not _signed_in(viewer):
        return None
    return (
        Cohort.objects.select_related("programme", "region")
        .prefetch_related(
            "facilitators", Prefetch("sessions", queryset=Session.objects.prefetch_related("facilitators"))
        )
        .filter(pk=cohort_id)
        .first()
    )


def cohorts_run_by(viewer: User) -> QuerySet[Cohort]:
    """The cohorts the viewer may change: every cohort for the national team, a regional lead's own
    region's cohorts (never a national one), none for anyone else."""
    if not viewer.is_authenticated:
        return Cohort.objects.none()
    if viewer.holds(Role.NATIONAL_TEAM):
        return Cohort.objects.all()
    if viewer.holds(Role.REGIONAL_LEAD):
        return Cohort.objects.filter(region_id__in=sorted(viewer.led_region_ids()))
    return Cohort.objects.none()


def cohort_run_by(viewer: User, cohort_id: int) -> Cohort | None:
    return cohorts_run_by(viewer).select_related("programme", "region").filter(pk=cohort_id).first()


def runs_cohort(viewer: User, cohort: Cohort) -> bool:
    return cohorts_run_by(viewer).filter(pk=cohort.pk).exists()


def regions_for(viewer: User) -> list[Region]:
    """The regions the viewer may run a cohort in (the current NHS England regions)."""
    regions = Region.objects.current().order_by("name")
    if viewer.holds(Role.NATIONAL_TEAM):
        return list(regions)
    return list(regions.filter(pk__in=sorted(viewer.led_region_ids())))


def session_run_by(viewer: User, session_id: int) -> Session | None:
    return (
        Session.objects.select_related("cohort__programme", "cohort__region")
        .filter(cohort__in=cohorts_run_by(viewer), pk=session_id)
        .first()
    )


def facilitates(viewer: Caller, cohort: Cohort) -> bool:
    who = viewer.pk or 0
    return (
        Cohort.facilitators.through.objects.filter(cohort_id=cohort.pk, user_id=who).exists()
        or Session.facilitators.through.objects.filter(session__cohort_id=cohort.pk, user_id=who).exists()
    )


def takes_part(viewer: Caller, cohort: Cohort) -> bool:
    return Enrolment.objects.filter(cohort_id=cohort.pk, person_id=viewer.pk, status__in=TAKING_PART).exists()


def sees_projects(viewer: User, cohort: Cohort) -> bool:
    """The cohort's group projects are shown to its participants, facilitators and runners."""
    return takes_part(viewer, cohort) or facilitates(viewer, cohort) or runs_cohort(viewer, cohort)


def manages_projects(viewer: User, cohort: Cohort) -> bool:
    """Runners and the cohort's facilitators set up groups and record their output."""
    return runs_cohort(viewer, cohort) or facilitates(viewer, cohort)


def projects_of(cohort: Cohort) -> QuerySet[GroupProject]:
    return GroupProject.objects.filter(cohort=cohort).prefetch_related("members")


def project_visible(viewer: User, project_id: int) -> GroupProject | None:
    found = GroupProject.objects.select_related("cohort__programme").filter(pk=project_id).first()
    if found is None or not viewer.is_authenticated or not sees_projects(viewer, found.cohort):
        return None
    return found


def project_managed(viewer: User, project_id: int) -> GroupProject | None:
    found = project_visible(viewer, project_id)
    return found if found is not None and manages_projects(viewer, found.cohort) else None


@dataclass(frozen=True)
class MemberChoice:
    id: int
    name: str


def member_choices(cohort: Cohort) -> list[MemberChoice]:
    """Who can be in a group: the people with a place on the cohort."""
    rows = (
        Enrolment.objects.filter(cohort=cohort, status__in=TAKING_PART)
        .order_by("person__full_name", "person_id")
        .values_list("person_id", "person__full_name")
    )
    return [MemberChoice(pk, name) for pk, name in rows]


def enrolled_addresses(cohort_id: int) -> list[str]:
    """Where to tell the people with a place that a session changed."""
    rows = Enrolment.objects.filter(cohort_id=cohort_id, status=EnrolmentStatus.ENROLLED.value).values_list(
        "person__email", flat=True
    )
    return sorted({email for email in rows if email})


def person_sessions(person: Caller) -> QuerySet[Session]:
    """Sessions of the cohorts the person has a place on or facilitates, or that they facilitate."""
    enrolled = Enrolment.objects.filter(cohort_id=OuterRef("cohort_id"), person_id=person.pk, status__in=TAKING_PART)
    facilitating = Cohort.facilitators.through.objects.filter(cohort_id=OuterRef("cohort_id"), user_id=person.pk or 0)
    return (
        Session.objects.filter(Q(Exists(enrolled)) | Q(Exists(facilitating)) | Q(facilitators__pk=person.pk))
        .select_related("cohort__programme")
        .distinct()
        .order_by("starts_at", "id")
    )


def cohort_sessions(cohort: Cohort) -> QuerySet[Session]:
    return Session.objects.filter(cohort=cohort).select_related("cohort__programme").order_by("starts_at", "id")


def feed_owner(token: str) -> User | None:
    """The person whose feed this token opens; None for anything else (a 404)."""
    if not 20 <= len(token) <= 64 or not token.isascii():
        return None
    found = CalendarFeedToken.objects.select_related("person").filter(token=token).first()
    return found.person if found is not None and found.person.is_active else None


def feed_token_of(person: Caller) -> str | None:
    return CalendarFeedToken.objects.filter(person_id=person.pk).values_list("token", flat=True).first()


def home_items(viewer: Viewer) -> list[HomeItem]:
    """The viewer's next sessions, as cohort participant or facilitator. (Two queries.)"""
    if viewer.pk is None:
        return []
    now: datetime = timezone.now()
    upcoming = person_sessions(viewer).filter(ends_at__gte=now)[:HOME_SESSIONS]  # type: ignore[arg-type]
    items = []
    for session in upcoming:
        local = timezone.localtime(session.starts_at)
        where = session.place or ("Online" if session.online_link else "")
        items.append(
            HomeItem(
                text=f"{session.cohort.programme.title}: {session.title}",
                url=reverse("programmes:cohort", kwargs={"cohort_id": session.cohort_id}),
                hint=f"{local:%-d %B %Y, %H:%M}" + (f", {where}" if where else ""),
            )
        )
    return items


def sub_area_choices() -> list[tuple[int, str]]:
    """The sub-areas of the current skills framework (read by model name: programmes does not
    import skills), as (id, "1.2 Name")."""
    framework_model = apps.get_model("skills", "Framework")
    framework = (
        framework_model.objects.filter(is_current=True).first()
        or framework_model.objects.order_by("-loaded_at").first()
    )
    if framework is None:
        return []
    rows = apps.get_model("skills", "SubArea").objects.filter(framework=framework).order_by("position")
    return [(pk, f"{number} {name}") for pk, number, name in rows.values_list("pk", "number", "name")]


def programme_choices(but: Programme | None = None) -> list[tuple[int, str]]:
    rows = Programme.objects.order_by("title")
    if but is not None:
        rows = rows.exclude(pk=but.pk)
    return list(rows.values_list("pk", "title"))


def people_by_email(addresses: list[str]) -> dict[str, int]:
    """Active people by email address (lower case), for naming facilitators."""
    wanted = sorted({a.strip().lower() for a in addresses if a.strip()})
    if not wanted:
        return {}
    rows = User.objects.filter(is_active=True, email__in=wanted).values_list("email", "pk")
    return {email.lower(): pk for email, pk in rows}


def emails_of(people: object) -> str:
    """The facilitators' addresses, one a line, as the form shows them."""
    return "\n".join(sorted(person.email for person in people.all()))  # type: ignore[attr-defined]


def session_exists(viewer: Caller, session_id: int) -> bool:
    """Whether there is such a session at all (a 403 for someone who may not change it, not a 404)."""
    return _signed_in(viewer) and Session.objects.filter(pk=session_id).exists()
