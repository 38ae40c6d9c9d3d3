"""Learning search benchmark (issue 11's budget): the search selector with facets (the page's and the
API's one read: counts for every facet, one page of ranked results, their resources and topics)
against one hand-written full-text statement on the same data, measured in the same run: FTS5 MATCH
with bm25 on SQLite, tsvector @@ with ts_rank_cd on PostgreSQL, giving the same page of 20 and the
same facet counts. The bare ranked query (MATCH, filters, LIMIT 20, no counts) is reported beside it.

National scale: 20,000 published resources (and 1,000 drafts), 40 topics, each resource teaching 1
to 3 of 100 sub-areas; `--scale small` is ten times smaller. Words are drawn from a skewed
vocabulary, so the common words match thousands of resources. Written with bulk_create, then
indexed with `search_index.rebuild()` (its time is reported too)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.timing import Result, compare

NAMES: tuple[str, ...] = ("learning_search",)
BUDGET = 3.0
SIZES = {"national": 20_000, "small": 2_000}
TOPICS = 40
QUERY = "systematic reviews"  # words of middling frequency: about one resource in eight has both
COMMON = "literature searching"  # the two commonest words: nearly every resource has both
MISSPELT = "sytematic reveiws"
VOCABULARY = (
    "literature searching evidence appraisal critical library knowledge mobilisation search strategy database "
    "clinical health research systematic review summary reference management information skills teaching "
    "training patient public engagement digital literacy copyright licensing costing pricing lean thinking "
    "service improvement quality leadership budget procurement collection development cataloguing "
    "metadata discovery current awareness alerting bulletin outreach embedded librarian journal club "
    "mentoring reflection coaching statistics data visualisation storytelling marketing impact value "
    "measurement evaluation survey questionnaire interview focus group emerging technologies artificial "
    "intelligence automation chatbots accessibility inclusion wellbeing resilience change project planning "
    "risk governance policy guideline nursing medicine pharmacy therapy mental community primary care"
)
WORDS = tuple(VOCABULARY.split())
PROVIDERS = ("Health Education England", "CILIP", "Library network", "Open University", "NHS Academy", "Oxford Centre")
KINDS = ("e_learning", "mooc", "webinar", "reading", "toolkit", "podcast", "video", "course", "activity")
BANDS = ("", "", "", "2", "3", "4", "5", "6", "7")


@dataclass(frozen=True)
class Case:
    text: str
    cost: str
    band: str
    kind: str


CASE = Case(text=QUERY, cost="free", band="4", kind="e_learning")


def run(scale: str, selected: list[str], folder: Path) -> tuple[list[Result], list[str]]:  # noqa: ARG001 - one benchmark
    from django.db import connection

    from benchmarks.database import migrate, throwaway_database
    from lksworkforce.learning.search_facets import Filters
    from lksworkforce.learning.search_index import rebuild
    from lksworkforce.learning.selectors.search import search
    from lksworkforce.learning.vocabulary import Cost, ResourceKind

    count = SIZES[scale]
    filters = Filters(kind=ResourceKind(CASE.kind), band=CASE.band, cost=Cost(CASE.cost))
    with throwaway_database("learning_search", folder):
        migrate()
        started = time.perf_counter()
        _write_catalogue(count)
        build_s = time.perf_counter() - started
        started = time.perf_counter()
        indexed = rebuild()
        index_s = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

        def baseline(text: str, *, facets: bool = True) -> Callable[[], list[tuple[Any, ...]]]:
            sql, params = (_faceted if facets else _ranked)(connection.vendor, text)

            def query() -> list[tuple[Any, ...]]:
                with connection.cursor() as cursor:
                    cursor.execute(sql, params)
                    rows: list[tuple[Any, ...]] = cursor.fetchall()
                    return rows

            return query

        found = search(CASE.text, filters)
        page = [row for row in baseline(CASE.text)() if row[0] == "page"]
        if not found.total or len(page) != len(found.resources):
            message = f"the search found {found.total}, the baseline {len(page)}: not the same query"
            raise RuntimeError(message)
        queries, sql_ms = _queries(lambda: search(CASE.text, filters))
        result = compare("learning_search", lambda: search(CASE.text, filters), baseline(CASE.text), BUDGET)
        bare = compare("bare", lambda: search(CASE.text, filters), baseline(CASE.text, facets=False), BUDGET)
        common = compare("common", lambda: search(COMMON, filters), baseline(COMMON), BUDGET)
        misspelt = compare("misspelt", lambda: search(MISSPELT, filters), baseline(CASE.text), BUDGET)
        browse = compare("browse", lambda: search("", Filters()), lambda: None, BUDGET)
        unfiltered = search(CASE.text, Filters())
    result.notes += [
        f"q={CASE.text!r}, kind={CASE.kind}, band={CASE.band}, cost={CASE.cost}: {found.total:,} found "
        f"({unfiltered.total:,} without the filters); {queries} SQL queries, {sql_ms:,.1f} ms in SQL (execute only)",
        "against the bare ranked query alone (MATCH, filters, LIMIT 20, no facet counts): "
        f"{bare.baseline_ms or 0:,.1f} ms, {bare.ratio or 0:.1f}x",
        f"the commonest words ({COMMON!r}): {common.candidate_ms:,.1f} ms against {common.baseline_ms or 0:,.1f} ms "
        f"({common.ratio or 0:.2f}x); misspelt ({MISSPELT!r}, corrected): {misspelt.candidate_ms:,.1f} ms "
        f"({misspelt.ratio or 0:.2f}x the correct query's baseline); no words, no filters (all {indexed:,}): "
        f"{browse.candidate_ms:,.1f} ms",
    ]
    result.extra |= {
        "queries": queries,
        "found": found.total,
        "bare_ratio": round(bare.ratio or 0, 2),
        "common_ratio": round(common.ratio or 0, 2),
        "misspelt_ratio": round(misspelt.ratio or 0, 2),
        "browse_ms": round(browse.candidate_ms, 1),
    }
    context = [
        f"Learning search: {indexed:,} published resources (and {count // 20:,} drafts), {TOPICS} topics, 100 "
        f"sub-areas; written in {build_s:.1f} s, indexed in {index_s:.1f} s. Baseline: one hand-written "
        "full-text statement giving the same page of 20 and the same facet counts (without title-first "
        "ranking, labels, the resources' own rows or spelling)."
    ]
    return [result], context


def _filters(*, kind: bool = True, cost: bool = True, band: bool = True) -> tuple[str, list[Any]]:
    """The case's filters, written out, less any named."""
    from lksworkforce.accounts.people import AFC_BANDS

    parts, values = ["1 = 1"], list[Any]()
    if kind:
        parts.append("m.kind = %s")
        values.append(CASE.kind)
    if cost:
        parts.append("m.cost = %s")
        values.append(CASE.cost)
    if band:
        lower = list(AFC_BANDS[: AFC_BANDS.index(CASE.band) + 1])
        upper = list(AFC_BANDS[AFC_BANDS.index(CASE.band) :])
        parts.append(
            f"(m.band_from = '' OR m.band_from IN ({', '.join(['%s'] * len(lower))})) "
            f"AND (m.band_to = '' OR m.band_to IN ({', '.join(['%s'] * len(upper))}))"
        )
        values += [*lower, *upper]
    return " AND ".join(parts), values


