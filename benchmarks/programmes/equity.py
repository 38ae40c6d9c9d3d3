"""Equity dashboard benchmark (issue 12's budget): the dashboard page at 10 years x 1,500 people x 200
cohorts a year (about 3,000 places and 5,000 applications a year, with ten years of published
returns for 250 organisations) within 3x of one hand-written SQL aggregate over the same tables in
the same run (participants per 100 LKS staff by year and region over the dashboard's trend window,
staff and participants in one statement), with the number
of SQL queries taken at half the cohorts and at all of them (it must not grow). `--scale small` has
150 people and 20 cohorts a year."""

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from benchmarks.timing import Result

NAMES: tuple[str, ...] = ("programmes_equity",)
BUDGET = 3.0


@dataclass(frozen=True)
class Scale:
    organisations: int
    people: int
    cohorts_a_year: int
    places: int = 15
    applicants: int = 25


SCALES = {
    "national": Scale(organisations=250, people=1_500, cohorts_a_year=200),
    "small": Scale(organisations=25, people=150, cohorts_a_year=20),
}
DELIVERIES = ("face_to_face", "online", "blended")
BANDS = ("3", "4", "5", "6", "7", "8a")
# The dashboard's main figure by hand: participants per 100 LKS staff by year and region over the
# trend window, the staff from the counted returns' posts in each organisation's region that year.
BASELINE_SQL = """
    WITH staff AS (
        SELECT r.year AS year, m.region_id AS region_id, SUM(p.headcount) AS people
        FROM staffing_lkspost p
        JOIN staffing_lksreturn r ON r.id = p.lks_return_id
        JOIN organisations_regionmembership m ON m.organisation_id = r.organisation_id AND m.year = r.year
        WHERE r.is_counted AND r.year >= %s AND r.year <= %s
        GROUP BY r.year, m.region_id
    ), taking_part AS (
        SELECT CAST(strftime('%%Y', c.starts_on) AS INTEGER) AS year, e.region_id AS region_id,
               COUNT(DISTINCT e.person_id) AS people
        FROM programmes_enrolment e JOIN programmes_cohort c ON c.id = e.cohort_id
        WHERE c.starts_on >= %s AND c.starts_on < %s
        GROUP BY 1, 2
    )
    SELECT s.year, s.region_id, s.people, t.people, 100.0 * t.people / s.people
    FROM staff s LEFT JOIN taking_part t ON t.year = s.year AND t.region_id = s.region_id
"""
BASELINE_POSTGRES = BASELINE_SQL.replace(
    "CAST(strftime('%%Y', c.starts_on) AS INTEGER)", "CAST(EXTRACT(YEAR FROM c.starts_on) AS INTEGER)"
)


def run(scale: str, selected: list[str], folder: Path) -> tuple[list[Result], list[str]]:
    from benchmarks.database import migrate, throwaway_database

    if "programmes_equity" not in selected:
        return [], []
    with throwaway_database("programmes_equity", folder):
        migrate()
        return _benchmark(SCALES[scale])


def _benchmark(scale: Scale) -> tuple[list[Result], list[str]]:
    from django.db import connection
    from django.test import Client

    from benchmarks import world
    from benchmarks.figures import query_count
    from benchmarks.timing import compare
    from lksworkforce.programmes.selectors.equity import TREND_YEARS

    plan = world.plan(scale.organisations)
    world.write(plan, plan.organisations)
    user = world.national_team_user()
    people = _people(scale)
    years = list(world.YEARS)
    last = years[-1]
    half = scale.cohorts_a_year // 2
    _programmes(scale, people, years, range(half))
    client = Client(HTTP_HOST="localhost")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    path = f"/programmes/equity/?year={last}"

    def page() -> object:
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} answered {response.status_code}")
        return response

    queries = {half: query_count(page)}
    _programmes(scale, people, years, range(half, scale.cohorts_a_year))
    queries[scale.cohorts_a_year] = query_count(page)
    sql = BASELINE_POSTGRES if connection.vendor == "postgresql" else BASELINE_SQL
    first = last - TREND_YEARS + 1
    window = (first, last, date(first, 1, 1).isoformat(), date(last + 1, 1, 1).isoformat())

    def baseline() -> object:
        with connection.cursor() as cursor:
            cursor.execute(sql, window)
            return cursor.fetchall()

    result = compare("programmes_equity", page, baseline, BUDGET)
    constant = "constant" if len(set(queries.values())) == 1 else "NOT constant"
    result.notes.append(
        "SQL queries " + ", ".join(f"{n} at {c} cohorts a year" for c, n in queries.items()) + f" ({constant})"
    )
    result.extra["queries"] = queries
    from lksworkforce.programmes.models import Application, Enrolment

    places, applications = Enrolment.objects.count(), Application.objects.count()
    context = [
        f"Equity world: {len(years)} years x {scale.people:,} people x {scale.cohorts_a_year} cohorts a year "
        f"({places:,} places, {applications:,} applications), {world.summary(plan)}; baseline: one SQL "
        "aggregate of participants per 100 LKS staff by year and region over the trend window."
    ]
    return [result], context


