"""What the queue's tests make: resources, sheets and suggestions."""

import datetime as dt

from lksworkforce.learning.models import Resource, ResourceSheet
from lksworkforce.learning.vocabulary import ResourceKind, ResourceStatus, SheetKind


def resource(
    title: str,
    url: str = "https://learning.example.invalid/page",
    *,
    status: ResourceStatus = ResourceStatus.PUBLISHED,
    review_due_on: dt.date | None = None,
) -> Resource:
    return Resource.objects.create(
        title=title,
        url=url,
        kind=ResourceKind.E_LEARNING,
        added_on=dt.date(2026, 1, 5),
        review_due_on=review_due_on,
        status=status,
    )


def sheet(kind: SheetKind = SheetKind.CPD) -> ResourceSheet:
    found, _ = ResourceSheet.objects.get_or_create(kind=kind, defaults={"title": kind.label})
    return found
