"""Writes of a cohort's sessions and group projects, and of a person's calendar feed token. Sessions
are added, changed and removed by whoever runs the cohort; a change of time or place tells the
people enrolled by email (see `notify_session_changed`). Group projects are set up by the cohort's
runners and facilitators, with members from the cohort's places and an output link or file."""

import logging
import secrets
import smtplib
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.utils import timezone

from lksworkforce.accounts.models import User
from lksworkforce.core.audit import audit_record, field_changes
from lksworkforce.core.concurrency import StaleEdit, claim_deletion, claim_version, differences, expected
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.programmes.models import CalendarFeedToken, Cohort, GroupProject, Session
from lksworkforce.programmes.selectors import setup as selectors

logger = logging.getLogger(__name__)

MAX_TITLE = 200
MAX_PLACE = 300
MAX_LINK = 500
MAX_TEXT = 5000
SESSION_REJECTED = "The session was not saved"
PROJECT_REJECTED = "The group project was not saved"
PROJECT_FILE_TYPES = {"pdf", "docx", "pptx", "xlsx", "odt", "odp", "ods", "txt", "png", "jpg", "jpeg"}
LONGEST_SESSION_HOURS = 12

SESSION_LABELS = {
    "title": "Title",
    "starts_at": "Starts",
    "ends_at": "Ends",
    "place": "Place",
    "online_link": "Online link",
    "preparation": "What to prepare",
    "facilitators": "Facilitators",
}
PROJECT_LABELS = {"name": "Name", "topic": "Topic", "output_link": "Output link", "members": "Members"}


@dataclass(frozen=True)
class SessionEntry:
    title: str
    starts_at: datetime | None
    ends_at: datetime | None
    place: str = ""
    online_link: str = ""
    preparation: str = ""
    facilitator_ids: tuple[int, ...] = ()
    extra_problems: tuple[Problem, ...] = field(default=())


@dataclass(frozen=True)
class ProjectFile:
    name: str
    data: bytes


@dataclass(frozen=True)
class ProjectEntry:
    name: str
    topic: str = ""
    member_ids: tuple[int, ...] = ()
    output_link: str = ""
    output_file: ProjectFile | None = None
    remove_file: bool = False
    extra_problems: tuple[Problem, ...] = field(default=())


def web_address_problem(link: str) -> str | None:
    if len(link) > MAX_LINK:
        return f"A link can be at most {MAX_LINK} characters"
    try:
        parts = urlsplit(link)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in {"http", "https"} or not parts.hostname or any(c.isspace() for c in link):
        return "A link must be a web address starting with https:// or http://"
    return None


def _refuse(problems: list[Problem], name: str, reason: str, value: object = None) -> None:
    problems.append(Problem(field=name, reason=reason, value=None if value is None else str(value)))


def _session_problems(entry: SessionEntry, cohort: Cohort) -> list[Problem]:
    problems = list(entry.extra_problems)
    given = {p.field for p in problems}
    if not entry.title.strip():
        _refuse(problems, "title", "Give the session a title, for example “Workshop”")
    elif len(entry.title) > MAX_TITLE:
        _refuse(problems, "title", f"The title can be at most {MAX_TITLE} characters")
    if entry.starts_at is None and "starts_at" not in given:
        _refuse(problems, "starts_at", "Say when the session starts: a date and a time such as 9:30")
    if entry.ends_at is None and "ends_at" not in given:
        _refuse(problems, "ends_at", "Say when the session ends: a time such as 12:30")
    if entry.starts_at and entry.ends_at:
        if entry.ends_at <= entry.starts_at:
            _refuse(problems, "ends_at", "The session must end after it starts")
        elif (entry.ends_at - entry.starts_at).total_seconds() > LONGEST_SESSION_HOURS * 3600:
            _refuse(problems, "ends_at", f"A session can be at most {LONGEST_SESSION_HOURS} hours long")
        day = timezone.localtime(entry.starts_at).date()
        if not cohort.starts_on <= day <= cohort.ends_on:
            _refuse(problems, "starts_at", "The session must be within the cohort's dates", day.isoformat())
    if len(entry.place) > MAX_PLACE:
        _refuse(problems, "place", f"The place can be at most {MAX_PLACE} characters")
    if entry.online_link and (reason := web_address_problem(entry.online_link)):
        _refuse(problems, "online_link", reason, entry.online_link)
    if not entry.place.strip() and not entry.online_link.strip() and not {"place", "online_link"} & given:
        _refuse(problems, "place", "Give the place, or the online link, or both")
    if len(entry.preparation) > MAX_TEXT:
        _refuse(problems, "preparation", f"What to prepare can be at most {MAX_TEXT:,} characters")
    wanted = set(entry.facilitator_ids)
    if wanted and User.objects.filter(pk__in=sorted(wanted), is_active=True).count() != len(wanted):
        _refuse(problems, "facilitators", "Choose facilitators from the people in the service")
    return problems


