"""Bad input to the survey form and results: a clear message, never a 500, nothing stored.

Before the shared bounded parsers, `cpd_hours=1e999` (or 5,000 digits) on the anonymous form was
decimal.InvalidOperation, `?top=²` on the results and CPD offer pages was a ValueError, a NUL in a
free-text answer was stored raw on SQLite (and a 500 on PostgreSQL), and a ranking answered twice
named the option by its internal key ("searching_area is given more than once")."""

import pytest
from django.test import Client

from lksworkforce.surveys.models import Answer
from tests.concurrency import post_from_page
from tests.conftest import World, client_for
from tests.surveys.factories import close, load_survey
from tests.surveys.test_form import KEY, started, text_of

HOSTILE_NUMBERS = ("1e999", "9" * 5000, "NaN", "-Infinity", "²", "1e3", "\u0661\u0662", "0x10", "1_000")


@pytest.fixture
def in_progress(db: None) -> Client:
    load_survey()
    client = Client()
    started(client)
    return client


@pytest.mark.parametrize("value", HOSTILE_NUMBERS)
def test_a_number_that_is_not_one_is_an_error_by_its_question(in_progress: Client, value: str) -> None:
    page = post_from_page(in_progress, f"/surveys/{KEY}/sections/3/", {"cpd_hours": value, "action": "continue"})
    assert page.status_code == 200
    shown = text_of(page)
    assert "There is a problem" in shown
    assert "The answer must be a number, like 12 or 2.5" in shown or "The answer is too large" in shown
    assert not Answer.objects.exists()


def test_a_plain_number_with_a_thousands_separator_is_read(in_progress: Client) -> None:
    page = post_from_page(in_progress, f"/surveys/{KEY}/sections/3/", {"cpd_hours": " 1,000 ", "action": "later"})
    assert page.status_code == 302
    assert Answer.objects.get().number == 1000


def test_a_nul_in_free_text_is_refused_not_stored(in_progress: Client) -> None:
    page = post_from_page(in_progress, f"/surveys/{KEY}/sections/2/", {"other_needs": "a\x00b", "action": "later"})
    assert page.status_code == 200
    assert "The answer contains a character that is not allowed (NUL)" in text_of(page)
    assert not Answer.objects.exists()


def test_a_ranking_given_twice_names_the_option_as_the_form_shows_it(in_progress: Client) -> None:
    page = post_from_page(
        in_progress,
        f"/surveys/{KEY}/sections/2/",
        {
            "needs": ["searching"],
            "priorities-1": "searching_area",
            "priorities-2": "searching_area",
            "action": "continue",
        },
    )
    shown = text_of(page)
    assert "Each option can be ranked once: 'Searching' is given more than once" in shown
    assert "searching_area" not in shown.split("There is a problem", 1)[1].split("Put your top two")[0]


@pytest.mark.parametrize("page", ["results/", "results/cpd-offer/", "results/printable/"])
@pytest.mark.parametrize("top", ["²", "9" * 5000, "0", "-3", "1e2", "1001"])
def test_a_top_that_is_not_a_number_it_can_show_says_so(world: World, page: str, top: str) -> None:
    load_survey()
    close(KEY)  # results are published once the survey closes
    response = client_for(world.staff).get(f"/surveys/{KEY}/{page}", {"top": top})
    assert response.status_code == 200
    shown = text_of(response)
    assert "The number of needs to show must be" in shown
    assert "This page shows the top 10." in shown


@pytest.mark.parametrize("page", ["results/", "results/cpd-offer/"])
def test_a_download_with_a_top_that_is_not_a_number_is_a_404_that_says_why(world: World, page: str) -> None:
    load_survey()
    close(KEY)  # results are published once the survey closes
    response = client_for(world.staff).get(f"/surveys/{KEY}/{page}", {"top": "²", "format": "csv"})
    assert response.status_code == 404
    assert "The number of needs to show must be" in response.content.decode()


def test_a_top_in_range_is_used(world: World) -> None:
    load_survey()
    close(KEY)  # results are published once the survey closes
    response = client_for(world.staff).get(f"/surveys/{KEY}/results/", {"top": "5"})
    assert response.status_code == 200
    assert "The number of needs to show" not in text_of(response)


def test_an_answer_that_is_not_offered_names_no_keys_on_the_form(in_progress: Client) -> None:
    page = post_from_page(in_progress, f"/surveys/{KEY}/sections/2/", {"needs": ["knitting"], "action": "continue"})
    shown = text_of(page).split("There is a problem", 1)[1]
    assert "Choose from the answers listed" in shown
    assert "of question needs" not in shown
    assert "searching, appraisal" not in shown
