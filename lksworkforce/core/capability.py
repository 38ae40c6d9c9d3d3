"""The app contract: what each capability declares, in its own `<app>/capability.py`, for the rest
of the service (docs/architecture.md, "How to add a capability"; docs/adr/0015-the-app-contract.md).

Each app in INSTALLED_APPS may have a `capability` module with a module-level `CAPABILITY`. The
central files (config/urls.py, config/api.py, core/navigation.py, the home page, nonprod's seed, the
role matrix, the browser walk, the benchmarks) read the registry below and name no app.

Modules are named by dotted path, not imported here, so that reading a declaration imports nothing
heavy, production code never imports test or benchmark code, and nothing of the demo data is
loaded outside nonprod. Extension points are typed callables that other apps ask through the
registry rather than importing the app that answers.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Protocol, cast

from django.apps import apps
from django.core.signals import setting_changed
from django.dispatch import receiver
from ninja import Router
from ninja.security.base import AuthBase


class Viewer(Protocol):
    """The signed-in person a contribution answers for (accounts.User, seen from core)."""

    @property
    def pk(self) -> int | None: ...

    def has_perm(self, perm: str) -> bool: ...


@dataclass(frozen=True)
class NavEntry:
    """A link in the header navigation. `position` orders entries across apps (lower first)."""

    text: str
    url_name: str
    position: int
    permission: str | None = None  # a django-rules permission; None = any signed-in person
    section: bool = False  # current on every page under its address, not only its own


@dataclass(frozen=True)
class HomeItem:
    """Something the home page lists for the person: a task waiting for them, or a fact about them.
    Without `url` it is shown as text."""

    text: str
    url: str = ""
    hint: str = ""  # a short line under the link: why it is waiting, or how far along it is


@dataclass(frozen=True)
class HomeSection:
    """One app's part of the home page: a heading and its items. `empty` is shown when there are none
    (leave it blank to show nothing at all then)."""

    heading: str
    items: tuple[HomeItem, ...]
    empty: str = ""


@dataclass(frozen=True)
class OfferItem:
    """A piece of learning on offer for a skills framework sub-area."""

    kind: str  # "learning resource", "programme"...
    title: str
    url: str


@dataclass(frozen=True)
class SkillStanding:
    """One sub-area of a person's latest finished self-assessment, and what their role profile expects."""

    sub_area_id: int
    number: str  # "3.8"
    name: str
    current: int
    target: int
    expected: int | None = None  # the role profile's expected level, when they chose a profile


@dataclass(frozen=True)
class PersonSkills:
    """What skills knows of a person for recommending learning: their latest finished self-assessment."""

    framework_name: str
    role_profile: str  # the role profile's name; "" when they chose none
    standings: tuple[SkillStanding, ...]


@dataclass(frozen=True)
class NeedsInFocus:
    """The top needs of the latest closed development needs survey, as the skills framework sub-areas
    they touch: the nation's, and (when asked for a region whose ranking can be shown) the region's."""

    survey_title: str  # "LKS development needs survey 2019"
    national: Mapping[int, str]  # sub-area id -> the need's label
    region: Mapping[int, str]
    region_name: str = ""


@dataclass(frozen=True)
class Recommendation:
    """A piece of learning recommended to a person, with the sentences that produced its score."""

    key: str  # the offering app's identifier for it (a resource's id)
    title: str
    url: str
    score: float
    reasons: tuple[str, ...]
    sub_area_ids: tuple[int, ...] = ()  # the sub-areas it teaches


@dataclass(frozen=True)
class PlanStep:
    """An action in a person's development plan, as other apps see it."""

    id: int
    description: str
    done: bool
    url: str


class DevelopmentPlan(Protocol):
    """A person's development plan, as skills offers it to other apps (the learning record marks an
    action done; a recommendation becomes an action in one step). Each acts for `viewer` only."""

    def open_steps(self, viewer: Viewer) -> list[PlanStep]: ...

    def add_step(
        self, viewer: Viewer, description: str, *, sub_area_ids: Iterable[int], resource_url: str
    ) -> PlanStep: ...

    def complete_step(self, viewer: Viewer, step_id: int) -> PlanStep | None:
        """Marks the viewer's own action done; None when they have no such action."""
        ...


