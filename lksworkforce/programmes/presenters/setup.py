"""Programmes and cohorts for display: who a programme is for, its completion rule in plain words,
a cohort's application window and where it runs, and the cohort page's actions list (each part
adds its link to the cohort page with one line, in `cohort_actions`)."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from lksworkforce.programmes.models import Cohort, Programme, Session
from lksworkforce.programmes.vocabulary import Delivery, ProgrammeKind


def kind_label(programme: Programme) -> str:
    return ProgrammeKind(programme.kind).label


def delivery_label(programme: Programme) -> str:
    return Delivery(programme.delivery).label


def who_for(programme: Programme) -> str:
    """ "Qualified staff, bands 6 to 8a, in these roles: ..." or "Anyone in library and knowledge services"."""
    parts = []
    if programme.band_from and programme.band_to:
        parts.append(
            f"band {programme.band_from}"
            if programme.band_from == programme.band_to
            else f"bands {programme.band_from} to {programme.band_to}"
        )
    elif programme.band_from:
        parts.append(f"band {programme.band_from} and above")
    elif programme.band_to:
        parts.append(f"up to band {programme.band_to}")
    people = "Qualified library and knowledge staff" if programme.qualified_only else "Library and knowledge staff"
    text = people + (", " + ", ".join(parts) if parts else " at any band")
    if programme.roles:
        text += " in these roles: " + ", ".join(programme.roles)
    return text


def completion_rule(programme: Programme) -> str:
    """The completion rule as a sentence: "Attend at least 3 sessions and take part in a group project"."""
    if programme.completion_sessions is None:
        attend = "Attend every session"
    elif programme.completion_sessions == 1:
        attend = "Attend at least 1 session"
    else:
        attend = f"Attend at least {programme.completion_sessions} sessions"
    return attend + (" and take part in a group project" if programme.completion_needs_project else "")


def certificate_text(programme: Programme) -> str:
    return "A certificate and a digital badge on completion" if programme.gives_certificate else "No certificate"


def where_label(cohort: Cohort) -> str:
    if cohort.region_id is None:
        return "National: places shared among regions" if cohort.shares_places_by_region else "National"
    return cohort.region.name if cohort.region else ""


@dataclass(frozen=True)
class Window:
    text: str  # "Open until 6 February 2026"
    open_now: bool
    tag: str  # the NHS tag colour


def application_window(cohort: Cohort, today: date | None = None) -> Window:
    today = today or timezone.localdate()
    opens, closes = cohort.applications_open_on, cohort.applications_close_on
    if opens is None or closes is None:
        return Window("No applications: places are arranged directly", False, "grey")
    if today < opens:
        return Window(f"Opens {_day(opens)}, closes {_day(closes)}", False, "blue")
    if today <= closes:
        return Window(f"Open now, until {_day(closes)}", True, "green")
    return Window(f"Closed on {_day(closes)}", False, "grey")


def cohort_state(cohort: Cohort, today: date | None = None) -> str:
    today = today or timezone.localdate()
    if cohort.ends_on < today:
        return "Finished"
    if cohort.starts_on <= today:
        return "Running"
    return "Coming"


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def session_when(session: Session) -> str:
    starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    if starts.date() == ends.date():
        return f"{starts:%A} {_day(starts.date())}, {starts:%H:%M} to {ends:%H:%M}"
    return f"{_day(starts.date())} {starts:%H:%M} to {_day(ends.date())} {ends:%H:%M}"


@dataclass(frozen=True)
class Action:
    """A link in the cohort page's actions area."""

    text: str
    url: str
    secondary: bool = False
