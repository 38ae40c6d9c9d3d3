"""Skills over the API: frameworks, a person's own assessments and plan, and roll-ups with small
groups suppressed. The same selectors, services and presenters as the pages, files and CLI."""

from dataclasses import replace
from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.api_errors import responses, write_responses
from lksworkforce.core.disclosure import Suppressed
from lksworkforce.core.problems import Problem, Rejected, fields_rejected
from lksworkforce.core.schemas import BodyIn, Text
from lksworkforce.skills import aggregates, presenters, selectors, services, sharing
from lksworkforce.skills.gaps import area_summaries, prioritised_gaps
from lksworkforce.skills.limits import (
    DESCRIPTION_LIMIT,
    EVIDENCE_LIMIT,
    KEY_LIMIT,
    LINK_LIMIT,
    REFLECTION_LIMIT,
    RESOURCE_URL_LIMIT,
)
from lksworkforce.skills.models import Assessment
from lksworkforce.skills.rollups import lowest_widely_needed

router = Router(tags=["Skills"])
VERSION_OUT = "Send this back when you change the record: a change based on an older version is refused (409 stale)"
API_FIELDS = {
    "links": "evidence_links",
    "evidence": "learning_evidence",
}  # the service's field names, as RatingIn names them
NOT_STARTED = "The self-assessment was not started"


def _as_sent(problem: Problem) -> Problem:
    """A problem with a rating's field, named as RatingIn names it (`ratings.6.1.learning_evidence`)."""
    where, _, name = (problem.field or "").rpartition(".")
    return replace(problem, field=f"{where}.{API_FIELDS.get(name, name)}") if where else problem


class FrameworkOut(Schema):
    key: str
    name: str
    version: str
    is_current: bool
    sub_areas: int


class LevelOut(Schema):
    value: int
    label: str
    description: str


class AreaOut(Schema):
    number: int
    name: str
    description: str


class SubAreaOut(Schema):
    number: str
    area: int
    name: str
    description: str
    maps_to: list[str]


class RoleProfileOut(Schema):
    key: str
    name: str
    description: str
    expects: dict[str, int]


class FrameworkDetailOut(Schema):
    key: str
    name: str
    version: str
    description: str
    previous: str | None
    current: bool
    scale: list[LevelOut]
    areas: list[AreaOut]
    sub_areas: list[SubAreaOut]
    role_profiles: list[RoleProfileOut]


class AssessmentOut(Schema):
    id: int
    framework: str
    started_on: date
    completed_on: date | None
    role_profile: str | None
    shared_with_manager: bool
    is_latest: bool
    edit_version: int = Field(description=VERSION_OUT)


class RatingOut(Schema):
    sub_area: str
    current: int
    target: int
    gap: int
    priority: str
    learning_evidence: str
    evidence_links: list[str]
    carried_over: bool = Field(
        False, description="Copied from your last finished self-assessment and not saved or confirmed since"
    )
    # None in the copy a person shared, which only they can change.
    edit_version: int | None = Field(
        None, description=f"{VERSION_OUT}. None in a shared copy, which you cannot change."
    )


class AssessmentDetailOut(AssessmentOut):
    reflection: str
    ratings: list[RatingOut]


class RatingIn(BodyIn):
    sub_area: Annotated[str, Text(KEY_LIMIT, "The sub-area")]
    current: int | None = None
    target: int | None = None
    priority: Literal["", "high", "medium", "low"] = ""
    learning_evidence: Annotated[str, Text(EVIDENCE_LIMIT, "How you will show your learning")] = ""
    evidence_links: list[Annotated[str, Text(LINK_LIMIT, "A link")]] = []
    edit_version: int = Field(
        ge=0,
        description="The `edit_version` of this sub-area's rating as you last read it (0 if it had none). "
        "If the rating has changed since, nothing is saved and the answer is 409 `stale`.",
    )


class RatingsIn(BodyIn):
    ratings: list[RatingIn]


class SavedOut(Schema):
    changed: int


class StartIn(BodyIn):
    role_profile: Annotated[str, Text(KEY_LIMIT, "The role profile")] | None = None


class CompleteIn(BodyIn):
    reflection: Annotated[str, Text(REFLECTION_LIMIT, "The reflection")]
    share_with_manager: bool = False
    edit_version: int = Field(
        ge=0,
        description="The self-assessment's `edit_version` as you last read it; if it has changed since "
        "(finished or shared elsewhere), nothing is saved and the answer is 409 `stale`.",
    )


