"""Reads for the applications part, scoped to the viewer: a person's own applications, the
applications waiting for a service manager's support (their organisations' people only), and a
cohort's applications for its panel (the national team for any cohort, a regional lead for their
region's cohorts)."""

from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from lksworkforce.accounts.models import User
from lksworkforce.accounts.people import Role
from lksworkforce.core.capability import HomeItem, Viewer
from lksworkforce.organisations.models import CURRENT_GEOGRAPHY_KEY, RegionMembership
from lksworkforce.programmes.models import Application, Cohort, PanelScore
from lksworkforce.programmes.vocabulary import ApplicationStatus as S

# An application that still stands: it blocks another to the same cohort's exclusive programmes.
LIVE = (S.AWAITING_SUPPORT, S.SUBMITTED, S.OFFERED, S.ACCEPTED, S.WAITING)


def _applications() -> QuerySet[Application]:
    return Application.objects.select_related("cohort__programme", "cohort__region", "person", "organisation", "region")


def applications_of(person: User) -> QuerySet[Application]:
    return _applications().filter(person_id=person.pk).order_by("-submitted_at", "id")


def application_owned(person: User, application_id: int) -> Application | None:
    return applications_of(person).filter(pk=application_id).first()


def awaiting_support(manager: User) -> QuerySet[Application]:
    """Applications by people of the organisations the viewer manages, waiting for their support."""
    return (
        _applications()
        .filter(organisation_id__in=manager.managed_organisation_ids(), status=S.AWAITING_SUPPORT)
        .order_by("submitted_at", "id")
    )


def application_for_support(manager: User, application_id: int) -> Application | None:
    """One of the viewer's people's applications that asked for support (decided or not)."""
    return (
        _applications()
        .filter(
            organisation_id__in=manager.managed_organisation_ids(),
            cohort__programme__needs_manager_support=True,
            pk=application_id,
        )
        .first()
    )


def panel_cohorts(viewer: User) -> QuerySet[Cohort]:
    """The cohorts the viewer selects for: any for the national team, their regions' for a lead."""
    cohorts = Cohort.objects.select_related("programme", "region")
    if viewer.holds(Role.NATIONAL_TEAM):
        return cohorts
    regions = viewer.led_region_ids()
    return cohorts.filter(region_id__in=regions) if regions else cohorts.none()


def panel_cohort(viewer: User, cohort_id: int) -> Cohort | None:
    return panel_cohorts(viewer).filter(pk=cohort_id).first()


def panel_applications(cohort: Cohort) -> list[Application]:
    """A cohort's applications for its panel, with every panel member's scores, best score first."""
    scores = Prefetch("panel_scores", queryset=PanelScore.objects.select_related("panel_member").order_by("id"))
    return list(
        _applications()
        .filter(cohort=cohort)
        .prefetch_related(scores)
        .order_by(
            "status",
            "-score",
            "submitted_at",
            "id",
        )
    )


def panel_application(viewer: User, application_id: int) -> Application | None:
    return (
        _applications()
        .filter(cohort__in=panel_cohorts(viewer), pk=application_id)
        .prefetch_related("panel_scores")
        .first()
    )


def cohort_open_to_apply(cohort_id: int) -> Cohort | None:
    """Any signed-in person may see a cohort to apply for it (the window is checked by the service)."""
    return Cohort.objects.select_related("programme", "region").filter(pk=cohort_id).first()


def cohorts_open_now(today: date) -> QuerySet[Cohort]:
    """Cohorts taking applications or bookings today (programmes and cohorts are open to all signed in)."""
    return (
        Cohort.objects.select_related("programme", "region")
        .filter(applications_open_on__lte=today, applications_close_on__gte=today)
        .order_by("applications_close_on", "name", "id")
    )


def live_applications(person: User, cohort_ids: QuerySet[Cohort]) -> QuerySet[Application]:
    return Application.objects.filter(person_id=person.pk, cohort__in=cohort_ids, status__in=LIVE)


def region_as_at(organisation_id: int | None, on: date) -> int | None:
    """The organisation's region (current geography) in the latest year on or before `on`."""
    if organisation_id is None:
        return None
    found = (
        RegionMembership.objects.filter(
            organisation_id=organisation_id, geography__key=CURRENT_GEOGRAPHY_KEY, year__lte=on.year
        )
        .order_by("-year")
        .values_list("region_id", flat=True)
        .first()
    )
    if found is None:  # an organisation placed only in later years: its earliest placing
        found = (
            RegionMembership.objects.filter(organisation_id=organisation_id, geography__key=CURRENT_GEOGRAPHY_KEY)
            .order_by("year")
            .values_list("region_id", flat=True)
            .first()
        )
    return found


def home_items(viewer: Viewer) -> list[HomeItem]:
    """Offers waiting for the viewer's answer, and applications waiting for their support as service manager. (A fixed few queries.)"""
    if not isinstance(viewer, User) or not viewer.is_authenticated:
        return []
    items = [
        HomeItem(
            f"Answer your offer of a place on {a.cohort}",
            reverse("programmes:application", kwargs={"application_id": a.pk}),
            f"Reply by {a.reply_by:%-d %B %Y}" if a.reply_by else "",
        )
        for a in applications_of(viewer)
        .filter(status=S.OFFERED)
        .filter(Q(reply_by__isnull=True) | Q(reply_by__gte=timezone.localdate()))
    ]
    waiting = awaiting_support(viewer).count() if viewer.managed_organisation_ids() else 0
    if waiting:
        noun = "application" if waiting == 1 else "applications"
        items.append(
            HomeItem(
                f"{waiting} programme {noun} waiting for your support",
                reverse("programmes:support_list"),
                "Your people asked for your support to apply",
            )
        )
    return items
