"""Every write to skills data: loading frameworks, taking self-assessments, planning development.
Keyword-only arguments, one transaction each, checked, audited."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from lksworkforce.accounts.models import User
from lksworkforce.core.audit import audit_record
from lksworkforce.core.concurrency import claim_deletion, claim_version, expected
from lksworkforce.core.disclosure import releasable
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.selectors import suppression_threshold
from lksworkforce.core.viewers import Caller
from lksworkforce.skills import publication
from lksworkforce.skills.differences import action_values, stale_action, stale_assessment, stale_ratings
from lksworkforce.skills.framework_file import NOT_LOADED, FrameworkSpec
from lksworkforce.skills.levels import ActionKind, ActionStatus, Priority, Scale
from lksworkforce.skills.limits import (
    DESCRIPTION_LIMIT,
    EVIDENCE_LIMIT,
    LINK_LIMIT,
    REFLECTION_LIMIT,
    RESOURCE_URL_LIMIT,
)
from lksworkforce.skills.models import (
    Area,
    Assessment,
    Framework,
    PlanAction,
    Rating,
    RoleExpectation,
    RoleProfile,
    RollupPublication,
    ScaleLevel,
    SubArea,
)
from lksworkforce.skills.selectors import framework_scale
from lksworkforce.skills.sharing import share_screen


class SkillsError(Exception):
    """A change that cannot be made, with a sentence for a person; `field` names the form field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# Frameworks ------------------------------------------------------------------------------


@transaction.atomic
def framework_load(*, spec: FrameworkSpec, actor: Caller | None = None) -> Framework:
    """Create the framework, or load over the one with the same key (new wording, new sub-areas).
    Refused whole (Rejected) when it maps to sub-areas its previous version lacks, or
    would remove sub-areas or scale levels that assessments already use."""
    problems = _problems_against_database(spec)
    if problems:
        raise Rejected(problems, subject=NOT_LOADED)
    previous = Framework.objects.get(key=spec.previous) if spec.previous else None
    framework, created = Framework.objects.update_or_create(
        key=spec.key,
        defaults={"name": spec.name, "version": spec.version, "description": spec.description, "previous": previous},
    )
    if spec.current:
        Framework.objects.exclude(pk=framework.pk).filter(is_current=True).update(is_current=False)
    framework.is_current = spec.current or framework.is_current
    framework.save(update_fields=["is_current"])

    framework.scale.exclude(value__in=[lv.value for lv in spec.scale]).delete()
    for level in spec.scale:
        ScaleLevel.objects.update_or_create(
            framework=framework, value=level.value, defaults={"label": level.label, "description": level.description}
        )
    areas = {}
    for area in spec.areas:
        areas[area.number], _ = Area.objects.update_or_create(
            framework=framework, number=area.number, defaults={"name": area.name, "description": area.description}
        )
    framework.sub_areas.exclude(number__in=[s.number for s in spec.sub_areas]).delete()
    framework.areas.exclude(number__in=list(areas)).delete()
    earlier = dict(previous.sub_areas.values_list("number", "pk")) if previous else {}
    sub_areas = {}
    for position, sub in enumerate(spec.sub_areas, start=1):
        saved, _ = SubArea.objects.update_or_create(
            framework=framework,
            number=sub.number,
            defaults={"area": areas[sub.area], "position": position, "name": sub.name, "description": sub.description},
        )
        saved.maps_to.set([earlier[n] for n in sub.maps_to])
        sub_areas[sub.number] = saved
    framework.role_profiles.exclude(key__in=[p.key for p in spec.role_profiles]).delete()
    for profile_spec in spec.role_profiles:
        profile, _ = RoleProfile.objects.update_or_create(
            framework=framework,
            key=profile_spec.key,
            defaults={"name": profile_spec.name, "description": profile_spec.description},
        )
        profile.expectations.all().delete()
        RoleExpectation.objects.bulk_create(
            RoleExpectation(profile=profile, sub_area=sub_areas[number], level=level)
            for number, level in profile_spec.expects
        )
    audit_record(
        actor=actor,
        action="skills.framework_created" if created else "skills.framework_reloaded",
        obj=framework,
        summary=f"Framework {spec.key} loaded: {len(spec.areas)} areas, {len(spec.sub_areas)} sub-areas",
        changes={"version": spec.version, "sub_areas": len(spec.sub_areas)},
    )
    return framework