class GapOut(Schema):
    sub_area: str
    sub_area_name: str
    priority: Literal["high", "medium", "low"] | None
    current: int
    target: int
    gap: int
    role_expects: int | None = Field(description="The level the person's role profile expects; null without one")
    role_gap: int | None


MEAN = "A mean level, to 1 decimal place as the pages show it; null when nothing was rated"


class AreaSummaryOut(Schema):
    area: int
    area_name: str
    rated: int
    mean_current: float | None = Field(description=MEAN)
    mean_target: float | None = Field(description=MEAN)
    mean_expected: float | None = Field(description=MEAN)
    with_gap: int


class GapsOut(Schema):
    gaps: list[GapOut]
    areas: list[AreaSummaryOut]


class PlanActionOut(Schema):
    id: int
    description: str
    kind: str
    sub_areas: list[str]
    due_on: date | None
    status: str
    resource_url: str


class PlanActionIn(BodyIn):
    kind: Annotated[str, Text(KEY_LIMIT, "The kind")]
    description: Annotated[str, Text(DESCRIPTION_LIMIT, "The description")]
    sub_areas: list[Annotated[str, Text(KEY_LIMIT, "The sub-area")]] = []
    due_on: date | None = None
    status: Annotated[str, Text(KEY_LIMIT, "The status")] = "planned"
    resource_url: Annotated[str, Text(RESOURCE_URL_LIMIT, "The web address")] = ""


SUPPRESSED = (
    "Why the figures of this row are null: `small_group` (fewer people than the threshold) or "
    "`protects_smaller_group` (hidden so that a small group elsewhere cannot be worked out); null when shown"
)
TENTHS = "To 1 decimal place, as the pages and CSV show it; null when hidden (see `suppressed`)"


class RollupRowOut(Schema):
    scope_code: str
    scope_name: str
    group_code: str
    group_name: str
    item: str
    item_name: str
    people: int | None
    mean_current: float | None = Field(description=TENTHS)
    mean_target: float | None = Field(description=TENTHS)
    percent_with_gap: float | None = Field(description=TENTHS)
    suppressed: Suppressed | None = Field(description=SUPPRESSED)


class RankedOut(Schema):
    rank: int
    item: str
    item_name: str
    people: int
    percent_rating: float
    mean_current: float | None
    mean_target: float | None
    percent_with_gap: float | None


class RollupOut(Schema):
    framework: str
    scope: str
    code: str
    level: str
    by: str
    threshold: int
    figures_as_of: datetime | None
    note: str
    rows: list[RollupRowOut]
    lowest_widely_needed: list[RankedOut]


def _assessment_out(a: Assessment) -> dict[str, Any]:
    return {
        "id": a.pk,
        "framework": a.framework.key,
        "started_on": a.started_on,
        "completed_on": a.completed_on,
        "role_profile": a.role_profile.key if a.role_profile else None,
        "shared_with_manager": a.shared_with_manager,
        "is_latest": a.is_latest,
        "edit_version": a.edit_version,
    }


def _visible(request: HttpRequest, assessment_id: int) -> Assessment:
    assessment = selectors.assessment_for(request.user, assessment_id)
    if assessment is None:
        raise HttpError(404, "No such self-assessment")
    return assessment


def _own(request: HttpRequest, assessment_id: int) -> Assessment:
    assessment = selectors.own_assessment(request.user, assessment_id)
    if assessment is None:
        raise HttpError(404, "No such self-assessment of yours")
    return assessment


@router.get("/skills/frameworks", response=responses(list[FrameworkOut]), summary="Skills frameworks loaded")
def framework_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "key": f.key,
            "name": f.name,
            "version": f.version,
            "is_current": f.is_current,
            "sub_areas": getattr(f, "sub_area_count", 0),
        }
        for f in selectors.frameworks()
    ]


