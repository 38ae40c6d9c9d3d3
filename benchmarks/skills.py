"""Skills benchmarks (issue 4's performance budget): the national roll-up page and
`skills_report --by region` against one hand-written SQL aggregate over the same tables, measured
in the same run, and the number of queries each surface runs at two sizes (which must not grow).

National scale: 3,000 people in 250 organisations, each with 3 self-assessments rating all 100
sub-areas of a generated framework (900,000 ratings; only each person's latest assessment, 300,000
ratings, counts in roll-ups). `--scale small` is ten times smaller. The data is written with bulk
inserts (ratings as multi-row INSERT statements) into a throwaway database; the framework loads
through `services.framework_load` like any other."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.timing import Result, compare

# Kept light to import (benchmarks/__main__ reads NAMES from every benchmark module): Django and the
# project's models are imported inside the functions that use them.
if TYPE_CHECKING:
    from lksworkforce.accounts.models import User
    from lksworkforce.organisations.demo.world import DemoOrganisation
    from lksworkforce.skills.framework_file import FrameworkSpec
    from lksworkforce.skills.models import Framework

NAMES: tuple[str, ...] = ("skills_rollup_page", "skills_report_region")
BUDGET = 3.0


@dataclass(frozen=True)
class Size:
    organisations: int
    people: int
    first_step: int  # query counts are taken at this many people, then at all of them


SIZES = {
    "national": Size(organisations=250, people=3_000, first_step=300),
    "small": Size(organisations=25, people=300, first_step=30),
}
AREAS, SUB_AREAS_PER_AREA = 10, 10
CYCLES = (date(2022, 3, 1), date(2024, 3, 1), date(2026, 3, 1))  # the last is each person's latest
MEMBERSHIP_YEAR = 2026
ROLE_KEYS = ("clinical-librarian", "knowledge-manager", "librarian", "library-assistant", "service-manager")
BANDS = ("2", "3", "3", "4", "4", "5", "5", "6", "6", "6", "7", "7", "8a", "8b", "")
ROWS_PER_INSERT = 1_000


def baseline_sql() -> str:
    """One aggregate per sub-area over everyone's latest assessment: people rating it (one rating
    each), mean current and target, and people with a gap. The latest assessments as a subquery,
    which both SQLite and PostgreSQL run from the (framework, is_published) index; CASE WHEN rather
    than FILTER (WHERE ...), so that SQLite runs it as well as PostgreSQL."""
    from lksworkforce.skills.models import Assessment, Rating

    return f"""
        SELECT r.sub_area_id, COUNT(*) AS people, AVG(r."current") AS mean_current, AVG(r.target) AS mean_target,
               SUM(CASE WHEN r.target > r."current" THEN 1 ELSE 0 END) AS people_with_gap
        FROM {Rating._meta.db_table} r
        WHERE r.assessment_id IN (
            SELECT a.id FROM {Assessment._meta.db_table} a WHERE a.framework_id = %s AND a.is_published
        )
        GROUP BY r.sub_area_id
    """


def run(scale: str, selected: list[str], folder: Path) -> tuple[list[Result], list[str]]:
    from django.db import connection

    from benchmarks.database import migrate, throwaway_database
    from lksworkforce.skills.models import Rating

    size = SIZES[scale]
    sql = baseline_sql()
    with throwaway_database("skills", folder):
        migrate()
        started = time.perf_counter()
        framework = _load_framework()
        organisations = _write_organisations(size.organisations)
        surfaces = _surfaces(_national_team_user())
        _write_people(framework, organisations, range(size.first_step))
        built = {name: call for name, call in surfaces.items() if name in selected and callable(call)}
        queries_before = {name: _queries(call)[0] for name, call in built.items()}
        _write_people(framework, organisations, range(size.first_step, size.people))
        build_s = time.perf_counter() - started

        def baseline() -> list[tuple[Any, ...]]:
            with connection.cursor() as cursor:
                cursor.execute(sql, [framework.pk])
                rows: list[tuple[Any, ...]] = cursor.fetchall()
                return rows

        results = []
        for name in selected:
            call = surfaces[name]
            if not callable(call):
                results.append(Result(name, 0.0, budget_label="(not built yet)", notes=[call]))
                continue
            count, sql_ms, slowest_ms = _queries(call)
            queries = {size.first_step: queries_before[name], size.people: count}
            result = compare(name, call, baseline, BUDGET)
            constant = "constant" if len(set(queries.values())) == 1 else "NOT constant"
            result.notes.append(
                "SQL queries " + ", ".join(f"{n} at {p:,} people" for p, n in queries.items()) + f" ({constant})"
            )
            result.notes.append(
                f"time in SQL (one run, debug cursor): {sql_ms:,.0f} ms, of which the slowest query {slowest_ms:,.0f} ms"
            )
            result.extra |= {"queries": queries, "sql_ms": round(sql_ms, 1), "slowest_query_ms": round(slowest_ms, 1)}
            results.append(result)
        ratings = Rating.objects.count()
        latest = Rating.objects.filter(assessment__is_latest=True).count()
    sub_areas = AREAS * SUB_AREAS_PER_AREA
    context = [
        f"Skills world: {size.people:,} people in {size.organisations} organisations x {sub_areas} sub-areas x "
        f"{len(CYCLES)} assessments = {ratings:,} ratings ({latest:,} in the latest assessments, which roll-ups "
        f"count); built in {build_s:.1f} s. Baseline: one SQL aggregate per sub-area over the latest assessments."
    ]
    return results, context


# --- The surfaces ----------------------------------------------------------------------------------


def _surfaces(user: User) -> dict[str, Callable[[], object] | str]:
    """Each surface as a call, read as `user` (national team), or why it cannot be measured yet."""
    from django.core.management import call_command, get_commands
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    found: dict[str, Callable[[], object] | str] = {}
    try:
        path = reverse("skills:rollup_nation")
    except NoReverseMatch:
        found["skills_rollup_page"] = "not built yet: there is no skills:rollup_nation page"
    else:
        client = Client(HTTP_HOST="localhost")
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

        def page() -> object:
            response = client.get(path)
            if response.status_code != 200:
                raise RuntimeError(f"GET {path} answered {response.status_code}")
            return response

        found["skills_rollup_page"] = page
    if "skills_report" not in get_commands():
        found["skills_report_region"] = "not built yet: there is no skills_report command"
    else:

        def report() -> object:
            stdout = StringIO()
            call_command("skills_report", by="region", format="csv", stdout=stdout, stderr=StringIO())
            if not stdout.getvalue():
                raise RuntimeError("skills_report --by region printed nothing")
            return stdout

        found["skills_report_region"] = report
    return found


def _queries(call: Callable[[], object]) -> tuple[int, float, float]:
    """How many queries one call runs (after a warm-up call), their total time and the slowest's."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()  # warm: first-call work (sessions, caches) is not what is being counted
    with CaptureQueriesContext(connection) as captured:
        call()
    times = [float(q["time"]) * 1000 for q in captured.captured_queries]
    return len(times), sum(times), max(times, default=0.0)


