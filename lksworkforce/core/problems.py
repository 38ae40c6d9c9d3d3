"""Bad input, said once: a `Problem` (where, the value, why) and the one exception, `Rejected`, that
refuses a file, a form or an API body with every problem found. Nothing was changed when it is
raised. Pages list the first PROBLEMS_SHOWN in a table (`core/macros.import_error_table`), the API
answers 422 with the same fields (`core.api_errors.InvalidInputOut`), and commands print every one
and exit 2 (`core.cli`).

Where a problem is, is said the way the person can find it:
- `row` and `column`: a cell, numbered as a spreadsheet shows it (the header is row 1);
- `line`: a line of a YAML or text file (1-based);
- `field`: a field of a form or API body, or an entry of a YAML file, e.g. `ratings.6.1.current`
  or `sub-area 6.10`;
- none of them: the whole file or request.

Pure: the standard library only; no Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

LONGEST_VALUE_SHOWN = 60
PROBLEMS_SHOWN = 100  # on a page and in the API; the command line prints every problem


def _shown(text: str | None, longest: int | None = None) -> str | None:
    """Text fit to show: NUL as �, and cut to `longest` characters with an ellipsis."""
    if text is None:
        return None
    shown = text.replace("\x00", "\ufffd")
    if longest is not None and len(shown) > longest:
        return shown[: longest - 1] + "…"
    return shown


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """One thing wrong with what was sent, with what a person needs to find and fix it."""

    reason: str
    row: int | None = None
    column: str | None = None
    line: int | None = None
    field: str | None = None
    value: str | None = None

    @property
    def shown_column(self) -> str | None:
        return _shown(self.column)

    @property
    def shown_field(self) -> str | None:
        return _shown(self.field)

    @property
    def shown_value(self) -> str | None:
        """The value, cut to LONGEST_VALUE_SHOWN characters (enough to find the cell), NUL shown as �."""
        return _shown(self.value, LONGEST_VALUE_SHOWN)

    @property
    def place(self) -> str | None:
        """The row or line, as a page's first column shows it: "3" (a row), "Line 3", or None."""
        if self.row is not None:
            return str(self.row)
        return None if self.line is None else f"Line {self.line}"

    @property
    def within(self) -> str | None:
        """The column or field, as a page's second column shows it."""
        return self.shown_column if self.column is not None else self.shown_field

    def as_dict(self) -> dict[str, int | str | None]:
        """The problem as the API sends it (`core.api_errors.ProblemOut`)."""
        return {
            "row": self.row,
            "column": self.shown_column,
            "line": self.line,
            "field": self.shown_field,
            "value": self.shown_value,
            "reason": self.reason,
        }

    def __str__(self) -> str:
        """ "Row 3, column wte, value 'lots': reason", "Line 4, sub-area 6.10: reason", or the reason."""
        place = []
        if self.row is not None:
            place.append(f"row {self.row}")
        if self.line is not None:
            place.append(f"line {self.line}")
        if self.column is not None:
            place.append(f"column {self.shown_column}")
        if self.field is not None:
            place.append(str(self.shown_field))
        if self.value is not None:
            place.append(f"value '{self.shown_value}'")
        if not place:
            return self.reason
        location = ", ".join(place)
        if self.row is not None or self.line is not None or self.column is not None:
            location = location[0].upper() + location[1:]  # "Row 3", not a field's own name ("role_profile")
        return f"{location}: {self.reason}"


class Rejected(Exception):  # noqa: N818 - a refusal people read, not a fault
    """What was sent was refused whole; nothing was changed. `problems` lists every problem found
    (never empty), `notes` what the reader noted that is not a problem (e.g. which sheet was read).
    `subject` says what did not happen, e.g. "The framework was not loaded"."""

    def __init__(
        self, problems: Iterable[Problem], *, notes: Iterable[str] = (), subject: str = "The file was not imported"
    ) -> None:
        self.problems = list(problems)
        self.notes = list(notes)
        self.subject = subject
        if not self.problems:
            message = "Rejected needs at least one Problem."
            raise ValueError(message)
        count = len(self.problems)
        noun = "error" if count == 1 else "errors"
        super().__init__(f"{subject}: {count:,} {noun}. Nothing was changed.")

    @property
    def shown_problems(self) -> list[Problem]:
        """The first PROBLEMS_SHOWN problems: what a page and the API list."""
        return self.problems[:PROBLEMS_SHOWN]

    @property
    def problems_left_out(self) -> int:
        return len(self.problems) - len(self.shown_problems)

    def with_notes(self, notes: Iterable[str]) -> Rejected:
        """The same rejection with `notes` said first."""
        return Rejected(self.problems, notes=[*notes, *self.notes], subject=self.subject)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (self.problems, self.notes, self.subject))


def _rebuild(problems: list[Problem], notes: list[str], subject: str) -> Rejected:
    return Rejected(problems, notes=notes, subject=subject)


def fields_rejected(reasons: Mapping[str, str], *, subject: str) -> Rejected:
    """A rejection of a form's or a body's fields, from their reasons by field name."""
    return Rejected([Problem(field=field, reason=reason) for field, reason in reasons.items()], subject=subject)
