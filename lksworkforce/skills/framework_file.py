"""Skills framework files (YAML, docs/formats/skills-framework.md): read into a checked
`FrameworkSpec`, or rejected whole with every problem; and written back. Pure: PyYAML (safe
loading) and the standard library only, no Django."""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.yaml_files import lined_values, read_yaml
from lksworkforce.skills.levels import SUB_AREA_NUMBER, area_of, sub_area_sort_key

FORMAT = "lks-skills-framework/1"
KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TOP_LEVEL = {
    "format",
    "key",
    "name",
    "version",
    "description",
    "previous",
    "current",
    "scale",
    "areas",
    "sub_areas",
    "role_profiles",
}
REQUIRED = ("key", "name", "version", "scale", "areas", "sub_areas")
LONGEST_NAME = 200
HIGHEST_LEVEL = 10
MAX_FRAMEWORK_BYTES = 1024 * 1024
NOT_LOADED = "The framework was not loaded"


def _rejected(problems: list[Problem]) -> Rejected:
    return Rejected(problems, subject=NOT_LOADED)


@dataclass(frozen=True)
class LevelSpec:
    value: int
    label: str
    description: str = ""


@dataclass(frozen=True)
class AreaSpec:
    number: int
    name: str
    description: str = ""


@dataclass(frozen=True)
class SubAreaSpec:
    number: str
    name: str
    description: str = ""
    maps_to: tuple[str, ...] = ()

    @property
    def area(self) -> int:
        area = area_of(self.number)
        assert area is not None  # checked when read
        return area


@dataclass(frozen=True)
class RoleProfileSpec:
    key: str
    name: str
    description: str = ""
    expects: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class FrameworkSpec:
    key: str
    name: str
    version: str
    scale: tuple[LevelSpec, ...]
    areas: tuple[AreaSpec, ...]
    sub_areas: tuple[SubAreaSpec, ...]
    description: str = ""
    previous: str | None = None
    current: bool = False
    role_profiles: tuple[RoleProfileSpec, ...] = field(default=())


# Keys of each kind of entry, and the longest text each field may hold (its database column).
ENTRY_KEYS = {
    "scale": {"level", "label", "description"},
    "areas": {"number", "name", "description"},
    "sub_areas": {"number", "name", "description", "maps_to"},
    "role_profiles": {"key", "name", "description", "expects"},
}
LONGEST = {"key": 60, "version": 40, "name": 200, "label": 80, "level description": 300, "role name": 120}
UNQUOTED_NUMBER = 'Put the sub-area number in quotes, like "6.10": unquoted, YAML reads 6.10 as the number 6.1'

type PreviousNumbers = Callable[[str], set[str] | None]


def parse_framework(data: bytes | str, previous_numbers: PreviousNumbers | None = None) -> FrameworkSpec:
    """Read and check a framework file; raise Rejected with every problem found.

    `previous_numbers(key)` gives the sub-area numbers of an already-loaded framework (None if there
    is none), so that a mapping to a missing sub-area is listed with the file's other problems."""
    try:
        document, problems = lined_values(read_yaml(data, what="A framework file", max_bytes=MAX_FRAMEWORK_BYTES))
    except Rejected as rejected:
        raise _rejected(rejected.problems) from None
    if not isinstance(document, dict):
        raise _rejected([Problem(reason="The file is empty or is not a framework definition")])
    checker = _Checker(problems, previous_numbers)
    spec = checker.framework(document)
    if checker.problems or spec is None:
        raise _rejected(sorted(checker.problems, key=lambda p: (p.line or 0, p.field or "file")))
    return spec