@dataclass(frozen=True)
class RegionHeadcount:
    """A region's LKS headcount: the people in post in the latest published annual returns of a year.
    `by_band_group` (accounts.people.BandGroup values) and `by_organisation_type`
    (organisations.codes.OrganisationType values) split the same people, as (key, people) pairs."""

    code: str
    name: str
    headcount: int
    by_band_group: tuple[tuple[str, int], ...] = ()
    by_organisation_type: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class CompletedLearning:
    """Learning a person completed in another app (a programme), for their learning record. `key`
    names it in the offering app, so that recording it again changes nothing."""

    key: str  # "programmes:enrolment:42"
    title: str
    done_on: date
    minutes: int
    sub_area_ids: tuple[int, ...] = ()


class LearningRecorder(Protocol):
    """The app that keeps learning records, as other apps see it."""

    def record_completed(self, person_id: int, learning: CompletedLearning) -> None:
        """Adds the learning to the person's record once (again with the same key: nothing changes)."""
        ...


# The extension points. Each contribution makes one query (or a fixed few), whatever the input size.
type HomeTasks = Callable[[Viewer], HomeSection | None]
type LearningOnOffer = Callable[[Iterable[int]], Mapping[int, list[OfferItem]]]
# A skills framework's sub-areas by number (-> id), or None when no framework has the key.
type FrameworkSubAreas = Callable[[str], Mapping[str, int] | None]
type PersonSkillsOf = Callable[[Viewer], PersonSkills | None]
type NeedsInFocusOf = Callable[[str | None], NeedsInFocus | None]  # a region's name, or None for the nation's only
# Learning for a person, best first: optionally only for some sub-areas, at most `limit` of them.
type Recommend = Callable[[Viewer, frozenset[int] | None, int], list[Recommendation]]
# years -> for each year, every current region's headcount (empty for a year with no published return)
type LksHeadcountOf = Callable[[Iterable[int]], dict[int, list[RegionHeadcount]]]
# People's assessed levels on sub-areas, from their latest finished self-assessment on or before a day:
# person id -> sub-area id -> level. People with no such assessment are left out.
type AssessedLevels = Callable[[Iterable[int], Iterable[int], date], Mapping[int, Mapping[int, int]]]


@dataclass(frozen=True)
class Capability:
    """Everything the rest of the service needs from one app.

    Dotted module paths:
      urls        a URLconf module, included at the site's root in INSTALLED_APPS order;
      api         a module with a ninja `router`, added to the API in INSTALLED_APPS order;
      demo        a module with the functions of `DemoModule`, run by nonprod's seed_demo (seeds
                  in INSTALLED_APPS order, removals in reverse; never in production);
      tests       a test package: `<tests>.routes` with `ROUTES` (the role matrix) and
                  `<tests>.browser_pages` with `browser_pages(role, world)` (the axe walk), each optional;
      benchmarks  a module with `NAMES` and `run(scale, selected, folder)`;
      api_auth    a module with `api_auth`, a ninja authentication the API accepts before the
                  browser session (accounts: personal API tokens).
    Extension points (typed callables): `home_tasks`, `learning_on_offer`, `framework_sub_areas`,
    `person_skills`, `needs_in_focus`, `recommend`, `lks_headcount`, `assessed_levels`; and
    `development_plan` and `learning_recorder`, objects."""

    label: str  # the app's label, for messages
    urls: str | None = None
    api: str | None = None
    navigation: tuple[NavEntry, ...] = ()
    demo: str | None = None
    tests: str | None = None
    benchmarks: str | None = None
    api_auth: str | None = None
    home_tasks: HomeTasks | None = None
    learning_on_offer: LearningOnOffer | None = None
    framework_sub_areas: FrameworkSubAreas | None = None
    person_skills: PersonSkillsOf | None = None
    needs_in_focus: NeedsInFocusOf | None = None
    recommend: Recommend | None = None
    development_plan: DevelopmentPlan | None = None
    lks_headcount: LksHeadcountOf | None = None
    assessed_levels: AssessedLevels | None = None
    learning_recorder: LearningRecorder | None = None
    home_position: int = 100  # where the app's home section goes (lower first)


