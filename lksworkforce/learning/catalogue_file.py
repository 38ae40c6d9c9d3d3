"""The catalogue file (docs/formats/learning-catalogue.md): its columns, each row read into a typed
`ResourceSpec` with every problem collected, and a resource written back as the same cells, so that
an export re-imports unchanged.

Pure: the standard library, core.tabular and the learning vocabulary; no Django. What the database
knows (the ids, the framework's sub-areas and role profiles, the topics) arrives as `Known`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lksworkforce.accounts.people import AFC_BANDS, normalise_band
from lksworkforce.core.tabular import ErrorCollector, SourceRow, TableSpec, check_length
from lksworkforce.learning.vocabulary import Cost, ResourceKind, ResourceStatus

# The resource's own stored fields, in the file's order (what the import writes and the export reads).
RESOURCE_FIELDS = (
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
    "licence",
    "added_on",
    "review_due_on",
    "status",
)
_BEFORE_LINKS = RESOURCE_FIELDS.index("licence")  # what it teaches and its topics come after its roles
COLUMNS = (
    "id",
    *RESOURCE_FIELDS[:_BEFORE_LINKS],
    "sub_areas",
    "topics",
    *RESOURCE_FIELDS[_BEFORE_LINKS:],
    "edit_version",
)
REQUIRED = ("title", "kind", "url")
CATALOGUE_SPEC = TableSpec(required=REQUIRED, optional=tuple(c for c in COLUMNS if c not in REQUIRED))
NUMBER_COLUMNS = frozenset({"id", "length_minutes", "edit_version"})  # numbers in an XLSX export

# What the database columns hold (learning.models.catalogue.Resource).
LIMITS = {"title": 300, "provider": 200, "url": 500, "format": 120, "cost_note": 200, "licence": 120}
DESCRIPTION_LIMIT = 20_000
MAX_LENGTH_MINUTES = 100_000  # about 70 days: anything longer is a typing slip
MAX_ID = 2_147_483_647
MAX_DIGITS = 12
LIST_SEPARATOR = ";"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


@dataclass(frozen=True, slots=True)
class Known:
    """What the rows are checked against: the resources that exist (id -> edit_version), the current
    skills framework's sub-area numbers, its rating scale's top level and role profile keys (None
    when no framework is current), and the topics' slugs."""

    resource_versions: Mapping[int, int]
    sub_area_numbers: frozenset[str] | None
    top_level: int
    role_keys: frozenset[str] | None
    topic_slugs: frozenset[str]
    today: datetime.date


@dataclass(frozen=True, slots=True)
class ResourceSpec:
    """One valid row: a resource to create (`id` None) or to update."""

    row: int
    id: int | None
    title: str
    description: str
    kind: ResourceKind
    provider: str
    url: str
    format: str
    length_minutes: int | None
    cost: Cost
    cost_note: str
    band_from: str
    band_to: str
    roles: tuple[str, ...]
    teaches: tuple[tuple[str, int | None], ...]  # (sub-area number, level)
    topics: tuple[str, ...]
    licence: str
    added_on: datetime.date
    review_due_on: datetime.date | None
    status: ResourceStatus
    edit_version: int | None = field(default=None, compare=False)

    def same_content(self, other: ResourceSpec) -> bool:
        """The same resource as written, whatever the row, id and version: an unchanged update."""
        return _content(self) == _content(other)


def _content(spec: ResourceSpec) -> tuple[object, ...]:
    return (
        spec.title,
        spec.description,
        spec.kind,
        spec.provider,
        spec.url,
        spec.format,
        spec.length_minutes,
        spec.cost,
        spec.cost_note,
        spec.band_from,
        spec.band_to,
        spec.roles,
        tuple(sorted(spec.teaches)),
        tuple(sorted(spec.topics)),
        spec.licence,
        spec.added_on,
        spec.review_due_on,
        spec.status,
    )


# Reading ---------------------------------------------------------------------------------------


def unescape_cell(value: str) -> str:
    """An exported cell that a spreadsheet would run as a formula was written with an apostrophe
    first (core.exports.escape_cell); reading it back takes that apostrophe off again."""
    if value.startswith("'") and value.lstrip("'").startswith(_FORMULA_STARTS):
        return value[1:]
    return value


def _keep_apostrophes(value: str) -> str:
    """A value that itself starts with apostrophes before a formula character gets one more, which
    `unescape_cell` takes off, so that it reads back as written."""
    if value.startswith("'") and value.lstrip("'").startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def parse_rows(rows: Iterable[SourceRow], known: Known) -> list[ResourceSpec]:
    """Every row as a ResourceSpec, or Rejected with every problem in every row."""
    errors = ErrorCollector()
    specs: list[ResourceSpec] = []
    first_row_of_id: dict[int, int] = {}
    for source in rows:
        spec = _parse_row(source.number, {k: unescape_cell(v) for k, v in source.values.items()}, known, errors)
        if spec is None:
            continue
        if spec.id is not None:
            if spec.id in first_row_of_id:
                reason = f"The id {spec.id} is already on row {first_row_of_id[spec.id]}: a resource appears once"
                errors.add(spec.row, "id", str(spec.id), reason)
                continue
            first_row_of_id[spec.id] = spec.row
        specs.append(spec)
    errors.raise_if_any()
    return specs