def _is_whole_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class _Checker:
    def __init__(self, problems: list[Problem], previous_numbers: PreviousNumbers | None) -> None:
        self.problems = list(problems)
        self.previous_numbers = previous_numbers

    def add(self, entry: Any, where: str, reason: str) -> None:
        """A problem in `entry` (its line), at `where` ("file" for the framework as a whole)."""
        field = None if where == "file" else where
        self.problems.append(Problem(line=getattr(entry, "line", None), field=field, reason=reason))

    def text(self, entry: Mapping[str, Any], name: str, where: str, *, required: bool = True, longest: int = 0) -> str:
        value = entry.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(entry, where, f"'{name}' is missing")
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.add(entry, where, f"'{name}' must be text")
            return ""
        value = str(value).strip()
        longest = longest or (LONGEST["name"] if name == "name" else 0)
        if longest and len(value) > longest:
            self.add(entry, where, f"The {name} is longer than {longest} characters")
        return value

    def number(self, value: Any, entry: Any, where: str) -> str | None:
        """A sub-area number written as text ("6.3"); None (with a problem) otherwise."""
        if isinstance(value, float):
            self.add(entry, where, UNQUOTED_NUMBER)
            return None
        number = str(value if value is not None else "").strip()
        if not isinstance(value, str) or not SUB_AREA_NUMBER.match(number):
            self.add(entry, where, f"'number' must be an area and a sub-area number, e.g. 6.3 (not '{number}')")
            return None
        return number

    def entries(self, document: Mapping[str, Any], name: str, *, required: bool = True) -> list[Any]:
        value = document.get(name)
        if value is None:
            if required:
                self.add(document, "file", f"'{name}' is missing")
            return []
        if not isinstance(value, list):
            self.add(document, name, "This must be a list")
            return []
        mappings = [e for e in value if isinstance(e, dict)]
        if len(mappings) != len(value):
            self.add(document, name, "Every entry must be a set of keys and values")
        for entry in mappings:
            for unknown in sorted(set(map(str, entry)) - ENTRY_KEYS[name]):
                self.add(
                    entry,
                    f"{name} entry",
                    f"Unknown key '{unknown}'; the keys are {', '.join(sorted(ENTRY_KEYS[name]))}",
                )
        return mappings

    def framework(self, document: Mapping[str, Any]) -> FrameworkSpec | None:
        for unknown in sorted(set(map(str, document)) - TOP_LEVEL):
            self.add(document, f"'{unknown}'", f"Unknown key; the keys are {', '.join(sorted(TOP_LEVEL))}")
        if document.get("format", FORMAT) != FORMAT:
            self.add(document, "format", f"Unknown format; this reads {FORMAT}")
        key = self.text(document, "key", "file", longest=LONGEST["key"])
        if key and not KEY.match(key):
            self.add(document, "key", "The key must be lower-case letters, digits and hyphens, e.g. lks-skills-2021")
        name = self.text(document, "name", "file")
        version = self.text(document, "version", "file", longest=LONGEST["version"])
        previous = self.text(document, "previous", "file", required=False) or None
        current = document.get("current", False)
        if not isinstance(current, bool):
            self.add(document, "current", "'current' must be true or false")
        scale = self.scale(document)
        areas = self.areas(document)
        sub_areas = self.sub_areas(document, {a.number for a in areas}, previous)
        profiles = self.role_profiles(document, {s.number for s in sub_areas}, {lv.value for lv in scale})
        if self.problems:
            return None
        return FrameworkSpec(
            key=key,
            name=name,
            version=version,
            description=self.text(document, "description", "file", required=False),
            previous=previous,
            current=bool(current),
            scale=tuple(sorted(scale, key=lambda lv: lv.value)),
            areas=tuple(sorted(areas, key=lambda a: a.number)),
            sub_areas=tuple(sorted(sub_areas, key=lambda s: sub_area_sort_key(s.number))),
            role_profiles=profiles,
        )

    def scale(self, document: Mapping[str, Any]) -> list[LevelSpec]:
        entries = self.entries(document, "scale")
        if not entries and "scale" in document:
            self.add(document, "scale", "The scale has no levels: give at least two, e.g. 0 and 4")
        levels: dict[int, LevelSpec] = {}
        for entry in entries:
            value = entry.get("level")
            if not _is_whole_number(value) or not 0 <= value <= HIGHEST_LEVEL:
                self.add(entry, "scale", f"'level' must be a whole number from 0 to {HIGHEST_LEVEL}")
                continue
            where = f"scale level {value}"
            if value in levels:
                self.add(entry, where, "This level appears twice")
            levels[value] = LevelSpec(
                value,
                self.text(entry, "label", where, longest=LONGEST["label"]),
                self.text(entry, "description", where, required=False, longest=LONGEST["level description"]),
            )
        if len(levels) == 1:
            self.add(document, "scale", "The scale needs at least two levels")
        return list(levels.values())

    def areas(self, document: Mapping[str, Any]) -> list[AreaSpec]:
        areas: dict[int, AreaSpec] = {}
        entries = self.entries(document, "areas")
        if not entries and isinstance(document.get("areas"), list):
            self.add(document, "areas", "The framework has no areas: give at least one")
        for entry in entries:
            number = entry.get("number")
            if not _is_whole_number(number) or number < 1:
                self.add(entry, "areas", "'number' must be a whole number from 1")
                continue
            where = f"area {number}"
            if number in areas:
                self.add(entry, where, "This area number appears twice")
            areas[number] = AreaSpec(
                number, self.text(entry, "name", where), self.text(entry, "description", where, required=False)
            )
        return list(areas.values())

    def sub_areas(self, document: Mapping[str, Any], areas: set[int], previous: str | None) -> list[SubAreaSpec]:
        found: dict[str, SubAreaSpec] = {}
        entries = self.entries(document, "sub_areas")
        if not entries and isinstance(document.get("sub_areas"), list):
            self.add(document, "sub_areas", "The framework has no sub-areas: give at least one")
        earlier = self.previous_numbers(previous) if previous and self.previous_numbers else None
        if previous and self.previous_numbers and earlier is None:
            self.add(document, "previous", f"There is no framework '{previous}': load it first")
        for entry in entries:
            number = self.number(entry.get("number"), entry, "sub_areas")
            if number is None:
                continue
            where = f"sub-area {number}"
            if number in found:
                self.add(entry, where, "This sub-area number appears twice")
            if area_of(number) not in areas:
                self.add(entry, where, f"This sub-area has no area: there is no area {area_of(number)}")
            raw_maps = entry.get("maps_to") or []
            if not isinstance(raw_maps, list):
                self.add(entry, where, "'maps_to' must be a list of sub-area numbers of the previous version")
                raw_maps = []
            maps_to = [m for m in (self.number(m, entry, where) for m in raw_maps) if m is not None]
            if maps_to and previous is None:
                self.add(entry, where, "'maps_to' needs 'previous': the key of the version it maps to")
            for missing in [m for m in maps_to if earlier is not None and m not in earlier]:
                self.add(entry, where, f"It maps to {missing}, which is not in {previous}")
            found[number] = SubAreaSpec(
                number,
                self.text(entry, "name", where),
                self.text(entry, "description", where, required=False),
                tuple(maps_to),
            )
        return list(found.values())

    def role_profiles(
        self, document: Mapping[str, Any], numbers: set[str], levels: set[int]
    ) -> tuple[RoleProfileSpec, ...]:
        profiles: dict[str, RoleProfileSpec] = {}
        for entry in self.entries(document, "role_profiles", required=False):
            key = self.text(entry, "key", "role_profiles", longest=LONGEST["key"])
            where = f"role profile {key or '(no key)'}"
            if key and not KEY.match(key):
                self.add(entry, where, "The key must be lower-case letters, digits and hyphens")
            if key in profiles:
                self.add(entry, where, "This role profile key appears twice")
            expects = entry.get("expects") or {}
            if not isinstance(expects, dict):
                self.add(entry, where, "'expects' must map sub-area numbers to levels")
                expects = {}
            expected: list[tuple[str, int]] = []
            for raw_number, level in expects.items():
                number = self.number(raw_number, entry, where)
                if number is None:
                    continue
                if number not in numbers:
                    self.add(entry, where, f"It expects a level in sub-area {number}, which is not in the framework")
                if not _is_whole_number(level) or level not in levels:
                    self.add(entry, where, f"The level expected in {number} ({level}) is not on the scale")
                    continue
                expected.append((number, level))
            profiles[key] = RoleProfileSpec(
                key,
                self.text(entry, "name", where, longest=LONGEST["role name"]),
                self.text(entry, "description", where, required=False),
                tuple(sorted(expected, key=lambda e: sub_area_sort_key(e[0]))),
            )
        return tuple(profiles.values())


def dump_framework(spec: FrameworkSpec) -> str:
    """The file for a framework: what parse_framework reads back as the same spec."""
    document: dict[str, Any] = {"format": FORMAT, "key": spec.key, "name": spec.name, "version": spec.version}
    if spec.description:
        document["description"] = spec.description
    if spec.previous:
        document["previous"] = spec.previous
    document["current"] = spec.current
    document["scale"] = [
        _without_blanks({"level": lv.value, "label": lv.label, "description": lv.description}) for lv in spec.scale
    ]
    document["areas"] = [
        _without_blanks({"number": a.number, "name": a.name, "description": a.description}) for a in spec.areas
    ]
    document["sub_areas"] = [
        _without_blanks({"number": s.number, "name": s.name, "description": s.description, "maps_to": list(s.maps_to)})
        for s in spec.sub_areas
    ]
    if spec.role_profiles:
        document["role_profiles"] = [
            _without_blanks({"key": p.key, "name": p.name, "description": p.description, "expects": dict(p.expects)})
            for p in spec.role_profiles
        ]
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def _without_blanks(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if v not in ("", [], {}, None)}
