"""The feedback pages and API: giving a reaction (only on your own place, once), answering the
follow-up, and the reports, whose page, CSV and API show the same rows, small cohorts suppressed."""

import csv
import io
import json
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lksworkforce.programmes.models import Cohort, Enrolment, FollowUp, ReactionFeedback
from lksworkforce.programmes.selectors.feedback import cohort_feedback
from tests.conftest import World, client_for
from tests.programmes import factories_feedback as make

pytestmark = pytest.mark.django_db
RATINGS = {"overall": 5, "relevance": 4, "facilitation": 4, "recommend": 5}


def ended_cohort(name: str = "Ended cohort", **kwargs: Any) -> Cohort:
    """A cohort that ended 100 days ago (its reaction open, its follow-up due and open)."""
    today = timezone.localdate()
    return make.cohort(name, starts_on=today - timedelta(days=200), ends_on=today - timedelta(days=100), **kwargs)


def post_json(client: Any, method: str, url: str, data: object) -> Any:
    return getattr(client, method)(url, data=json.dumps(data), content_type="application/json")


def test_a_participant_gives_their_reaction_once_on_the_page(world: World) -> None:
    cohort = ended_cohort()
    make.place(cohort, world.staff)
    client = client_for(world.staff)
    url = f"/programmes/cohorts/{cohort.pk}/feedback/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Overall, how would you rate the programme?" in page.content.decode()
    missing = client.post(url, {"overall": "5"})
    assert missing.status_code == 422
    assert "How relevant was it to your work? Choose a rating from 1 to 5" in missing.content.decode()
    assert not ReactionFeedback.objects.exists()
    sent = client.post(url, {**{k: str(v) for k, v in RATINGS.items()}, "comments": "Helpful"})
    assert sent.status_code == 302
    assert ReactionFeedback.objects.get().ratings == RATINGS
    again = client.post(url, {k: str(v) for k, v in RATINGS.items()})
    assert again.status_code == 422
    assert "You have already given your feedback on this cohort" in again.content.decode()
    assert ReactionFeedback.objects.count() == 1


def test_someone_not_on_the_cohort_cannot_give_a_reaction(world: World) -> None:
    cohort = ended_cohort()
    make.place(cohort, world.staff)
    outsider = client_for(world.outsider)
    assert outsider.post(f"/programmes/cohorts/{cohort.pk}/feedback/", RATINGS).status_code == 404
    api = post_json(outsider, "post", f"/api/v1/programmes/cohorts/{cohort.pk}/feedback", {"ratings": RATINGS})
    assert api.status_code == 404
    assert not ReactionFeedback.objects.exists()


def test_the_api_gives_a_reaction_once_and_refuses_bad_ratings(world: World) -> None:
    cohort = ended_cohort()
    make.place(cohort, world.staff)
    client = client_for(world.staff)
    url = f"/api/v1/programmes/cohorts/{cohort.pk}/feedback"
    bad = post_json(client, "post", url, {"ratings": {**RATINGS, "overall": 6}})
    assert bad.status_code == 422
    assert "overall" in json.dumps(bad.json())
    assert post_json(client, "post", url, {"ratings": RATINGS, "comments": "Good"}).status_code == 200
    twice = post_json(client, "post", url, {"ratings": RATINGS})
    assert twice.status_code == 422
    assert "already given" in json.dumps(twice.json())
    assert ReactionFeedback.objects.count() == 1
    assert Enrolment.objects.get(person=world.staff).reaction_given


def test_a_follow_up_is_answered_on_the_page_and_over_the_api(world: World) -> None:
    cohort = ended_cohort()
    today = timezone.localdate()
    mine = make.follow_up(make.place(cohort, world.staff), due_on=today - timedelta(days=8))
    url = f"/programmes/cohorts/{cohort.pk}/follow-up/"
    client = client_for(world.staff)
    assert client.get(url).status_code == 200
    assert client.post(url, {"doing_differently": "x"}).status_code == 400  # no version
    blank = client.post(url, {"doing_differently": " ", "edit_version": "1"})
    assert blank.status_code == 422
    assert "Say what you now do differently" in blank.content.decode()
    stale = client.post(url, {"doing_differently": "I search first", "edit_version": "0"})
    assert stale.status_code == 409
    sent = client.post(url, {"doing_differently": "I search first", "examples": "Two reviews", "edit_version": "1"})
    assert sent.status_code == 302
    mine.refresh_from_db()
    assert (mine.doing_differently, mine.examples) == ("I search first", "Two reviews")
    other = make.follow_up(make.place(cohort, world.colleague), due_on=today - timedelta(days=8))
    api = client_for(world.colleague)
    read = api.get(f"/api/v1/programmes/cohorts/{cohort.pk}/follow-up").json()
    assert read["edit_version"] == 1
    assert read["answered_at"] is None
    body = {"doing_differently": "I teach searching", "examples": "", "edit_version": 1}
    put = post_json(api, "put", f"/api/v1/programmes/cohorts/{cohort.pk}/follow-up", body)
    assert put.status_code == 200
    assert put.json()["edit_version"] == 2
    twice = post_json(api, "put", f"/api/v1/programmes/cohorts/{cohort.pk}/follow-up", {**body, "edit_version": 2})
    assert twice.status_code == 422
    assert "already answered" in json.dumps(twice.json())
    assert FollowUp.objects.get(pk=other.pk).doing_differently == "I teach searching"
    assert client_for(world.outsider).get(url).status_code == 404


