"""Reads for the facilitators part, scoped to the viewer: the national team sees every region's
facilitators, training events and facilitated sessions; a regional lead their own region's (and the
national events, read only: a lead sees in their tree only the facilitators of their region); anyone
else nothing. The cascade's inputs for the pure calculation (programmes/cascade.py), in a fixed few
queries."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from lksworkforce.accounts.models import User
from lksworkforce.accounts.people import Role
from lksworkforce.accounts.viewers import Viewer
from lksworkforce.core.selectors import suppression_threshold
from lksworkforce.organisations.models import Organisation, Region
from lksworkforce.programmes import cascade
from lksworkforce.programmes.models import Application, FacilitatedSession, Facilitator, TrainingEvent
from lksworkforce.programmes.selectors.setup import people_by_email, programme_choices
from lksworkforce.programmes.vocabulary import ApplicationStatus

__all__ = ["people_by_email", "programme_choices"]

NOT_DEMAND = (ApplicationStatus.WITHDRAWN.value, ApplicationStatus.NOT_SUPPORTED.value)


def _national(viewer: Viewer) -> bool:
    return bool(viewer.is_authenticated) and viewer.holds(Role.NATIONAL_TEAM)


def _led(viewer: Viewer) -> list[int]:
    if not viewer.is_authenticated or not viewer.holds(Role.REGIONAL_LEAD):
        return []
    return sorted(viewer.led_region_ids())


def regions_for(viewer: Viewer) -> list[Region]:
    """The current regions the viewer looks after: every one for the national team (and the
    command line), a lead's own."""
    regions = Region.objects.current().order_by("name")
    if _national(viewer):
        return list(regions)
    return list(regions.filter(pk__in=_led(viewer)))


def region_by_code(code: str) -> Region | None:
    return Region.objects.current().filter(code=code.strip().upper()).first()


def facilitators_visible(viewer: Viewer) -> QuerySet[Facilitator]:
    rows = Facilitator.objects.select_related("person", "programme", "trained_at", "trained_by", "region")
    if _national(viewer):
        return rows.all()
    return rows.filter(region_id__in=_led(viewer))


def facilitator_visible(viewer: Viewer, facilitator_id: int) -> Facilitator | None:
    return facilitators_visible(viewer).filter(pk=facilitator_id).first()


def register(viewer: Viewer, *, region_id: int | None = None, kind: str = "") -> list[Facilitator]:
    """The register as the page shows it: by region, kind and name; filtered if asked."""
    rows = facilitators_visible(viewer).annotate(sessions_run=Count("sessions"))
    if region_id is not None:
        rows = rows.filter(region_id=region_id)
    if kind:
        rows = rows.filter(kind=kind)
    return list(rows.order_by("region__name", "kind", "person__full_name", "id"))


def events_visible(viewer: Viewer) -> QuerySet[TrainingEvent]:
    rows = TrainingEvent.objects.select_related("programme", "trainer", "region")
    if _national(viewer):
        return rows.all()
    led = _led(viewer)
    if not led:
        return rows.none()
    return rows.filter(Q(region_id__in=led) | Q(region__isnull=True))


def events_managed(viewer: Viewer) -> QuerySet[TrainingEvent]:
    """The events the viewer may change: all for the national team, their region's for a lead."""
    rows = TrainingEvent.objects.select_related("programme", "trainer", "region")
    if _national(viewer):
        return rows.all()
    return rows.filter(region_id__in=_led(viewer))


def event_visible(viewer: Viewer, event_id: int) -> TrainingEvent | None:
    return events_visible(viewer).filter(pk=event_id).first()


def event_managed(viewer: Viewer, event_id: int) -> TrainingEvent | None:
    return events_managed(viewer).filter(pk=event_id).first()


def event_choices(viewer: Viewer) -> list[tuple[int, str]]:
    return [(e.pk, f"{e.title} ({e.held_on:%-d %B %Y})") for e in events_visible(viewer).order_by("-held_on", "id")]


def sessions_visible(viewer: Viewer) -> QuerySet[FacilitatedSession]:
    return FacilitatedSession.objects.select_related("facilitator__person", "organisation").filter(
        facilitator__in=facilitators_visible(viewer)
    )


def sessions_of(facilitator: Facilitator) -> list[FacilitatedSession]:
    return list(FacilitatedSession.objects.select_related("organisation").filter(facilitator=facilitator))


def session_visible(viewer: Viewer, session_id: int) -> FacilitatedSession | None:
    return sessions_visible(viewer).select_related("facilitator__region").filter(pk=session_id).first()


def organisation_by_code(code: str) -> Organisation | None:
    return Organisation.objects.filter(ods_code=code.strip().upper()).first() if code.strip() else None


def person_by_email(address: str) -> User | None:
    found = people_by_email([address])
    pk = found.get(address.strip().lower())
    return User.objects.filter(pk=pk).first() if pk else None


def demand_by_region(region_ids: list[int], year: int) -> dict[int, int]:
    """This year's applications for programme places from each region (not withdrawn, not refused
    by the manager): the people who asked for development, before suppression."""
    rows = (
        Application.objects.filter(region_id__in=region_ids, submitted_at__year=year)
        .exclude(status__in=NOT_DEMAND)
        .values("region_id")
        .annotate(n=Count("id"))
    )
    return {row["region_id"]: row["n"] for row in rows}


@dataclass(frozen=True)
class Cascade:
    year: int
    threshold: int
    rows: list[cascade.RegionRow]
    trees: list[cascade.Tree]


def _facilitator_in(f: Facilitator) -> cascade.FacilitatorIn:
    return cascade.FacilitatorIn(
        id=f.pk,
        name=f.person.full_name or f.person.email,
        kind=f.kind,
        region_id=f.region_id,
        event_id=f.trained_at_id,
        trained_on=f.trained_on,
        sessions_per_year=f.sessions_per_year,
        active=f.active,
    )


def cascade_of(viewer: Viewer, today: date, *, region_id: int | None = None) -> Cascade:
    """The cascade the viewer may see (every region for the national team, their own for a lead;
    one region if asked): five queries."""
    regions = [r for r in regions_for(viewer) if region_id is None or r.pk == region_id]
    ids = [r.pk for r in regions]
    demand = demand_by_region(ids, today.year)
    people = [_facilitator_in(f) for f in facilitators_visible(viewer).filter(region_id__in=ids)]
    sessions = [
        cascade.SessionIn(s.pk, s.facilitator_id, s.held_on, s.people_reached)
        for s in FacilitatedSession.objects.filter(facilitator_id__in=[f.id for f in people]).only(
            "id", "facilitator_id", "held_on", "people_reached"
        )
    ]
    events = [
        cascade.EventIn(e.pk, e.title, e.kind, e.held_on, e.region_id)
        for e in events_visible(viewer)
        if region_id is None or e.region_id in (None, region_id)
    ]
    threshold = suppression_threshold(today)
    rows = cascade.region_rows(
        [cascade.RegionIn(r.pk, r.name, demand.get(r.pk, 0)) for r in regions],
        people,
        sessions,
        year=today.year,
        threshold=threshold,
    )
    return Cascade(today.year, threshold, rows, cascade.event_trees(events, people, sessions))


def region_of(viewer: Viewer, region_id: int | None) -> Region | None:
    if region_id is None:
        return None
    return next((r for r in regions_for(viewer) if r.pk == region_id), None)
