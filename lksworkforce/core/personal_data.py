"""The audit trail's part in subject access and erasure (see core/subject_access.py).

Events *about* the person's own records (their account, roles, self-assessments, plan) are
exported and, on erasure, removed. Events *by* the person about shared records (a return they
submitted) are exported and, on erasure, kept without them: the record's history stays, but not
who. Any other event naming them (by name or email, in its summary or details) has the name
replaced."""

from collections import defaultdict

from django.apps import apps
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast

from lksworkforce.core.mentions import mention_terms, redact, redact_json, search_terms
from lksworkforce.core.models import AuditEvent
from lksworkforce.core.subject_access import Erased, Section, Subject, json_value

COVERS = (AuditEvent,)
EXPORT_ORDER = 100  # last: the history of everything above


def _terms(subject: Subject) -> list[str]:
    return mention_terms(subject.person.full_name, subject.person.email)


def _about(subject: Subject) -> Q:
    by_label: dict[str, list[str]] = defaultdict(list)
    for label, pk in subject.owned:
        by_label[label].append(pk)
    about = Q(pk__in=[])
    for label, ids in by_label.items():
        about |= Q(object_type=label, object_id__in=ids)
    return about


def _naming(subject: Subject) -> Q:
    naming = Q(pk__in=[])
    for term in search_terms(_terms(subject)):
        naming |= Q(summary__icontains=term) | Q(changes_text__icontains=term)
    return naming


def _events(subject: Subject) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.annotate(changes_text=Cast("changes", TextField())).filter(
        Q(actor_id=subject.person.pk) | _about(subject) | _naming(subject)
    )


def _record(event: AuditEvent) -> str:
    """The record by its name ("plan action 3"), not its internal label ("skills.planaction 3")."""
    try:
        name = str(apps.get_model(event.object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        name = event.object_type
    return f"{name} {event.object_id}".strip()


def _by(event: AuditEvent, subject: Subject) -> str:
    if event.actor_id == subject.person.pk:
        return "you"
    return "someone else" if event.actor_id else "the system or the command line"


def export(subject: Subject) -> dict[str, Section]:
    events = _events(subject).order_by("occurred_at", "id")
    return {
        "audit_events": Section(
            "Changes recorded in the audit trail",
            [
                {
                    "when": json_value(event.occurred_at),
                    "action": event.action,
                    "record": _record(event),
                    "summary": event.summary,
                    "details": json_value(event.changes),
                    "by": _by(event, subject),
                }
                for event in events
            ],
            note="Every change you made, every change to your own records, and any other change that names you.",
        )
    }


def erase(subject: Subject) -> list[Erased]:
    removed, _ = AuditEvent.objects.filter(_about(subject)).delete()
    anonymised = 0
    terms = _terms(subject)
    for event in _events(subject):
        summary, _ = redact(event.summary, terms)
        event.changes, _ = redact_json(event.changes, terms)
        event.summary = summary[:300]
        event.actor = None
        event.save(update_fields=["summary", "changes", "actor"])
        anonymised += 1
    return [
        Erased("Audit events about their own records", removed),
        Erased("Audit events by them or naming them (kept, without them)", anonymised, "anonymised"),
    ]
