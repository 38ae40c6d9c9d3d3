"""The best few recommendations are picked by the database (it sums the score from scoring's own
points, then scoring ranks and explains the few at or above the limit-th best): the same resources,
in the same order, with the same scores and reasons, as scoring ranking the whole catalogue."""

import random
from datetime import date, timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from lksworkforce.accounts.people import AFC_BANDS
from lksworkforce.learning.models import Dismissal, LearningRecord, RecommendationWeights, Resource
from lksworkforce.learning.scoring import (
    FRESH_FOR,
    ResourceFacts,
    Scored,
    Weights,
    band_suits,
    bands_suiting,
    fresh_after,
)
from lksworkforce.learning.selectors.recommendations import ranked_for
from lksworkforce.learning.vocabulary import Cost, ResourceStatus
from tests.conftest import World
from tests.learning.recommend_data import add_resource, catalogue_for

RANGE_ENDS = st.sampled_from(["", *AFC_BANDS, "x"])  # "x": not a band, as if blank


@given(st.sampled_from(["", *AFC_BANDS, "x"]), RANGE_ENDS, RANGE_ENDS)
def test_the_bands_a_query_tests_are_band_suits(band: str, band_from: str, band_to: str) -> None:
    suiting = bands_suiting(band)
    as_queried = suiting is not None and (
        (band_from in suiting.named or band_to in suiting.named)
        and band_from not in suiting.too_high_to_start
        and band_to not in suiting.too_low_to_end
    )
    assert as_queried == band_suits(band, band_from, band_to)


@given(st.dates(date(2020, 1, 1), date(2030, 1, 1)), st.integers(-800, 800))
def test_fresh_after_is_the_freshness_test(today: date, days: int) -> None:
    added_on = today - timedelta(days=days)
    assert (added_on > fresh_after(today)) == (today - added_on < FRESH_FOR)


def _shown(scored: list[Scored]) -> list[tuple[object, ...]]:
    def facts(r: ResourceFacts) -> tuple[object, ...]:
        return (*r._replace(sub_area_ids=()), sorted(r.sub_area_ids))

    return [(facts(s.resource), s.terms) for s in scored]


@pytest.mark.parametrize("seed", range(6))
def test_the_database_picks_the_same_best_few_as_scoring_the_whole_catalogue(world: World, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    catalogue = catalogue_for(world.staff)
    world.staff.band = rng.choice(["", "3", "4", "6"])
    world.staff.save()
    if seed % 2:  # saved weights, with hundredths
        values = {name: rng.randint(0, 2_000) / 100 for name in Weights.names()}
        RecommendationWeights.objects.create(**values, edit_version=1)
    subs = [catalogue.searching, catalogue.appraisal, catalogue.teaching]
    today = timezone.localdate()
    titles = ["Appraisal", "appraisal", "Évaluer", "évaluer", "Searching", "Ünits", "units"]  # ties by title
    resources: list[Resource] = []
    for n in range(40):
        resources.append(
            add_resource(
                f"{rng.choice(titles)} {n % 3}",
                *rng.sample(subs, rng.randint(1, 3)),
                status=rng.choice([ResourceStatus.PUBLISHED] * 4 + [ResourceStatus.DRAFT]),
                url=f"https://learning.example.invalid/{n}",
                cost=rng.choice([Cost.FREE, Cost.PAID]),
                length_minutes=rng.choice([None, 15, 90]),
                band_from=rng.choice(["", "", "2", "4", "5", "8a"]),
                band_to=rng.choice(["", "", "3", "4", "7", "9"]),
                added_on=today - timedelta(days=rng.choice([0, 364, 365, 366, 900])),
                review_due_on=rng.choice([None, today, today - timedelta(days=1), today + timedelta(days=1)]),
            )
        )
    for resource in rng.sample(resources, 3):
        LearningRecord.objects.create(
            person=world.staff, resource=resource, title="Done", done_on=date(2026, 1, 1), minutes=30
        )
    for resource in rng.sample(resources, 2):
        Dismissal.objects.get_or_create(person=world.staff, resource=resource)
    for only in (None, frozenset({catalogue.appraisal.pk}), frozenset({catalogue.teaching.pk}), frozenset()):
        whole = ranked_for(world.staff, only, None).ranked  # scoring ranks every candidate
        assert only == frozenset() or whole
        for limit in (1, 2, 5, 10, 100):
            assert _shown(ranked_for(world.staff, only, limit).ranked) == _shown(whole[:limit])