def _people(scale: Scale) -> list[tuple[int, str, int, str]]:
    """(user id, band, organisation id, region code) for each person, in organisations of every region."""
    from lksworkforce.accounts.models import User
    from lksworkforce.organisations.models import CURRENT_GEOGRAPHY_KEY, Organisation, RegionMembership

    rng = random.Random(12)
    organisations = list(Organisation.objects.order_by("ods_code").values_list("id", flat=True))
    region_of = dict(
        RegionMembership.objects.filter(geography__key=CURRENT_GEOGRAPHY_KEY).values_list(
            "organisation_id", "region__code"
        )
    )
    User.objects.bulk_create(
        User(
            email=f"person{n}@bench.invalid",
            full_name=f"Benchmark person {n}",
            band=rng.choice(BANDS),
            organisation_id=rng.choice(organisations),
            password="!",
        )
        for n in range(scale.people)
    )
    return [
        (pk, band, org, region_of[org])
        for pk, band, org in User.objects.filter(email__endswith="@bench.invalid", email__startswith="person")
        .order_by("id")
        .values_list("id", "band", "organisation_id")
    ]


def _programmes(scale: Scale, people: list[tuple[int, str, int, str]], years: list[int], numbers: range) -> None:
    """Cohorts `numbers` of each year, each with its places and applications."""
    from django.db import transaction

    from lksworkforce.organisations.models import CURRENT_GEOGRAPHY_KEY, Region
    from lksworkforce.programmes.models import Application, Cohort, Enrolment, Programme

    rng = random.Random(numbers.start + 7)
    regions = dict(Region.objects.filter(geography__key=CURRENT_GEOGRAPHY_KEY).values_list("code", "id"))
    with transaction.atomic():
        programmes = {
            delivery: Programme.objects.get_or_create(
                key=f"bench-{delivery}", defaults={"title": f"Bench {delivery}", "kind": "skills", "delivery": delivery}
            )[0]
            for delivery in DELIVERIES
        }
        cohorts = Cohort.objects.bulk_create(
            Cohort(
                programme=programmes[DELIVERIES[number % len(DELIVERIES)]],
                name=f"Bench {year} {number}",
                starts_on=date(year, 1 + number % 12, 1 + number % 28),
                ends_on=date(year, 1 + number % 12, 1 + number % 28),
                capacity=scale.places,
                shares_places_by_region=number % 4 == 0,
            )
            for year in years
            for number in numbers
        )
        applications, places = [], []
        for cohort in cohorts:
            year = cohort.starts_on.year
            for n, (person, band, organisation, region) in enumerate(rng.sample(people, scale.applicants)):
                applications.append(
                    Application(
                        cohort_id=cohort.pk,
                        person_id=person,
                        statement="Bench",
                        status="accepted" if n < scale.places else "unsuccessful",
                        organisation_id=organisation,
                        region_id=regions[region],
                        band=band,
                        could_not_travel=rng.random() < 0.15,
                        submitted_at=datetime(year, 1, 1, tzinfo=UTC),
                        offered_at=datetime(year, 1, 2, tzinfo=UTC) if n < scale.places else None,
                    )
                )
                if n < scale.places:
                    places.append(
                        Enrolment(
                            cohort_id=cohort.pk,
                            person_id=person,
                            organisation_id=organisation,
                            region_id=regions[region],
                            band=band,
                            enrolled_at=datetime(year, 1, 3, tzinfo=UTC),
                        )
                    )
        Application.objects.bulk_create(applications, batch_size=2000)
        Enrolment.objects.bulk_create(places, batch_size=2000)