def _problems_against_database(spec: FrameworkSpec) -> list[Problem]:
    problems = []
    if spec.previous:
        if spec.previous == spec.key:
            problems.append(Problem(field="previous", reason="A framework cannot be its own previous version"))
        previous = Framework.objects.filter(key=spec.previous).first()
        if previous is None:
            problems.append(Problem(field="previous", reason=f"There is no framework '{spec.previous}': load it first"))
        else:
            known = set(previous.sub_areas.values_list("number", flat=True))
            problems += [
                Problem(field=f"sub-area {sub.number}", reason=f"It maps to {n}, which is not in {spec.previous}")
                for sub in spec.sub_areas
                for n in sub.maps_to
                if n not in known
            ]
    existing = Framework.objects.filter(key=spec.key).first()
    if existing is not None:
        numbers = {s.number for s in spec.sub_areas}
        rated = (
            SubArea.objects.filter(framework=existing)
            .exclude(number__in=numbers)
            .annotate(uses=Count("ratings"))
            .filter(uses__gt=0)
        )
        problems += [
            Problem(
                field=f"sub-area {s.number}",
                reason=f"It is missing from the file but {s.uses} ratings use it; "
                "publish a new version with a mapping instead",
            )
            for s in rated
        ]
        keys = {p.key for p in spec.role_profiles}
        in_use = (
            RoleProfile.objects.filter(framework=existing)
            .exclude(key__in=keys)
            .annotate(uses=Count("assessments"))
            .filter(uses__gt=0)
        )
        problems += [
            Problem(
                field=f"role profile {p.key}",
                reason=f"It is missing from the file but {p.uses} self-assessments use it; keep it in the file",
            )
            for p in in_use
        ]
        values = {lv.value for lv in spec.scale}
        used = Rating.objects.filter(assessment__framework=existing).values_list("current", "target")
        outside = sorted({v for pair in used for v in pair if v not in values})
        if outside:
            problems.append(
                Problem(field="scale", reason=f"Ratings use levels {outside}, which the new scale does not have")
            )
    return problems


# Self-assessment --------------------------------------------------------------------------


@transaction.atomic
def assessment_start(*, person: User, framework: Framework, role_profile: RoleProfile | None = None) -> Assessment:
    """A new dated self-assessment, or the person's unfinished one in this framework. A new one
    starts from the person's last finished one in the framework: every rating (levels, priority,
    how they will show learning, evidence links) is copied, marked as carried over until the person
    saves its area or says nothing has changed there. The copy is part of an unfinished
    self-assessment, private to its owner and counted in no roll-up until it is finished."""
    if role_profile is not None and role_profile.framework_id != framework.pk:
        raise SkillsError("Choose a role from this framework", field="role_profile")
    unfinished = Assessment.objects.owned_by(person).filter(framework=framework, completed_on__isnull=True).first()
    if unfinished is not None:
        return unfinished
    assessment = Assessment.objects.create(
        person=person,
        framework=framework,
        organisation_id=person.organisation_id,
        band=person.band or "",
        role_profile=role_profile,
        started_on=timezone.localdate(),
    )
    last = Assessment.objects.owned_by(person).filter(framework=framework, is_latest=True).first()
    copied = (
        Rating.objects.bulk_create(
            Rating(
                assessment=assessment,
                sub_area_id=r.sub_area_id,
                current=r.current,
                target=r.target,
                priority=r.priority,
                learning_evidence=r.learning_evidence,
                evidence_links=list(r.evidence_links),
                carried_over=True,
            )
            for r in last.ratings.all()
        )
        if last is not None
        else []
    )
    audit_record(
        actor=person,
        action="skills.assessment_started",
        obj=assessment,
        summary="Self-assessment started"
        + (f", {len(copied)} ratings carried over from the last one" if last is not None else ""),
        changes={"carried_over_from": last.pk, "ratings_carried_over": len(copied)} if last is not None else None,
    )
    return assessment


