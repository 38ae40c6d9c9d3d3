"""Reads of skills data: frameworks, a person's assessments (scoped), and the roll-up sums that
every roll-up surface (page, API, CSV/XLSX/PDF, CLI) turns into the same figures."""

import re
from collections.abc import Sequence
from typing import Literal

from django.db.models import Count, Prefetch, QuerySet

from lksworkforce.accounts.models import User
from lksworkforce.accounts.viewers import AnyViewer
from lksworkforce.core.viewers import Caller
from lksworkforce.organisations.models import Organisation, Region
from lksworkforce.skills.framework_file import AreaSpec, FrameworkSpec, LevelSpec, RoleProfileSpec, SubAreaSpec
from lksworkforce.skills.gaps import RatedSubArea
from lksworkforce.skills.levels import Priority, Scale
from lksworkforce.skills.models import Assessment, Framework, PlanAction, Rating, RoleExpectation, RoleProfile, SubArea

ROLE_NOT_GIVEN = "Role not given"
NO_ORGANISATION = "No organisation"

type Level = Literal["area", "sub_area"]


# Frameworks ------------------------------------------------------------------------------


def frameworks() -> QuerySet[Framework]:
    return Framework.objects.annotate(sub_area_count=Count("sub_areas", distinct=True))


def current_framework() -> Framework | None:
    return Framework.objects.filter(is_current=True).first() or Framework.objects.order_by("-loaded_at").first()


def framework_by_key(key: str) -> Framework | None:
    return Framework.objects.filter(key=key).first()


def framework_scale(framework: Framework) -> Scale:
    return Scale(tuple(framework.scale.values_list("value", "label")))


def framework_structure(framework: Framework) -> Framework:
    """The framework with its areas, sub-areas, scale and role profiles loaded, for pages and forms."""
    return (
        Framework.objects.prefetch_related(
            "scale",
            Prefetch("areas__sub_areas", queryset=SubArea.objects.order_by("position")),
            "role_profiles",
        )
        .select_related("previous")
        .get(pk=framework.pk)
    )


def framework_spec(framework: Framework) -> FrameworkSpec:
    """A framework as its file describes it (for `framework_export` and the download)."""
    framework = framework_structure(framework)
    sub_areas = SubArea.objects.filter(framework=framework).prefetch_related("maps_to").order_by("position")
    profiles = RoleProfile.objects.filter(framework=framework).prefetch_related("expectations__sub_area")
    return FrameworkSpec(
        key=framework.key,
        name=framework.name,
        version=framework.version,
        description=framework.description,
        previous=framework.previous.key if framework.previous else None,
        current=framework.is_current,
        scale=tuple(LevelSpec(lv.value, lv.label, lv.description) for lv in framework.scale.all()),
        areas=tuple(AreaSpec(a.number, a.name, a.description) for a in framework.areas.all()),
        sub_areas=tuple(
            SubAreaSpec(s.number, s.name, s.description, tuple(sorted(m.number for m in s.maps_to.all())))
            for s in sub_areas
        ),
        role_profiles=tuple(
            RoleProfileSpec(
                p.key,
                p.name,
                p.description,
                tuple(
                    (e.sub_area.number, e.level)
                    for e in sorted(p.expectations.all(), key=lambda e: e.sub_area.position)
                ),
            )
            for p in profiles
        ),
    )


# A person's assessments -----------------------------------------------------------------


def assessments_of(person: Caller) -> QuerySet[Assessment]:
    return (
        Assessment.objects.owned_by(person)
        .select_related("framework", "role_profile")
        .annotate(rated=Count("ratings"))
        .order_by("-started_on", "-id")
    )


def assessment_for(viewer: AnyViewer, assessment_id: int) -> Assessment | None:
    """An assessment the viewer may see (their own, or one shared with a service they manage)."""
    return (
        Assessment.objects.visible_to(viewer)
        .select_related("framework", "person", "role_profile", "organisation")
        .filter(pk=assessment_id)
        .first()
    )


