"""Search of the published catalogue: the one selector behind the search page and the API, on SQLite
(FTS5, bm25) and PostgreSQL (tsvector, ts_rank_cd) alike.

Every word must be found (in the title, provider, topics or description, after stemming: "searches"
finds "searching"). Resources whose title has every word come first, then by relevance, then by
title. When nothing is found and a word is in no resource, it is corrected to the nearest word in
the catalogue (`spelling.correction`) and the search run again, saying so ("Did you mean ...").
Facet counts are over the current query with every other facet's filter applied, so each option's
count is how many resources choosing it would show. Three queries for the usual search (the counts
and the ranked page in one statement, the page's resources, their topics), one more with a topic
chosen, two more when a word is corrected (which words no resource has, the vocabulary near them)."""

# ruff: noqa: S608 - the SQL is built from the models' table names and placeholders; every value is a parameter
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Model, Prefetch

from lksworkforce.accounts.people import AFC_BANDS
from lksworkforce.learning.models import Resource, Teaches, Topic, TopicEntry
from lksworkforce.learning.search_facets import (
    FACET_LABELS,
    LENGTHS,
    Filters,
    bands_from,
    bands_up_to,
    suits_band,
)
from lksworkforce.learning.spelling import correction, length_window, query_terms
from lksworkforce.learning.vocabulary import Cost, ResourceKind, ResourceStatus

PER_PAGE = 20
MOST_OPTIONS = 20  # of the topic and sub-area facets, most resources first
TITLE, PROVIDER, TOPICS, DESCRIPTION = 10.0, 3.0, 3.0, 1.0  # bm25 column weights (PostgreSQL: A, B, B, C)
NO_TOPIC = -1  # a topic slug that names no topic: matches nothing


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    options: tuple[FacetOption, ...]


@dataclass(frozen=True)
class SearchResults:
    """One page of results. `words` are what was searched for (after any correction), `typed` what
    the person typed, as words; `dropped_terms` how many words were left out (too many, too long)."""

    typed: tuple[str, ...]
    words: tuple[str, ...]
    corrected: bool
    dropped_terms: int
    filters: Filters
    unknown_topic: bool
    total: int
    page: int
    pages: int
    per_page: int
    resources: list[Resource]
    title_matches: frozenset[int]
    facets: tuple[Facet, ...]

    @property
    def did_you_mean(self) -> str | None:
        return " ".join(self.words) if self.corrected else None

    @property
    def first(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.total, self.page * self.per_page)


def search(text: str, filters: Filters, *, page: int = 1, per_page: int = PER_PAGE) -> SearchResults:
    terms = query_terms(text)
    topic = _topic(filters.topic)
    topic_id = None if topic is None else topic[0]
    words, corrected = terms.words, False
    page = max(1, page)
    read = _read(words, filters, topic_id, per_page, page)
    if read.total == 0 and words:
        better = _corrected(words)
        if better != words:
            words, corrected = better, True
            read = _read(words, filters, topic_id, per_page, page)
    pages = max(1, math.ceil(read.total / per_page))
    if page > pages:  # past the last page: show the last
        page = pages
        read = _read(words, filters, topic_id, per_page, page)
    return SearchResults(
        typed=terms.words,
        words=words,
        corrected=corrected,
        dropped_terms=terms.dropped,
        filters=filters,
        unknown_topic=topic_id == NO_TOPIC,
        total=read.total,
        page=page,
        pages=pages,
        per_page=per_page,
        resources=_resources([pk for pk, _ in read.ranked]),
        title_matches=frozenset(pk for pk, title_match in read.ranked if title_match),
        facets=_facets(read, filters, None if topic is None else topic[1]),
    )


# --- The SQL: the matching resources as a CTE, per database ----------------------------------------


