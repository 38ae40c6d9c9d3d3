"""The demo learning catalogue: synthetic, deterministic, realistic in scale, and quick to load."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from lksworkforce.learning.coverage import DEFAULT_MIN_RESOURCES
from lksworkforce.learning.demo.phrases import DEMO_URL_ROOT, GONE_PREFIX, MOVED_PREFIX
from lksworkforce.learning.demo.plan import AS_OF, RESOURCES, DemoSubArea, LearningPerson, demo_catalogue
from lksworkforce.learning.models import LearningRecord, Resource, ResourceSheet, Suggestion, Teaches, Topic
from lksworkforce.learning.search_facets import Filters
from lksworkforce.learning.selectors.coverage import coverage_report
from lksworkforce.learning.selectors.search import search
from lksworkforce.learning.vocabulary import ResourceStatus, SheetKind, SuggestionKind, SuggestionStatus

SUB_AREAS = [DemoSubArea(f"{a}.{s}", f"Made-up skill {a}.{s}") for a in range(1, 14) for s in range(1, 6)]
PEOPLE = [LearningPerson(f"person{n}@demo.lksworkforce.invalid", ("3", "5", "7")[n % 3]) for n in range(60)]


def seed(*args: str) -> str:
    err = StringIO()
    call_command("seed_demo", *args, stderr=err, stdout=StringIO())
    return err.getvalue()


def test_the_same_seed_gives_the_same_plan_and_another_seed_another() -> None:
    plan = demo_catalogue(2019, SUB_AREAS, PEOPLE)
    assert demo_catalogue(2019, list(reversed(SUB_AREAS)), list(reversed(PEOPLE))) == plan
    assert demo_catalogue(2020, SUB_AREAS, PEOPLE) != plan


def test_the_plan_is_plainly_synthetic_and_plants_bad_links() -> None:
    plan = demo_catalogue(2019, SUB_AREAS, PEOPLE, uncovered=frozenset({"3.3"}))
    assert len(plan.resources) == RESOURCES
    assert len({r.title for r in plan.resources}) == RESOURCES  # no title twice
    assert len({r.url for r in plan.resources}) == RESOURCES
    assert all(r.description.startswith("Synthetic demo resource.") for r in plan.resources)
    assert all(r.provider.endswith("(demo)") for r in plan.resources)
    assert all(r.url.startswith(DEMO_URL_ROOT + "/") for r in plan.resources)
    assert sum(GONE_PREFIX in r.url for r in plan.resources) == 6
    assert sum(MOVED_PREFIX in r.url for r in plan.resources) == 3
    assert not any(number == "3.3" for r in plan.resources for number, _ in r.teaches)  # the gap left open
    assert {number.split(".")[0] for r in plan.resources for number, _ in r.teaches} == {str(a) for a in range(1, 14)}
    assert 0 < sum(r.review_due_on < AS_OF for r in plan.resources) < RESOURCES // 5
    assert Counter(r.status for r in plan.resources)[ResourceStatus.PUBLISHED] > RESOURCES * 0.85
    assert [len(s.entries) for s in plan.sheets] == [10, 10]
    assert {s.kind for s in plan.sheets} == set(SheetKind)
    assert len(plan.suggestions) >= 4
    # Many people keep a record, with hours spread either side of the 20 expected.
    hours: Counter[str] = Counter()
    for record in plan.records:
        hours[record.email] += record.minutes
    assert len(hours) > len(PEOPLE) / 2
    assert min(hours.values()) < 20 * 60 < max(hours.values())


@pytest.mark.django_db
def test_seed_demo_writes_a_searchable_catalogue_the_same_each_time() -> None:
    summary = seed()
    assert "Learning catalogue: 400 resources in 9 topics" in summary, summary
    assert "Learning records:" in summary

    def snapshot() -> tuple[object, ...]:
        return (
            list(Resource.objects.order_by("title").values_list("title", "url", "band_from", "band_to", "status")),
            list(
                Teaches.objects.order_by("resource__title", "sub_area__number").values_list(
                    "resource__title", "sub_area__number"
                )
            ),
            list(Topic.objects.order_by("slug").values_list("slug", "entries__resource__title", "entries__position")),
            sorted(LearningRecord.objects.values_list("person__email", "title", "done_on", "minutes")),
        )

    first = snapshot()
    assert Resource.objects.count() == RESOURCES
    assert Topic.objects.count() == 9
    for topic in Topic.objects.all():  # the demo's gap is left outside the topic pages
        positions = list(topic.entries.values_list("position", flat=True))
        assert positions[:3] == [1, 2, 3], topic.slug
        assert topic.introduction.startswith("Synthetic demo topic."), topic.slug
    assert {s.kind: s.entries.count() for s in ResourceSheet.objects.all()} == {"activities": 10, "cpd": 10}
    assert Resource.objects.filter(url__contains=GONE_PREFIX).count() == 6
    assert LearningRecord.objects.values("person").distinct().count() > 500
    waiting = Suggestion.objects.filter(status=SuggestionStatus.WAITING)
    assert waiting.exclude(kind=SuggestionKind.NO_OFFER).filter(suggested_by__isnull=False).count() >= 4
    # The demo's last top need is left uncovered, and waits on the curators' queue.
    report = coverage_report(None, DEFAULT_MIN_RESOURCES)
    assert report is not None
    assert report.figures.no_offer
    assert {n.label for n in report.figures.no_offer} == set(
        waiting.filter(kind=SuggestionKind.NO_OFFER).values_list("title", flat=True)
    )
    assert 0 < report.figures.share[next(iter(report.figures.share))] <= 1

    removed = seed("--reset")
    assert "learning resources" in removed, removed
    assert snapshot() == first  # reset and seeded again with the same seed: the same data
    # The seed writes in bulk, which sends no signals: it indexes what it wrote itself.
    published = Resource.objects.published()
    title = published.order_by("pk").values_list("title", flat=True).first()
    assert title is not None
    assert title in [r.title for r in search(title, Filters()).resources]
    assert search("", Filters()).total == published.count()
