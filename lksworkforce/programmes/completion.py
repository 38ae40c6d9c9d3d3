"""A programme's completion rule applied to a participant's attendance: pure, no Django.

The rule (Programme.completion_sessions, completion_needs_project): attend at least `sessions_needed`
of the cohort's sessions (None: all of them; a number above the cohort's sessions means all of
them), and, where the programme says so, take part in one of the cohort's group projects.

The decision, for one place on a cohort:
- completed, as soon as the rule is met (the cohort need not have ended); `completed_on` is the day
  of the attended session that brought the person up to the number needed (their `required`-th
  attended session, in date order). Taking part in a project has no day of its own, so it never
  moves the date: it only decides whether the rule is met.
- not completed, when the cohort has ended and the rule is not met;
- still going otherwise, and always for a cohort with no sessions (there is nothing to attend).
Sessions with no attendance recorded count as not attended."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


@dataclass(frozen=True)
class CompletionRule:
    sessions_needed: int | None  # None: every session
    needs_project: bool


@dataclass(frozen=True)
class SessionMark:
    """One of the cohort's sessions for one person: its day, and whether they were there."""

    on: date
    present: bool


class Outcome(StrEnum):
    GOING = "enrolled"  # the values are EnrolmentStatus's
    COMPLETED = "completed"
    NOT_COMPLETED = "not_completed"


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    completed_on: date | None
    attended: int  # sessions attended
    sessions: int  # the cohort's sessions
    required: int  # sessions the person must attend
    needs_project: bool
    in_a_project: bool

    @property
    def attendance_met(self) -> bool:
        return self.sessions > 0 and self.attended >= self.required


def sessions_required(rule: CompletionRule, total_sessions: int) -> int:
    """How many of the cohort's sessions the person must attend."""
    if rule.sessions_needed is None:
        return total_sessions
    return min(max(rule.sessions_needed, 0), total_sessions)


def decide(rule: CompletionRule, marks: Iterable[SessionMark], *, in_a_project: bool, cohort_ended: bool) -> Decision:
    """The outcome for one person from every session of their cohort (see the module's docstring)."""
    ordered = sorted(marks, key=lambda mark: mark.on)
    required = sessions_required(rule, len(ordered))
    attended_days = [mark.on for mark in ordered if mark.present]
    met = bool(ordered) and len(attended_days) >= required and (in_a_project or not rule.needs_project)
    completed_on: date | None = None
    if met:
        outcome = Outcome.COMPLETED
        # A rule of 0 sessions (with a project) is met from the first session's day.
        completed_on = attended_days[required - 1] if required > 0 else ordered[0].on
    elif cohort_ended and ordered:
        outcome = Outcome.NOT_COMPLETED
    else:
        outcome = Outcome.GOING
    return Decision(
        outcome=outcome,
        completed_on=completed_on,
        attended=len(attended_days),
        sessions=len(ordered),
        required=required,
        needs_project=rule.needs_project,
        in_a_project=in_a_project,
    )


def progress_sentence(decision: Decision, *, yours: bool) -> str:
    """“3 of 4 sessions attended; you need 3”, and the group project where the rule asks for one."""
    if decision.sessions == 0:
        return "No sessions are planned yet."
    noun = "session" if decision.sessions == 1 else "sessions"
    who = "you need" if yours else "needs"
    sentence = f"{decision.attended} of {decision.sessions} {noun} attended; {who} {decision.required}"
    if decision.needs_project:
        taking_part = "you take part" if yours else "takes part"
        not_yet = "you are not in one yet" if yours else "not in one yet"
        sentence += (
            f", and a group project ({taking_part})" if decision.in_a_project else f", and a group project ({not_yet})"
        )
    return sentence + "."
