"""The survey form: anyone may answer an open survey, without signing in.

The response in progress is found by its resume code, which the respondent holds in a cookie for
this survey only (and can write down to carry on from another device). The cookie is separate from
the session, so a signed-in person's session never links them to their answers. Nothing about the
respondent is stored: the code is kept only as a hash, and is forgotten when the answers are sent."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lksworkforce.core.concurrency import MissingVersionError, StaleEdit, differences
from lksworkforce.core.forms import form_error_list, posted_version, stale_error_list
from lksworkforce.surveys import codes, selectors, services
from lksworkforce.surveys.forms import ResumeForm, SectionForm, field_id, required_message
from lksworkforce.surveys.models import Response, Survey
from lksworkforce.surveys.questions import ParsedAnswer, QuestionKind, plain_number
from lksworkforce.surveys.selectors import SurveyStructure

RESUME_SALT = "lksw-survey-resume"
INVITATION_SALT = "lksw-survey-invitation"


def resume_cookie(survey: Survey) -> str:
    return f"lksw_survey_{survey.pk}"


def invitation_cookie(survey: Survey) -> str:
    return f"lksw_invitation_{survey.pk}"


def _survey(key: str) -> Survey:
    survey = selectors.survey_by_key(key)
    if survey is None:
        raise Http404("No such survey")
    return survey


def _set_cookie(response: HttpResponse, survey: Survey, name: str, value: str, salt: str) -> None:
    closes = datetime.datetime.combine(survey.closes_on + datetime.timedelta(days=1), datetime.time())
    response.set_signed_cookie(
        name,
        value,
        salt=salt,
        expires=closes,
        path=reverse("surveys:start", args=[survey.key]),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _forget(response: HttpResponse, survey: Survey, name: str) -> None:
    response.delete_cookie(name, path=reverse("surveys:start", args=[survey.key]), samesite="Lax")


def _held_code(request: HttpRequest, survey: Survey) -> str | None:
    code = request.get_signed_cookie(resume_cookie(survey), default=None, salt=RESUME_SALT)
    return code if isinstance(code, str) and codes.looks_like_resume_code(code) else None


def _in_progress(request: HttpRequest, survey: Survey) -> tuple[Response | None, str | None]:
    code = _held_code(request, survey)
    if code is None:
        return None, None
    return selectors.resumable_response(survey, codes.resume_code_hash(code)), code


def _context(survey: Survey, title: str, **more: object) -> dict[str, object]:
    return {"title": f"{title}: {survey.title}" if title != survey.title else title, "survey": survey, **more}


def _not_started(request: HttpRequest, survey: Survey) -> HttpResponse:
    """A page of the form asked for without a response in progress in this browser."""
    return render(
        request,
        "surveys/not_started.jinja",
        _context(survey, "Your answers could not be found", status=survey.status_on(selectors.today())),
    )


@require_GET
def start(request: HttpRequest, key: str) -> HttpResponse:
    survey = _survey(key)
    today = selectors.today()
    response, _code = _in_progress(request, survey)
    structure = selectors.survey_structure(survey)
    invitation_problem = ""
    if survey.uses_invitations and response is None and survey.is_open(today):
        token = request.get_signed_cookie(invitation_cookie(survey), default=None, salt=INVITATION_SALT)
        try:
            services.check_invitation(survey=survey, token=token)
        except services.InvitationNeeded as problem:
            invitation_problem = str(problem)
    return render(
        request,
        "surveys/start.jinja",
        _context(
            survey,
            survey.title,
            status=survey.status_on(today),
            in_progress=response,
            sections=structure.sections,
            invitation_problem=invitation_problem,
        ),
    )


@require_GET
def invitation(request: HttpRequest, key: str, token: str) -> HttpResponse:
    """An invitation link: remembered for this survey in this browser, then the start page."""
    survey = _survey(key)
    try:
        services.check_invitation(survey=survey, token=token)
    except services.InvitationNeeded as problem:
        context = _context(survey, "There is a problem with your invitation", problem=str(problem))
        return render(request, "surveys/invitation_problem.jinja", context, status=404)
    answer = redirect("surveys:start", survey.key)
    _set_cookie(answer, survey, invitation_cookie(survey), token, INVITATION_SALT)
    return answer


@require_POST
def begin(request: HttpRequest, key: str) -> HttpResponse:
    survey = _survey(key)
    response, _code = _in_progress(request, survey)
    if response is not None:
        return redirect("surveys:section", survey.key, response.last_section)
    token = request.get_signed_cookie(invitation_cookie(survey), default=None, salt=INVITATION_SALT)
    try:
        response, code = services.response_start(survey=survey, invitation_token=token)
    except (services.SurveyClosed, services.InvitationNeeded):
        return redirect("surveys:start", survey.key)
    answer = redirect("surveys:section", survey.key, 1)
    _set_cookie(answer, survey, resume_cookie(survey), code, RESUME_SALT)
    return answer


@require_http_methods(["GET", "POST"])
def section(request: HttpRequest, key: str, number: int) -> HttpResponse:
    survey = _survey(key)
    structure = selectors.survey_structure(survey)
    view = structure.section(number)
    if view is None:
        raise Http404("No such section")
    response, _code = _in_progress(request, survey)
    if response is None:
        return _not_started(request, survey)
    if request.method == "GET":
        form = SectionForm(view, saved=selectors.stored_answers(response, view.questions))
        return _section_page(request, structure, number, form, response)
    form = SectionForm(view, request.POST)
    later = request.POST.get("action") == "later"
    version = posted_version(request.POST)
    if version is None:
        return _section_page(request, structure, number, form, response, missing_version=True)
    if form.is_valid(require=not later):
        try:
            services.response_save_section(
                response=response, structure=structure, section=number, answers=form.cleaned, expected_version=version
            )
        except services.SurveyClosed:
            return redirect("surveys:start", survey.key)
        except StaleEdit as stale:
            response.refresh_from_db()
            return _section_page(
                request, structure, number, form, response, stale=_answers_changed(stale, form, response)
            )
        if later:
            return redirect("surveys:saved", survey.key)
        if number < len(structure.sections):
            return redirect("surveys:section", survey.key, number + 1)
        return redirect("surveys:check", survey.key)
    return _section_page(request, structure, number, form, response)


def _answers_changed(stale: StaleEdit, form: SectionForm, response: Response) -> StaleEdit:
    """The refusal, with this page's answers as sent beside those saved from the other tab."""
    questions = form.section.questions
    saved = selectors.stored_answers(response, questions)
    labels = {q.key: q.text for q in questions}
    yours = {q.key: answer_text(q, form.cleaned.get(q.key)) for q in questions}
    now = {q.key: answer_text(q, saved.get(q.key)) for q in questions}
    return StaleEdit(stale.what, differences(labels, yours, now))