def own_assessment(viewer: AnyViewer, assessment_id: int) -> Assessment | None:
    return (
        Assessment.objects.owned_by(viewer).select_related("framework", "role_profile").filter(pk=assessment_id).first()
    )


def shared_assessments(viewer: AnyViewer, organisation: Organisation) -> QuerySet[Assessment]:
    """Latest assessments that people in a service the viewer manages chose to share."""
    return (
        Assessment.objects.visible_to(viewer)
        .exclude(person_id=viewer.pk)
        .filter(organisation=organisation, is_latest=True)
        .select_related("person")
        .annotate(rated=Count("ratings"))
        .order_by("person__full_name")
    )


def ratings_of(assessment: Assessment) -> dict[int, Rating]:
    """The assessment's ratings by sub-area id."""
    return {r.sub_area_id: r for r in assessment.ratings.all()}


def rated_sub_areas(assessment: Assessment) -> list[RatedSubArea]:
    """The assessment's ratings with what its role profile expects, in framework order."""
    expected: dict[int, int] = {}
    if assessment.role_profile_id:
        expected = dict(assessment.role_profile.expectations.values_list("sub_area_id", "level"))  # type: ignore[union-attr]
    ratings = assessment.ratings.select_related("sub_area__area").order_by("sub_area__position")
    return [
        RatedSubArea(
            number=r.sub_area.number,
            name=r.sub_area.name,
            area_number=r.sub_area.area.number,
            area_name=r.sub_area.area.name,
            current=r.current,
            target=r.target,
            priority=Priority(r.priority) if r.priority else None,
            expected=expected.get(r.sub_area_id),
        )
        for r in ratings
    ]


def history_of(person: Caller, framework: Framework) -> list[tuple[Assessment, list[RatedSubArea]]]:
    """The person's finished assessments, oldest first, with ratings in the areas of `framework`:
    an assessment on the previous version counts under the sub-areas that map to it."""
    finished = list(
        Assessment.objects.owned_by(person)
        .filter(completed_on__isnull=False, framework__in=[framework.pk, framework.previous_id])
        .select_related("framework")
        .order_by("completed_on", "id")
    )
    continues: dict[int, SubArea] = {}  # previous version's sub-area id -> this version's sub-area
    for revised in SubArea.objects.filter(framework=framework).select_related("area").prefetch_related("maps_to"):
        for earlier in revised.maps_to.all():
            continues.setdefault(earlier.pk, revised)
    history = []
    for assessment in finished:
        rated = []
        for r in assessment.ratings.select_related("sub_area__area"):
            sub: SubArea | None = (
                r.sub_area if assessment.framework_id == framework.pk else continues.get(r.sub_area_id)
            )
            if sub is not None:
                rated.append(RatedSubArea(sub.number, sub.name, sub.area.number, sub.area.name, r.current, r.target))
        history.append((assessment, rated))
    return history


def plan_of(person: Caller) -> QuerySet[PlanAction]:
    return PlanAction.objects.owned_by(person).prefetch_related("sub_areas")


def plan_action_of(person: Caller, action_id: int) -> PlanAction | None:
    return PlanAction.objects.owned_by(person).filter(pk=action_id).first()


def rated_counts_by_area(assessment: Assessment) -> dict[int, int]:
    return dict(
        assessment.ratings.values("sub_area__area__number")
        .annotate(n=Count("id"))
        .values_list("sub_area__area__number", "n")
    )


def led_regions(viewer: AnyViewer) -> list[Region]:
    """Current regions the viewer leads, for links to their roll-ups."""
    if not viewer.is_authenticated:
        return []
    return list(Region.objects.current().filter(pk__in=viewer.led_region_ids()).order_by("name"))


