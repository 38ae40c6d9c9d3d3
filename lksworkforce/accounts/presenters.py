"""How people appear in tables and exports."""

from collections.abc import Iterable
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from lksworkforce.accounts.models import User
from lksworkforce.accounts.people import QualificationKind, is_qualified
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


def field_label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def display_value(value: Any) -> str:
    if value is None or value == "":
        return "Not recorded"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(display_value(v) for v in value) if value else "None"
    if isinstance(value, dict):
        return "; ".join(f"{field_label(str(k))}: {display_value(v)}" for k, v in value.items()) or "None"
    return str(value)


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
        elif section.records:
            shown["table"] = _table(section.records)
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
