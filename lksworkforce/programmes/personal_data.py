"""Programmes' part in subject access and erasure (see core/subject_access.py): the person's
applications, places, attendance, certificates, follow-ups and facilitator records.

Erasure removes applications, places (with their attendance, certificate and follow-up) and
facilitator records outright, and takes the person off sessions, cohorts and group projects.
What they did for others (a score given, attendance recorded, support decided, an event trained)
keeps the record and loses the person. Reaction feedback never named anyone, so it stays."""

from collections.abc import Iterable

from lksworkforce.accounts.models import User
from lksworkforce.core.subject_access import Erased, Section, Subject, json_value
from lksworkforce.programmes.models import (
    Application,
    CalendarFeedToken,
    Cohort,
    Enrolment,
    FacilitatedSession,
    Facilitator,
    GroupProject,
    PanelScore,
    Session,
    SessionAttendance,
    TrainingEvent,
)

COVERS = (
    Application,
    CalendarFeedToken,
    Enrolment,
    SessionAttendance,
    PanelScore,
    Facilitator,
    TrainingEvent,
    FacilitatedSession,
    Cohort.facilitators.through,
    Session.facilitators.through,
    GroupProject.members.through,
)


def owned_records(person: User) -> Iterable[tuple[str, str]]:
    for model in (Application, Enrolment, Facilitator):
        label = model._meta.label_lower
        yield from ((label, str(pk)) for pk in model.objects.filter(person=person).values_list("pk", flat=True))


def export(subject: Subject) -> dict[str, Section]:
    person = subject.person
    applications = Application.objects.filter(person=person).select_related("cohort__programme").order_by("id")
    enrolments = (
        Enrolment.objects.filter(person=person)
        .select_related("cohort__programme")
        .prefetch_related("attendance__session")
        .order_by("id")
    )
    facilitations = Facilitator.objects.filter(person=person).order_by("id")
    return {
        "programme_applications": Section(
            "Programme applications",
            [
                {
                    "cohort": str(a.cohort),
                    "statement": a.statement,
                    "status": a.get_status_display(),
                    "submitted": json_value(a.submitted_at),
                    "service_manager_supported": a.supported,
                    "support_reason": a.support_reason,
                    "panel_score": json_value(a.score),
                    "offered": json_value(a.offered_at),
                    "reply_by": json_value(a.reply_by),
                }
                for a in applications
            ],
        ),
        "programme_places": Section(
            "Places on programmes",
            [
                {
                    "cohort": str(e.cohort),
                    "status": e.get_status_display(),
                    "enrolled": json_value(e.enrolled_at),
                    "completed_on": json_value(e.completed_on),
                    "attendance": [
                        {"session": a.session.title, "on": json_value(a.session.starts_at), "status": a.status}
                        for a in e.attendance.all()
                    ],
                }
                for e in enrolments
            ],
        ),
        "facilitator_records": Section(
            "Facilitator training",
            [
                {
                    "trained_for": f.get_kind_display(),
                    "trained_on": json_value(f.trained_on),
                    "sessions_a_year": f.sessions_per_year,
                    "active": f.active,
                }
                for f in facilitations
            ],
        ),
    }


def erase(subject: Subject) -> list[Erased]:
    person = subject.person
    applications = Application.objects.filter(person=person)
    application_count = applications.count()
    enrolments = Enrolment.objects.filter(person=person)
    enrolment_count = enrolments.count()
    enrolments.delete()
    applications.delete()
    facilitations = Facilitator.objects.filter(person=person)
    facilitator_count = facilitations.count()
    facilitations.delete()
    CalendarFeedToken.objects.filter(person=person).delete()
    Application.objects.filter(support_by=person).update(support_by=None)
    PanelScore.objects.filter(panel_member=person).delete()
    SessionAttendance.objects.filter(recorded_by=person).update(recorded_by=None)
    TrainingEvent.objects.filter(trainer=person).update(trainer=None)
    Facilitator.objects.filter(trained_by=person).update(trained_by=None)
    for through in (Cohort.facilitators.through, Session.facilitators.through, GroupProject.members.through):
        through.objects.filter(user=person).delete()
    return [
        Erased("Programme applications", application_count),
        Erased("Places on programmes", enrolment_count),
        Erased("Facilitator training records", facilitator_count),
    ]
