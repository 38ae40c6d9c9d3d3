"""The survey form: starting, saving and sending a response. Anonymous responses are not audited
(an audit entry would tie a person to a time)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from lksworkforce.core.concurrency import StaleEdit, claim_version, expected
from lksworkforce.surveys import codes, selectors
from lksworkforce.surveys.models import (
    Answer,
    Invitation,
    Response,
    ResponseSource,
    ResponseStatus,
    Survey,
)
from lksworkforce.surveys.questions import ParsedAnswer
from lksworkforce.surveys.selectors.structure import DEMOGRAPHIC_FIELDS, SurveyStructure
from lksworkforce.surveys.services.answers import answer_values, answers_insert


class SurveyClosed(Exception):  # noqa: N818 - a state, as people would say it
    """The survey is not open today; the message says why."""


class InvitationNeeded(Exception):  # noqa: N818
    """An invitation-only survey, without a usable invitation; the message says why."""


@dataclass(frozen=True)
class Incomplete(Exception):  # noqa: N818
    """Required questions left unanswered: (section number, question key) in survey order."""

    missing: tuple[tuple[int, str], ...]


def response_start(*, survey: Survey, invitation_token: str | None) -> tuple[Response, str]:
    """A new response in progress, and the resume code the respondent holds (shown once)."""
    today = selectors.today()
    if not survey.is_open(today):
        raise SurveyClosed(_closed_message(survey, today))
    invitation = None
    if survey.uses_invitations:
        invitation = _usable_invitation(survey, invitation_token)
    code = codes.new_resume_code()
    response = Response.objects.create(
        survey=survey,
        status=ResponseStatus.IN_PROGRESS,
        source=ResponseSource.WEB,
        started_on=today,
        resume_code_hash=codes.resume_code_hash(code),
        invitation=invitation,
    )
    return response, code


def check_invitation(*, survey: Survey, token: str | None) -> None:
    """Raise InvitationNeeded unless `token` is an unused invitation to this survey."""
    _usable_invitation(survey, token)


def _usable_invitation(survey: Survey, token: str | None) -> Invitation:
    if not token:
        raise InvitationNeeded("This survey is by invitation. Open the link in your invitation email to take part.")
    invitation = Invitation.objects.filter(survey=survey, token_hash=codes.invitation_hash(token)).first()
    if invitation is None:
        raise InvitationNeeded("This invitation link is not valid. Check that you copied the whole link.")
    if invitation.used_on is not None:
        raise InvitationNeeded(
            "This invitation has already been used to send a response. Each invitation can be used once."
        )
    return invitation


def _closed_message(survey: Survey, today: date) -> str:
    if today < survey.opens_on:
        return f"This survey opens on {survey.opens_on.day} {survey.opens_on:%B %Y}."
    return f"This survey closed on {survey.closes_on.day} {survey.closes_on:%B %Y}. Thank you for your interest."


def response_save_section(
    *,
    response: Response,
    structure: SurveyStructure,
    section: int,
    answers: Mapping[str, ParsedAnswer | None],
    expected_version: int | None,
) -> None:
    """Replace the response's answers to one section's questions (a blank answer removes one),
    from the version of the response the page showed: refused (StaleEdit) if the answers were
    saved from another tab or window since (ADR 12)."""
    today = selectors.today()
    if response.status != ResponseStatus.IN_PROGRESS:
        raise SurveyClosed("This response has already been sent.")
    if not structure.survey.is_open(today):
        raise SurveyClosed(_closed_message(structure.survey, today))
    view = structure.section(section)
    if view is None:
        raise ValueError(f"No section {section}")
    version = expected(expected_version)
    with transaction.atomic():
        claimed = claim_version(
            Response.objects.filter(status=ResponseStatus.IN_PROGRESS),
            pk=response.pk,
            version=version,
            last_section=section,
        )
        if not claimed:
            raise StaleEdit("Your answers")
        Answer.objects.filter(response=response, question_id__in=[q.id for q in view.questions]).delete()
        answers_insert(
            [
                (response.pk, *values)
                for question in view.questions
                if (parsed := answers.get(question.key)) is not None
                for values in answer_values(question, parsed)
            ]
        )
        response.last_section, response.edit_version = section, version + 1


def response_submit(*, response: Response, structure: SurveyStructure, expected_version: int | None) -> None:
    """Send the response: required questions answered, the invitation (if any) used up, the resume
    code and invitation forgotten, and only the date kept. Refused (StaleEdit) if answers were
    saved since the check page the person read was shown."""
    today = selectors.today()
    survey = structure.survey
    if response.status != ResponseStatus.IN_PROGRESS:
        raise SurveyClosed("This response has already been sent.")
    if not survey.is_open(today):
        raise SurveyClosed(_closed_message(survey, today))
    stored = selectors.response_answers(response)
    missing = tuple((q.section, q.key) for q in structure.questions if q.required and q.id not in stored)
    if missing:
        raise Incomplete(missing)
    with transaction.atomic():
        response = Response.objects.select_for_update().get(pk=response.pk)
        if response.status != ResponseStatus.IN_PROGRESS:
            raise SurveyClosed("This response has already been sent.")
        if not claim_version(Response.objects, pk=response.pk, version=expected(expected_version)):
            raise StaleEdit("Your answers")
        response.edit_version += 1
        if survey.uses_invitations:
            invitation = (
                Invitation.objects.select_for_update().filter(pk=response.invitation_id).first()
                if response.invitation_id is not None
                else None
            )
            if invitation is None or invitation.used_on is not None:
                raise InvitationNeeded(
                    "This invitation has already been used to send a response. Each invitation can be used once."
                )
            invitation.used_on = today
            invitation.save(update_fields=["used_on"])
        for question in structure.questions:
            if question.demographic is not None:
                chosen = [a.option_id for a in stored.get(question.id, []) if a.option_id]
                setattr(response, DEMOGRAPHIC_FIELDS[question.demographic], chosen[0] if chosen else None)
        response.status = ResponseStatus.SUBMITTED
        response.submitted_on = today
        response.started_on = min(response.started_on, today)
        response.resume_code_hash = None
        response.invitation = None
        response.save()


def responses_in_progress_remove(*, survey: Survey) -> int:
    """Forget unsent responses once a survey has closed: they are never counted."""
    with transaction.atomic():
        unsent = Response.objects.filter(survey=survey, status=ResponseStatus.IN_PROGRESS)
        count = unsent.count()
        unsent.delete()
    return count