@transaction.atomic
def area_confirm(*, assessment: Assessment, actor: Caller, area: Area, versions: Mapping[int, int | None]) -> int:
    """ "Nothing has changed in this area": the area's carried-over ratings are kept as they are and
    no longer marked as carried over. `versions` is the version of each carried-over rating the
    person saw, by sub-area id; a carried-over rating changed since (another tab) refuses the whole
    confirmation (StaleEdit, nothing written). Returns how many ratings were confirmed."""
    if assessment.person_id != actor.pk:
        raise SkillsError("Only the person can change their self-assessment")
    if assessment.is_completed:
        raise SkillsError("This self-assessment is finished; start a new one to rate again")
    if area.framework_id != assessment.framework_id:
        raise SkillsError(f"No area {area.number} in {assessment.framework.key}")
    carried = list(assessment.ratings.filter(sub_area__area=area, carried_over=True).select_related("sub_area"))
    seen = {sub_id: expected(version) for sub_id, version in versions.items()}
    # A carried-over rating the person did not see as it is now was changed elsewhere. One that is
    # no longer carried over was already saved or confirmed (a second press): it stays as it is.
    stale = any(seen.get(r.sub_area_id) != r.edit_version for r in carried)
    if stale or not all(
        claim_version(Rating.objects, pk=r.pk, version=r.edit_version, carried_over=False) for r in carried
    ):
        raise stale_ratings(assessment, {r.sub_area: _values_of(r) for r in carried})
    if carried:
        assessment.save(update_fields=["updated_at"])
        audit_record(
            actor=actor,
            action="skills.area_confirmed",
            obj=assessment,
            summary=f"Nothing changed in area {area.number}: {len(carried)} carried-over ratings kept",
            changes={"area": area.number, "sub_areas": [r.sub_area.number for r in carried]},
        )
    return len(carried)


def _values_of(rating: Rating) -> dict[str, Any]:
    return {
        "current": rating.current,
        "target": rating.target,
        "priority": rating.priority,
        "learning_evidence": rating.learning_evidence,
        "evidence_links": list(rating.evidence_links),
    }


@dataclass(frozen=True)
class RatingInput:
    """What a person enters for one sub-area; `current` and `target` None means "not relevant".
    `edit_version` is the version of the rating they saw: 0 when there was none (ADR 12)."""

    current: int | None
    target: int | None
    priority: str = ""
    learning_evidence: str = ""
    evidence_links: tuple[str, ...] = ()
    edit_version: int = 0


MOST_EVIDENCE_LINKS = 10
RATING_FIELDS = ("current", "target", "priority", "evidence", "links")  # as rating_problems names them
RATINGS_NOT_SAVED = "The ratings were not saved"


def rating_field(number: str, name: str) -> str:
    """Where a problem with one of a rating's fields is: `ratings.6.1.current`."""
    return f"ratings.{number}.{name}"


