"""The survey form: one page per section, errors by their questions, save and resume with a code,
check your answers, send once; closing dates and invitations; and nothing that identifies anyone."""

import datetime
import re
from html import unescape

import pytest
from django.db import models
from django.test import Client
from django.utils import timezone

from lksworkforce.core.models import AuditEvent
from lksworkforce.surveys import codes
from lksworkforce.surveys.models import Answer, Invitation, Response, ResponseStatus
from lksworkforce.surveys.services import invitations_create
from tests.concurrency import post_from_page
from tests.conftest import World, client_for
from tests.surveys.factories import load_survey

KEY = "test-survey"
ABOUT_YOU = {"band": "6", "role": "librarian", "region": "north", "organisation_type": "acute"}
DEVELOPMENT = {"needs": ["searching", "impact"], "priorities-1": "leading_area", "priorities-2": "searching_area"}
LEARNING = {"framework_use": "agree", "cpd_hours": "35"}


def url(page: str, *more: object) -> str:
    return "/".join(["", "surveys", KEY, page, *map(str, more), ""]).replace("//", "/")


def started(client: Client) -> None:
    response = client.post(f"/surveys/{KEY}/begin/")
    assert response.status_code == 302
    assert response["Location"] == f"/surveys/{KEY}/sections/1/"


def text_of(response: object) -> str:
    html = response.content.decode()  # type: ignore[attr-defined]
    main = re.search(r'<main[^>]*id="maincontent"[^>]*>(.*)</main>', html, re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main.group(1) if main else html)).split())


def answer_everything(client: Client) -> None:
    started(client)
    assert post_from_page(client, f"/surveys/{KEY}/sections/1/", ABOUT_YOU | {"action": "continue"})[
        "Location"
    ].endswith("/sections/2/")
    assert post_from_page(client, f"/surveys/{KEY}/sections/2/", DEVELOPMENT | {"action": "continue"})[
        "Location"
    ].endswith("/sections/3/")
    assert post_from_page(client, f"/surveys/{KEY}/sections/3/", LEARNING | {"action": "continue"})[
        "Location"
    ].endswith("/check/")


def test_a_response_from_start_to_finish_without_signing_in(db: None) -> None:
    survey = load_survey()
    client = Client()
    start = client.get(f"/surveys/{KEY}/")
    assert start.status_code == 200
    assert "Start now" in text_of(start)
    answer_everything(client)
    check = client.get(f"/surveys/{KEY}/check/")
    shown = text_of(check)
    for expected in ["What is your band? Band 6", "Librarian", "Literature searching; Demonstrating value and impact",
                     "1. Leading; 2. Searching", "35 hours", "Anything else you would like to develop? Not answered"]:  # fmt: skip
        assert expected in shown, expected
    sent = post_from_page(client, f"/surveys/{KEY}/check/")
    assert sent.status_code == 302
    assert sent["Location"] == f"/surveys/{KEY}/done/"
    # The resume cookie is removed.
    cookie = sent.cookies[f"lksw_survey_{survey.pk}"]
    assert cookie.value == ""
    assert cookie["path"] == f"/surveys/{KEY}/"
    response = Response.objects.get()
    assert response.status == ResponseStatus.SUBMITTED
    assert response.submitted_on == timezone.localdate()
    assert response.resume_code_hash is None
    assert response.band is not None
    assert response.role is not None
    assert response.region is not None
    assert response.organisation_type is not None
    assert (response.band.key, response.role.key, response.region.key, response.organisation_type.key) == (
        "6", "librarian", "north", "acute",
    )  # fmt: skip
    stored = {(a.question.key, a.option.key if a.option else str(a.number), a.rank) for a in Answer.objects.all()}
    assert ("priorities", "leading_area", 1) in stored
    assert ("priorities", "searching_area", 2) in stored
    assert ("cpd_hours", "35.00", None) in stored
    assert "Your answers have been sent" in text_of(client.get(f"/surveys/{KEY}/done/"))
    # Nothing more can be done with it from this browser.
    assert "Your answers could not be found" in text_of(client.get(f"/surveys/{KEY}/check/"))