def _match(words: Sequence[str]) -> str:
    """An FTS5 query for every word, each quoted: whatever a word holds, it is only ever a word."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)


def _hits(words: Sequence[str], filters: Filters, topic_id: int | None) -> tuple[str, list[Any]]:
    """The published resources that match, with what the facets need, and for those the filters
    keep (the only ones ranked: the score is worked out for no others) a score, lower first, and
    whether the title has every word."""
    resource = Resource._meta.db_table
    columns = "r.id, r.kind, r.cost, r.band_from, r.band_to, r.length_minutes, r.title"
    published = ResourceStatus.PUBLISHED.value
    if not words:
        return f"SELECT {columns}, 0 AS score, FALSE AS title_match FROM {resource} r WHERE r.status = %s", [published]
    kept, kept_params = _where(filters, topic_id, "r")
    if connection.vendor == "postgresql":
        query = " && ".join(["plainto_tsquery('english', %s)"] * len(words))
        sql = (
            f"SELECT {columns}, CASE WHEN {kept} THEN -ts_rank_cd(s.document, q.query) END AS score, "
            f"CASE WHEN {kept} THEN ts_filter(s.document, '{{a}}') @@ q.query END AS title_match "
            f"FROM learning_search_text s JOIN {resource} r ON r.id = s.resource_id, (SELECT {query} AS query) q "
            "WHERE s.document @@ q.query AND r.status = %s"
        )
        return sql, [*kept_params, *kept_params, *words, published]
    match = _match(words)
    sql = (
        f"SELECT {columns}, CASE WHEN {kept} THEN "
        f"bm25(learning_search_text, {TITLE}, {PROVIDER}, {TOPICS}, {DESCRIPTION}) END AS score, "
        # The titles' matches as one set, found once (a MATCH per row, by rowid, is far slower).
        f"CASE WHEN {kept} THEN r.id IN (SELECT rowid FROM learning_search_text "
        "WHERE learning_search_text MATCH %s) END AS title_match "
        f"FROM learning_search_text JOIN {resource} r ON r.id = learning_search_text.rowid "
        "WHERE learning_search_text MATCH %s AND r.status = %s"
    )
    return sql, [*kept_params, *kept_params, f"title : ({match})", match, published]


def _where(filters: Filters, topic_id: int | None, alias: str = "h") -> tuple[str, list[Any]]:
    """The filters as conditions on the hits `h` (or the resources `r`)."""
    parts, params = ["1 = 1"], list[Any]()
    if filters.kind is not None:
        parts.append(f"{alias}.kind = %s")
        params.append(filters.kind.value)
    if filters.cost is not None:
        parts.append(f"{alias}.cost = %s")
        params.append(filters.cost.value)
    if filters.band is not None:
        lower, upper = bands_up_to(filters.band), bands_from(filters.band)
        parts.append(
            f"({alias}.band_from = '' OR {alias}.band_from IN ({', '.join(['%s'] * len(lower))})) "
            f"AND ({alias}.band_to = '' OR {alias}.band_to IN ({', '.join(['%s'] * len(upper))}))"
        )
        params += [*lower, *upper]
    if filters.max_minutes is not None:
        parts.append(f"{alias}.length_minutes IS NOT NULL AND {alias}.length_minutes <= %s")
        params.append(filters.max_minutes)
    if topic_id is not None:
        parts.append(
            f"EXISTS (SELECT 1 FROM {TopicEntry._meta.db_table} te WHERE te.resource_id = {alias}.id AND te.topic_id = %s)"
        )
        params.append(topic_id)
    if filters.sub_area is not None:
        parts.append(
            f"EXISTS (SELECT 1 FROM {Teaches._meta.db_table} tch WHERE tch.resource_id = {alias}.id AND tch.sub_area_id = %s)"
        )
        params.append(filters.sub_area)
    return " AND ".join(parts), params


def _length_case() -> str:
    whens = " ".join(f"WHEN h.length_minutes <= {limit} THEN '{limit}'" for limit, _ in LENGTHS)
    return f"CASE {whens} END"


@dataclass(frozen=True)
class _Read:
    total: int
    counts: dict[str, dict[str, int]]  # facet -> option value -> resources
    labels: dict[str, dict[str, str]]  # for the topic and sub-area options
    ranked: list[tuple[int, bool]]  # the page's resources, best first, and whether each title matched


def _read(words: Sequence[str], filters: Filters, topic_id: int | None, per_page: int, page: int) -> _Read:
    """The total, every facet's counts and the page's ranked resources, in one statement over the
    hits found once: rows of (facet, value, label, count), the page's as ("page", id, title match, place)."""
    hits, params = _hits(words, filters, topic_id)
    selects: list[str] = []

    def add(facet: str, select: str, join: str = "", group: str = "") -> None:
        where, where_params = _where(filters.without(facet), None if facet == "topic" else topic_id)
        selects.append(f"SELECT {select}, COUNT(*) FROM hits h {join} WHERE {where} {group}")
        params.extend(where_params)

    where, where_params = _where(filters, topic_id)
    selects.append(f"SELECT 'total', '', '', COUNT(*) FROM hits h WHERE {where}")
    params.extend(where_params)
    order = "title_match DESC, score, title, id"
    # The place is numbered after the LIMIT: numbering every hit first would sort them all twice.
    selects.append(
        f"SELECT 'page', CAST(p.id AS TEXT), CASE WHEN p.title_match THEN 'title' ELSE '' END, "
        f"ROW_NUMBER() OVER (ORDER BY {order}) FROM ("
        f"SELECT h.id, h.title_match, h.score, h.title FROM hits h WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s) p"
    )
    params.extend([*where_params, per_page, (page - 1) * per_page])
    add("kind", "'kind', h.kind, ''", group="GROUP BY h.kind")
    add("cost", "'cost', h.cost, ''", group="GROUP BY h.cost")
    add("band", "'band', h.band_from || '|' || h.band_to, ''", group="GROUP BY h.band_from, h.band_to")
    add("max_minutes", f"'max_minutes', {_length_case()}, ''", group=f"GROUP BY {_length_case()}")
    # Topics and sub-areas counted by id, then named: grouping by the names as well is much slower.
    for facet, link, key, named, label in (
        ("topic", TopicEntry, "topic_id", Topic._meta.db_table, "n.slug, n.name"),
        (
            "sub_area",
            Teaches,
            "sub_area_id",
            _sub_area_model()._meta.db_table,
            "CAST(n.id AS TEXT), n.number || ' ' || n.name",
        ),
    ):
        facet_where, facet_params = _where(filters.without(facet), None if facet == "topic" else topic_id)
        selects.append(
            f"SELECT '{facet}', {label}, c.resources FROM (SELECT l.{key} AS id, COUNT(*) AS resources FROM hits h "
            f"JOIN {link._meta.db_table} l ON l.resource_id = h.id WHERE {facet_where} GROUP BY l.{key}) c "
            f"JOIN {named} n ON n.id = c.id"
        )
        params.extend(facet_params)
    sql = f"WITH hits AS MATERIALIZED ({hits}) " + " UNION ALL ".join(selects)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    placed: list[tuple[int, int, bool]] = []
    for facet, value, label, count in rows:
        if facet == "page":
            placed.append((count, int(value), bool(label)))
        elif value is not None:
            counts[facet][value] = count
            labels[facet][value] = label
    total = counts.pop("total", {}).get("", 0)
    return _Read(total, counts, labels, [(pk, title_match) for _, pk, title_match in sorted(placed)])