def _section_page(
    request: HttpRequest,
    structure: SurveyStructure,
    number: int,
    form: SectionForm,
    response: Response,
    *,
    stale: StaleEdit | None = None,
    missing_version: bool = False,
) -> HttpResponse:
    survey = structure.survey
    view = form.section
    back = (
        reverse("surveys:section", args=[survey.key, number - 1])
        if number > 1
        else reverse("surveys:start", args=[survey.key])
    )
    return render(
        request,
        "surveys/section.jinja",
        _context(
            survey,
            view.title,
            section=view,
            number=number,
            sections=len(structure.sections),
            fields=form.fields(),
            edit_version=response.edit_version,
            stale=stale,
            form_errors=stale_error_list(stale)
            + ([{"text": MissingVersionError.MESSAGE, "href": "#"}] if missing_version else [])
            + form.error_list(),
            back=back,
        ),
        status=400 if missing_version else 409 if stale else 200,
    )


@require_GET
def saved(request: HttpRequest, key: str) -> HttpResponse:
    survey = _survey(key)
    response, code = _in_progress(request, survey)
    if response is None:
        return _not_started(request, survey)
    return render(
        request,
        "surveys/saved.jinja",
        _context(survey, "Your answers have been saved", code=codes.format_resume_code(code or ""), response=response),
    )