# --- The data --------------------------------------------------------------------------------------


def framework_spec() -> FrameworkSpec:
    """A generated framework: 10 areas of 10 sub-areas, the 0-4 scale, five role profiles."""
    from lksworkforce.organisations.demo.world import DEFAULT_SEED
    from lksworkforce.skills.framework_file import AreaSpec, FrameworkSpec, LevelSpec, RoleProfileSpec, SubAreaSpec

    numbers = [f"{a}.{s}" for a in range(1, AREAS + 1) for s in range(1, SUB_AREAS_PER_AREA + 1)]
    rng = random.Random(f"bench-skills-framework:{DEFAULT_SEED}")
    return FrameworkSpec(
        key="bench-skills",
        name="Benchmark skills framework",
        version="1",
        current=True,
        scale=tuple(
            LevelSpec(v, label) for v, label in enumerate(("No knowledge", "Basic", "Working", "Extensive", "Expert"))
        ),
        areas=tuple(AreaSpec(a, f"Benchmark area {a}") for a in range(1, AREAS + 1)),
        sub_areas=tuple(SubAreaSpec(n, f"Benchmark sub-area {n}", f"What {n} covers") for n in numbers),
        role_profiles=tuple(
            RoleProfileSpec(
                key,
                key.replace("-", " ").capitalize(),
                "",
                tuple((n, rng.randint(1, 4)) for n in sorted(rng.sample(numbers, 15), key=numbers.index)),
            )
            for key in ROLE_KEYS
        ),
    )


def _load_framework() -> Framework:
    from lksworkforce.skills.services import framework_load

    return framework_load(spec=framework_spec())


def _organisations(count: int) -> list[DemoOrganisation]:
    """`count` demo organisations, from as many demo worlds as it takes."""
    from lksworkforce.organisations.demo.world import DEFAULT_SEED, demo_organisations

    chosen: dict[str, DemoOrganisation] = {}
    seed = DEFAULT_SEED
    while len(chosen) < count:
        for organisation in demo_organisations(seed):
            chosen.setdefault(organisation.ods_code, organisation)
        seed += 1
    return sorted(chosen.values(), key=lambda o: o.ods_code)[:count]