def _sub_area_model() -> type[Model]:
    """The skills framework's sub-area, reached through what a resource teaches (no import of skills)."""
    model = Teaches._meta.get_field("sub_area").related_model
    assert isinstance(model, type)
    return model


def _resources(ids: list[int]) -> list[Resource]:
    if not ids:
        return []
    topics = Prefetch("topics", queryset=Topic.objects.order_by("name"))
    found = Resource.objects.filter(pk__in=ids).prefetch_related(topics).in_bulk()
    return [found[pk] for pk in ids if pk in found]


def _topic(slug: str | None) -> tuple[int, str] | None:
    """The chosen topic's id and name; NO_TOPIC when the slug names none."""
    if slug is None:
        return None
    found = Topic.objects.filter(slug=slug).values_list("pk", "name").first()
    return (NO_TOPIC, slug) if found is None else found


# --- Spelling: words no resource has, corrected to the nearest word of the vocabulary -------------


def _corrected(words: tuple[str, ...]) -> tuple[str, ...]:
    unknown = _unknown(words)
    if not unknown:
        return words
    low, high = length_window(unknown)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, documents FROM learning_search_word WHERE length(word) BETWEEN %s AND %s", [low, high]
        )
        vocabulary = dict(cursor.fetchall())
    fixed = {word: correction(word, vocabulary) for word in unknown}
    return tuple(dict.fromkeys(fixed.get(word) or word for word in words))


