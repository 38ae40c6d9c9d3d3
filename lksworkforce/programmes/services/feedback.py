"""Writes for the feedback part: a participant's reaction (once per place, after the cohort's last
session), the follow-ups scheduled for every place on an ended cohort (and their invitations sent
when due), and a participant's answer to their follow-up (once, claimed by version).

A reaction is stored with no link to the person and no date: the place's `reaction_given` records
only that they answered, claimed with one conditional UPDATE so that two tabs cannot both answer.
It is not audited: an audit event naming the person, written in the same moment as the anonymous
answer, would link them."""

import logging
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from lksworkforce.core.audit import audit_record
from lksworkforce.core.concurrency import Change, StaleEdit, claim_version, expected
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.viewers import Caller
from lksworkforce.programmes import feedback_levels as levels
from lksworkforce.programmes.models import Enrolment, FollowUp, ReactionFeedback
from lksworkforce.programmes.selectors import feedback as selectors

logger = logging.getLogger(__name__)

REACTION_REJECTED = "Your feedback was not sent"
FOLLOW_UP_REJECTED = "Your answer was not sent"
ALREADY_GIVEN = "You have already given your feedback on this cohort: it can be given once"
NOT_YET = "You can give your feedback once the cohort's last session has ended, on {day}"
FOLLOW_UP_NOT_YET = "The follow-up opens on {day}, three months after the cohort ended"
FOLLOW_UP_CLOSED = "The follow-up closed on {day}, six months after the cohort ended"
ALREADY_ANSWERED = "You have already answered this follow-up: it can be answered once"


def _text_problems(problems: list[Problem], name: str, value: str, limit: int, label: str) -> None:
    if len(value) > limit:
        problems.append(Problem(field=name, reason=f"{label} can be at most {limit:,} characters"))
    if "\x00" in value:
        problems.append(Problem(field=name, reason=f"{label} contains a character that cannot be stored"))


@transaction.atomic
def reaction_give(
    *, enrolment: Enrolment, ratings: Mapping[str, object], comments: str = "", today: date | None = None
) -> None:
    """Stores the participant's reaction without a link to them, and marks their place as answered."""
    day = today or timezone.localdate()
    problems = [Problem(field=key, reason=reason) for key, reason in levels.ratings_problems(ratings).items()]
    _text_problems(problems, "comments", comments, levels.MAX_COMMENT, "Your comment")
    opens = selectors.reaction_opens_on(enrolment.cohort)
    if opens > day:
        problems.insert(0, Problem(field="cohort", reason=NOT_YET.format(day=f"{opens:%-d %B %Y}")))
    if enrolment.reaction_given:
        problems.insert(0, Problem(field="cohort", reason=ALREADY_GIVEN))
    if problems:
        raise Rejected(problems, subject=REACTION_REJECTED)
    # updated_at is left as it is: a time beside the place would date the anonymous answer.
    claimed = Enrolment.objects.filter(pk=enrolment.pk, reaction_given=False).update(
        reaction_given=True, edit_version=F("edit_version") + 1
    )
    if not claimed:
        raise Rejected([Problem(field="cohort", reason=ALREADY_GIVEN)], subject=REACTION_REJECTED)
    clean = {key: value for key, value in ratings.items() if isinstance(value, int)}
    ReactionFeedback.objects.create(cohort_id=enrolment.cohort_id, ratings=clean, comments=comments.strip())
    enrolment.reaction_given = True


@dataclass(frozen=True)
class Scheduled:
    scheduled: int
    invited: int

    @property
    def summary(self) -> str:
        return f"{self.scheduled} follow-ups scheduled, {self.invited} invitations sent."


@transaction.atomic
def follow_ups_schedule(*, today: date | None = None, send: bool = True) -> Scheduled:
    """A follow-up for every place on a cohort that has ended, due three months after its end (the
    places that have one already are left alone: running it again changes nothing); then, with
    `send`, an invitation to each follow-up that is due, open and not yet sent."""
    day = today or timezone.localdate()
    new = [
        FollowUp(enrolment_id=enrolment_id, due_on=levels.follow_up_due(ends_on))
        for enrolment_id, ends_on in selectors.ended_places_without_follow_up(day)
    ]
    FollowUp.objects.bulk_create(new, ignore_conflicts=True)
    invited = _invite(day) if send else 0
    if new:
        logger.info("Programme follow-ups scheduled: %s", len(new))
    return Scheduled(len(new), invited)


def _invite(day: date) -> int:
    due = selectors.follow_ups_to_send(day)
    if not due:
        return 0
    messages = []
    for follow_up_id, email, programme, cohort_id in due:
        address = reverse("programmes:follow_up_answer", kwargs={"cohort_id": cohort_id})
        body = (
            f"Three months on from {programme}, what do you now do differently?\n\n"
            f"Tell us, with an example or two, at {address} (sign in first).\n"
        )
        messages.append(
            (
                follow_up_id,
                EmailMessage(
                    subject=f"What do you now do differently after {programme}?",
                    body=body,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[email],
                ),
            )
        )
    try:
        sent = mailers.default.send_messages([m for _pk, m in messages]) or 0
    except (OSError, smtplib.SMTPException):  # they are on the home page too; the mail is best effort
        logger.warning("Programme follow-up invitations could not be sent")
        return 0
    FollowUp.objects.filter(pk__in=[pk for pk, _m in messages]).update(sent_at=timezone.now())
    return int(sent)


@transaction.atomic
def follow_up_answer(
    *,
    actor: Caller,
    follow_up: FollowUp,
    doing_differently: str,
    examples: str,
    edit_version: int | None,
    today: date | None = None,
) -> FollowUp:
    """The participant's answer: what they now do differently, with examples; once, while it is open."""
    day = today or timezone.localdate()
    version = expected(edit_version)
    ends_on = follow_up.enrolment.cohort.ends_on
    problems: list[Problem] = []
    if follow_up.answered_at is not None:
        problems.append(Problem(field="follow_up", reason=ALREADY_ANSWERED))
    elif day < follow_up.due_on:
        problems.append(
            Problem(field="follow_up", reason=FOLLOW_UP_NOT_YET.format(day=f"{follow_up.due_on:%-d %B %Y}"))
        )
    elif day > (closes := levels.follow_up_closes(ends_on)):
        problems.append(Problem(field="follow_up", reason=FOLLOW_UP_CLOSED.format(day=f"{closes:%-d %B %Y}")))
    if not doing_differently.strip():
        problems.append(Problem(field="doing_differently", reason="Say what you now do differently"))
    _text_problems(problems, "doing_differently", doing_differently, levels.MAX_FOLLOW_UP_TEXT, "Your answer")
    _text_problems(problems, "examples", examples, levels.MAX_FOLLOW_UP_TEXT, "Your examples")
    if problems:
        raise Rejected(problems, subject=FOLLOW_UP_REJECTED)
    now = timezone.now()
    claimed = claim_version(
        FollowUp.objects.filter(answered_at__isnull=True),
        pk=follow_up.pk,
        version=version,
        doing_differently=doing_differently.strip(),
        examples=examples.strip(),
        answered_at=now,
    )
    if not claimed:
        saved = FollowUp.objects.get(pk=follow_up.pk)
        raise StaleEdit(
            "Your follow-up",
            [Change("What you now do differently", doing_differently.strip(), saved.doing_differently or "(blank)")],
        )
    audit_record(actor=actor, action="programmes.follow_up_answered", obj=follow_up, summary="Follow-up answered")
    follow_up.refresh_from_db()
    return follow_up
