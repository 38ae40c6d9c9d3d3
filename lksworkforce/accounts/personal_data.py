"""The account's part in subject access and erasure (see core/subject_access.py): the account, roles,
qualifications, API tokens, admin-site permissions and history, sign-in records (django-axes) and sessions.

The account row itself is removed last, by `accounts.services.person_erase`."""

from collections.abc import Iterable
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db.models import Q, QuerySet
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from lksworkforce.accounts.models import ApiToken, Membership, Qualification, User
from lksworkforce.accounts.people import Role
from lksworkforce.accounts.tasks import password_reset_email_send
from lksworkforce.core.subject_access import Erased, Section, Subject, json_value

COVERS = (User, Qualification, Membership, ApiToken, User.groups.through, User.user_permissions.through, LogEntry)

EXPORT_ORDER = 0  # first: who the person is
SIGN_IN_RECORDS = (AccessLog, AccessAttempt, AccessFailureLog)


def owned_records(person: User) -> Iterable[tuple[str, str]]:
    for model, records in ((Qualification, person.qualifications.all()), (Membership, person.memberships.all())):
        label = model._meta.label_lower
        yield from ((label, str(pk)) for pk in records.values_list("pk", flat=True))


def _admin_log(person: User) -> QuerySet[LogEntry]:
    about = Q(content_type=ContentType.objects.get_for_model(User), object_id=str(person.pk))
    return LogEntry.objects.filter(Q(user=person) | about)


def _sign_ins(person: User, model: type[AccessLog | AccessAttempt | AccessFailureLog]) -> QuerySet[Any]:
    # django-axes ships no type information, so its managers are untyped.
    records: QuerySet[Any] = model.objects.filter(username__iexact=person.email)
    return records


def _reset_emails_queued(person: User) -> QuerySet[DBTaskResult[..., Any]]:
    """Password-reset emails in the task queue (queued or sent) carry the address they go to."""
    return DBTaskResult.objects.filter(
        task_path=password_reset_email_send.module_path, args_kwargs__kwargs__email__iexact=person.email
    )


def _sessions_of(person: User) -> list[Session]:
    """The person's unexpired sessions. Sessions are signed blobs, so each is read."""
    return [
        session
        for session in Session.objects.filter(expire_date__gt=timezone.now())
        if str(session.get_decoded().get("_auth_user_id")) == str(person.pk)
    ]


def _account(person: User) -> dict[str, Any]:
    return {
        "name": person.full_name,
        "email_address": person.email,
        "job_title": person.job_title,
        "agenda_for_change_band": person.band,
        "organisation": person.organisation.name if person.organisation else None,
        "ods_code": person.organisation.ods_code if person.organisation else None,
        "can_sign_in": person.is_active,
        "password": "set (only a one-way hash is kept)" if person.has_usable_password() else "not set",
        "can_use_the_admin_site": person.is_staff,
        "joined": json_value(person.date_joined),
        "last_signed_in": json_value(person.last_login),
    }


def _roles(person: User) -> list[dict[str, Any]]:
    roles: list[dict[str, Any]] = []
    if person.organisation:
        roles.append({"role": Role.STAFF.label, "over": person.organisation.name, "since": None})
    for membership in person.memberships.select_related("organisation", "region").order_by("created_at", "id"):
        scope = membership.organisation or membership.region
        roles.append(
            {
                "role": Role(membership.role).label,
                "over": str(scope) if scope else "England",
                "since": json_value(membership.created_at),
            }
        )
    return roles


def export(subject: Subject) -> dict[str, Section]:
    person: User = subject.person
    sign_ins = [
        {
            "when": json_value(record.attempt_time),
            "kind": {AccessLog: "signed in", AccessAttempt: "wrong password", AccessFailureLog: "failed sign-in"}[
                type(record)
            ],
            "internet_address": record.ip_address,
            "browser": record.user_agent,
        }
        for model in SIGN_IN_RECORDS
        for record in _sign_ins(person, model).order_by("attempt_time")
    ]
    return {
        "account": Section("Account", [_account(person)]),
        "roles": Section(
            "Roles",
            _roles(person),
            note="Staff member is the organisation you work for; the other roles are granted by the service.",
        ),
        "qualifications": Section(
            "Qualifications",
            [
                {
                    "qualification": q.kind_label,
                    "awarded_or_started_on": json_value(q.awarded_on),
                    "awarding_body": q.institution,
                    "recorded_on": json_value(q.created_at),
                }
                for q in person.qualifications.order_by("awarded_on", "id")
            ],
        ),
        "api_tokens": Section(
            "API tokens",
            [
                {
                    "name": token.name,
                    "starts_with": token.prefix,
                    "created": json_value(token.created_at),
                    "last_used": json_value(token.last_used_at),
                    "expires_on": json_value(token.expires_on),
                    "revoked": json_value(token.revoked_at),
                }
                for token in person.api_tokens.order_by("created_at", "id")
            ],
            note="Tokens you made for programs to use the API as you. Only a one-way hash of each secret is kept.",
        ),
        "admin_site": Section(
            "Admin site groups and permissions",
            [{"group": group.name} for group in person.groups.order_by("name")]
            + [{"permission": str(permission)} for permission in person.user_permissions.order_by("codename")],
        ),
        "admin_history": Section(
            "Admin site history",
            [
                {
                    "when": json_value(entry.action_time),
                    "record": f"{entry.content_type} {entry.object_id}" if entry.content_type else entry.object_id,
                    "change": entry.get_change_message() or entry.get_action_flag_display(),
                }
                for entry in _admin_log(person).select_related("content_type").order_by("action_time")
            ],
            note="What you changed in the admin site, and what was changed there in your account.",
        ),
        "sign_ins": Section(
            "Sign-in records",
            sign_ins,
            note=f"Kept to protect accounts from password guessing. You have {len(_sessions_of(person))} "
            f"signed-in session(s) now, and {_reset_emails_queued(person).count()} password-reset email(s) "
            "in the task queue.",
        ),
    }


def erase(subject: Subject) -> list[Erased]:
    person: User = subject.person
    sessions = _sessions_of(person)
    Session.objects.filter(pk__in=[s.pk for s in sessions]).delete()
    sign_ins = sum(_sign_ins(person, model).delete()[0] for model in SIGN_IN_RECORDS)
    sign_ins += _reset_emails_queued(person).delete()[0]
    admin_log, _ = _admin_log(person).delete()
    groups = person.groups.count() + person.user_permissions.count()
    person.groups.clear()
    person.user_permissions.clear()
    roles, _ = person.memberships.all().delete()
    qualifications, _ = person.qualifications.all().delete()
    api_tokens, _ = person.api_tokens.all().delete()
    return [
        Erased("Roles", roles),
        Erased("Qualifications", qualifications),
        Erased("API tokens", api_tokens),
        Erased("Admin site groups and permissions", groups),
        Erased("Admin site history", admin_log),
        Erased("Sign-in records", sign_ins),
        Erased("Signed-in sessions", len(sessions)),
    ]