DEFAULT_DEMO_SEED = 2019  # the demo world everyone sees by default (`lksw seed_demo --seed`)


@dataclass(frozen=True)
class DemoRemoved:
    """What a capability's demo removal deleted, for the summary ("225 organisations")."""

    count: int
    what: str


@dataclass
class DemoContext:
    """Passed along the capabilities' demo seeds, in INSTALLED_APPS order: the seed, the demo
    password, and what earlier seeds made (by name, e.g. "organisation_ids") for later ones to use."""

    seed: int
    password: str
    earlier_seeds: frozenset[int] = frozenset()  # seeds loaded before, whose data a reset removes too
    world: dict[str, object] = field(default_factory=dict)
    closing_lines: list[str] = field(default_factory=list)  # for the end of the summary

    def made[T](self, name: str, kind: type[T]) -> T:
        """What an earlier seed put in `world` under `name`, checked to be a `kind`."""
        value = self.world[name]
        if not isinstance(value, kind):
            raise TypeError(f"demo world {name!r} is a {type(value).__name__}, not a {kind.__name__}")
        return value


class DemoRefusedError(Exception):
    """A demo seed or removal that cannot go ahead; nothing is changed. The message is for a person."""


class DemoModule(Protocol):
    """What a capability's `demo` module provides (functions at module level)."""

    def present(self) -> bool:
        """Whether data this seed would write is there already (seeding is then refused)."""
        ...

    def seed(self, context: DemoContext) -> list[str]:
        """Write the demo data; the lines it adds to the summary."""
        ...

    def remove(self, context: DemoContext) -> list[DemoRemoved]:
        """Delete the demo data of `context.seed` and `context.earlier_seeds`; what was removed."""
        ...


class CapabilityError(Exception):
    """A `capability` module that does not declare a Capability."""


@cache
def capabilities() -> tuple[Capability, ...]:
    """The installed capabilities, in INSTALLED_APPS order. Apps without a `capability` module are skipped."""
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.capability"
        if importlib.util.find_spec(name) is None:
            continue
        declared = getattr(importlib.import_module(name), "CAPABILITY", None)
        if not isinstance(declared, Capability):
            raise CapabilityError(f"{name} must define CAPABILITY = Capability(...)")
        found.append(declared)
    return tuple(found)


@receiver(setting_changed)
def _installed_apps_changed(*, setting: str, **_signal: object) -> None:
    if setting == "INSTALLED_APPS":
        capabilities.cache_clear()


def optional_module(dotted: str) -> object | None:
    """The module at `dotted`, or None when there is none (a capability's tests may lack browser pages)."""
    try:
        spec = importlib.util.find_spec(dotted)
    except ModuleNotFoundError:
        return None
    return None if spec is None else importlib.import_module(dotted)


def demo_modules() -> list[DemoModule]:
    """Each capability's demo module, in INSTALLED_APPS order (imported only when asked: nonprod asks)."""
    return [cast(DemoModule, importlib.import_module(c.demo)) for c in capabilities() if c.demo]


def _declared[T](module: str, attribute: str, kind: type[T], what: str) -> T:
    """`module.attribute`, checked to be a `kind` (a capability that names a module declares it)."""
    value = getattr(importlib.import_module(module), attribute, None)
    if not isinstance(value, kind):
        raise CapabilityError(f"{module} must define `{attribute}`, {what}")
    return value


def capability_routers(declared: Iterable[Capability]) -> list[Router]:
    """The ninja router of each capability that has an API, in the order given."""
    return [_declared(c.api, "router", Router, "a ninja Router") for c in declared if c.api]


def capability_api_auth(declared: Iterable[Capability]) -> list[AuthBase]:
    """The API authentications capabilities offer (tried in order, before the session)."""
    return [
        _declared(c.api_auth, "api_auth", AuthBase, "a ninja authentication")  # type: ignore[type-abstract]
        for c in declared
        if c.api_auth
    ]  # AuthBase is abstract: it is only checked with isinstance here, never made


def navigation_entries() -> list[NavEntry]:
    return sorted((entry for c in capabilities() for entry in c.navigation), key=lambda entry: entry.position)


