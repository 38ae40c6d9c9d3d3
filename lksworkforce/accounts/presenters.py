"""How people appear in tables and exports."""

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from lksworkforce.accounts.models import User
from lksworkforce.accounts.people import QualificationKind, is_qualified
from lksworkforce.core.formatting import format_date
from lksworkforce.core.pdf import html_to_pdf
from lksworkforce.core.subject_access import PersonalData

PEOPLE_EXPORT_COLUMNS = ("name", "job_title", "band", "organisation", "ods_code", "qualification", "qualified")


def highest_qualification(person: User) -> str:
    held = [QualificationKind(q.kind) for q in person.qualifications.all()]
    order = [
        QualificationKind.FELLOW,
        QualificationKind.CHARTERED,
        QualificationKind.ACCREDITED_DEGREE,
        QualificationKind.STUDYING,
    ]
    for kind in order:
        if kind in held:
            return kind.label
    return "None recorded"


def people_table_rows(people: Iterable[User]) -> list[dict[str, Any]]:
    today = timezone.localdate()
    return [
        {
            "id": p.pk,
            "name": p.full_name,
            "job_title": p.job_title,
            "band": p.band,
            "organisation": p.organisation.name if p.organisation else "",
            "ods_code": p.organisation.ods_code if p.organisation else "",
            "qualification": highest_qualification(p),
            "qualified": is_qualified(((q.kind, q.awarded_on) for q in p.qualifications.all()), today),
        }
        for p in people
    ]


# Subject access: everything held about a person, as the page and the PDF show it ----------------


# Labels the plain rule (underscores to spaces, first letter capital) would get wrong.
FIELD_LABELS = {
    "ods_code": "ODS code",
    "agenda_for_change_band": "Agenda for Change band",
    "wte": "WTE",
    "sub_area": "Sub-area",
    "sub_areas": "Sub-areas",
    "self_assessment_started_on": "Self-assessment started on",
}


def field_label(key: str) -> str:
    return FIELD_LABELS.get(key) or key.replace("_", " ").capitalize()


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _when(text: str) -> str | None:
    """An ISO date or time from the export, as people write it (in the service's time zone)."""
    try:
        if _ISO_DATE.match(text):
            return format_date(date.fromisoformat(text))
        if _ISO_TIME.match(text):
            moment = timezone.localtime(datetime.fromisoformat(text))
            return f"{format_date(moment.date())} at {moment:%H:%M}"
    except ValueError:
        return None
    return None


def display_value(value: Any) -> str:
    if value is None or value == "":
        return "Not recorded"
    if isinstance(value, str):
        return _when(value) or value
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(display_value(v) for v in value) if value else "None"
    if isinstance(value, dict):
        return "; ".join(f"{field_label(str(k))}: {display_value(v)}" for k, v in value.items()) or "None"
    return str(value)


# A section whose records have more fields than this is shown record by record: wider tables do not
# fit a phone or a page of A4.
TABLE_COLUMNS = 6


def _is_table(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _columns(records: list[dict[str, Any]]) -> list[str]:
    columns: list[str] = []
    for record in records:
        columns += [key for key in record if key not in columns]
    return columns


def _table(records: list[dict[str, Any]]) -> dict[str, Any]:
    columns = _columns(records)
    return {
        "headings": [field_label(c) for c in columns],
        "rows": [[display_value(r.get(c)) for c in columns] for r in records],
    }


def personal_data_sections(data: PersonalData) -> list[dict[str, Any]]:
    """Each section as a table, or, when its records hold tables of their own (a self-assessment's
    ratings), as one list of fields per record with its tables below."""
    sections = []
    for key, section in data.sections.items():
        shown: dict[str, Any] = {
            "key": key,
            "title": section.title,
            "note": section.note,
            "count": len(section.records),
        }
        if any(_is_table(v) for r in section.records for v in r.values()):
            shown["records"] = [
                {
                    "fields": [(field_label(k), display_value(v)) for k, v in r.items() if not _is_table(v)],
                    "tables": [(field_label(k), _table(v)) for k, v in r.items() if _is_table(v)],
                }
                for r in section.records
            ]
        elif len(section.records) > 1 and len(_columns(section.records)) <= TABLE_COLUMNS:
            shown["table"] = _table(section.records)
        elif section.records:  # one record, or too many fields for a table: a list of fields each
            shown["records"] = [
                {"fields": [(field_label(k), display_value(v)) for k, v in r.items()], "tables": []}
                for r in section.records
            ]
        sections.append(shown)
    return sections


def personal_data_context(data: PersonalData, *, is_self: bool) -> dict[str, Any]:
    """What the page and the PDF show: one template body for both."""
    return {
        "title": "Your data" if is_self else f"Everything held about {data.name}",
        "is_self": is_self,
        "data": data,
        "sections": personal_data_sections(data),
    }


def personal_data_pdf(data: PersonalData, *, is_self: bool) -> bytes:
    return html_to_pdf(
        render_to_string("accounts/personal_data_pdf.jinja", personal_data_context(data, is_self=is_self))
    )