def rating_problems(scale: Scale, entry: RatingInput) -> dict[str, str]:
    """Problems by field ("current", "target", "priority", "links") with one entry, for forms and the API."""
    problems = {}
    for name, value in (("current", entry.current), ("target", entry.target)):
        problem = scale.problem_with(value, f"The {name} level")
        if problem:
            problems[name] = problem
    blank = entry.current is None and entry.target is None
    if not blank and (entry.current is None) != (entry.target is None):
        missing = "target" if entry.target is None else "current"
        problems.setdefault(missing, f"Choose a {missing} level as well, or leave both blank if this is not relevant")
    if entry.priority and entry.priority not in Priority:
        problems["priority"] = "Choose high, medium or low priority"
    if len(entry.learning_evidence) > EVIDENCE_LIMIT:
        problems["evidence"] = f"Write at most {EVIDENCE_LIMIT:,} characters on how you will show your learning"
    if len(entry.evidence_links) > MOST_EVIDENCE_LINKS:
        problems["links"] = f"Give at most {MOST_EVIDENCE_LINKS} links"
    elif any(len(link) > LINK_LIMIT for link in entry.evidence_links):
        problems["links"] = f"Each link must be {LINK_LIMIT:,} characters or fewer"
    not_web = [link for link in entry.evidence_links if not link.startswith(("https://", "http://"))]
    if not_web:
        problems["links"] = f"Each link must be a web address starting with https:// ('{not_web[0][:40]}')"
    if blank and (entry.priority or entry.learning_evidence or entry.evidence_links):
        problems.setdefault("current", "Choose current and target levels, or clear the priority and comments")
    return problems


@transaction.atomic
def ratings_save(*, assessment: Assessment, actor: Caller, entries: Mapping[SubArea, RatingInput]) -> int:
    """Save a person's ratings for some sub-areas (e.g. one area's page). Blank entries remove a
    rating. Refused whole (Rejected, a problem for each field of each rating: `rating_field`) when
    any entry is out of the scale."""
    if assessment.person_id != actor.pk:
        raise SkillsError("Only the person can change their self-assessment")
    if assessment.is_completed:
        raise SkillsError("This self-assessment is finished; start a new one to rate again")
    scale = framework_scale(assessment.framework)
    problems = [
        Problem(field=rating_field(sub.number, name), reason=reason)
        for sub, entry in entries.items()
        for name, reason in rating_problems(scale, entry).items()
    ] + [
        Problem(field=f"ratings.{sub.number}", reason=f"No sub-area {sub.number} in {assessment.framework.key}")
        for sub in entries
        if sub.framework_id != assessment.framework_id
    ]
    if problems:
        raise Rejected(problems, subject=RATINGS_NOT_SAVED)
    existing = {r.sub_area_id: r for r in assessment.ratings.filter(sub_area__in=list(entries))}
    seen = {sub: expected(entry.edit_version) for sub, entry in entries.items()}
    if any(seen[sub] != (existing[sub.pk].edit_version if sub.pk in existing else 0) for sub in entries):
        raise stale_ratings(assessment, _sent(entries))
    changed = []
    for sub, entry in entries.items():
        rating, version = existing.get(sub.pk), seen[sub]
        if entry.current is None or entry.target is None:
            if rating is not None:
                if not claim_deletion(Rating.objects, pk=rating.pk, version=version):
                    raise stale_ratings(assessment, _sent(entries))
                changed.append(sub.number)
            continue
        values = _rating_values(entry) | {"carried_over": False}  # saved in its area: looked at again
        if rating is None:
            try:
                with transaction.atomic():  # the same sub-area rated at once in another tab
                    Rating.objects.create(assessment=assessment, sub_area=sub, **values)
            except IntegrityError:
                raise stale_ratings(assessment, _sent(entries)) from None
            changed.append(sub.number)
        elif any(getattr(rating, k) != v for k, v in values.items()):
            if not claim_version(Rating.objects, pk=rating.pk, version=version, **values):
                raise stale_ratings(assessment, _sent(entries))
            changed.append(sub.number)
    if changed:
        assessment.save(update_fields=["updated_at"])
        # Which sub-areas changed, not the levels: the audit trail need not copy personal ratings.
        audit_record(
            actor=actor,
            action="skills.ratings_saved",
            obj=assessment,
            summary=f"Ratings saved for {len(changed)} sub-areas",
            changes={"sub_areas": changed},
        )
    return len(changed)


