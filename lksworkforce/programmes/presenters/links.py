"""The links at the top of the programmes page: a participant's own pages, then the pages for those
who support, select, run and watch over programmes, each shown only to those who may open it."""

from dataclasses import dataclass

from django.urls import reverse

from lksworkforce.accounts.models import User


@dataclass(frozen=True)
class Link:
    text: str
    href: str


# (text, URL name, the permission that shows it; None: everyone signed in)
YOURS: tuple[tuple[str, str, str | None], ...] = (
    ("Your applications and offers", "programmes:applications", None),
    ("Your attendance and progress", "programmes:my_attendance", None),
    ("Your certificates", "programmes:my_certificates", None),
    ("Your programme sessions calendar", "programmes:my_calendar", None),
    ("Check a certificate", "programmes:credential_verify", None),
)
RUNNING: tuple[tuple[str, str, str | None], ...] = (
    ("Applications waiting for your support", "programmes:support_list", "programmes.support_applications"),
    ("Set up a programme", "programmes:programme_new", "programmes.manage_programmes"),
    ("Regional fair shares of places", "programmes:fair_shares", "programmes.select"),
    ("Facilitator register", "programmes:facilitators", "programmes.view_facilitators"),
    ("Facilitator cascades", "programmes:cascade", "programmes.view_facilitators"),
    ("Equity of access to programmes", "programmes:equity", "programmes.view_equity"),
)


def _shown(viewer: User, entries: tuple[tuple[str, str, str | None], ...]) -> list[Link]:
    return [Link(text, reverse(name)) for text, name, perm in entries if perm is None or viewer.has_perm(perm)]


def your_links(viewer: User) -> list[Link]:
    return _shown(viewer, YOURS)


def running_links(viewer: User) -> list[Link]:
    return _shown(viewer, RUNNING)
