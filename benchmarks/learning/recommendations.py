"""Recommendations benchmark (issue 11's budget): one person's recommendations, through the
`recommend` extension point (the home page's, the gaps page's and the API's reads), against one
hand-written SQL query computing the same score, measured in the same run; and the number of
queries at two catalogue sizes, which must not grow.

National scale: 20,000 resources (nine in ten published), each teaching 1 to 3 of the 100
sub-areas; 3,000 people, each with three finished self-assessments rating every sub-area (the skills
benchmark's people), five learning records of catalogue resources and two dismissals. `--scale
small` is ten times smaller. No survey is closed, so no needs are in focus: the score's gap, role
expectation, band, cost, freshness and review terms are what both sides compute."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.timing import Result, compare

if TYPE_CHECKING:
    from lksworkforce.accounts.models import User

NAMES: tuple[str, ...] = ("learning_recommendations",)
BUDGET = 3.0
LIMIT = 10
RECORDS_EACH, DISMISSALS_EACH = 5, 2


@dataclass(frozen=True)
class Size:
    resources: int
    first_step: int  # query counts are taken at this many resources, then at all of them
    organisations: int
    people: int


SIZES = {
    "national": Size(resources=20_000, first_step=2_000, organisations=250, people=3_000),
    "small": Size(resources=2_000, first_step=200, organisations=25, people=300),
}
MEASURED = "person1@bench.invalid"  # has a role profile (one person in ten has none)


def run(scale: str, selected: list[str], folder: Path) -> tuple[list[Result], list[str]]:
    from benchmarks.database import migrate, throwaway_database
    from benchmarks.skills import _load_framework, _write_organisations, _write_people
    from lksworkforce.accounts.models import User
    from lksworkforce.learning.recommend import recommend

    if "learning_recommendations" not in selected:
        return [], []
    size = SIZES[scale]
    with throwaway_database("learning_recommendations", folder):
        migrate()
        started = time.perf_counter()
        framework = _load_framework()
        _write_people(framework, _write_organisations(size.organisations), range(size.people))
        person = User.objects.get(email=MEASURED)
        sub_areas = list(framework.sub_areas.values_list("id", flat=True))
        _write_resources(range(size.first_step), sub_areas)
        _write_learning(size.first_step)

        def candidate() -> object:
            return recommend(person, None, LIMIT)

        queries = {size.first_step: _query_count(candidate)}
        _write_resources(range(size.first_step, size.resources), sub_areas)
        _write_learning(size.resources)
        queries[size.resources] = _query_count(candidate)
        build_s = time.perf_counter() - started
        sql, params = baseline_query(person)

        def baseline() -> list[tuple[Any, ...]]:
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                rows: list[tuple[Any, ...]] = cursor.fetchall()
                return rows

        same = [int(r.key) for r in recommend(person, None, LIMIT)] == [row[0] for row in baseline()]
        result = compare("learning_recommendations", candidate, baseline, BUDGET)
        constant = "constant" if len(set(queries.values())) == 1 else "NOT constant"
        result.notes.append(
            "SQL queries " + ", ".join(f"{n} at {r:,} resources" for r, n in queries.items()) + f" ({constant})"
        )
        result.notes.append(f"same top {LIMIT} as the baseline: {'yes' if same else 'NO'}")
        split = _time_split(candidate)
        result.notes.append(
            f"one call: {split['total_ms']:.1f} ms, of which {split['queries_ms']:.1f} ms executing "
            f"{split['queries']} queries (the slowest {split['slowest_ms']:.1f} ms), the rest Python and fetching"
        )
        result.extra |= {"queries": queries, "same_ranking": same, "split": split}
    context = [
        f"Learning world: {size.resources:,} resources teaching 1-3 of 100 sub-areas, {size.people:,} people "
        f"with {RECORDS_EACH} learning records and {DISMISSALS_EACH} dismissals each; built in {build_s:.1f} s. "
        "Baseline: one SQL query scoring and ranking the same resources for the same person."
    ]
    return [result], context


def _query_count(call: Any) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()  # warm
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def _time_split(call: Any) -> dict[str, Any]:
    """Where one (warm) call's time goes: the queries' execution as Django records it (to the
    millisecond each; SQLite may do some of a query's work while its rows are fetched), and the rest."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()  # warm
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        call()
        total_ms = (time.perf_counter() - started) * 1000
    times = [float(q["time"]) * 1000 for q in captured.captured_queries]
    return {"total_ms": total_ms, "queries": len(times), "queries_ms": sum(times), "slowest_ms": max(times, default=0)}


def _write_resources(numbers: range, sub_areas: list[int]) -> None:
    from django.db import connection, transaction

    from lksworkforce.accounts.people import AFC_BANDS
    from lksworkforce.learning.models import Resource, Teaches
    from lksworkforce.learning.vocabulary import Cost, ResourceKind, ResourceStatus

    rng = random.Random(f"bench-learning-resources:{numbers.start}")
    today = date.today()
    statuses = [ResourceStatus.PUBLISHED] * 9 + [ResourceStatus.DRAFT]

    def band() -> str:
        return rng.choice(["", "", *AFC_BANDS[1:9]])

    with transaction.atomic():
        resources = Resource.objects.bulk_create(
            (
                Resource(
                    title=f"Benchmark resource {n % 7_000}",  # titles repeat: ties are broken by id
                    kind=rng.choice(list(ResourceKind)),
                    url=f"https://learning.bench.invalid/{n}",
                    length_minutes=rng.choice([None, 15, 45, 90, 600]),
                    cost=rng.choice([Cost.FREE, Cost.FREE, Cost.PAID]),
                    band_from=band(),
                    band_to="",
                    added_on=today - timedelta(days=rng.randint(0, 1_500)),
                    review_due_on=rng.choice([None, today + timedelta(days=rng.randint(-400, 400))]),
                    status=rng.choice(statuses),
                )
                for n in numbers
            ),
            batch_size=1_000,
        )
        Teaches.objects.bulk_create(
            (
                Teaches(resource_id=r.pk, sub_area_id=s)
                for r in resources
                for s in rng.sample(sub_areas, rng.randint(1, 3))
            ),
            batch_size=2_000,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _write_learning(resources: int) -> None:
    """Each person's learning records and dismissals, over the catalogue as it now is (replaced)."""
    from django.db import transaction

    from lksworkforce.accounts.models import User
    from lksworkforce.learning.models import Dismissal, LearningRecord, Resource

    rng = random.Random(f"bench-learning-records:{resources}")
    ids = list(Resource.objects.values_list("id", flat=True))
    people = list(User.objects.filter(email__endswith="@bench.invalid").values_list("id", flat=True))
    with transaction.atomic():
        LearningRecord.objects.all().delete()
        Dismissal.objects.all().delete()
        LearningRecord.objects.bulk_create(
            (
                LearningRecord(person_id=p, resource_id=r, title="Done", done_on=date(2026, 1, 1), minutes=30)
                for p in people
                for r in rng.sample(ids, RECORDS_EACH)
            ),
            batch_size=2_000,
        )
        Dismissal.objects.bulk_create(
            (Dismissal(person_id=p, resource_id=r) for p in people for r in rng.sample(ids, DISMISSALS_EACH)),
            batch_size=2_000,
        )


def baseline_query(person: User) -> tuple[str, list[Any]]:
    """One query: the person's latest assessment's gaps and role expectations joined to what each
    published resource teaches, the resource's own terms added once, done and dismissed left out,
    best first (ties by title, then id). CASE WHEN rather than GREATEST, for SQLite and PostgreSQL."""
    from django.utils import timezone

    from lksworkforce.accounts.people import AFC_BANDS
    from lksworkforce.learning.models import Dismissal, LearningRecord, Resource, Teaches
    from lksworkforce.learning.scoring import FRESH_FOR
    from lksworkforce.learning.selectors.recommendations import weights_in_force
    from lksworkforce.skills.models import Assessment, Rating, RoleExpectation

    latest = Assessment.objects.filter(person=person, is_latest=True).order_by("-completed_on", "-id").first()
    assert latest is not None
    w = weights_in_force().weights
    today = timezone.localdate()

    def band_index(column: str) -> str:
        whens = " ".join(f"WHEN '{b}' THEN {i}" for i, b in enumerate(AFC_BANDS))
        return f"(CASE {column} {whens} ELSE NULL END)"

    person_band = AFC_BANDS.index(person.band) if person.band in AFC_BANDS else None
    low, high = band_index("r.band_from"), band_index("r.band_to")
    sql = f"""
        SELECT r.id, r.title,
          s.points
          + CASE WHEN CAST(%s AS INTEGER) IS NOT NULL AND ({low} IS NOT NULL OR {high} IS NOT NULL)
                  AND ({low} IS NULL OR {low} <= CAST(%s AS INTEGER)) AND ({high} IS NULL OR CAST(%s AS INTEGER) <= {high}) THEN %s ELSE 0 END
          + CASE WHEN r.cost = 'free' THEN %s ELSE 0 END
          + CASE WHEN r.added_on > %s THEN %s ELSE 0 END
          - CASE WHEN r.review_due_on < %s THEN %s ELSE 0 END AS score
        FROM (
          SELECT t.resource_id,
            SUM(%s * CASE WHEN g.target > g.current THEN g.target - g.current ELSE 0 END
              + %s * CASE WHEN e.level > g.current THEN e.level - g.current ELSE 0 END) AS points
          FROM {Teaches._meta.db_table} t
          JOIN {Rating._meta.db_table} g ON g.sub_area_id = t.sub_area_id AND g.assessment_id = %s
          LEFT JOIN {RoleExpectation._meta.db_table} e ON e.sub_area_id = t.sub_area_id AND e.profile_id = %s
          WHERE g.target > g.current OR e.level > g.current
          GROUP BY t.resource_id
        ) s
        JOIN {Resource._meta.db_table} r ON r.id = s.resource_id
        WHERE r.status = 'published'
          AND NOT EXISTS (SELECT 1 FROM {LearningRecord._meta.db_table} l WHERE l.person_id = %s AND l.resource_id = r.id)
          AND NOT EXISTS (SELECT 1 FROM {Dismissal._meta.db_table} d WHERE d.person_id = %s AND d.resource_id = r.id)
        ORDER BY score DESC, LOWER(r.title), r.id
        LIMIT %s
    """
    params: list[Any] = [
        person_band,
        person_band,
        person_band,
        w.band_suits,
        w.free,
        today - FRESH_FOR,
        w.fresh,
        today,
        w.review_overdue,
        w.gap,
        w.role_expectation,
        latest.pk,
        latest.role_profile_id or 0,
        person.pk,
        person.pk,
        LIMIT,
    ]
    return sql, params
