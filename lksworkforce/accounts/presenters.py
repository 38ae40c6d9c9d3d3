"""How people appear in tables and exports."""

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from lksworkforce.accounts.models import User
from lksworkforce.accounts.people import QualificationKind, is_qualified

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
