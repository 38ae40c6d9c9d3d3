"""Feedback writes and reads: the reaction given once and kept apart from the person, follow-ups
scheduled (idempotent) and answered once by version, each level suppressed for small cohorts, and
what the home page lists."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.problems import Rejected
from lksworkforce.programmes.models import Enrolment, FollowUp, ReactionFeedback
from lksworkforce.programmes.presenters import feedback as presenters
from lksworkforce.programmes.selectors import feedback as selectors
from lksworkforce.programmes.services.feedback import follow_up_answer, follow_ups_schedule, reaction_give
from tests.conftest import World
from tests.programmes import factories_feedback as make
from tests.skills.factories import AssessmentFactory, FrameworkFactory, RatingFactory, SubAreaFactory

pytestmark = pytest.mark.django_db
AFTER = date(2026, 7, 1)
GOOD = {"overall": 5, "relevance": 4, "facilitation": 5, "recommend": 3}


@contextmanager
def refused(reason: str) -> Iterator[None]:
    """Refused (Rejected), with `reason` among the problems, in the words a person reads."""
    with pytest.raises(Rejected) as caught:
        yield
    assert any(reason in p.reason for p in caught.value.problems), caught.value.problems


def test_a_reaction_is_kept_without_the_person_and_can_be_given_once(world: World) -> None:
    cohort = make.cohort()
    place = make.place(cohort, world.staff)
    reaction_give(enrolment=place, ratings=GOOD, comments="  Very useful  ", today=AFTER)
    stored = ReactionFeedback.objects.get()
    assert stored.ratings == GOOD
    assert stored.comments == "Very useful"
    assert {f.name for f in ReactionFeedback._meta.get_fields()} == {"id", "cohort", "ratings", "comments"}
    assert Enrolment.objects.get(pk=place.pk).reaction_given
    with refused("already given"):
        reaction_give(enrolment=Enrolment.objects.get(pk=place.pk), ratings=GOOD, today=AFTER)
    stale_copy = place  # a second tab, read before the first answer
    stale_copy.reaction_given = False
    with refused("already given"):
        reaction_give(enrolment=stale_copy, ratings=GOOD, today=AFTER)
    assert ReactionFeedback.objects.count() == 1


def test_a_reaction_waits_for_the_last_session_and_needs_every_rating(world: World) -> None:
    cohort = make.cohort(last_session_on=date(2026, 6, 20))
    place = make.place(cohort, world.staff)
    with refused("20 June 2026"):
        reaction_give(enrolment=place, ratings=GOOD, today=date(2026, 6, 19))
    with pytest.raises(Rejected) as caught:
        reaction_give(enrolment=place, ratings={**GOOD, "overall": 9, "relevance": "4"}, today=AFTER)
    assert {p.field for p in caught.value.problems} == {"overall", "relevance"}
    with refused("at most 2,000"):
        reaction_give(enrolment=place, ratings=GOOD, comments="x" * 2_001, today=AFTER)
    assert not ReactionFeedback.objects.exists()
    assert not Enrolment.objects.get(pk=place.pk).reaction_given


def test_follow_ups_are_scheduled_for_ended_cohorts_once_and_invited_when_due(world: World) -> None:
    ended = make.cohort("Ended", ends_on=date(2026, 6, 26))
    running = make.cohort("Running", starts_on=date(2026, 6, 1), ends_on=date(2026, 12, 31))
    sam, cal = make.place(ended, world.staff), make.place(ended, world.colleague)
    make.place(ended, status="withdrawn")
    make.place(running, world.outsider)
    outcome = follow_ups_schedule(today=date(2026, 7, 1))
    assert (outcome.scheduled, outcome.invited) == (2, 0)  # none due yet
    assert set(FollowUp.objects.values_list("enrolment_id", "due_on")) == {
        (sam.pk, date(2026, 9, 26)),
        (cal.pk, date(2026, 9, 26)),
    }
    assert follow_ups_schedule(today=date(2026, 7, 2)).scheduled == 0
    due = follow_ups_schedule(today=date(2026, 9, 26))
    assert (due.scheduled, due.invited) == (0, 2)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.staff.email, world.colleague.email])
    assert follow_ups_schedule(today=date(2026, 9, 27)).invited == 0
    assert FollowUp.objects.filter(sent_at__isnull=False).count() == 2


def test_the_command_schedules_and_refuses_a_bad_day(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    make.place(make.cohort(), world.staff)
    call_command("programme_follow_ups_schedule", "--today", "2026-07-01", "--format", "json")
    assert capsys.readouterr().out.strip() == '{"scheduled": 1, "invited": 0}'
    with pytest.raises(CommandError) as stopped:
        call_command("programme_follow_ups_schedule", "--today", "yesterday")
    assert stopped.value.returncode == 2


def test_a_follow_up_is_answered_once_by_version_while_it_is_open(world: World) -> None:
    follow_up = make.follow_up(make.place(make.cohort(), world.staff))
    with refused("opens on 26 September 2026"):
        follow_up_answer(
            actor=world.staff, follow_up=follow_up, doing_differently="x", examples="", edit_version=1,
            today=date(2026, 9, 25),
        )  # fmt: skip
    with refused("Say what you now do differently"):
        follow_up_answer(
            actor=world.staff, follow_up=follow_up, doing_differently="  ", examples="", edit_version=1,
            today=date(2026, 10, 1),
        )  # fmt: skip
    with pytest.raises(StaleEdit):
        follow_up_answer(
            actor=world.staff, follow_up=follow_up, doing_differently="I search first", examples="",
            edit_version=0, today=date(2026, 10, 1),
        )  # fmt: skip
    saved = follow_up_answer(
        actor=world.staff, follow_up=follow_up, doing_differently="I search first", examples="Two reviews",
        edit_version=1, today=date(2026, 10, 1),
    )  # fmt: skip
    assert (saved.doing_differently, saved.examples, saved.edit_version) == ("I search first", "Two reviews", 2)
    assert saved.answered_at is not None
    with refused("already answered"):
        follow_up_answer(
            actor=world.staff, follow_up=saved, doing_differently="Else", examples="", edit_version=2,
            today=date(2026, 10, 2),
        )  # fmt: skip
    late = make.follow_up(make.place(make.cohort("Late"), world.colleague))
    with refused("closed on 26 December 2026"):
        follow_up_answer(
            actor=world.colleague, follow_up=late, doing_differently="x", examples="", edit_version=1,
            today=date(2026, 12, 27),
        )  # fmt: skip


def test_a_small_cohort_shows_nothing_and_one_more_answer_changes_nothing_until_the_next_five(world: World) -> None:
    cohort = make.cohort()
    make.reactions(cohort, 4, 4, 4, 4, comment="Good")
    report = selectors.cohort_feedback(cohort, today=AFTER)
    assert report.reaction.hidden
    assert presenters.reaction_rows(report.reaction)[0].people == "fewer than 5"
    assert report.reaction.comments == ()
    make.reactions(cohort, 5)
    five = selectors.cohort_feedback(cohort, today=AFTER).reaction
    assert five.answered == 5
    overall = five.questions[0]
    assert [c.count for c in overall.counts] == [0, 0, 0, None, None]  # 4 and 1: hidden, the mean too
    assert overall.mean is None
    make.reactions(cohort, 3)
    assert selectors.cohort_feedback(cohort, today=AFTER).reaction == five


def test_the_cohort_page_hides_what_the_programme_pooled_would_give_away(world: World) -> None:
    programme = make.programme()
    first, second = make.cohort("First", of=programme), make.cohort("Second", of=programme)
    make.reactions(first, *[4] * 5, *[5] * 5)
    make.reactions(second, 4, 4, 4, 4, 5)
    alone = selectors.cohort_feedback(first, today=AFTER).reaction.questions[0]
    # Pooled: 9 fours and 6 fives; the second cohort's 4 fours and 1 five are hidden on its page,
    # so the first cohort's page must hide its fives and fours as well.
    assert [c.count for c in alone.counts] == [0, 0, 0, None, None]
    pooled = selectors.programme_feedback(programme, today=AFTER).reaction.questions[0]
    assert [c.count for c in pooled.counts] == [0, 0, 0, 9, 6]
    assert pooled.mean is not None


def test_learning_is_the_change_over_people_with_both_readings_shown_from_five(world: World) -> None:
    framework = FrameworkFactory.create()
    searching = SubAreaFactory.create(area__framework=framework, number="1.1", name="Literature searching")
    programme = make.programme()
    programme.sub_areas.add(searching)
    cohort = make.cohort(of=programme)
    places = [make.place(cohort) for _ in range(5)]
    for index, place in enumerate(places):
        before = AssessmentFactory.create(person=place.person, framework=framework, completed_on=date(2026, 2, 1))
        RatingFactory.create(assessment=before, sub_area=searching, current=1)
        after = AssessmentFactory.create(person=place.person, framework=framework, completed_on=date(2026, 9, 1))
        RatingFactory.create(assessment=after, sub_area=searching, current=1 + (index > 0))
    assert not selectors.cohort_feedback(cohort, today=date(2026, 9, 26)).learning.ready
    row = selectors.cohort_feedback(cohort, today=date(2026, 9, 27)).learning.sub_areas[0]
    assert (row.people, str(row.mean_change), row.improved) == (5, "0.8", None)  # 1 did not improve: hidden
    shown = presenters.learning_rows(selectors.cohort_feedback(cohort, today=date(2026, 9, 27)).learning, 5)
    assert (shown[0].item, shown[0].people, shown[0].mean, shown[0].improved) == (
        "1.1 Literature searching", "5", "+0.8", "not shown",
    )  # fmt: skip
    places[0].person.skill_assessments.all().delete()
    small = selectors.cohort_feedback(cohort, today=date(2026, 9, 27)).learning.sub_areas[0]
    assert small.people is None


def test_behaviour_answers_show_from_five_without_names(world: World) -> None:
    cohort = make.cohort()
    for n in range(4):
        make.follow_up(make.place(cohort), answer=f"Answer {n}")
    assert selectors.cohort_feedback(cohort, today=AFTER).behaviour.hidden
    make.follow_up(make.place(cohort), answer="Answer 4")
    behaviour = selectors.cohort_feedback(cohort, today=AFTER).behaviour
    assert (behaviour.scheduled, behaviour.answered) == (5, 5)
    assert [a.doing_differently for a in behaviour.answers] == [f"Answer {n}" for n in range(5)]


def test_the_home_page_lists_reaction_and_follow_up_due(world: World) -> None:
    today = timezone.localdate()
    cohort = make.cohort(starts_on=today - timedelta(days=150), ends_on=today - timedelta(days=100))
    place = make.place(cohort, world.staff)
    make.follow_up(place, due_on=today - timedelta(days=5))
    items = selectors.home_items(world.staff)
    assert [i.url for i in items] == [
        f"/programmes/cohorts/{cohort.pk}/feedback/",
        f"/programmes/cohorts/{cohort.pk}/follow-up/",
    ]
    Enrolment.objects.filter(pk=place.pk).update(reaction_given=True)
    FollowUp.objects.filter(enrolment=place).update(answered_at=timezone.now())
    assert selectors.home_items(world.staff) == []
    assert selectors.home_items(world.colleague) == []
