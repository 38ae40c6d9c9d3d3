"""Synthetic skills self-assessments and development plans for the demo people.

Pure: the standard library and the project's pure rule modules only; no Django. Given the seed,
the demo people and the framework, it plans what `skills/demo/seed.py` writes: for most people two or
three dated self-assessments (2022, 2024, early 2026), each rating the sub-areas relevant to
their role, and a few development plan actions. Every person's data comes from a generator
seeded with the seed and their email address, so the same seed always gives the same data, and
one person's data does not depend on who else is in the list.

Plausible by band and role: library assistants rate themselves highest in customer service and
lowest in research and strategy; clinical librarians in searching and appraisal; knowledge
managers in knowledge management; heads of service in leadership and planning; higher bands
higher overall. Targets are never below current levels, and levels rise a little between cycles.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from lksworkforce.accounts.demo.world import DEMO_ACCOUNT_EMAILS, DEMO_EMAIL_DOMAIN, HEAD_TITLE, MANAGER_TITLE
from lksworkforce.organisations.demo.world import AS_OF
from lksworkforce.skills.framework_file import FrameworkSpec
from lksworkforce.skills.levels import ActionKind, ActionStatus, Priority

# Share of demo staff with no self-assessment at all (the demo accounts always have some).
NOT_TAKING_PART = 0.12
# Of those taking part: the cycles they took part in, with their weights.
CYCLE_YEARS: dict[tuple[int, ...], float] = {
    (2022, 2024, 2026): 0.55,
    (2024, 2026): 0.33,
    (2022, 2024): 0.07,  # not done the 2026 round yet
    (2022, 2026): 0.05,
}
# The window in which each round's assessments were started.
CYCLE_WINDOWS: dict[int, tuple[date, date]] = {
    2022: (date(2022, 2, 1), date(2022, 5, 31)),
    2024: (date(2024, 2, 1), date(2024, 5, 31)),
    2026: (date(2026, 1, 5), date(2026, 3, 10)),
}
# Of the people who have not done the 2026 round, the share who have started it and not finished.
UNFINISHED_SHARE = 0.4
UNFINISHED_WINDOW = (date(2026, 3, 12), date(2026, 3, 28))
CHOSE_ROLE_PROFILE = 0.9
SHARES_LATEST = 0.55
SHARES_EARLIER = 0.35
LEVELS = (0, 1, 2, 3, 4)

# Mean current level by band, before the role's strengths and weaknesses.
BAND_BASE: dict[str, float] = {
    "1": 0.9,
    "2": 1.0,
    "3": 1.3,
    "4": 1.6,
    "5": 1.9,
    "6": 2.2,
    "7": 2.5,
    "8a": 2.7,
    "8b": 2.9,
    "8c": 3.1,
    "8d": 3.2,
    "9": 3.3,
}
SENIOR_BANDS = frozenset({"7", "8a", "8b", "8c", "8d", "9"})
LEADERSHIP_AREAS = (11, 12)

# Job title -> (kind of role, role profile key in the default framework).
ROLES: dict[str, tuple[str, str | None]] = {
    "Library assistant": ("assistant", "library-assistant"),
    "Senior library assistant": ("assistant", "library-assistant"),
    "Librarian": ("librarian", "librarian"),
    "Clinical librarian": ("clinical", "clinical-librarian"),
    "Embedded librarian": ("clinical", "clinical-librarian"),
    "Outreach librarian": ("outreach", "outreach-librarian"),
    "Knowledge manager": ("knowledge", "knowledge-manager"),
    HEAD_TITLE: ("manager", "service-manager"),
    MANAGER_TITLE: ("manager", "service-manager"),
}
LEAD = ("lead", None)  # national and regional leads: no service role

# Each kind of role's strengths (+) and weaknesses (-) by area number, in levels.
AREA_STRENGTHS: dict[str, dict[int, float]] = {
    "assistant": {10: 0.9, 1: 0.4, 13: 0.3, 4: 0.1, 3: -0.3, 2: -0.4, 6: -0.6, 11: -0.6, 9: -1.0, 12: -1.1},
    "librarian": {3: 0.5, 10: 0.4, 7: 0.3, 1: 0.3, 5: 0.2, 6: -0.3, 11: -0.3, 12: -0.7},
    "clinical": {3: 1.0, 7: 0.5, 9: 0.5, 10: 0.2, 1: -0.3, 8: -0.6, 12: -0.7},
    "outreach": {10: 0.8, 7: 0.5, 3: 0.3, 13: 0.3, 8: -0.6, 12: -0.6},
    "knowledge": {6: 1.1, 5: 0.5, 11: 0.3, 13: 0.3, 8: 0.2, 1: -0.4, 10: -0.1},
    "manager": {12: 1.0, 11: 1.0, 1: 0.4, 2: 0.4, 10: 0.3, 9: 0.2, 5: -0.2},
    "lead": {11: 1.2, 12: 1.0, 6: 0.5, 2: 0.3, 1: -0.5, 5: -0.5, 8: -0.5},
}

REFLECTIONS = (
    "My searching has come on a lot; appraisal is where I want to grow next.",
    "Teaching more sessions this year showed me what I need to practise.",
    "I rated myself lower than last time in some areas: I know more about what I don't know.",
    "Moving to the new library system stretched my technical skills.",
    "I want to be more confident presenting to senior colleagues.",
    "Working with the ward teams has changed how I think about our service.",
    "Most of my gaps are in planning and budgets, which I need for my next role.",
    "A good year: I finished my Chartership portfolio and used this for it.",
    "I have focused on helping colleagues with copyright questions.",
    "I would like more time for evidence summaries and less for routine tasks.",
)
COMMENTS = (
    "I will keep a log of searches and ask a colleague to review two of them.",
    "Attend the regional training day and write up what I learnt.",
    "Use it in practice for three months and reflect in my portfolio.",
    "Ask my manager for feedback after the next session I run.",
    "Complete the e-learning and share a summary with the team.",
    "Shadow a colleague and then take on requests of my own.",
)
# How each kind of action reads, with {topic} for the sub-area.
ACTION_TEMPLATES: dict[ActionKind, tuple[str, ...]] = {
    ActionKind.LEARN: ("Complete an e-learning module on {topic}", "Join a webinar series on {topic}"),
    ActionKind.PRACTISE: ("Take on {topic} requests with a colleague checking my work",),
    ActionKind.SHADOW: ("Shadow an experienced colleague for {topic}",),
    ActionKind.PROGRAMME: ("Attend the regional programme on {topic}",),
    ActionKind.READ: ("Read two recent articles on {topic} and discuss them at a team meeting",),
    ActionKind.MENTORING: ("Ask a mentor to support me with {topic}",),
}
LEARNING_SITE = f"https://learning.{DEMO_EMAIL_DOMAIN}"


@dataclass(frozen=True)
class SkillsPerson:
    """A demo person as the planner needs them: who, their band and job, whether they work in an
    organisation (leads and the national team do not)."""

    email: str
    band: str
    job_title: str
    has_organisation: bool = True


@dataclass(frozen=True)
class PlannedRating:
    number: str
    current: int
    target: int
    priority: str = ""
    learning_evidence: str = ""
    evidence_links: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlannedAssessment:
    email: str
    role_profile: str | None
    started_on: date
    completed_on: date | None
    reflection: str
    shared_with_manager: bool
    is_latest: bool
    ratings: tuple[PlannedRating, ...]


@dataclass(frozen=True)
class PlannedAction:
    email: str
    kind: ActionKind
    description: str
    sub_areas: tuple[str, ...]
    due_on: date
    status: ActionStatus
    resource_url: str = ""


@dataclass(frozen=True)
class SkillsPlan:
    assessments: list[PlannedAssessment]
    actions: list[PlannedAction]

    @property
    def ratings(self) -> int:
        return sum(len(a.ratings) for a in self.assessments)

    @property
    def people(self) -> int:
        return len({a.email for a in self.assessments})


def demo_skills(seed: int, people: Sequence[SkillsPerson], framework: FrameworkSpec) -> SkillsPlan:
    """Self-assessments and plan actions for `people` in `framework`, deterministic from `seed`."""
    sub_areas = [(s.number, s.area, s.name) for s in framework.sub_areas]
    profiles = {p.key: dict(p.expects) for p in framework.role_profiles}
    levels = sorted(lv.value for lv in framework.scale)
    assessments: list[PlannedAssessment] = []
    actions: list[PlannedAction] = []
    for person in sorted(people, key=lambda p: p.email):
        rng = random.Random(f"lksw-demo-skills:{seed}:{person.email}")  # noqa: S311 - demo data, not security
        is_account = person.email in DEMO_ACCOUNT_EMAILS
        if not is_account and rng.random() < NOT_TAKING_PART:
            continue
        planner = _PersonPlanner(rng, person, sub_areas, profiles, levels, is_account=is_account)
        assessments += planner.assessments()
        actions += planner.actions()
    return SkillsPlan(assessments, actions)


class _PersonPlanner:
    def __init__(
        self,
        rng: random.Random,
        person: SkillsPerson,
        sub_areas: list[tuple[str, int, str]],
        profiles: dict[str, dict[str, int]],
        levels: list[int],
        *,
        is_account: bool,
    ) -> None:
        self.rng, self.person, self.sub_areas = rng, person, sub_areas
        self.lowest, self.highest = levels[0], levels[-1]
        self.is_account = is_account
        kind, profile = ROLES.get(person.job_title, LEAD)
        self.kind = kind
        chose = is_account or rng.random() < CHOSE_ROLE_PROFILE
        self.profile = profile if profile in profiles and chose else None
        self.expected = profiles.get(profile or "", {})
        self.names = {number: name for number, _, name in sub_areas}
        self.order = {number: position for position, (number, _, _) in enumerate(sub_areas)}
        self.years = (2022, 2024, 2026) if is_account else _weighted(rng, CYCLE_YEARS)
        self.history: list[PlannedAssessment] = []

    # --- Assessments -----------------------------------------------------------------------------

    def assessments(self) -> list[PlannedAssessment]:
        rng = self.rng
        rated = self._choose_sub_areas()
        skill = rng.gauss(0, 0.3)  # this person's own tendency to rate higher or lower
        levels = {number: self._first_levels(number, area, skill) for number, area in rated}
        for index, year in enumerate(self.years):
            if index:
                levels = {number: self._later_levels(number, *pair) for number, pair in levels.items()}
                for number, area in self._newly_relevant(rated):
                    levels[number] = self._first_levels(number, area, skill)
                    rated.append((number, area))
            started = _date_between(rng, *CYCLE_WINDOWS[year])
            completed = min(started + timedelta(days=rng.randint(2, 40)), AS_OF)
            latest = index == len(self.years) - 1
            self.history.append(
                PlannedAssessment(
                    email=self.person.email,
                    role_profile=self.profile,
                    started_on=started,
                    completed_on=completed,
                    reflection=rng.choice(REFLECTIONS),  # finishing needs a reflection
                    shared_with_manager=self._shares(latest=latest),
                    is_latest=latest,
                    ratings=self._ratings(levels),
                )
            )
        planned = list(self.history)
        if self.years[-1] != max(CYCLE_WINDOWS) and rng.random() < UNFINISHED_SHARE:
            planned.append(self._unfinished(levels))
        return planned

    def _choose_sub_areas(self) -> list[tuple[str, int]]:
        """The role's expected sub-areas (mostly) and others weighted by the role's strengths: the
        sub-areas a person finds relevant; the rest are left blank."""
        rng = self.rng
        strengths = AREA_STRENGTHS[self.kind]
        chosen = {n for n in self.expected if rng.random() < 0.9}
        others = [(n, a) for n, a, _ in self.sub_areas if n not in chosen]
        wanted = rng.randint(22, 38) - len(chosen)
        weights = [max(0.15, 1 + strengths.get(a, 0.0)) for _, a in others]
        while wanted > 0 and others:
            index = rng.choices(range(len(others)), weights=weights)[0]
            chosen.add(others.pop(index)[0])
            weights.pop(index)
            wanted -= 1
        return [(n, a) for n, a, _ in self.sub_areas if n in chosen]

    def _newly_relevant(self, rated: list[tuple[str, int]]) -> list[tuple[str, int]]:
        """A later assessment sometimes rates a few more sub-areas than the one before."""
        have = {n for n, _ in rated}
        candidates = [(n, a) for n, a, _ in self.sub_areas if n not in have]
        return self.rng.sample(candidates, k=min(len(candidates), self.rng.choice((0, 0, 1, 2, 3))))

    def _first_levels(self, number: str, area: int, skill: float) -> tuple[int, int]:
        rng = self.rng
        mean = BAND_BASE.get(self.person.band, 2.0) + AREA_STRENGTHS[self.kind].get(area, 0.0) + skill
        if area in LEADERSHIP_AREAS and self.person.band in SENIOR_BANDS:
            mean += 0.3
        expected = self.expected.get(number)
        if expected is not None:
            mean = (mean * 2 + expected) / 3  # people in a role tend towards what it expects
        current = self._level(round(rng.gauss(mean, 0.7)))
        return current, self._target(current, expected)

    def _later_levels(self, number: str, current: int, target: int) -> tuple[int, int]:
        """A small improvement between cycles, more likely where the person wanted to rise."""
        rng = self.rng
        rise = 1 if rng.random() < (0.5 if target > current else 0.12) else 0
        current = self._level(min(current + rise, max(target, current)))
        if target <= current or rng.random() < 0.25:
            target = self._target(current, self.expected.get(number))
        return current, max(target, current)

    def _target(self, current: int, expected: int | None) -> int:
        rng = self.rng
        if expected is not None and expected > current and rng.random() < 0.7:
            return self._level(expected)
        roll = rng.random()  # a rise of 0 (40%), 1 (45%) or 2 levels (15%)
        return self._level(current + (0 if roll < 0.4 else 1 if roll < 0.85 else 2))

    def _level(self, value: int) -> int:
        return self.lowest if value < self.lowest else self.highest if value > self.highest else value

    def _ratings(self, levels: dict[str, tuple[int, int]]) -> tuple[PlannedRating, ...]:
        rng = self.rng
        ratings = []
        for number in sorted(levels, key=self.order.__getitem__):
            current, target = levels[number]
            gap = target - current
            expected = self.expected.get(number)
            if gap >= 2 or (gap and expected is not None and expected > current):
                priority = Priority.HIGH.value
            elif gap:
                priority = Priority.MEDIUM.value if rng.random() < 0.8 else Priority.LOW.value
            else:
                priority = Priority.LOW.value if rng.random() < 0.3 else ""
            comment = rng.choice(COMMENTS) if gap and rng.random() < 0.35 else ""
            links = (f"{LEARNING_SITE}/{_slug(self.names[number])}",) if comment and rng.random() < 0.3 else ()
            ratings.append(PlannedRating(number, current, target, priority, comment, links))
        return tuple(ratings)

    def _shares(self, *, latest: bool) -> bool:
        if self.kind in {"manager", "lead"} or not self.person.has_organisation:
            return False
        if self.is_account:
            return latest
        return self.rng.random() < (SHARES_LATEST if latest else SHARES_EARLIER)

    def _unfinished(self, levels: dict[str, tuple[int, int]]) -> PlannedAssessment:
        """A 2026 assessment started and saved part-way: a few ratings, not finished."""
        ratings = self._ratings(levels)
        return PlannedAssessment(
            email=self.person.email,
            role_profile=self.profile,
            started_on=_date_between(self.rng, *UNFINISHED_WINDOW),
            completed_on=None,
            reflection="",
            shared_with_manager=False,
            is_latest=False,
            ratings=ratings[: max(1, len(ratings) // 3)],
        )

    # --- Plan actions -----------------------------------------------------------------------------

    def actions(self) -> list[PlannedAction]:
        """Two to four actions for the largest gaps of the latest assessment, and one done for each
        earlier assessment."""
        rng = self.rng
        actions = []
        for assessment in self.history:
            gaps = sorted(
                (r for r in assessment.ratings if r.target > r.current),
                key=lambda r: (r.priority != Priority.HIGH.value, r.current - r.target),
            )
            if not gaps:
                continue
            count = rng.randint(2, 4) if assessment.is_latest else 1
            for rating in gaps[:count]:
                due = (assessment.completed_on or AS_OF) + timedelta(days=rng.randint(60, 360))
                actions.append(self._action(rating, due, latest=assessment.is_latest))
        return actions

    def _action(self, rating: PlannedRating, due: date, *, latest: bool) -> PlannedAction:
        rng = self.rng
        kind = _weighted(
            rng,
            {
                ActionKind.LEARN: 0.3,
                ActionKind.PRACTISE: 0.2,
                ActionKind.SHADOW: 0.12,
                ActionKind.PROGRAMME: 0.15,
                ActionKind.READ: 0.13,
                ActionKind.MENTORING: 0.1,
            },
        )
        name = self.names[rating.number]
        topic = name[0].lower() + name[1:] if not name[:2].isupper() else name
        if not latest:
            status = ActionStatus.DONE if rng.random() < 0.85 else ActionStatus.DROPPED
        elif due <= AS_OF:
            status = _weighted(rng, {ActionStatus.DONE: 0.5, ActionStatus.IN_PROGRESS: 0.4, ActionStatus.PLANNED: 0.1})
        else:
            status = _weighted(rng, {ActionStatus.PLANNED: 0.6, ActionStatus.IN_PROGRESS: 0.4})
        url = ""
        if kind in {ActionKind.LEARN, ActionKind.PROGRAMME, ActionKind.READ} and rng.random() < 0.6:
            url = f"{LEARNING_SITE}/{_slug(name)}"
        return PlannedAction(
            email=self.person.email,
            kind=kind,
            description=rng.choice(ACTION_TEMPLATES[kind]).format(topic=topic),
            sub_areas=(rating.number,),
            due_on=due,
            status=status,
            resource_url=url,
        )


def _weighted[T](rng: random.Random, weights: dict[T, float]) -> T:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _date_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