def _sent(entries: Mapping[SubArea, RatingInput]) -> dict[SubArea, dict[str, Any] | None]:
    """What was sent for each sub-area (None: left blank), for the refusal of a stale save."""
    return {
        sub: None if entry.current is None or entry.target is None else _rating_values(entry)
        for sub, entry in entries.items()
    }


def _rating_values(entry: RatingInput) -> dict[str, Any]:
    return {
        "current": entry.current,
        "target": entry.target,
        "priority": entry.priority,
        "learning_evidence": entry.learning_evidence.strip(),
        "evidence_links": list(entry.evidence_links),
    }


@transaction.atomic
def assessment_complete(
    *,
    assessment: Assessment,
    actor: Caller,
    reflection: str,
    share_with_manager: bool,
    expected_version: int | None,
) -> Assessment:
    """Finish with a reflection: the assessment becomes the person's latest, counted in roll-ups."""
    if assessment.person_id != actor.pk:
        raise SkillsError("Only the person can finish their self-assessment")
    version = expected(expected_version)
    yours = {"completed_on": "Today", "reflection": reflection.strip(), "shared_with_manager": share_with_manager}
    if not claim_version(Assessment.objects, pk=assessment.pk, version=version):
        raise stale_assessment(assessment, yours)
    assessment.refresh_from_db()
    if assessment.is_completed:
        raise SkillsError("This self-assessment is already finished")
    if not reflection.strip():
        raise SkillsError("Write a short reflection before you finish", field="reflection")
    if len(reflection) > REFLECTION_LIMIT:
        raise SkillsError(f"The reflection must be {REFLECTION_LIMIT:,} characters or fewer", field="reflection")
    if not assessment.ratings.exists():
        raise SkillsError("Rate at least one sub-area before you finish", field="reflection")
    Assessment.objects.filter(
        person_id=assessment.person_id, framework_id=assessment.framework_id, is_latest=True
    ).update(is_latest=False)
    assessment.reflection = reflection.strip()
    assessment.completed_on = timezone.localdate()
    assessment.is_latest = True
    assessment.save()
    audit_record(
        actor=actor,
        action="skills.assessment_completed",
        obj=assessment,
        summary="Self-assessment finished",
        changes={"shared_with_manager": share_with_manager},
    )
    if share_with_manager:
        _share(assessment)
    rollup_publish(framework=assessment.framework)
    return assessment


@transaction.atomic
def rollup_publish(*, framework: Framework) -> int:
    """Advance the published roll-up figures by everyone whose change may now be shown (see
    skills/publication.py): in every organisation, each figure moves by nobody or by at least the
    threshold of people. Returns how many people's contributions were published. One publisher at
    a time (the framework row is locked), so two finishing at once cannot each publish a share."""
    Framework.objects.select_for_update().filter(pk=framework.pk).first()
    pending = publication.pending_changes(framework)
    released = releasable(pending, suppression_threshold())
    if not released:
        return 0
    people = sorted(released)
    Assessment.objects.filter(framework=framework, person_id__in=people, is_published=True).update(is_published=False)
    Assessment.objects.filter(framework=framework, person_id__in=people, is_latest=True).update(is_published=True)
    by_partition: dict[str, int] = {}
    for person in people:
        for partition in publication.partitions_of(pending[person]):
            by_partition[partition] = by_partition.get(partition, 0) + 1
    now = timezone.now()
    RollupPublication.objects.bulk_create(
        RollupPublication(framework=framework, organisation_id=int(p) if p else None, published_at=now, people=n)
        for p, n in sorted(by_partition.items())
    )
    return len(people)


