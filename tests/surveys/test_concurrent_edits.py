"""A survey response resumed in two tabs: GET, GET, POST, POST on the same section, or sending
from a check page shown before answers changed in another tab. The second is refused with what
changed beside what was sent, the first is kept, and nothing of the second is written (ADR 12)."""

from typing import Any

from django.test import Client

from lksworkforce.surveys.models import Answer, Response, ResponseStatus
from tests.concurrency import opened, post_from_page
from tests.surveys.factories import load_survey
from tests.surveys.test_form import ABOUT_YOU, DEVELOPMENT, KEY, LEARNING, answer_everything, started, text_of

SECTION_2 = f"/surveys/{KEY}/sections/2/"
CHECK = f"/surveys/{KEY}/check/"
STALE = "since you opened this page. Nothing you sent was saved."


def state() -> list[Any]:
    return [
        list(Response.objects.values_list("status", "last_section", "edit_version")),
        sorted(Answer.objects.values_list("question__key", "option__key", "number", "text")),
    ]


def test_a_section_saved_in_two_tabs_keeps_the_first_and_shows_both(db: None) -> None:
    load_survey()
    client = Client()
    started(client)
    assert post_from_page(client, f"/surveys/{KEY}/sections/1/", ABOUT_YOU | {"action": "continue"}).status_code == 302
    first_tab = opened(client, SECTION_2, **DEVELOPMENT, action="continue")
    second_tab = opened(client, SECTION_2, **DEVELOPMENT | {"needs": ["appraisal"]}, action="continue")
    assert client.post(SECTION_2, first_tab).status_code == 302
    after_first = state()

    refused = client.post(SECTION_2, second_tab)

    assert refused.status_code == 409
    text = text_of(refused)
    assert STALE in text
    assert "Literature searching; Demonstrating value and impact" in text  # saved from the first tab
    assert "Critical appraisal" in text  # what the second tab sent
    assert state() == after_first

    again = post_from_page(client, SECTION_2, DEVELOPMENT | {"needs": ["appraisal"], "action": "continue"})
    assert again.status_code == 302
    assert state() != after_first


def test_sending_from_a_check_page_shown_before_answers_changed_is_refused(db: None) -> None:
    load_survey()
    client = Client()
    answer_everything(client)
    check_tab = opened(client, CHECK)
    changed = post_from_page(
        client, f"/surveys/{KEY}/sections/3/", LEARNING | {"cpd_hours": "40", "action": "continue"}
    )
    assert changed.status_code == 302
    before = state()

    refused = client.post(CHECK, check_tab)

    assert refused.status_code == 409
    assert STALE in text_of(refused)
    assert "40 hours" in text_of(refused)  # the answers shown are those saved now
    assert state() == before
    assert post_from_page(client, CHECK).status_code == 302
    assert Response.objects.get().status == ResponseStatus.SUBMITTED


def test_a_section_or_sending_without_the_version_is_a_bad_request(db: None) -> None:
    load_survey()
    client = Client()
    answer_everything(client)
    before = state()
    for url, data in ((SECTION_2, DEVELOPMENT | {"action": "continue"}), (CHECK, {})):
        response = client.post(url, data)
        assert response.status_code == 400
        assert "did not say which version of the record you were changing" in text_of(response)
    assert state() == before
