"""Optimistic concurrency: every editable record carries `edit_version`, a whole number that each
saved change increases by one. A form or API body sends the version the person saw; the service
claims it with one conditional UPDATE (`filter(pk=..., edit_version=expected).update(...)`), inside
its transaction, so two saves from the same version cannot both win, on PostgreSQL or SQLite.
The loser gets `StaleEdit`, which says what was saved since they opened the page, beside what
they sent, and nothing of theirs is written. See ADR 12."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import F
from django.db.models.expressions import Combinable

VERSION_FIELD = "edit_version"

type Records = models.QuerySet[Any, Any] | models.Manager[Any]  # where the record is looked up

STALE_MESSAGE = (
    "{what} was changed by someone else, or in another tab or window, since you opened this page. "
    "Nothing you sent was saved. Check the saved values below, then make your change again."
)


def version_field() -> "models.PositiveIntegerField[float | int | str | Combinable, int]":
    """The model field: 1 when the record is created, one more for each saved change."""
    return models.PositiveIntegerField(
        default=1,
        db_default=1,  # rows written in bulk by SQL (the demo seed) start at 1 too
        help_text="Increased by every saved change; a save from an older version is refused",
    )


@dataclass(frozen=True)
class Change:
    """One value that differs: what the person sent, and what is saved now."""

    label: str
    yours: str
    saved: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.label, "yours": self.yours, "saved": self.saved}


class StaleEdit(Exception):  # noqa: N818 - a refusal people read, like core.problems.Rejected
    """A save from a version that is no longer the saved one. Nothing was written."""

    def __init__(self, what: str, changes: Sequence[Change] = ()) -> None:
        super().__init__(STALE_MESSAGE.format(what=what))
        self.what = what
        self.changes = list(changes)


class MissingVersionError(ValueError):
    """A write without the version it was based on: refused rather than allowed to overwrite."""

    MESSAGE = (
        "The form you sent did not say which version of the record you were changing, so nothing was "
        "saved. Reload the page and make your change again."
    )

    def __init__(self) -> None:
        super().__init__(self.MESSAGE)


def expected(version: int | None) -> int:
    """A service's check of the version it was given: present, and a whole number from 0."""
    if version is None or isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise MissingVersionError
    return version


def claim_version(queryset: Records, *, pk: object, version: int, **values: Any) -> bool:
    """Write `values` and the next version if, and only if, the record is still at `version`.
    One conditional UPDATE: on PostgreSQL it waits for a concurrent writer of the row and then
    sees its version; SQLite has one writer at a time. False means someone else saved first."""
    return bool(
        queryset.filter(pk=pk, **{VERSION_FIELD: version}).update(**{VERSION_FIELD: F(VERSION_FIELD) + 1}, **values)
    )


def claim_deletion(queryset: Records, *, pk: object, version: int) -> bool:
    """Delete the record if, and only if, it is still at `version`."""
    deleted, _by_model = queryset.filter(pk=pk, **{VERSION_FIELD: version}).delete()
    return bool(deleted)


def differences(
    labels: Mapping[str, str], yours: Mapping[str, Any], saved: Mapping[str, Any], *, every: bool = False
) -> list[Change]:
    """What was sent beside what is saved, in the order of `labels`: the fields whose values
    differ, or (`every`) every field, with "(not changed by you)" where nothing was sent."""
    rows = []
    for key, label in labels.items():
        sent = display_value(yours[key]) if key in yours else NOT_SENT
        now = display_value(saved.get(key))
        if every or (key in yours and sent != now):
            rows.append(Change(label, sent, now))
    return rows


NOT_SENT = "(not changed by you)"


def display_value(value: Any) -> str:
    """A value as a person reads it in a list of differences."""
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (list, tuple)):
        return ", ".join(display_value(v) for v in value) or "(none)"
    return str(value).strip() or "(blank)"
