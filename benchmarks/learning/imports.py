"""The catalogue import (issue 11's budget): 20,000 new resources from a CSV file through
`import_catalogue` (read, check every cell, write in bulk, audit each resource) against a bare bulk
insert of the same rows (resources, what they teach, their topics) measured in the same run, within
3x. `--scale small` is 2,000 rows. The framework is the skills benchmark's (100 sub-areas, five role
profiles), loaded through the skills service into a throwaway database; 20 topics.

Hook it in from benchmarks/learning/__init__.py: `NAMES += imports.NAMES`, and in `run`, when
"learning_import" is selected, `results += imports.run(scale, selected, folder)[0]`.
"""

from __future__ import annotations

import csv
import io
import time
from datetime import date
from pathlib import Path

from benchmarks.timing import Result, compare

# Kept light to import (benchmarks/__main__ reads NAMES from every benchmark module): Django and the
# project's models are imported inside the functions that use them.

NAMES: tuple[str, ...] = ("learning_import",)
BUDGET = 3.0
ROWS = {"national": 20_000, "small": 2_000}
TOPICS = 20
BATCH = 2_000  # the import's and the baseline's bulk insert batch size
KINDS = ("e_learning", "mooc", "webinar", "reading", "toolkit", "podcast", "video", "course", "activity")
BANDS = (("", ""), ("2", "4"), ("5", "7"), ("4", ""), ("", "8a"))
HEADER = (
    "title",
    "description",
    "kind",
    "provider",
    "url",
    "length_minutes",
    "cost",
    "band_from",
    "band_to",
    "roles",
    "sub_areas",
    "topics",
    "licence",
    "added_on",
    "status",
)


def run(scale: str, selected: list[str], folder: Path) -> tuple[list[Result], list[str]]:
    from benchmarks.database import migrate, throwaway_database

    if "learning_import" not in selected:
        return [], []
    with throwaway_database("learning_import", folder):
        migrate()
        started = time.perf_counter()
        numbers, role_keys = _framework()
        _topics()
        rows = catalogue_rows(ROWS[scale], numbers, role_keys)
        data = as_csv(rows)
        build_s = time.perf_counter() - started
        result = _compare(rows, data)
    result.notes.append(f"{len(rows):,} rows, {len(data) / 1024:,.0f} KiB of CSV; built in {build_s:,.1f} s")
    return [result], [f"Learning import: {len(rows):,} catalogue rows against a bulk insert of the same rows."]


def _compare(rows: list[dict[str, str]], data: bytes) -> Result:
    from lksworkforce.learning.services.imports import import_catalogue

    def candidate() -> None:
        outcome = import_catalogue(data=data, filename="catalogue.csv", actor=None, today=date(2026, 4, 1))
        if outcome.created != len(rows):  # a reset that failed would make this an update
            raise RuntimeError(f"The import added {outcome.created} resources, not {len(rows)}")

    result = compare("learning_import", candidate, lambda: bulk_insert(rows), BUDGET, clear_catalogue)
    clear_catalogue()
    return result


def _framework() -> tuple[list[str], list[str]]:
    from benchmarks.skills import framework_spec
    from lksworkforce.skills.services import framework_load

    spec = framework_spec()
    framework_load(spec=spec)
    return [s.number for s in spec.sub_areas], [p.key for p in spec.role_profiles]


def _topics() -> None:
    from lksworkforce.learning.models import Topic

    Topic.objects.bulk_create(Topic(slug=f"bench-topic-{n}", name=f"Benchmark topic {n}") for n in range(TOPICS))


def catalogue_rows(count: int, numbers: list[str], role_keys: list[str]) -> list[dict[str, str]]:
    """Deterministic, valid rows: every kind and band range, two sub-areas (one with a level) and a topic each."""
    rows = []
    for n in range(count):
        band_from, band_to = BANDS[n % len(BANDS)]
        rows.append(
            {
                "title": f"Benchmark resource {n + 1}",
                "description": f"A synthetic resource for the import benchmark, number {n + 1}.",
                "kind": KINDS[n % len(KINDS)],
                "provider": f"Benchmark provider {n % 37}",
                "url": f"https://learning.example.invalid/resources/{n + 1}",
                "length_minutes": str(15 + n % 240),
                "cost": "paid" if n % 5 == 0 else "free",
                "band_from": band_from,
                "band_to": band_to,
                "roles": role_keys[n % len(role_keys)] if n % 3 == 0 else "",
                "sub_areas": f"{numbers[n % len(numbers)]}:{1 + n % 4}; {numbers[(n * 7 + 3) % len(numbers)]}",
                "topics": f"bench-topic-{n % TOPICS}",
                "licence": "CC BY 4.0" if n % 2 else "",
                "added_on": "2026-01-15",
                "status": "published" if n % 4 else "draft",
            }
        )
    return rows


def as_csv(rows: list[dict[str, str]]) -> bytes:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=HEADER)
    writer.writeheader()
    writer.writerows(rows)
    return text.getvalue().encode()


def bulk_insert(rows: list[dict[str, str]]) -> None:
    """The baseline: the same rows, already typed by hand, bulk inserted with what they teach and their topics."""
    from django.apps import apps
    from django.db import transaction

    from lksworkforce.learning.models import Resource, Teaches, Topic, TopicEntry

    with transaction.atomic():
        sub_area_ids = dict(apps.get_model("skills", "SubArea").objects.values_list("number", "id"))
        topic_ids = dict(Topic.objects.values_list("slug", "id"))
        resources = Resource.objects.bulk_create(
            (
                Resource(
                    title=row["title"],
                    description=row["description"],
                    kind=row["kind"],
                    provider=row["provider"],
                    url=row["url"],
                    length_minutes=int(row["length_minutes"]),
                    cost=row["cost"],
                    band_from=row["band_from"],
                    band_to=row["band_to"],
                    roles=[row["roles"]] if row["roles"] else [],
                    licence=row["licence"],
                    added_on=date.fromisoformat(row["added_on"]),
                    status=row["status"],
                )
                for row in rows
            ),
            batch_size=BATCH,
        )
        teaches = []
        for resource, row in zip(resources, rows, strict=True):
            for item in row["sub_areas"].split(";"):
                number, _, level = item.strip().partition(":")
                teaches.append(
                    Teaches(resource=resource, sub_area_id=sub_area_ids[number], level=int(level) if level else None)
                )
        Teaches.objects.bulk_create(teaches, batch_size=BATCH)
        TopicEntry.objects.bulk_create(
            (TopicEntry(resource=r, topic_id=topic_ids[row["topics"]]) for r, row in zip(resources, rows, strict=True)),
            batch_size=BATCH,
        )


def clear_catalogue() -> None:
    from django.db import transaction

    from lksworkforce.core.models import AuditEvent
    from lksworkforce.learning.models import Resource, Teaches, TopicEntry

    with transaction.atomic():
        TopicEntry.objects.all().delete()
        Teaches.objects.all().delete()
        Resource.objects.all().delete()
        AuditEvent.objects.filter(action__startswith="learning.").delete()