def _matches(vendor: str, text: str) -> tuple[str, list[Any]]:
    """The matching published resources with a score, lower first."""
    columns = "r.id, r.title, r.kind, r.cost, r.band_from, r.band_to, r.length_minutes"
    if vendor == "postgresql":
        return (
            f"SELECT {columns}, -ts_rank_cd(s.document, q) AS score FROM learning_search_text s "
            "JOIN learning_resource r ON r.id = s.resource_id, plainto_tsquery('english', %s) q "
            "WHERE s.document @@ q AND r.status = 'published'",
            [text],
        )
    return (
        f"SELECT {columns}, bm25(learning_search_text) AS score FROM learning_search_text "
        "JOIN learning_resource r ON r.id = learning_search_text.rowid "
        "WHERE learning_search_text MATCH %s AND r.status = 'published'",
        [" ".join(f'"{word}"' for word in text.split())],
    )


def _ranked(vendor: str, text: str) -> tuple[str, list[Any]]:
    matches, params = _matches(vendor, text)
    where, values = _filters()
    return f"SELECT m.id, m.title FROM ({matches}) m WHERE {where} ORDER BY m.score LIMIT 20", [*params, *values]


def _faceted(vendor: str, text: str) -> tuple[str, list[Any]]:
    """The page and every facet's counts (each over the other facets' filters), in one statement."""
    matches, params = _matches(vendor, text)
    every, every_values = _filters()
    no_kind, no_kind_values = _filters(kind=False)
    no_cost, no_cost_values = _filters(cost=False)
    no_band, no_band_values = _filters(band=False)
    sql = (
        f"WITH m AS MATERIALIZED ({matches}) "
        f"SELECT 'page', CAST(p.id AS TEXT), 0 FROM (SELECT m.id FROM m WHERE {every} ORDER BY m.score LIMIT 20) p "
        f"UNION ALL SELECT 'total', '', COUNT(*) FROM m WHERE {every} "
        f"UNION ALL SELECT 'kind', m.kind, COUNT(*) FROM m WHERE {no_kind} GROUP BY m.kind "
        f"UNION ALL SELECT 'cost', m.cost, COUNT(*) FROM m WHERE {no_cost} GROUP BY m.cost "
        f"UNION ALL SELECT 'band', m.band_from || '-' || m.band_to, COUNT(*) FROM m WHERE {no_band} "
        "GROUP BY m.band_from, m.band_to "
        "UNION ALL SELECT 'length', CAST(CASE WHEN m.length_minutes <= 15 THEN 15 WHEN m.length_minutes <= 30 THEN 30 "
        "WHEN m.length_minutes <= 60 THEN 60 WHEN m.length_minutes <= 180 THEN 180 WHEN m.length_minutes <= 420 "
        f"THEN 420 END AS TEXT), COUNT(*) FROM m WHERE {every} GROUP BY 2 "
        "UNION ALL SELECT 'topic', CAST(te.topic_id AS TEXT), COUNT(*) FROM m "
        f"JOIN learning_topicentry te ON te.resource_id = m.id WHERE {every} GROUP BY te.topic_id "
        "UNION ALL SELECT 'sub_area', CAST(t.sub_area_id AS TEXT), COUNT(*) FROM m "
        f"JOIN learning_teaches t ON t.resource_id = m.id WHERE {every} GROUP BY t.sub_area_id"
    )
    values = [*every_values, *every_values, *no_kind_values, *no_cost_values, *no_band_values, *every_values * 3]
    return sql, [*params, *values]