def _parse_row(n: int, v: Mapping[str, str], known: Known, errors: ErrorCollector) -> ResourceSpec | None:
    before = len(errors)
    resource_id, version = _parse_id(n, v, known, errors)
    for column, label in (("title", "A title"), ("url", "A web address")):
        if not v[column]:
            errors.add(n, column, "", f"{label} is required")
    for column, limit in LIMITS.items():
        check_length(errors, n, column, v[column], limit)
    check_length(errors, n, "description", v["description"], DESCRIPTION_LIMIT)
    if v["url"] and len(v["url"]) <= LIMITS["url"] and (problem := url_problem(v["url"])):
        errors.add(n, "url", v["url"], problem)
    kind = _choice(n, "kind", v["kind"], ResourceKind, errors, required=True)
    cost = _choice(n, "cost", v["cost"], Cost, errors) or Cost.FREE
    status = _choice(n, "status", v["status"], ResourceStatus, errors) or ResourceStatus.DRAFT
    length = _whole_number(n, "length_minutes", v["length_minutes"], MAX_LENGTH_MINUTES, errors)
    band_from, band_to = _band(n, "band_from", v, errors), _band(n, "band_to", v, errors)
    if band_from and band_to and AFC_BANDS.index(band_from) > AFC_BANDS.index(band_to):
        errors.add(
            n, "band_to", v["band_to"], f"The band range must run upwards: band_to is below band_from {band_from}"
        )
    roles = _roles(n, v["roles"], known, errors)
    teaches = _teaches(n, v["sub_areas"], known, errors)
    topics = _topics(n, v["topics"], known, errors)
    added_on = _date(n, "added_on", v["added_on"], errors) or known.today
    review_due_on = _date(n, "review_due_on", v["review_due_on"], errors)
    if review_due_on is not None and review_due_on < added_on:
        errors.add(n, "review_due_on", v["review_due_on"], "The review date must not be before the date added")
    if len(errors) > before or kind is None:
        return None
    return ResourceSpec(
        row=n,
        id=resource_id,
        title=v["title"],
        description=v["description"],
        kind=kind,
        provider=v["provider"],
        url=v["url"],
        format=v["format"],
        length_minutes=length,
        cost=cost,
        cost_note=v["cost_note"],
        band_from=band_from or "",
        band_to=band_to or "",
        roles=roles,
        teaches=teaches,
        topics=topics,
        licence=v["licence"],
        added_on=added_on,
        review_due_on=review_due_on,
        status=status,
        edit_version=version,
    )


def _parse_id(n: int, v: Mapping[str, str], known: Known, errors: ErrorCollector) -> tuple[int | None, int | None]:
    resource_id = _whole_number(n, "id", v["id"], MAX_ID, errors)
    version = _whole_number(n, "edit_version", v["edit_version"], MAX_ID, errors)
    if resource_id is None:
        return None, None
    saved = known.resource_versions.get(resource_id)
    if saved is None:
        reason = "No resource has this id. Leave the id blank to add a new resource"
        errors.add(n, "id", v["id"], reason)
    elif version is not None and version != saved:
        reason = (
            f"The resource has changed since this file was exported (it was at version {version}, "
            f"it is now at {saved}). Export the catalogue again and make your change there"
        )
        errors.add(n, "edit_version", v["edit_version"], reason)
    return resource_id, version


def url_problem(url: str) -> str | None:
    """Why a web address cannot be used, or None: http or https, a host, no spaces."""
    try:
        parts = urlsplit(url) if url.isprintable() and " " not in url else None
        host = parts.hostname if parts else None
    except ValueError:  # e.g. an unclosed [ of an IPv6 address
        parts = host = None
    if parts is None or parts.scheme.lower() not in {"http", "https"} or not host:
        return "Not a web address: it must start with https:// (or http://) and name a website"
    return None


def _choice[E: (ResourceKind, Cost, ResourceStatus)](
    n: int, column: str, raw: str, vocabulary: type[E], errors: ErrorCollector, *, required: bool = False
) -> E | None:
    if not raw:
        if required:
            errors.add(n, column, "", f"A {column} is required. Use one of: " + ", ".join(vocabulary))
        return None
    wanted = raw.strip().lower()
    for member in vocabulary:
        if wanted in {member.value, member.label.lower()}:
            return member
    errors.add(n, column, raw, f"Unknown {column}. Use one of: " + ", ".join(vocabulary))
    return None