@router.get("/skills/frameworks/{key}", response=responses(FrameworkDetailOut, 404), summary="One framework")
def framework_detail(request: HttpRequest, key: str) -> dict[str, Any]:
    framework = selectors.framework_by_key(key)
    if framework is None:
        raise HttpError(404, "No such framework")
    spec = selectors.framework_spec(framework)
    return {
        "key": spec.key,
        "name": spec.name,
        "version": spec.version,
        "description": spec.description,
        "previous": spec.previous,
        "current": spec.current,
        "scale": [{"value": lv.value, "label": lv.label, "description": lv.description} for lv in spec.scale],
        "areas": [{"number": a.number, "name": a.name, "description": a.description} for a in spec.areas],
        "sub_areas": [
            {
                "number": s.number,
                "area": s.area,
                "name": s.name,
                "description": s.description,
                "maps_to": list(s.maps_to),
            }
            for s in spec.sub_areas
        ],
        "role_profiles": [
            {"key": p.key, "name": p.name, "description": p.description, "expects": dict(p.expects)}
            for p in spec.role_profiles
        ],
    }


@router.get("/skills/assessments", response=responses(list[AssessmentOut]), summary="Your self-assessments")
def assessment_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [_assessment_out(a) for a in selectors.assessments_of(request.user)]


@router.post(
    "/skills/assessments",
    response=write_responses(AssessmentOut, 404),
    summary="Start a self-assessment in the current framework (or carry on with the unfinished one)",
    description="A new one starts from your last finished self-assessment: its ratings are copied, "
    "each with `carried_over` true until you save it again.",
)
def assessment_start(request: SignedInRequest, body: StartIn) -> dict[str, Any]:
    framework = selectors.current_framework()
    if framework is None:
        raise HttpError(404, "No skills framework has been loaded yet")
    profile = None
    if body.role_profile:
        profile = framework.role_profiles.filter(key=body.role_profile).first()
        if profile is None:
            reason = f"No role profile '{body.role_profile}' in {framework.key}"
            raise Rejected([Problem(field="role_profile", value=body.role_profile, reason=reason)], subject=NOT_STARTED)
    assessment = services.assessment_start(person=request.user, framework=framework, role_profile=profile)
    return _assessment_out(assessment)


@router.get(
    "/skills/assessments/{assessment_id}",
    response=responses(AssessmentDetailOut, 404),
    summary="A self-assessment: yours, or one shared with you as the person's service manager",
)
def assessment_detail(request: HttpRequest, assessment_id: int) -> dict[str, Any]:
    assessment = _visible(request, assessment_id)
    if assessment.person_id != request.user.pk:  # the frozen copy the person shared
        copy = sharing.shared_copy(assessment)
        return _assessment_out(assessment) | {"reflection": copy["reflection"], "ratings": copy["api_ratings"]}
    ratings = assessment.ratings.select_related("sub_area").order_by("sub_area__position")
    return _assessment_out(assessment) | {
        "reflection": assessment.reflection,
        "ratings": [
            sharing.api_rating(r) | {"edit_version": r.edit_version, "carried_over": r.carried_over} for r in ratings
        ],
    }


@router.put(
    "/skills/assessments/{assessment_id}/ratings",
    response=write_responses(SavedOut, 404, 409),
    summary="Save ratings (both levels null removes one); levels outside the framework's scale are refused",
    description="Optimistic concurrency: each rating sent carries the `edit_version` it was read at "
    "(0 for a sub-area not yet rated). If any has changed since, nothing is saved: 409 with code "
    "`stale` and `changes`, what you sent beside what is saved now. Read it again and resend.",
)
def ratings_save(request: HttpRequest, assessment_id: int, body: RatingsIn) -> Any:
    assessment = _own(request, assessment_id)
    sub_areas = {s.number: s for s in assessment.framework.sub_areas.all()}
    unknown = [r.sub_area for r in body.ratings if r.sub_area not in sub_areas]
    if unknown:
        raise Rejected(
            [Problem(field=f"ratings.{n}", reason=f"No sub-area {n} in {assessment.framework.key}") for n in unknown],
            subject=services.RATINGS_NOT_SAVED,
        )
    entries = {
        sub_areas[r.sub_area]: services.RatingInput(
            r.current, r.target, r.priority, r.learning_evidence, tuple(r.evidence_links), r.edit_version
        )
        for r in body.ratings
    }
    try:
        changed = services.ratings_save(assessment=assessment, actor=request.user, entries=entries)
    except Rejected as rejected:
        raise Rejected([_as_sent(p) for p in rejected.problems], subject=rejected.subject) from None
    except services.SkillsError as error:
        raise HttpError(409, str(error)) from None
    return {"changed": changed}


