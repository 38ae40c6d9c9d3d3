"""A programme's completion rule applied to a participant's attendance: pure (the attendance part)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class CompletionRule:
    sessions_needed: int | None  # None: every session
    needs_project: bool


@dataclass(frozen=True)
class Progress:
    sessions: int  # the cohort's sessions held so far
    present: int
    in_a_project: bool


def is_complete(rule: CompletionRule, progress: Progress, total_sessions: int) -> bool:
    raise NotImplementedError  # the attendance part