def _whole_number(n: int, column: str, raw: str, maximum: int, errors: ErrorCollector) -> int | None:
    if not raw:
        return None
    # ASCII digits only: "²".isdigit() is true, but int("²") fails.
    if not is_whole_number(raw) or not 1 <= int(raw) <= maximum:
        errors.add(n, column, raw, f"Must be a whole number from 1 to {maximum:,}")
        return None
    return int(raw)


def is_whole_number(raw: str) -> bool:
    """ASCII digits, and few enough that int() takes them (a 5,000-digit cell is not an id)."""
    return raw.isascii() and raw.isdigit() and len(raw) <= MAX_DIGITS


def _band(n: int, column: str, v: Mapping[str, str], errors: ErrorCollector) -> str | None:
    if not v[column]:
        return None
    band = normalise_band(v[column])
    if band is None:
        errors.add(n, column, v[column], "Not an Agenda for Change band. Use 1 to 7, 8a to 8d, or 9")
    return band


def split_list(raw: str) -> list[str]:
    return [item.strip() for item in raw.split(LIST_SEPARATOR) if item.strip()]


def _roles(n: int, raw: str, known: Known, errors: ErrorCollector) -> tuple[str, ...]:
    keys = split_list(raw)
    if keys and known.role_keys is None:
        errors.add(n, "roles", raw, "No skills framework is current, so no role profile can be named")
        return ()
    unknown = [key for key in keys if key not in (known.role_keys or ())]
    if unknown:
        listed = ", ".join(sorted(known.role_keys or ()))
        errors.add(
            n, "roles", "; ".join(unknown), f"Unknown role profile. Use the keys of the current framework: {listed}"
        )
    if len(set(keys)) != len(keys):
        errors.add(n, "roles", raw, "A role profile is named twice")
    return tuple(keys)


def _teaches(n: int, raw: str, known: Known, errors: ErrorCollector) -> tuple[tuple[str, int | None], ...]:
    items = split_list(raw)
    if items and known.sub_area_numbers is None:
        errors.add(n, "sub_areas", raw, "No skills framework is current, so no sub-area can be named")
        return ()
    teaches: list[tuple[str, int | None]] = []
    for item in items:
        number, has_level, level_text = (part.strip() for part in item.partition(":"))
        if number not in (known.sub_area_numbers or ()):
            errors.add(n, "sub_areas", item, "Not a sub-area of the current skills framework, e.g. 3.8 or 3.8:2")
            continue
        level = None
        if has_level:
            if not is_whole_number(level_text) or not 1 <= int(level_text) <= known.top_level:
                reason = f"The level after the colon must be a whole number from 1 to {known.top_level}, e.g. 3.8:2"
                errors.add(n, "sub_areas", item, reason)
                continue
            level = int(level_text)
        if any(seen == number for seen, _level in teaches):
            errors.add(n, "sub_areas", item, f"Sub-area {number} is named twice")
            continue
        teaches.append((number, level))
    return tuple(teaches)


def _topics(n: int, raw: str, known: Known, errors: ErrorCollector) -> tuple[str, ...]:
    slugs = split_list(raw)
    for slug in slugs:
        if not _SLUG.match(slug) or slug not in known.topic_slugs:
            errors.add(n, "topics", slug, "No topic has this slug. Add the topic first, or use an existing one")
    if len(set(slugs)) != len(slugs):
        errors.add(n, "topics", raw, "A topic is named twice")
    return tuple(slugs)


def _date(n: int, column: str, raw: str, errors: ErrorCollector) -> datetime.date | None:
    if not raw:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        try:
            return datetime.date.fromisoformat(raw)
        except ValueError:
            pass
    errors.add(n, column, raw, "Not a date. Write it as YYYY-MM-DD, e.g. 2026-03-31")
    return None


# Writing ---------------------------------------------------------------------------------------


def teaches_cell(teaches: Iterable[tuple[str, int | None]]) -> str:
    return "; ".join(number if level is None else f"{number}:{level}" for number, level in teaches)


def list_cell(items: Iterable[str]) -> str:
    return "; ".join(items)


def export_row(spec: ResourceSpec) -> dict[str, str | int | None]:
    """A resource as the file's cells: what `parse_rows` reads back into the same spec."""
    cells: dict[str, str | int | None] = {
        "id": spec.id,
        "title": spec.title,
        "description": spec.description,
        "kind": spec.kind.value,
        "provider": spec.provider,
        "url": spec.url,
        "format": spec.format,
        "length_minutes": spec.length_minutes,
        "cost": spec.cost.value,
        "cost_note": spec.cost_note,
        "band_from": spec.band_from,
        "band_to": spec.band_to,
        "roles": list_cell(spec.roles),
        "sub_areas": teaches_cell(spec.teaches),
        "topics": list_cell(spec.topics),
        "licence": spec.licence,
        "added_on": spec.added_on.isoformat(),
        "review_due_on": spec.review_due_on.isoformat() if spec.review_due_on else "",
        "status": spec.status.value,
        "edit_version": spec.edit_version,
    }
    return {name: _keep_apostrophes(value) if isinstance(value, str) else value for name, value in cells.items()}
