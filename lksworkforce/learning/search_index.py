"""Keeps the search index (migration 0002_search_index) in step with the catalogue.

Only published resources are in it, so drafts and retired resources are never found and their words
never offered as corrections. Saving or deleting a resource, a topic or a topic entry reindexes what
it touches (the signals below, connected by LearningConfig.ready). Writes that send no signals
(bulk_create, update(), raw SQL: imports, for instance) call `reindex(ids)` themselves after saving;
`rebuild()` indexes the whole catalogue again (`lksw learning_search_reindex`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from lksworkforce.learning.models import Resource, Topic, TopicEntry
from lksworkforce.learning.spelling import LONGEST_TERM, words_of
from lksworkforce.learning.vocabulary import ResourceStatus

CHUNK = 500
CLEARED = "_search_index_cleared"
# Resources whose index rows wait for the end of a `reindexed_together` block (None: outside one).
_waiting: ContextVar[set[int] | None] = ContextVar("learning_search_waiting", default=None)


@dataclass(frozen=True)
class IndexedText:
    resource_id: int
    title: str
    provider: str
    topics: str
    description: str

    @property
    def words(self) -> set[str]:
        """Its distinct words, each as the vocabulary keeps it."""
        text = " ".join((self.title, self.provider, self.topics, self.description))
        return {word for word in words_of(text) if len(word) <= LONGEST_TERM}


def reindex(resource_ids: Iterable[int]) -> None:
    """Index these resources as they are saved now: added, changed, or taken out (not published, or
    gone). Cheap enough to call after every save."""
    ids = sorted(set(resource_ids))
    with transaction.atomic():
        for start in range(0, len(ids), CHUNK):
            _reindex_chunk(ids[start : start + CHUNK])


def changed(resource_ids: Iterable[int]) -> None:
    """These resources changed: reindex them now, or at the end of the `reindexed_together` block."""
    waiting = _waiting.get()
    if waiting is None:
        reindex(resource_ids)
    else:
        waiting.update(resource_ids)


@contextmanager
def reindexed_together() -> Iterator[None]:
    """Within it, changes to resources (signals, `changed`) are gathered and indexed once at the end:
    a bulk write (the catalogue import) would otherwise reindex row by row. Nothing is indexed when
    the block fails, since its writes are rolled back."""
    if _waiting.get() is not None:  # already gathering: the outer block indexes
        yield
        return
    gathered: set[int] = set()
    token = _waiting.set(gathered)
    try:
        yield
    finally:
        _waiting.reset(token)
    reindex(gathered)


def rebuild() -> int:
    """Index the whole catalogue again; how many resources are in the index."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM learning_search_text")
            cursor.execute("DELETE FROM learning_search_word")
        published = list(Resource.objects.published().order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(published), CHUNK):
            _write(_texts(published[start : start + CHUNK]), Counter())
    return len(published)


def _reindex_chunk(ids: Sequence[int]) -> None:
    if connection.vendor == "postgresql":
        # Two saves of one resource at once must not both count its words.
        list(Resource.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
    placeholders = ", ".join(["%s"] * len(ids))
    key = "rowid" if connection.vendor == "sqlite" else "resource_id"
    removed: Counter[str] = Counter()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT words FROM learning_search_text WHERE {key} IN ({placeholders})", list(ids))  # noqa: S608 - placeholders only
        for (words,) in cursor.fetchall():
            removed.update(words.split())
        cursor.execute(f"DELETE FROM learning_search_text WHERE {key} IN ({placeholders})", list(ids))  # noqa: S608 - placeholders only
    _write(_texts(ids), removed)


def _texts(ids: Sequence[int]) -> list[IndexedText]:
    topics: dict[int, list[str]] = defaultdict(list)
    for resource_id, name in (
        TopicEntry.objects.filter(resource_id__in=ids).order_by("topic__name").values_list("resource_id", "topic__name")
    ):
        topics[resource_id].append(name)
    rows = Resource.objects.filter(pk__in=ids, status=ResourceStatus.PUBLISHED).values_list(
        "pk", "title", "provider", "description"
    )
    return [
        IndexedText(pk, title, provider, ". ".join(topics[pk]), description)
        for pk, title, provider, description in rows
    ]


def _write(texts: Sequence[IndexedText], removed: Counter[str]) -> None:
    """Insert `texts` into the index and move the vocabulary's counts by what they add and what was removed."""
    change: Counter[str] = Counter()
    change.subtract(removed)
    rows: list[tuple[Any, ...]] = []
    for text in texts:
        words = text.words
        change.update(words)
        rows.append(
            (text.resource_id, text.title, text.provider, text.topics, text.description, " ".join(sorted(words)))
        )
    with connection.cursor() as cursor:
        if rows and connection.vendor == "postgresql":
            cursor.executemany(
                "INSERT INTO learning_search_text (resource_id, document, words) VALUES (%s, "
                "setweight(to_tsvector('english', %s), 'A') || "
                "setweight(to_tsvector('english', %s || ' ' || %s), 'B') || "
                "setweight(to_tsvector('english', %s), 'C'), %s)",
                rows,
            )
        elif rows:
            cursor.executemany(
                "INSERT INTO learning_search_text (rowid, title, provider, topics, description, words) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                rows,
            )
        moved = sorted((word, count) for word, count in change.items() if count)
        if moved:
            cursor.executemany(
                "INSERT INTO learning_search_word (word, documents) VALUES (%s, %s) "
                "ON CONFLICT (word) DO UPDATE SET documents = learning_search_word.documents + excluded.documents",
                moved,
            )
            cursor.execute("DELETE FROM learning_search_word WHERE documents <= 0")


# --- Signals: the catalogue's own saves keep the index in step ------------------------------------


@receiver([post_save, post_delete], sender=Resource, dispatch_uid="learning_search_resource")
def _resource_changed(instance: Resource, **kwargs: Any) -> None:
    if not kwargs.get("raw"):  # fixtures being loaded: rebuild afterwards
        changed([instance.pk])


@receiver([post_save, post_delete], sender=TopicEntry, dispatch_uid="learning_search_topic_entry")
def _entry_changed(instance: TopicEntry, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        changed([instance.resource_id])


@receiver(post_save, sender=Topic, dispatch_uid="learning_search_topic")
def _topic_changed(instance: Topic, **kwargs: Any) -> None:
    if not kwargs.get("raw") and not kwargs.get("created"):  # a new topic has no resources yet
        changed(TopicEntry.objects.filter(topic=instance).values_list("resource_id", flat=True))


@receiver(m2m_changed, sender=TopicEntry, dispatch_uid="learning_search_topic_links")
def _topics_linked(instance: Resource | Topic, action: str, **kwargs: Any) -> None:
    """resource.topics.add(...) and topic.resources.set(...) send no post_save for the entries."""
    if action == "pre_clear" and isinstance(instance, Topic):  # remember who was in it, to reindex after
        setattr(
            instance, CLEARED, list(TopicEntry.objects.filter(topic=instance).values_list("resource_id", flat=True))
        )
    elif action == "post_clear" and isinstance(instance, Topic):
        changed(getattr(instance, CLEARED, []))
    elif action in {"post_add", "post_remove", "post_clear"}:
        changed([instance.pk] if isinstance(instance, Resource) else kwargs.get("pk_set") or [])
