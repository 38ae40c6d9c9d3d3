"""Catalogue files for the exchange tests: a small catalogue of rows in the file's columns, CSV and
XLSX bytes of them, the test skills framework and two topics, and a snapshot of what is stored."""

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

import xlsxwriter
from django.core.management import call_command

from lksworkforce.core.models import AuditEvent
from lksworkforce.learning.models import Resource, Teaches, Topic, TopicEntry
from lksworkforce.skills.models import Framework
from tests.skills.conftest import load_framework

HEADER = [
    "id",
    "title",
    "description",
    "kind",
    "provider",
    "url",
    "format",
    "length_minutes",
    "cost",
    "cost_note",
    "band_from",
    "band_to",
    "roles",
    "sub_areas",
    "topics",
    "licence",
    "added_on",
    "review_due_on",
    "status",
]

# Three new resources; file row = index + 2. Sub-areas and roles are the test framework's (web-skills).
ROWS: list[dict[str, str]] = [
    {
        "title": "Searching the literature well",
        "description": "A self-paced course on building searches in bibliographic databases.",
        "kind": "e_learning",
        "provider": "Synthetic Learning Hub",
        "url": "https://learning.example.invalid/searching",
        "format": "Online, self-paced",
        "length_minutes": "90",
        "cost": "free",
        "band_from": "2",
        "band_to": "4",
        "roles": "clinical-librarian",
        "sub_areas": "1.1:2; 1.2",
        "topics": "literature-searching",
        "licence": "CC BY 4.0",
        "added_on": "2026-01-10",
        "review_due_on": "2027-01-10",
        "status": "published",
    },
    {
        "title": "Appraising a randomised trial",
        "kind": "Webinar",  # the label is read too
        "provider": "Synthetic Appraisal Network",
        "url": "https://learning.example.invalid/appraisal",
        "length_minutes": "45",
        "cost": "paid",
        "cost_note": "£20 for non-members",
        "sub_areas": "1.2:3",
        "topics": "literature-searching; knowledge-mobilisation",
        "added_on": "2026-02-01",
        "status": "published",
    },
    {
        "title": "Capturing what a team knows",
        "kind": "toolkit",
        "url": "https://learning.example.invalid/capture",
        "sub_areas": "3.1",
        "topics": "knowledge-mobilisation",
        "added_on": "2026-03-01",
        "status": "draft",
    },
]


def csv_bytes(rows: Sequence[Mapping[str, str]], header: Sequence[str] = HEADER, *, bom: bool = False) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[row.get(column, "") for column in header] for row in rows])
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode()


def xlsx_bytes(rows: Sequence[Mapping[str, str]], header: Sequence[str] = HEADER) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Catalogue")
    sheet.write_row(0, 0, header)
    for r, row in enumerate(rows, start=1):
        for c, column in enumerate(header):
            value = row.get(column, "")
            if column == "length_minutes" and value.isdigit():
                sheet.write_number(r, c, int(value))
            else:
                sheet.write_string(r, c, value)
    book.close()
    return buffer.getvalue()


def add_topics() -> None:
    Topic.objects.get_or_create(slug="literature-searching", defaults={"name": "Literature searching"})
    Topic.objects.get_or_create(slug="knowledge-mobilisation", defaults={"name": "Knowledge mobilisation"})


def catalogue_ready() -> Framework:
    """The test framework (current) and the two topics the rows name."""
    add_topics()
    return load_framework()


def snapshot() -> tuple[object, ...]:
    """What is stored, to show that a refused file changed nothing."""
    return (
        list(Resource.objects.order_by("pk").values()),
        list(Teaches.objects.order_by("pk").values()),
        list(TopicEntry.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


def write(folder: Path, data: bytes, name: str) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def command(name: str, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(name, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()