def _csv_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_report_page_csv_and_api_show_the_same_rows_and_suppress_a_small_cohort(world: World) -> None:
    cohort = ended_cohort()
    small = ended_cohort("Small cohort")
    make.reactions(cohort, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, comment="Well run")
    make.reactions(small, 3, 3)
    national = client_for(world.national)
    page = national.get(f"/programmes/cohorts/{cohort.pk}/feedback/report/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Impact case studies arrive with the quality and impact capability." in html
    assert "Well run" in html
    api = national.get(f"/api/v1/programmes/cohorts/{cohort.pk}/feedback/report").json()
    downloaded = _csv_rows(national.get(f"/programmes/cohorts/{cohort.pk}/feedback/report/?format=csv").content)
    assert downloaded == api["rows"]
    overall = next(r for r in api["rows"] if r["item"] == "Overall, how would you rate the programme?")
    assert (overall["people"], overall["mean"], overall["rated_4"], overall["rated_5"]) == ("10", "4.5", "5", "5")
    assert '<td class="nhsuk-table__cell">4.5</td>' in html
    small_api = national.get(f"/api/v1/programmes/cohorts/{small.pk}/feedback/report").json()
    assert small_api["rows"][0] == {
        "level": "Reaction", "item": "Answers", "people": "fewer than 5", "mean": "",
        "rated_1": "", "rated_2": "", "rated_3": "", "rated_4": "", "rated_5": "", "improved": "",
    }  # fmt: skip
    small_page = national.get(f"/programmes/cohorts/{small.pk}/feedback/report/").content.decode()
    assert "fewer than 5" in small_page
    assert small_page.count(">2<") == 0


def test_the_programme_report_across_cohorts_is_the_national_team_s(world: World) -> None:
    cohort = ended_cohort()
    make.reactions(cohort, *[4] * 5)
    key = cohort.programme.key
    national = client_for(world.national)
    page = national.get(f"/programmes/programme/{key}/feedback/")
    assert page.status_code == 200
    assert "Ended cohort" in page.content.decode()
    api = national.get(f"/api/v1/programmes/programme/{key}/feedback").json()
    assert api["cohorts"][0]["reactions"] == "5"
    assert api["cohorts"][0]["overall_mean"] == "4.0"
    downloaded = _csv_rows(national.get(f"/programmes/programme/{key}/feedback/?format=csv").content)
    assert downloaded == api["rows"]
    assert client_for(world.regional_lead).get(f"/programmes/programme/{key}/feedback/").status_code == 403
    assert national.get(f"/programmes/programme/{key}/feedback/?format=docx").status_code == 404


def test_the_report_downloads_as_excel_and_pdf(world: World) -> None:
    cohort = ended_cohort()
    make.reactions(cohort, *[4] * 5)
    national = client_for(world.national)
    for file_format, kind in (("xlsx", "spreadsheetml"), ("pdf", "application/pdf")):
        download = national.get(f"/programmes/cohorts/{cohort.pk}/feedback/report/?format={file_format}")
        assert download.status_code == 200
        assert kind in download["Content-Type"]


def test_a_cohort_s_report_reads_the_same_few_queries_however_many_took_part(world: World) -> None:
    def queries(places: int) -> int:
        today = timezone.localdate()
        cohort = make.cohort(
            f"Sized {places}", starts_on=today - timedelta(days=400), ends_on=today - timedelta(days=300)
        )
        for _ in range(places):
            make.follow_up(make.place(cohort), answer="Searching first")
        make.reactions(cohort, *[5] * places)
        with CaptureQueriesContext(connection) as captured:
            cohort_feedback(cohort)
        return len(captured)

    assert queries(3) == queries(15)