def _session_values(entry: SessionEntry) -> dict[str, Any]:
    return {
        "title": entry.title.strip(),
        "starts_at": entry.starts_at,
        "ends_at": entry.ends_at,
        "place": entry.place.strip(),
        "online_link": entry.online_link.strip(),
        "preparation": entry.preparation.strip(),
    }


def _session_now(session: Session) -> dict[str, Any]:
    values = {k: getattr(session, k) for k in _session_values(SessionEntry("", None, None))}
    values["facilitators"] = sorted(session.facilitators.values_list("pk", flat=True))
    return values


def _runs(actor: User, cohort: Cohort) -> None:
    if not selectors.runs_cohort(actor, cohort):
        raise PermissionDenied


@transaction.atomic
def session_add(*, actor: User, cohort: Cohort, entry: SessionEntry) -> Session:
    _runs(actor, cohort)
    if problems := _session_problems(entry, cohort):
        raise Rejected(problems, subject=SESSION_REJECTED)
    session = Session.objects.create(cohort=cohort, **_session_values(entry))
    session.facilitators.set(sorted(set(entry.facilitator_ids)))
    audit_record(
        actor=actor,
        action="programmes.session_added",
        obj=session,
        summary=f"Session added to {cohort.name}: {session.title}",
        changes=field_changes({}, _session_now(session)),
    )
    return session


@transaction.atomic
def session_change(*, actor: User, session: Session, entry: SessionEntry, expected_version: int | None) -> Session:
    """Change a session; when its time, place or link changes, the people enrolled are told."""
    version = expected(expected_version)
    _runs(actor, session.cohort)
    if problems := _session_problems(entry, session.cohort):
        raise Rejected(problems, subject=SESSION_REJECTED)
    before = _session_now(session)
    values = _session_values(entry)
    if not claim_version(
        Session.objects.filter(cohort_id=session.cohort_id), pk=session.pk, version=version,
        updated_at=timezone.now(), **values,
    ):  # fmt: skip
        saved = Session.objects.filter(pk=session.pk).first()
        raise StaleEdit("This session", differences(SESSION_LABELS, values, _session_now(saved) if saved else {}))
    session.refresh_from_db()
    session.facilitators.set(sorted(set(entry.facilitator_ids)))
    after = _session_now(session)
    audit_record(
        actor=actor,
        action="programmes.session_changed",
        obj=session,
        summary=f"Session changed: {session.title}",
        changes=field_changes(before, after),
    )
    if any(before[k] != after[k] for k in ("starts_at", "ends_at", "place", "online_link")):
        changed = session
        transaction.on_commit(lambda: notify_session_changed(changed))
    return session


@transaction.atomic
def session_remove(*, actor: User, session: Session, expected_version: int | None) -> None:
    version = expected(expected_version)
    _runs(actor, session.cohort)
    session_id = session.pk
    if not claim_deletion(Session.objects.filter(cohort_id=session.cohort_id), pk=session_id, version=version):
        saved = Session.objects.filter(pk=session_id).first()
        raise StaleEdit(
            "This session", differences(SESSION_LABELS, {}, _session_now(saved) if saved else {}, every=True)
        )
    session.pk = session_id
    audit_record(
        actor=actor, action="programmes.session_removed", obj=session, summary=f"Session removed: {session.title}"
    )


def notify_session_changed(session: Session) -> int:
    """Email each person enrolled on the cohort that the session moved: one message each, so no one
    sees anyone else's address; the log says how many, never who. (A notifications app will send
    these when it lands, in the way each person chose.)"""
    addresses = selectors.enrolled_addresses(session.cohort_id)
    if not addresses:
        return 0
    starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    where = "\n".join(line for line in (session.place, session.online_link) if line) or "To be confirmed"
    body = (
        f"A session of {session.cohort.programme.title} ({session.cohort.name}) has changed.\n\n"
        f"{session.title}\n{starts:%A %-d %B %Y}, {starts:%H:%M} to {ends:%H:%M}\n{where}\n\n"
        "Your calendar feed of programme sessions shows the new details.\n"
    )
    subject = f"Session changed: {session.title}"
    messages = [
        EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[address])
        for address in addresses
    ]
    try:
        sent = mailers.default.send_messages(messages) or 0
    except (OSError, smtplib.SMTPException):  # the change is saved; the notice is best effort
        logger.warning("Session %s change notice could not be sent", session.pk)
        sent = 0
    logger.info("Session %s change notice sent to %s of %s people enrolled", session.pk, sent, len(addresses))
    return sent