@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, key: str) -> HttpResponse:
    survey = _survey(key)
    structure = selectors.survey_structure(survey)
    response, _code = _in_progress(request, survey)
    if response is None:
        return _not_started(request, survey)
    errors: list[dict[str, str]] = []
    stale, status = None, 200
    version = posted_version(request.POST) if request.method == "POST" else None
    if request.method == "POST" and version is None:
        errors, status = [{"text": MissingVersionError.MESSAGE, "href": "#submit"}], 400
    elif request.method == "POST":
        try:
            services.response_submit(response=response, structure=structure, expected_version=version)
        except services.Incomplete as incomplete:
            by_key = {q.key: q for q in structure.questions}
            errors = [
                {
                    "text": required_message(by_key[question_key]),
                    "href": reverse("surveys:section", args=[survey.key, number])
                    + f"#{field_id(by_key[question_key])}",
                }
                for number, question_key in incomplete.missing
            ]
        except services.InvitationNeeded as problem:
            errors = [{"text": str(problem), "href": "#submit"}]
        except StaleEdit as refused:
            # The answers below are those saved now: checking them again is all it takes.
            stale, status = StaleEdit(refused.what), 409
            response.refresh_from_db()
        except services.SurveyClosed:
            return redirect("surveys:start", survey.key)
        else:
            answer = redirect("surveys:done", survey.key)
            _forget(answer, survey, resume_cookie(survey))
            _forget(answer, survey, invitation_cookie(survey))
            return answer
    stored = selectors.stored_answers(response, structure.questions)
    sections = [
        {
            "number": view.number,
            "title": view.title,
            "rows": [
                {
                    "key": {"text": q.text},
                    "value": {"text": answer_text(q, stored.get(q.key))},
                    "actions": {
                        "items": [
                            {
                                "href": reverse("surveys:section", args=[survey.key, view.number]) + f"#{field_id(q)}",
                                "text": "Change",
                                "visuallyHiddenText": q.text,
                            }
                        ]
                    },
                }
                for q in view.questions
            ],
        }
        for view in structure.sections
    ]
    return render(
        request,
        "surveys/check.jinja",
        _context(
            survey,
            "Check your answers",
            check_sections=sections,
            edit_version=response.edit_version,
            stale=stale,
            form_errors=stale_error_list(stale) + errors,
            back=reverse("surveys:section", args=[survey.key, len(structure.sections)]),
        ),
        status=status,
    )


def answer_text(question: selectors.AskedQuestion, answer: object) -> str:
    if answer is None:
        return "Not answered"
    assert isinstance(answer, ParsedAnswer)
    labels = question.labels
    if question.kind is QuestionKind.RANKING:
        return "; ".join(f"{i}. {labels.get(k, k)}" for i, k in enumerate(answer.options, start=1))
    if answer.options:
        return "; ".join(labels.get(k, k) for k in answer.options)
    if answer.number is not None:
        return f"{plain_number(answer.number)} {question.unit}".strip()
    return answer.text


@require_GET
def done(request: HttpRequest, key: str) -> HttpResponse:
    survey = _survey(key)
    return render(request, "surveys/done.jinja", _context(survey, "Your answers have been sent"))


@require_http_methods(["GET", "POST"])
def resume(request: HttpRequest, key: str) -> HttpResponse:
    survey = _survey(key)
    form = ResumeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        response = None
        if codes.looks_like_resume_code(code):
            response = selectors.resumable_response(survey, codes.resume_code_hash(code))
        if response is None:
            form.add_error("code", "No answers in progress match this code. Check it and try again")
        else:
            answer = redirect("surveys:section", survey.key, response.last_section)
            _set_cookie(answer, survey, resume_cookie(survey), codes.normalise_resume_code(code), RESUME_SALT)
            return answer
    return render(
        request,
        "surveys/resume.jinja",
        _context(survey, "Carry on with your answers", form=form, form_errors=form_error_list(form)),
    )