def _unknown(words: Sequence[str]) -> list[str]:
    """The words no published resource has, even stemmed (a PostgreSQL stop word is never unknown)."""
    if connection.vendor == "postgresql":
        one = (
            "SELECT %s, numnode(plainto_tsquery('english', %s)) = 0 OR EXISTS (SELECT 1 FROM learning_search_text "
            "WHERE document @@ plainto_tsquery('english', %s))"
        )
        params = [value for word in words for value in (word, word, word)]
    else:
        one = "SELECT %s, EXISTS (SELECT 1 FROM learning_search_text WHERE learning_search_text MATCH %s)"
        params = [value for word in words for value in (word, _match([word]))]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join([one] * len(words)), params)
        known = {word for word, found in cursor.fetchall() if found}
    return [word for word in words if word not in known]


# --- The facets, from the counts --------------------------------------------------------------------


def _facets(read: _Read, filters: Filters, topic_name: str | None) -> tuple[Facet, ...]:
    kinds = [(k.value, k.label) for k in ResourceKind]
    costs = [(c.value, c.label) for c in Cost]
    pairs = [(pair.split("|", 1), count) for pair, count in read.counts["band"].items()]
    bands = {b: sum(count for (low, high), count in pairs if suits_band(b, low, high)) for b in AFC_BANDS}
    buckets = {int(limit): count for limit, count in read.counts["max_minutes"].items()}
    lengths = {str(limit): sum(c for bucket, c in buckets.items() if bucket <= limit) for limit, _ in LENGTHS}
    topics = _most(read, "topic", filters.topic, topic_name)
    sub_area = None if filters.sub_area is None else str(filters.sub_area)
    missing = sub_area is not None and sub_area not in read.labels["sub_area"]
    sub_areas = _most(read, "sub_area", sub_area, _sub_area_label(filters.sub_area) if missing else None)
    return (
        _facet("kind", kinds, read.counts["kind"], filters.kind),
        _facet("topic", topics, read.counts["topic"], filters.topic),
        _facet("sub_area", sub_areas, read.counts["sub_area"], sub_area),
        _facet("band", [(b, f"Band {b}") for b in AFC_BANDS], bands, filters.band),
        _facet("cost", costs, read.counts["cost"], filters.cost),
        _facet("max_minutes", [(str(limit), label) for limit, label in LENGTHS], lengths, filters.max_minutes),
    )


def _facet(key: str, choices: Sequence[tuple[str, str]], counts: dict[str, int], selected: object) -> Facet:
    """The options with resources, and the chosen one whatever its count."""
    chosen = None if selected is None else str(selected)
    options = tuple(
        FacetOption(value, label, counts.get(value, 0), value == chosen)
        for value, label in choices
        if counts.get(value, 0) or value == chosen
    )
    return Facet(key, FACET_LABELS[key], options)


def _most(read: _Read, facet: str, selected: str | None, selected_label: str | None) -> list[tuple[str, str]]:
    """A long facet's options (topics, sub-areas): those with most resources first, and the chosen one."""
    counts, labels = read.counts[facet], read.labels[facet]
    choices = sorted(labels.items(), key=lambda item: (-counts[item[0]], item[1]))[:MOST_OPTIONS]
    if selected is not None and selected not in {value for value, _ in choices}:
        choices.append((selected, labels.get(selected) or selected_label or selected))
    return choices


def _sub_area_label(pk: int | None) -> str | None:
    if pk is None:
        return None
    found = _sub_area_model()._default_manager.filter(pk=pk).values_list("number", "name").first()
    return None if found is None else f"{found[0]} {found[1]}"
