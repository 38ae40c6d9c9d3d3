"""Rating scales, sub-area numbers, priorities and plan vocabularies: pure rules, no Django."""

import re
from dataclasses import dataclass
from enum import StrEnum

SUB_AREA_NUMBER = re.compile(r"^(\d{1,3})\.(\d{1,3})$")


def sub_area_sort_key(number: str) -> tuple[int, ...]:
    """'6.3' sorts before '6.10'. Numbers that are not N.M sort last, by text."""
    match = SUB_AREA_NUMBER.match(number.strip())
    if match is None:
        return (10**6,)
    return (int(match.group(1)), int(match.group(2)))


def area_of(number: str) -> int | None:
    """The area a sub-area number belongs to: '6.3' -> 6; None when it is not N.M."""
    match = SUB_AREA_NUMBER.match(number.strip())
    return int(match.group(1)) if match else None


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def order(self) -> int:
        return PRIORITY_ORDER[self]


PRIORITY_ORDER = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2}


class ActionKind(StrEnum):
    LEARN = "learn"
    PRACTISE = "practise"
    SHADOW = "shadow"
    PROGRAMME = "programme"
    READ = "read"
    MENTORING = "mentoring"
    OTHER = "other"

    @property
    def label(self) -> str:
        return ACTION_KIND_LABELS[self]


ACTION_KIND_LABELS = {
    ActionKind.LEARN: "Learn (course, e-learning, webinar)",
    ActionKind.PRACTISE: "Practise on the job",
    ActionKind.SHADOW: "Shadow a colleague",
    ActionKind.PROGRAMME: "Attend a programme",
    ActionKind.READ: "Read",
    ActionKind.MENTORING: "Mentoring or coaching",
    ActionKind.OTHER: "Something else",
}


class ActionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return {"planned": "Planned", "in_progress": "In progress", "done": "Done", "dropped": "Dropped"}[self.value]


@dataclass(frozen=True)
class Scale:
    """The levels of a framework's rating scale, e.g. 0-4, each with a label."""

    levels: tuple[tuple[int, str], ...]

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(value for value, _label in self.levels)

    @property
    def lowest(self) -> int:
        return min(self.values)

    @property
    def highest(self) -> int:
        return max(self.values)

    def label(self, value: int) -> str:
        return dict(self.levels).get(value, str(value))

    def problem_with(self, value: int | None, what: str) -> str | None:
        """A sentence for a person when `value` is not a level of this scale; None when it is."""
        if value is None:
            return None
        if value not in self.values:
            return f"{what} must be a level from {self.lowest} to {self.highest}"
        return None


DEFAULT_SCALE = Scale(
    (
        (0, "No knowledge"),
        (1, "Basic knowledge"),
        (2, "Working knowledge"),
        (3, "Extensive knowledge"),
        (4, "Expert"),
    )
)
