"""iCalendar (.ics) feeds of sessions for a person and for a cohort (the setup part).

Each session is one VEVENT whose UID never changes (it is built from the session's id and the
service's host), whose SEQUENCE is the session's edit version (so a calendar program replaces its
copy when a session moves), and whose times are given in Europe/London with the VTIMEZONE beside
them, so a session at 09:30 stays at 09:30 across the clock change. Pure: no Django."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

LONDON = ZoneInfo("Europe/London")
PRODUCT_ID = "-//NHS England//LKS Workforce programmes//EN"


@dataclass(frozen=True)
class SessionEvent:
    """What a feed says of one session. `starts_at`/`ends_at` are aware datetimes (any zone)."""

    session_id: int
    title: str  # "Evidence synthesis 2026, London: Workshop"
    starts_at: datetime
    ends_at: datetime
    sequence: int  # the session's edit version: increases with every saved change
    last_modified: datetime
    place: str = ""
    online_link: str = ""
    preparation: str = ""
    cohort_url: str = ""  # the cohort page, absolute


def session_uid(session_id: int, host: str) -> str:
    """The event's UID: stable for the session's life, unique to this service."""
    return f"programme-session-{session_id}@{host}"


def _event(item: SessionEvent, *, host: str, stamp: datetime) -> Event:
    if item.starts_at.tzinfo is None or item.ends_at.tzinfo is None:
        raise ValueError("session times must be aware datetimes")
    event = Event()
    event.add("uid", session_uid(item.session_id, host))
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("sequence", max(0, item.sequence))
    event.add("last-modified", item.last_modified.astimezone(UTC))
    event.add("summary", item.title)
    event.add("dtstart", item.starts_at.astimezone(LONDON))
    event.add("dtend", item.ends_at.astimezone(LONDON))
    location = item.place or item.online_link
    if location:
        event.add("location", location)
    if item.online_link:
        event.add("url", item.online_link)
    elif item.cohort_url:
        event.add("url", item.cohort_url)
    description = []
    if item.online_link and item.place:
        description.append(f"Online: {item.online_link}")
    if item.preparation:
        description.append(f"What to prepare: {item.preparation}")
    if item.cohort_url:
        description.append(f"Cohort: {item.cohort_url}")
    if description:
        event.add("description", "\n\n".join(description))
    return event


def feed_ics(name: str, events: Iterable[SessionEvent], *, host: str, stamp: datetime) -> bytes:
    """A whole calendar: `name` is what a calendar program shows for the subscription."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    ordered = sorted(events, key=lambda e: (e.starts_at, e.session_id))
    for item in ordered:
        calendar.add_component(_event(item, host=host, stamp=stamp))
    if ordered:  # the zone's rules for the years the sessions span, not every year since 1970
        first = ordered[0].starts_at.astimezone(LONDON).date().replace(month=1, day=1)
        last = max(e.ends_at for e in ordered).astimezone(LONDON).date().replace(month=12, day=31)
        calendar.add_missing_timezones(first_date=first, last_date=last + timedelta(days=1))
    return bytes(calendar.to_ical())
