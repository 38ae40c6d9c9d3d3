"""Sessions as the calendar feeds describe them (programmes/calendar_feeds.py writes the .ics)."""

from collections.abc import Iterable

from django.urls import reverse

from lksworkforce.programmes.calendar_feeds import SessionEvent
from lksworkforce.programmes.models import Session


def session_events(sessions: Iterable[Session], *, base_url: str) -> list[SessionEvent]:
    """`base_url`: the service's address ("https://lksw.example"), for the link to each cohort."""
    return [
        SessionEvent(
            session_id=session.pk,
            title=f"{session.cohort.programme.title}: {session.title}",
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            sequence=session.edit_version,
            last_modified=session.updated_at,
            place=session.place,
            online_link=session.online_link,
            preparation=session.preparation,
            cohort_url=base_url + reverse("programmes:cohort", kwargs={"cohort_id": session.cohort_id}),
        )
        for session in sessions
    ]
