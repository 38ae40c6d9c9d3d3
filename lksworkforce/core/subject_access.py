"""Subject access and erasure across apps: each app says what it holds about a person.

Every installed app may have a `personal_data` module (found with Django's `autodiscover_modules`)
with:

- `COVERS`: the models of that app (or of the libraries it uses) that hold a link to a person;
  `tests/accounts/test_personal_data_coverage.py` fails when a model with a foreign key to the user
  model is covered by no app, so that a model added later cannot be forgotten;
- `owned_records(person)` (optional): the records that are *about* the person (their
  self-assessments, their roles), as `(model label, primary key)` pairs, so that the audit trail
  about those records is exported and erased with them;
- `export(subject) -> dict[str, Section]`: everything it holds about the person, as sections;
- `erase(subject) -> list[Erased]`: remove or unlink it, inside the caller's transaction;
- `EXPORT_ORDER` (optional, default 50): where its sections come in the export (the account first,
  the audit trail last).

`accounts.selectors.personal_data` and `accounts.services.person_erase` gather the parts; nothing
here or there names an app. Parts run in INSTALLED_APPS order; the account itself is removed last,
by the service, after every part has done its work.
"""

import datetime
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import ModuleType
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.module_loading import autodiscover_modules

MODULE_NAME = "personal_data"

type Record = dict[str, Any]


@dataclass(frozen=True)
class Section:
    """One kind of record held about a person (their qualifications, their self-assessments...).
    `records` are plain dicts of JSON-safe values; a value that is a list of dicts is a nested table."""

    title: str
    records: list[Record]
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"title": self.title, "note": self.note, "records": self.records}


@dataclass(frozen=True)
class Erased:
    """What an erasure did to one kind of record: `how` is "removed", "unlinked" or "anonymised"."""

    what: str
    count: int
    how: str = "removed"

    def __str__(self) -> str:
        return f"{self.what}: {self.count} {self.how}"


@dataclass(frozen=True)
class Subject:
    """The person whose data is asked for, with every record that is about them (from every app)."""

    person: Any
    owned: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    def owned_ids(self, model: type[models.Model]) -> list[str]:
        label = model._meta.label_lower
        return sorted(pk for owned_label, pk in self.owned if owned_label == label)


@dataclass(frozen=True)
class Part:
    """One app's contribution, read from its `personal_data` module."""

    app_label: str
    export_order: int
    covers: tuple[type[models.Model], ...]
    owned_records: Callable[[Any], Iterable[tuple[str, str]]]
    export: Callable[[Subject], Mapping[str, Section]]
    erase: Callable[[Subject], list[Erased]]


def _nothing_owned(_person: Any) -> Iterable[tuple[str, str]]:
    return ()


def _part_of(app_label: str, module: ModuleType) -> Part:
    return Part(
        app_label=app_label,
        export_order=getattr(module, "EXPORT_ORDER", 50),
        covers=tuple(getattr(module, "COVERS", ())),
        owned_records=getattr(module, "owned_records", _nothing_owned),
        export=module.export,
        erase=module.erase,
    )


def parts() -> list[Part]:
    """Every app's part, in INSTALLED_APPS order."""
    autodiscover_modules(MODULE_NAME)
    found = []
    for config in apps.get_app_configs():
        module = sys.modules.get(f"{config.name}.{MODULE_NAME}")
        if module is not None:
            found.append(_part_of(config.label, module))
    return found


def subject_for(person: Any, found: list[Part] | None = None) -> Subject:
    owned = {(person._meta.label_lower, str(person.pk))}
    for part in found if found is not None else parts():
        owned.update((label, str(pk)) for label, pk in part.owned_records(person))
    return Subject(person=person, owned=frozenset(owned))


def person_links() -> Iterator[tuple[type[models.Model], models.Field[Any, Any]]]:
    """Every (model, field) in the project with a foreign key or one-to-one to the user model,
    including the tables Django makes for many-to-many fields."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for model in apps.get_models(include_auto_created=True):
        for model_field in model._meta.get_fields():
            if (
                (model_field.many_to_one or model_field.one_to_one)
                and model_field.concrete
                and model_field.related_model is user_model
            ):
                yield model, model_field


def json_value(value: Any) -> Any:
    """A value as it appears in the export: dates as ISO text, decimals as text, None kept."""
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    return value


EXPORT_FORMAT = "lksw-personal-data/1"


@dataclass(frozen=True)
class PersonalData:
    """Everything held about one person, from every app, in INSTALLED_APPS order."""

    name: str
    email: str
    generated_at: datetime.datetime
    sections: dict[str, Section]

    def as_json(self) -> dict[str, Any]:
        return {
            "format": EXPORT_FORMAT,
            "generated_at": self.generated_at.isoformat(),
            "person": {"name": self.name, "email": self.email},
            "sections": {key: section.as_json() for key, section in self.sections.items()},
        }


def gather(person: Any, *, now: datetime.datetime) -> PersonalData:
    found = parts()
    subject = subject_for(person, found)
    sections: dict[str, Section] = {}
    for part in sorted(found, key=lambda p: p.export_order):
        for key, section in part.export(subject).items():
            if key in sections:
                raise ValueError(f"Two apps export a section called {key!r}")
            sections[key] = section
    return PersonalData(name=person.full_name, email=person.email, generated_at=now, sections=sections)


def uncovered_links(found: list[Part] | None = None) -> list[str]:
    """Models with a link to a person that no app's `personal_data` module covers, as
    "app.Model (field)": each would be missed by subject access and erasure."""
    covered = {model for part in (found if found is not None else parts()) for model in part.covers}
    return sorted(f"{model._meta.label} ({link.name})" for model, link in person_links() if model not in covered)