def managed_organisations(viewer: AnyViewer) -> list[Organisation]:
    if not viewer.is_authenticated:
        return []
    return list(Organisation.objects.filter(pk__in=viewer.managed_organisation_ids()).order_by("name"))


def role_profiles_with_expectations(framework: Framework) -> list[RoleProfile]:
    return list(
        framework.role_profiles.prefetch_related(
            Prefetch(
                "expectations",
                queryset=RoleExpectation.objects.select_related("sub_area").order_by("sub_area__position"),
            )
        )
    )


def sub_area_numbers_of(key: str) -> set[str] | None:
    """The sub-area numbers of a loaded framework, or None if there is none with this key."""
    framework = Framework.objects.filter(key=key).first()
    return None if framework is None else set(framework.sub_areas.values_list("number", flat=True))


def sub_area_ids(framework_key: str) -> dict[str, int] | None:
    """A framework's sub-areas by number (-> id), or None when no framework has the key: what skills
    offers other apps (surveys' links from needs to sub-areas) through its capability."""
    framework = Framework.objects.filter(key=framework_key).first()
    if framework is None:
        return None
    return dict(SubArea.objects.filter(framework=framework).values_list("number", "id"))


# Re-assessment: the role profile to offer, and what was carried over ---------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+", text.lower()))


def matching_role_profile(job_title: str, profiles: Sequence[RoleProfile]) -> RoleProfile | None:
    """The role profile a job title names: one whose name or key is the title ("Librarian" is the
    librarian profile), else the one whose name or key the title contains, the longest such
    ("Senior library assistant" is the library assistant profile); None when none fits."""
    title = _words(job_title)
    if not title:
        return None
    names = [(p, {_words(p.name), _words(p.key)}) for p in profiles]
    exact = [p for p, forms in names if title in forms]
    if exact:
        return exact[0]

    def contained(form: tuple[str, ...]) -> bool:
        return bool(form) and any(title[i : i + len(form)] == form for i in range(len(title) - len(form) + 1))

    within = [(max(len(f) for f in forms if contained(f)), p) for p, forms in names if any(contained(f) for f in forms)]
    if not within:
        return None
    longest = max(n for n, _p in within)
    found = [p for n, p in within if n == longest]
    return found[0] if len(found) == 1 else None


def role_profile_for(person: User, framework: Framework) -> RoleProfile | None:
    """The role profile to preselect when the person starts a self-assessment: the one their job
    title names, else the one they chose last time in this framework, else none."""
    profiles = list(framework.role_profiles.all())
    matched = matching_role_profile(person.job_title or "", profiles)
    if matched is not None:
        return matched
    last = (
        Assessment.objects.owned_by(person)
        .filter(framework=framework, completed_on__isnull=False, role_profile__isnull=False)
        .order_by("-completed_on", "-id")
        .first()
    )
    return next((p for p in profiles if last is not None and p.pk == last.role_profile_id), None)


def last_finished(person: Caller, framework: Framework) -> Assessment | None:
    """The person's latest finished self-assessment in the framework: what a new one starts from."""
    return Assessment.objects.owned_by(person).filter(framework=framework, is_latest=True).first()


def carried_over_from(assessment: Assessment) -> Assessment | None:
    """The finished self-assessment an unfinished one was started from (its ratings were carried
    over), while it is unfinished and any of them were; None otherwise."""
    if assessment.is_completed or not assessment.ratings.filter(carried_over=True).exists():
        return None
    return (
        Assessment.objects.owned_by(assessment.person)
        .filter(framework_id=assessment.framework_id, completed_on__isnull=False, id__lt=assessment.pk)
        .order_by("-id")
        .first()
    )


def carried_counts_by_area(assessment: Assessment) -> dict[int, int]:
    """How many ratings in each area are carried over and not yet looked at again, by area number."""
    return dict(
        assessment.ratings.filter(carried_over=True)
        .values("sub_area__area__number")
        .annotate(n=Count("id"))
        .values_list("sub_area__area__number", "n")
    )