def home_sections(viewer: Viewer) -> list[HomeSection]:
    """Every app's home-page section for the viewer, in `home_position` order; apps with nothing to say give None."""
    ordered = sorted((c for c in capabilities() if c.home_tasks is not None), key=lambda c: c.home_position)
    sections = []
    for capability in ordered:
        assert capability.home_tasks is not None
        section = capability.home_tasks(viewer)
        if section is not None:
            sections.append(section)
    return sections


def learning_on_offer(sub_area_ids: Iterable[int]) -> dict[int, list[OfferItem]]:
    """Sub-area id -> what every offering app has for it. Empty when no installed app offers learning."""
    ids = list(sub_area_ids)
    offered: dict[int, list[OfferItem]] = {}
    for capability in capabilities():
        if capability.learning_on_offer is None:
            continue
        for sub_area_id, items in capability.learning_on_offer(ids).items():
            offered.setdefault(sub_area_id, []).extend(items)
    return offered


def framework_sub_areas(framework_key: str) -> Mapping[str, int] | None:
    """The sub-areas (number -> id) of the skills framework with this key, from the app that holds
    frameworks; None when there is no such framework (or no app holds them)."""
    for capability in capabilities():
        if capability.framework_sub_areas is not None:
            found = capability.framework_sub_areas(framework_key)
            if found is not None:
                return found
    return None


def _first_answer[T](answers: Iterable[T | None]) -> T | None:
    return next((answer for answer in answers if answer is not None), None)


def person_skills(viewer: Viewer) -> PersonSkills | None:
    """The viewer's latest finished self-assessment, from the app that holds them; None when none."""
    return _first_answer(c.person_skills(viewer) for c in capabilities() if c.person_skills is not None)


def needs_in_focus(region_name: str | None) -> NeedsInFocus | None:
    """The latest closed survey's top needs as sub-areas; None when no closed survey ranks needs."""
    return _first_answer(c.needs_in_focus(region_name) for c in capabilities() if c.needs_in_focus is not None)


def recommendations(viewer: Viewer, sub_area_ids: frozenset[int] | None = None, limit: int = 5) -> list[Recommendation]:
    """Learning recommended to the viewer, best first, from every app that recommends."""
    found = [r for c in capabilities() if c.recommend is not None for r in c.recommend(viewer, sub_area_ids, limit)]
    return sorted(found, key=lambda r: -r.score)[:limit]


def development_plan() -> DevelopmentPlan | None:
    """The app that keeps people's development plans, if one is installed."""
    return _first_answer(c.development_plan for c in capabilities())


def lks_headcount(year: int) -> list[RegionHeadcount]:
    """Every current region's LKS headcount in `year`'s latest published returns (empty without staffing)."""
    return lks_headcounts([year]).get(year, [])


def lks_headcounts(years: Iterable[int]) -> dict[int, list[RegionHeadcount]]:
    """`lks_headcount` for several years in one go (a trend), from the app that keeps the returns."""
    wanted = list(years)
    found = _first_answer(c.lks_headcount(wanted) for c in capabilities() if c.lks_headcount is not None)
    return found if found is not None else {year: [] for year in wanted}


def assessed_levels(
    person_ids: Iterable[int], sub_area_ids: Iterable[int], on: date
) -> Mapping[int, Mapping[int, int]]:
    """person id -> sub-area id -> level, from each person's latest finished self-assessment on or before `on`."""
    people, sub_areas = list(person_ids), list(sub_area_ids)
    return (
        _first_answer(c.assessed_levels(people, sub_areas, on) for c in capabilities() if c.assessed_levels is not None)
        or {}
    )


def learning_recorder() -> LearningRecorder | None:
    """The app that keeps learning records, if one is installed."""
    return _first_answer(c.learning_recorder for c in capabilities())


def learning_offered() -> bool:
    """Whether any installed app offers learning (the CPD offer page says so when none does)."""
    return any(c.learning_on_offer is not None for c in capabilities())


# Core's own pages (home, accessibility, privacy, the suppression policy) come first, as any app's do.
CAPABILITY = Capability(label="core", urls="lksworkforce.core.urls", tests="tests.core")