@transaction.atomic
def assessment_share(*, assessment: Assessment, actor: Caller, share: bool, expected_version: int | None) -> Assessment:
    if assessment.person_id != actor.pk:
        raise SkillsError("Only the person can choose who sees their self-assessment")
    if share and not assessment.is_completed:
        raise SkillsError("Finish your self-assessment before you share it")
    version = expected(expected_version)
    if not claim_version(Assessment.objects, pk=assessment.pk, version=version, updated_at=timezone.now()):
        raise stale_assessment(assessment, {"shared_with_manager": share})
    assessment.refresh_from_db()
    if assessment.shared_with_manager != share:
        if share:
            _share(assessment)
        else:
            assessment.shared_with_manager = False
            assessment.shared_copy = None
            assessment.shared_on = None
            assessment.save(update_fields=["shared_with_manager", "shared_copy", "shared_on", "updated_at"])
        audit_record(
            actor=actor,
            action="skills.assessment_shared" if share else "skills.assessment_unshared",
            obj=assessment,
            summary="Shared with service manager" if share else "No longer shared",
        )
    return assessment


def _share(assessment: Assessment) -> None:
    """Share a frozen copy of what the share screen shows: the ratings, gaps and reflection as they
    are now (never the development plan). The manager sees this copy, not the live record."""
    assessment.shared_with_manager = True
    assessment.shared_copy = share_screen(assessment)
    assessment.shared_on = timezone.localdate()
    assessment.save(update_fields=["shared_with_manager", "shared_copy", "shared_on", "updated_at"])


# Development plan -------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionInput:
    kind: str
    description: str
    sub_areas: Sequence[SubArea] = ()
    due_on: date | None = None
    status: str = ActionStatus.PLANNED.value
    resource_url: str = ""


def action_problems(entry: ActionInput) -> dict[str, str]:
    problems = {}
    if entry.kind not in ActionKind:
        problems["kind"] = "Choose what kind of action this is"
    if not entry.description.strip():
        problems["description"] = "Describe the action"
    elif len(entry.description) > DESCRIPTION_LIMIT:
        problems["description"] = f"The description must be {DESCRIPTION_LIMIT:,} characters or fewer"
    if entry.status not in ActionStatus:
        problems["status"] = "Choose a status"
    if len(entry.resource_url) > RESOURCE_URL_LIMIT:
        problems["resource_url"] = f"The web address must be {RESOURCE_URL_LIMIT:,} characters or fewer"
    elif entry.resource_url and not entry.resource_url.startswith(("https://", "http://")):
        problems["resource_url"] = "Enter a web address starting with https://"
    return problems


@transaction.atomic
def plan_action_save(
    *, person: User, entry: ActionInput, action: PlanAction | None = None, expected_version: int | None = None
) -> PlanAction:
    """Add an action, or change one from the version the person saw (refused if it changed since)."""
    if action is not None and action.person_id != person.pk:
        raise SkillsError("Only the person can change their plan")
    problems = action_problems(entry)
    if problems:
        field, message = next(iter(problems.items()))
        raise SkillsError(message, field=field)
    created = action is None
    values = {
        "kind": entry.kind,
        "description": entry.description.strip(),
        "due_on": entry.due_on,
        "status": entry.status,
        "resource_url": entry.resource_url.strip(),
        "updated_at": timezone.now(),
    }
    if action is None:
        action = PlanAction.objects.create(person=person, **values)
    else:
        if not claim_version(PlanAction.objects, pk=action.pk, version=expected(expected_version), **values):
            raise stale_action(action, action_values(entry, entry.sub_areas))
        action.refresh_from_db()
    action.sub_areas.set(entry.sub_areas)
    audit_record(
        actor=person,
        action="skills.plan_action_added" if created else "skills.plan_action_changed",
        obj=action,
        summary=f"Plan action {'added' if created else 'changed'}",
        changes={"status": action.status},
    )
    return action


@transaction.atomic
def plan_action_remove(*, person: Caller, action: PlanAction, expected_version: int | None) -> None:
    if action.person_id != person.pk:
        raise SkillsError("Only the person can change their plan")
    pk = action.pk
    if not claim_deletion(PlanAction.objects, pk=pk, version=expected(expected_version)):
        raise stale_action(action, None)
    action.pk = pk  # deleted through the queryset: the audit event still names it
    audit_record(actor=person, action="skills.plan_action_removed", obj=action, summary="Plan action removed")