def _write_catalogue(count: int) -> None:
    from django.db import transaction

    from benchmarks.skills import framework_spec
    from lksworkforce.learning.models import Resource, Teaches, Topic, TopicEntry
    from lksworkforce.learning.vocabulary import ResourceStatus
    from lksworkforce.skills.services import framework_load

    rng = random.Random("bench-learning-search")
    weights = [1 / (rank + 1) for rank in range(len(WORDS))]  # Zipf: the first words are common

    def words(n: int) -> str:
        return " ".join(rng.choices(WORDS, weights, k=n))

    with transaction.atomic():
        framework = framework_load(spec=framework_spec())
        sub_areas = list(framework.sub_areas.values_list("pk", flat=True))
        topics = Topic.objects.bulk_create(
            Topic(slug=f"topic-{n}", name=f"{words(2).capitalize()} {n}") for n in range(TOPICS)
        )
        drafts = count // 20
        resources = Resource.objects.bulk_create(
            (
                Resource(
                    title=words(rng.randint(3, 6)).capitalize(),
                    description=words(rng.randint(20, 40)).capitalize() + ".",
                    provider=rng.choice(PROVIDERS),
                    kind=rng.choice(KINDS),
                    url=f"https://learning.example.invalid/{n}",
                    length_minutes=rng.choice((None, 15, 30, 45, 60, 90, 180, 420, 900)),
                    cost=rng.choice(("free", "free", "free", "paid")),
                    band_from=(low := rng.choice(BANDS)),
                    band_to=rng.choice(("", "", "7", "8a")) if low else "",
                    added_on=date(2025, 1, 1),
                    status=ResourceStatus.DRAFT if n < drafts else ResourceStatus.PUBLISHED,
                )
                for n in range(count + drafts)
            ),
            batch_size=1_000,
        )
        TopicEntry.objects.bulk_create(
            (
                TopicEntry(topic=topic, resource=resource)
                for resource in resources
                for topic in rng.sample(topics, rng.randint(0, 2))
            ),
            batch_size=2_000,
        )
        Teaches.objects.bulk_create(
            (
                Teaches(resource=resource, sub_area_id=sub_area)
                for resource in resources
                for sub_area in rng.sample(sub_areas, rng.randint(1, 3))
            ),
            batch_size=2_000,
        )


def _queries(call: Any) -> tuple[int, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries), sum(float(q["time"]) * 1000 for q in captured.captured_queries)