def _write_organisations(count: int) -> list[int]:
    """Organisations with a region each in the latest year; their ids."""
    from lksworkforce.organisations.models import (
        CURRENT_GEOGRAPHY_KEY,
        Geography,
        Organisation,
        Region,
        RegionMembership,
    )

    organisations = _organisations(count)
    Organisation.objects.bulk_create(
        Organisation(ods_code=o.ods_code, name=o.name, type=o.type.value) for o in organisations
    )
    ids = dict(
        Organisation.objects.filter(ods_code__in=[o.ods_code for o in organisations]).values_list("ods_code", "id")
    )
    geography = Geography.objects.get(key=CURRENT_GEOGRAPHY_KEY)
    regions = {r.code: r for r in Region.objects.filter(geography=geography)}
    RegionMembership.objects.bulk_create(
        RegionMembership(
            organisation_id=ids[o.ods_code], geography=geography, region=regions[o.region_code], year=MEMBERSHIP_YEAR
        )
        for o in organisations
    )
    return [ids[o.ods_code] for o in organisations]


def _national_team_user() -> User:
    from lksworkforce.accounts.models import Membership, User
    from lksworkforce.accounts.people import Role

    user = User.objects.create_user(email="national@bench.invalid", full_name="Benchmark national team")
    Membership.objects.create(user=user, role=Role.NATIONAL_TEAM)
    return user


def _write_people(framework: Framework, organisations: Sequence[int], numbers: range) -> None:
    """People `numbers` (spread over the organisations), each with three completed assessments
    rating every sub-area; the last is their latest."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    rng = random.Random(f"bench-skills-people:{numbers.start}")
    unusable = make_password(None)
    with transaction.atomic():
        _write_people_rows(framework, organisations, numbers, rng, unusable)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics, for candidate and baseline alike


def _write_people_rows(
    framework: Framework, organisations: Sequence[int], numbers: range, rng: random.Random, unusable: str
) -> None:
    from lksworkforce.accounts.models import User
    from lksworkforce.skills.models import Assessment, Rating

    users = User.objects.bulk_create(
        (
            User(
                email=f"person{n}@bench.invalid",
                full_name=f"Benchmark person {n}",
                band=BANDS[n % len(BANDS)],
                organisation_id=organisations[n % len(organisations)],
                password=unusable,
            )
            for n in numbers
        ),
        batch_size=1_000,
    )
    roles = dict(framework.role_profiles.values_list("key", "id"))
    # One person in ten chose no role profile.
    role_of = {
        user.pk: roles[ROLE_KEYS[n % len(ROLE_KEYS)]] if n % 10 else None
        for n, user in zip(numbers, users, strict=True)
    }
    assessments = Assessment.objects.bulk_create(
        (
            Assessment(
                person_id=user.pk,
                framework=framework,
                organisation_id=user.organisation_id,
                band=user.band,
                role_profile_id=role_of[user.pk],
                started_on=day,
                completed_on=day,
                is_latest=cycle == len(CYCLES) - 1,
                is_published=cycle == len(CYCLES) - 1,
            )
            for user in users
            for cycle, day in enumerate(CYCLES)
        ),
        batch_size=1_000,
    )
    sub_areas = list(framework.sub_areas.order_by("position").values_list("id", flat=True))

    def ratings() -> Iterable[tuple[Any, ...]]:
        for assessment in assessments:
            for sub_area in sub_areas:
                current = min(4, int(rng.random() * 4.4))
                target = min(4, current + int(rng.random() * 2.2))
                yield (assessment.pk, sub_area, current, target, "", "", "[]")

    _insert_rows(
        Rating._meta.db_table,
        ("assessment_id", "sub_area_id", "current", "target", "priority", "learning_evidence", "evidence_links"),
        ratings(),
    )


def _insert_rows(table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
    """COPY on PostgreSQL, multi-row INSERT statements of ROWS_PER_INSERT rows on SQLite: many
    times faster than the ORM."""
    from django.db import connection

    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) VALUES "
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    batch: list[Any] = []
    count = 0
    with connection.cursor() as cursor:
        for row in rows:
            batch.extend(row)
            count += 1
            if count == ROWS_PER_INSERT:
                cursor.execute(head + ", ".join([one] * count), batch)
                batch, count = [], 0
        if count:
            cursor.execute(head + ", ".join([one] * count), batch)