def test_required_questions_and_bad_answers_are_errors_by_their_questions(db: None) -> None:
    load_survey()
    client = Client()
    started(client)
    page = post_from_page(client, f"/surveys/{KEY}/sections/1/", {"role": "librarian", "action": "continue"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<title>Error: About you: Test survey 2025" in html
    assert 'href="#q-band"' in html
    assert "Select an answer for: What is your band?" in text_of(page)
    # What was given is kept.
    assert re.search(r'value="librarian"\s+checked', html)
    page = post_from_page(
        client,
        f"/surveys/{KEY}/sections/2/",
        {"needs": ["searching", "knitting"], "priorities-2": "searching_area", "action": "continue"},
    )
    shown = text_of(page)
    assert "Choose from the answers listed" in shown  # the form names no internal keys
    assert "Choose your first choice before your second" in shown
    assert 'href="#q-needs"' in page.content.decode()
    assert 'href="#q-priorities"' in page.content.decode()
    page = post_from_page(client, f"/surveys/{KEY}/sections/3/", {"cpd_hours": "lots", "action": "continue"})
    assert "The answer must be a number, like 12 or 2.5" in text_of(page)
    assert not Answer.objects.exists()


def test_save_and_come_back_later_on_another_device_with_the_code(db: None) -> None:
    load_survey()
    first = Client()
    started(first)
    # Saving for later does not insist on required answers, but keeps what was given.
    saved = post_from_page(first, f"/surveys/{KEY}/sections/1/", {"band": "4", "action": "later"})
    assert saved["Location"] == f"/surveys/{KEY}/saved/"
    saved_text = text_of(first.get(f"/surveys/{KEY}/saved/"))
    found = re.search(r"([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})", saved_text)
    assert found is not None
    code = found.group(1)
    assert codes.looks_like_resume_code(code)
    # The code is stored only as a hash.
    assert Response.objects.get().resume_code_hash == codes.resume_code_hash(code)
    assert code not in str(list(Response.objects.values()))

    second = Client()
    assert "Your answers could not be found" in text_of(second.get(f"/surveys/{KEY}/sections/1/"))
    wrong = second.post(f"/surveys/{KEY}/resume/", {"code": "AAAA-BBBB-CCCC"})
    assert "No answers in progress match this code" in text_of(wrong)
    back = second.post(f"/surveys/{KEY}/resume/", {"code": code.lower().replace("-", " ")})
    assert back["Location"] == f"/surveys/{KEY}/sections/1/"
    assert re.search(r'value="4"\s+checked', second.get(f"/surveys/{KEY}/sections/1/").content.decode())
    # Sending with a required question unanswered lists it, linking to its section.
    page = post_from_page(second, f"/surveys/{KEY}/check/")
    assert page.status_code == 200
    assert f'href="/surveys/{KEY}/sections/2/#q-needs"' in page.content.decode()
    assert Response.objects.get().status == ResponseStatus.IN_PROGRESS


def test_a_closed_survey_takes_no_answers(db: None) -> None:
    today = timezone.localdate()
    load_survey(opens_on=today - datetime.timedelta(days=40), closes_on=today - datetime.timedelta(days=1))
    client = Client()
    page = text_of(client.get(f"/surveys/{KEY}/"))
    assert "This survey closed on" in page
    assert "Start now" not in page
    assert client.post(f"/surveys/{KEY}/begin/")["Location"] == f"/surveys/{KEY}/"
    assert not Response.objects.exists()


def test_a_survey_not_open_yet(db: None) -> None:
    today = timezone.localdate()
    load_survey(opens_on=today + datetime.timedelta(days=3), closes_on=today + datetime.timedelta(days=30))
    assert "This survey opens on" in text_of(Client().get(f"/surveys/{KEY}/"))


def test_invitations_allow_one_response_each(db: None) -> None:
    survey = load_survey(invitations=True)
    [token] = invitations_create(survey=survey, count=1, actor=None)
    assert Invitation.objects.get().token_hash == codes.invitation_hash(token)

    stranger = Client()
    assert "You need your invitation link" in text_of(stranger.get(f"/surveys/{KEY}/"))
    stranger.post(f"/surveys/{KEY}/begin/")
    assert not Response.objects.exists()
    assert stranger.get(f"/surveys/{KEY}/invitation/made-up/").status_code == 404

    invited = Client()
    assert invited.get(f"/surveys/{KEY}/invitation/{token}/")["Location"] == f"/surveys/{KEY}/"
    answer_everything(invited)
    # While in progress the response knows which invitation started it; once sent, it does not.
    assert Response.objects.get().invitation_id is not None
    assert post_from_page(invited, f"/surveys/{KEY}/check/")["Location"] == f"/surveys/{KEY}/done/"
    assert Response.objects.get().invitation_id is None
    assert Invitation.objects.get().used_on == timezone.localdate()

    again = Client()
    page = again.get(f"/surveys/{KEY}/invitation/{token}/")
    assert page.status_code == 404
    assert "already been used" in text_of(page)


def test_two_responses_started_with_one_invitation_only_one_is_sent(db: None) -> None:
    survey = load_survey(invitations=True)
    [token] = invitations_create(survey=survey, count=1, actor=None)
    first, second = Client(), Client()
    for client in (first, second):
        client.get(f"/surveys/{KEY}/invitation/{token}/")
        answer_everything(client)
    assert post_from_page(first, f"/surveys/{KEY}/check/").status_code == 302
    page = post_from_page(second, f"/surveys/{KEY}/check/")
    assert page.status_code == 200
    assert "already been used" in text_of(page)
    assert Response.objects.filter(status=ResponseStatus.SUBMITTED).count() == 1


ALLOWED_RESPONSE_FIELDS = {
    "id", "survey", "status", "source", "started_on", "submitted_on", "resume_code_hash", "invitation",
    "last_section", "import_fingerprint", "band", "role", "region", "organisation_type", "answers",
    "edit_version",  # a count of saves (ADR 12), nothing about the person
}  # fmt: skip


def test_a_response_holds_nothing_that_identifies_the_respondent(db: None, world: World) -> None:
    fields = {f.name for f in Response._meta.get_fields()}
    assert fields == ALLOWED_RESPONSE_FIELDS, "a new field on Response: is it personal? update the ADR and this test"
    for model in (Response, Answer):
        for field in model._meta.get_fields():
            assert not isinstance(field, models.DateTimeField | models.GenericIPAddressField), field
            related = getattr(field, "related_model", None)
            assert related is None or related._meta.app_label == "surveys", f"{model.__name__}.{field.name}"

    load_survey()
    client = client_for(world.staff)  # signed in: the session must not link them to their answers
    answer_everything(client)
    session = client.session
    assert not any("survey" in key or "resume" in key for key, _value in session.items())
    post_from_page(client, f"/surveys/{KEY}/check/")
    response = Response.objects.get()
    assert response.invitation_id is None
    assert response.resume_code_hash is None
    assert not AuditEvent.objects.filter(object_type="surveys.response").exists()
    assert not AuditEvent.objects.filter(actor=world.staff).exists()


def test_a_tampered_cookie_finds_nothing(db: None) -> None:
    survey = load_survey()
    client = Client()
    started(client)
    client.cookies[f"lksw_survey_{survey.pk}"] = "AAAABBBBCCCC"  # not signed
    assert "Your answers could not be found" in text_of(client.get(f"/surveys/{KEY}/sections/1/"))


@pytest.mark.parametrize("number", [0, 4])
def test_no_such_section(db: None, number: int) -> None:
    load_survey()
    client = Client()
    started(client)
    assert client.get(f"/surveys/{KEY}/sections/{number}/").status_code == 404