def _project_problems(entry: ProjectEntry, cohort: Cohort) -> list[Problem]:
    problems = list(entry.extra_problems)
    if not entry.name.strip():
        _refuse(problems, "name", "Give the group a name")
    elif len(entry.name) > MAX_TITLE:
        _refuse(problems, "name", f"The name can be at most {MAX_TITLE} characters")
    if len(entry.topic) > MAX_PLACE:
        _refuse(problems, "topic", f"The topic can be at most {MAX_PLACE} characters")
    if entry.output_link and (reason := web_address_problem(entry.output_link)):
        _refuse(problems, "output_link", reason, entry.output_link)
    allowed = {m.id for m in selectors.member_choices(cohort)}
    for member_id in entry.member_ids:
        if member_id not in allowed:
            _refuse(problems, "members", "Choose members from the people with a place on the cohort", member_id)
    if entry.output_file is not None:
        extension = entry.output_file.name.rsplit(".", 1)[-1].lower() if "." in entry.output_file.name else ""
        if extension not in PROJECT_FILE_TYPES:
            kinds = ", ".join(sorted(PROJECT_FILE_TYPES))
            _refuse(
                problems, "output_file", f"The file must be one of these kinds: {kinds}", entry.output_file.name[:60]
            )
        elif not entry.output_file.data:
            _refuse(problems, "output_file", "The file is empty")
    return problems


def _project_now(project: GroupProject) -> dict[str, Any]:
    return {
        "name": project.name,
        "topic": project.topic,
        "output_link": project.output_link,
        "members": sorted(project.members.values_list("pk", flat=True)),
        "output_file": bool(project.output_file),
    }


def _store(upload: ProjectFile) -> str:
    """Saved under a random name: the uploader's file name never reaches the file system."""
    extension = upload.name.rsplit(".", 1)[-1].lower()
    return default_storage.save(f"programmes/projects/{uuid.uuid4().hex}.{extension}", ContentFile(upload.data))


def _manages(actor: User, cohort: Cohort) -> None:
    if not selectors.manages_projects(actor, cohort):
        raise PermissionDenied


@transaction.atomic
def project_add(*, actor: User, cohort: Cohort, entry: ProjectEntry) -> GroupProject:
    _manages(actor, cohort)
    if problems := _project_problems(entry, cohort):
        raise Rejected(problems, subject=PROJECT_REJECTED)
    project = GroupProject.objects.create(
        cohort=cohort, name=entry.name.strip(), topic=entry.topic.strip(), output_link=entry.output_link.strip()
    )
    if entry.output_file is not None:
        project.output_file.name = _store(entry.output_file)
        project.save(update_fields=["output_file"])
    project.members.set(sorted(set(entry.member_ids)))
    audit_record(
        actor=actor, action="programmes.project_added", obj=project, summary=f"Group project added: {project.name}",
        changes=field_changes({}, _project_now(project)),
    )  # fmt: skip
    return project


@transaction.atomic
def project_change(
    *, actor: User, project: GroupProject, entry: ProjectEntry, expected_version: int | None
) -> GroupProject:
    version = expected(expected_version)
    _manages(actor, project.cohort)
    if problems := _project_problems(entry, project.cohort):
        raise Rejected(problems, subject=PROJECT_REJECTED)
    before = _project_now(project)
    values: dict[str, Any] = {
        "name": entry.name.strip(),
        "topic": entry.topic.strip(),
        "output_link": entry.output_link.strip(),
    }
    if entry.output_file is not None:
        values["output_file"] = _store(entry.output_file)
    elif entry.remove_file:
        values["output_file"] = ""
    if not claim_version(
        GroupProject.objects.filter(cohort_id=project.cohort_id), pk=project.pk, version=version, **values
    ):
        if values.get("output_file"):
            default_storage.delete(values["output_file"])
        saved = GroupProject.objects.filter(pk=project.pk).first()
        raise StaleEdit("This group project", differences(PROJECT_LABELS, values, _project_now(saved) if saved else {}))
    project.refresh_from_db()
    project.members.set(sorted(set(entry.member_ids)))
    audit_record(
        actor=actor, action="programmes.project_changed", obj=project, summary=f"Group project changed: {project.name}",
        changes=field_changes(before, _project_now(project)),
    )  # fmt: skip
    return project


@transaction.atomic
def project_remove(*, actor: User, project: GroupProject, expected_version: int | None) -> None:
    version = expected(expected_version)
    _manages(actor, project.cohort)
    project_id = project.pk
    if not claim_deletion(GroupProject.objects.filter(cohort_id=project.cohort_id), pk=project_id, version=version):
        raise StaleEdit("This group project")
    project.pk = project_id
    audit_record(
        actor=actor, action="programmes.project_removed", obj=project, summary=f"Group project removed: {project.name}"
    )


@transaction.atomic
def feed_token_renew(*, person: User) -> str:
    """A new random token for the person's calendar feed; any old one stops working."""
    token = secrets.token_urlsafe(32)
    CalendarFeedToken.objects.update_or_create(person=person, defaults={"token": token})
    audit_record(
        actor=person, action="programmes.feed_token_renewed", obj=person, summary="Calendar feed address renewed"
    )
    return token


@transaction.atomic
def feed_token_revoke(*, person: User) -> None:
    CalendarFeedToken.objects.filter(person=person).delete()
    audit_record(
        actor=person, action="programmes.feed_token_revoked", obj=person, summary="Calendar feed address turned off"
    )