@router.post(
    "/skills/assessments/{assessment_id}/complete",
    response=write_responses(AssessmentOut, 404, 409),
    summary="Finish a self-assessment with a reflection; it then counts in roll-ups",
    description="Send the `edit_version` you read. If the self-assessment was finished or shared "
    "since (in another tab, say), nothing is saved: 409 with code `stale`.",
)
def assessment_complete(request: HttpRequest, assessment_id: int, body: CompleteIn) -> Any:
    assessment = _own(request, assessment_id)
    try:
        services.assessment_complete(
            assessment=assessment,
            actor=request.user,
            reflection=body.reflection,
            share_with_manager=body.share_with_manager,
            expected_version=body.edit_version,
        )
    except services.SkillsError as error:
        if error.field == "reflection" and not body.reflection.strip():
            raise fields_rejected({"reflection": str(error)}, subject="The self-assessment was not finished") from None
        raise HttpError(409, str(error)) from None
    return _assessment_out(assessment)


@router.get(
    "/skills/assessments/{assessment_id}/gaps",
    response=responses(GapsOut, 404),
    summary="Prioritised gaps and levels by area, as on the gaps page",
)
def assessment_gaps(request: HttpRequest, assessment_id: int) -> dict[str, Any]:
    assessment = _visible(request, assessment_id)
    if assessment.person_id != request.user.pk:
        return sharing.api_figures(sharing.shared_copy(assessment))
    rated = selectors.rated_sub_areas(assessment)
    return {
        "gaps": presenters.gap_figures(prioritised_gaps(rated)),
        "areas": presenters.area_figures(area_summaries(rated)),
    }


@router.get("/skills/plan", response=responses(list[PlanActionOut]), summary="Your development plan")
def plan(request: HttpRequest) -> list[dict[str, Any]]:
    return presenters.plan_figures(selectors.plan_of(request.user))


@router.post("/skills/plan", response=write_responses(PlanActionOut), summary="Add an action to your plan")
def plan_add(request: SignedInRequest, body: PlanActionIn) -> Any:
    framework = selectors.current_framework()
    by_number = {s.number: s for s in framework.sub_areas.all()} if framework else {}
    unknown = [n for n in body.sub_areas if n not in by_number]
    entry = services.ActionInput(
        body.kind,
        body.description,
        [by_number[n] for n in body.sub_areas if n in by_number],
        body.due_on,
        body.status,
        body.resource_url,
    )
    problems = services.action_problems(entry)
    if unknown:
        problems["sub_areas"] = f"No sub-area {unknown[0]} in the framework"
    if problems:
        raise fields_rejected(problems, subject="The action was not added")
    action = services.plan_action_save(person=request.user, entry=entry)
    return presenters.plan_figures([action])[0]


@router.get(
    "/skills/rollups",
    response=responses(RollupOut, 403, 404),
    summary="Self-assessment roll-up for England, a region or an organisation, with small groups suppressed",
)
def rollup(
    request: HttpRequest,
    scope: Literal["nation", "region", "organisation"] = "nation",
    code: str = "",
    level: Literal["area", "sub_area"] = "area",
    by: Literal["band_group", "role", "organisation", "region"] = "band_group",
) -> dict[str, Any]:
    found = aggregates.find_scope(scope, code)
    if found is None:
        raise HttpError(404, "No such region or organisation")
    chosen, guarded = found
    if not request.user.has_perm(aggregates.PERMISSION_FOR_SCOPE[scope], guarded):
        raise HttpError(403, "You do not oversee this area")
    framework = selectors.current_framework()
    if framework is None:
        raise HttpError(404, "No skills framework has been loaded yet")
    data = aggregates.rollup_data(framework, chosen, level)
    if by not in aggregates.BREAKDOWNS_FOR_SCOPE[scope]:
        reason = f"A roll-up of {chosen.name} has no breakdown by {by.replace('_', ' ')}"
        raise Rejected([Problem(field="by", value=by, reason=reason)], subject="The roll-up was not made")
    if by not in aggregates.breakdowns_for(request.user, data):
        raise HttpError(403, f"You do not oversee every {by.replace('_', ' ')} in this breakdown")
    labelled = aggregates.breakdown_by(data, by)
    return {
        "framework": framework.key,
        "scope": scope,
        "code": chosen.code,
        "level": level,
        "by": by,
        "threshold": data.threshold,
        "figures_as_of": data.published_at,
        "note": presenters.published_note(data),
        "rows": presenters.rollup_rows(data, labelled, cells=presenters.cell_figures),
        "lowest_widely_needed": presenters.ranking_figures(data, lowest_widely_needed(labelled.result)),
    }
