"""Every write for staffing: imports, the return workflow, policy. One transaction each, audited."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from lksworkforce.accounts.models import User
from lksworkforce.core.audit import audit_record
from lksworkforce.core.concurrency import StaleEdit, claim_version, differences, expected
from lksworkforce.core.models import AuditEvent
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.tabular import check_year, noting, read_table
from lksworkforce.core.viewers import Caller
from lksworkforce.organisations.codes import OrganisationType
from lksworkforce.organisations.models import CURRENT_GEOGRAPHY_KEY, Geography, Organisation, Region, RegionMembership
from lksworkforce.staffing.importers import CENSUS_SPEC, RETURN_SPEC, PostRow, validate_census_rows, validate_post_rows
from lksworkforce.staffing.models import LksPost, LksReturn, RatioPolicyRecord, ReturnStatus, WorkforceCensus
from lksworkforce.staffing.posts import PostQualification
from lksworkforce.staffing.return_years import return_year_problem


class WorkflowError(Exception):
    """A return cannot move to the asked-for state; the message says why, for a person."""


@dataclass
class ImportOutcome:
    organisations_created: int = 0
    regions_created: int = 0
    rows: int = 0
    returns_created: int = 0
    returns_unchanged: int = 0
    notes: list[str] = field(default_factory=list)


def census_import(*, data: bytes, filename: str, year: int, actor: Caller | None) -> ImportOutcome:
    """Replaces the whole census for the year. Unknown organisations and regions are created."""
    check_year(year)
    table = read_table(data, filename=filename, spec=CENSUS_SPEC)
    with noting(table):
        rows = validate_census_rows(table)
    outcome = ImportOutcome(rows=len(rows), notes=list(table.notes))
    geography = Geography.objects.get(key=CURRENT_GEOGRAPHY_KEY)
    with transaction.atomic():
        regions = {r.code: r for r in Region.objects.filter(geography=geography)}
        for row in rows:
            if row.region_code not in regions:
                regions[row.region_code] = Region.objects.create(
                    geography=geography, code=row.region_code, name=row.region_name or row.region_code
                )
                outcome.regions_created += 1
        organisations = Organisation.objects.in_bulk([r.ods_code for r in rows], field_name="ods_code")
        new = [
            Organisation(
                ods_code=r.ods_code,
                name=r.organisation_name,
                type=(r.organisation_type or OrganisationType.OTHER).value,
            )
            for r in rows
            if r.ods_code not in organisations
        ]
        for organisation in Organisation.objects.bulk_create(new):
            organisations[organisation.ods_code] = organisation
        outcome.organisations_created = len(new)
        WorkforceCensus.objects.filter(year=year).delete()
        WorkforceCensus.objects.bulk_create(
            WorkforceCensus(organisation=organisations[r.ods_code], year=year, nhs_wte=r.nhs_wte, headcount=r.headcount)
            for r in rows
        )
        RegionMembership.objects.filter(
            geography=geography, year=year, organisation__in=organisations.values()
        ).delete()
        RegionMembership.objects.bulk_create(
            RegionMembership(
                organisation=organisations[r.ods_code], geography=geography, region=regions[r.region_code], year=year
            )
            for r in rows
        )
        audit_record(
            actor=actor,
            action="census.imported",
            obj=geography,
            summary=f"NHS workforce census {year}: {len(rows)} organisations",
            changes={"year": year, "rows": len(rows), "organisations_created": len(new)},
        )
    return outcome


def lks_returns_import(
    *, data: bytes, filename: str, year: int, actor: Caller | None, publish: bool = True
) -> ImportOutcome:
    """Returns for every organisation in the file. An identical re-import changes nothing.

    A fixed number of queries whatever the number of organisations: the year's returns are read
    at once, then written in bulk (the posts in batches of 2,000 rows)."""
    check_year(year)
    table = read_table(data, filename=filename, spec=RETURN_SPEC)
    organisation_ids = dict(
        Organisation.objects.filter(
            ods_code__in={r.values["ods_code"].strip().upper() for r in table.rows}
        ).values_list("ods_code", "id")
    )
    with noting(table):
        rows = validate_post_rows(table, known_ods_codes=set(organisation_ids))
    by_code: dict[str, list[PostRow]] = defaultdict(list)
    for row in rows:
        by_code[row.ods_code].append(row)
    outcome = ImportOutcome(rows=len(rows), notes=list(table.notes))
    with transaction.atomic():
        # Every version of the year's returns of these organisations, in one query: the counted
        # one, the open one (draft or submitted) and the latest version number of each.
        counted: dict[int, LksReturn] = {}
        open_returns: dict[int, LksReturn] = {}
        latest_version: dict[int, int] = defaultdict(int)
        for existing in LksReturn.objects.filter(
            year=year, organisation_id__in=[organisation_ids[code] for code in by_code]
        ):
            latest_version[existing.organisation_id] = max(latest_version[existing.organisation_id], existing.version)
            if existing.is_counted:
                counted[existing.organisation_id] = existing
            elif existing.status in (ReturnStatus.DRAFT, ReturnStatus.SUBMITTED):
                open_returns[existing.organisation_id] = existing
        counted_posts: dict[int, list[tuple[object, ...]]] = defaultdict(list)
        for return_id, *key in (
            LksPost.objects.filter(lks_return__in=list(counted.values()))
            .order_by("id")
            .values_list("lks_return_id", *POST_KEY_FIELDS)
        ):
            counted_posts[return_id].append(_post_key(key))

        reused: list[LksReturn] = []  # open returns whose posts are replaced
        created: list[LksReturn] = []
        posts_of: list[tuple[str, LksReturn, list[PostRow]]] = []
        now, user = timezone.now(), _user(actor)
        for code, posts in by_code.items():
            organisation_id = organisation_ids[code]
            current = counted.get(organisation_id)
            if (
                organisation_id not in open_returns
                and current is not None
                and counted_posts[current.pk] == [_row_key(p) for p in posts]
            ):
                outcome.returns_unchanged += 1
                continue
            lks_return = open_returns.get(organisation_id)
            if lks_return is not None:
                reused.append(lks_return)
            else:
                lks_return = LksReturn(
                    organisation_id=organisation_id,
                    year=year,
                    version=latest_version[organisation_id] + 1,
                    corrects=current,
                    impact_summary=current.impact_summary if current else "",
                    # Above the version of the return it corrects, so open pages of it go stale.
                    edit_version=(current.edit_version + 1) if current else 1,
                )
                if publish:
                    _mark_published(lks_return, now, user)
                created.append(lks_return)
            posts_of.append((code, lks_return, posts))
        outcome.returns_created = len(posts_of)

        changed_organisations = [r.organisation_id for _code, r, _posts in posts_of]
        LksPost.objects.filter(lks_return__in=reused).delete()
        if publish:
            # The versions these supersede first: one counted return per organisation and year.
            LksReturn.objects.filter(year=year, organisation_id__in=changed_organisations, is_counted=True).update(
                is_counted=False, status=ReturnStatus.SUPERSEDED, edit_version=F("edit_version") + 1
            )
            LksReturn.objects.filter(pk__in=[r.pk for r in reused]).update(
                status=ReturnStatus.PUBLISHED, is_counted=True, published_at=now, published_by=user
            )
        # Open drafts whose posts the file replaces: a page opened before the import is now stale.
        LksReturn.objects.filter(pk__in=[r.pk for r in reused]).update(edit_version=F("edit_version") + 1)
        LksReturn.objects.bulk_create(created)
        LksPost.objects.bulk_create(
            (_post_from_row(lks_return, p) for _code, lks_return, posts in posts_of for p in posts), batch_size=2000
        )
        # What audit_record writes for each return, in one insert.
        AuditEvent.objects.bulk_create(
            AuditEvent(
                actor=user,
                action="lks_return.imported",
                object_type=LksReturn._meta.label_lower,
                object_id=str(lks_return.pk),
                summary=f"{code} {year}: {len(posts)} posts",
                changes={"posts": len(posts), "published": publish},
            )
            for code, lks_return, posts in posts_of
        )
    return outcome


# The return workflow. Each change names the version of the year's return the person saw
# (`expected_version`, 0 when there was none yet) and claims it with one conditional update, so a
# change made from a page opened before someone else's change is refused (StaleEdit, ADR 12).

RETURN_LABELS = {"status": "Status", "posts": "Posts", "impact_summary": "Impact summary"}


def lks_return_upload(
    *,
    organisation: Organisation,
    year: int,
    data: bytes,
    filename: str,
    expected_version: int | None,
    actor: Caller | None,
) -> LksReturn:
    """A service manager's upload: replaces the posts of their draft for the year (creating it)."""
    table = read_table(data, filename=filename, spec=RETURN_SPEC)
    with noting(table):
        rows = validate_post_rows(table, known_ods_codes={organisation.ods_code}, only_ods_code=organisation.ods_code)
    with transaction.atomic():
        lks_return = _draft_for_change(
            organisation=organisation,
            year=year,
            expected_version=expected_version,
            actor=actor,
            yours={"posts": f"{len(rows)} posts from {filename}"},
        )
        lks_return.posts.all().delete()
        LksPost.objects.bulk_create(_post_from_row(lks_return, r) for r in rows)
        audit_record(
            actor=actor,
            action="lks_return.uploaded",
            obj=lks_return,
            summary=f"Uploaded {len(rows)} posts",
            changes={"posts": len(rows)},
        )
    return lks_return


@transaction.atomic
def lks_return_open_draft(
    *, organisation: Organisation, year: int, expected_version: int | None, actor: Caller | None
) -> LksReturn:
    """The open draft for the year; if the year is published, a correction copying the published posts.
    Refused for a year there cannot be a return for (see return_years)."""
    return _draft_for_change(
        organisation=organisation,
        year=year,
        expected_version=expected_version,
        actor=actor,
        yours={"status": "Draft (a correction)"},
    )


def _draft_for_change(
    *, organisation: Organisation, year: int, expected_version: int | None, actor: Caller | None, yours: dict[str, str]
) -> LksReturn:
    if (problem := return_year_problem(year, timezone.localdate())) is not None:
        raise WorkflowError(problem)
    current = _claim_year(organisation=organisation, year=year, expected_version=expected_version, yours=yours)
    if current is not None and current.status in (ReturnStatus.DRAFT, ReturnStatus.SUBMITTED):
        if current.status == ReturnStatus.SUBMITTED:
            raise WorkflowError(
                "This return has been submitted. Ask your regional lead to return it to draft before you change it."
            )
        return current
    counted = LksReturn.objects.filter(organisation=organisation, year=year).counted().first()
    try:
        with transaction.atomic():  # two first drafts at once: the second breaks a constraint
            draft = LksReturn.objects.create(
                organisation=organisation,
                year=year,
                version=_next_version(organisation, year),
                corrects=counted,
                impact_summary=counted.impact_summary if counted else "",
                edit_version=(current.edit_version + 1) if current else 1,
            )
    except IntegrityError:
        raise _stale_return(organisation, year, yours) from None
    if counted is not None:
        LksPost.objects.bulk_create(
            LksPost(
                lks_return=draft,
                **{
                    f: getattr(p, f)
                    for f in (
                        "post_title",
                        "role",
                        "band",
                        "wte",
                        "qualification",
                        "is_qualified",
                        "headcount",
                        "specialty",
                    )
                },
            )
            for p in counted.posts.all()
        )
    audit_record(
        actor=actor,
        action="lks_return.draft_opened",
        obj=draft,
        summary=f"Version {draft.version} opened" + (" as a correction" if counted else ""),
    )
    return draft


def _claim_year(
    *, organisation: Organisation, year: int, expected_version: int | None, yours: dict[str, str]
) -> LksReturn | None:
    """Claim the year's latest return at the version the person saw (0: none yet), or refuse."""
    version = expected(expected_version)
    current = LksReturn.objects.filter(organisation=organisation, year=year).order_by("-version").first()
    if current is None:
        if version != 0:
            raise _stale_return(organisation, year, yours)
        return None
    if not claim_version(LksReturn.objects, pk=current.pk, version=version):
        raise _stale_return(organisation, year, yours)
    current.edit_version = version + 1
    return current


def _stale_return(organisation: Organisation, year: int, yours: dict[str, str]) -> StaleEdit:
    """The refusal, with the year's return as saved now beside what the person asked for."""
    current = LksReturn.objects.filter(organisation=organisation, year=year).order_by("-version").first()
    if current is None:
        saved = {"status": "No return", "posts": "None", "impact_summary": ""}
    else:
        posts = [f"{p.post_title} ({p.wte} WTE)" for p in current.posts.all()]
        saved = {
            "status": f"Version {current.version}: {current.get_status_display()}",
            "posts": f"{len(posts)} posts: " + "; ".join(posts) if posts else "None",
            "impact_summary": current.impact_summary,
        }
    return StaleEdit(f"The return for {year}", differences(RETURN_LABELS, yours, saved, every=True))


def _step(
    lks_return: LksReturn, *, expected_version: int | None, allowed_from: str, to: str, message: str, **values: Any
) -> None:
    """Move the return to a status, from the version the person saw: refused if it changed."""
    yours = {"status": str(ReturnStatus(to).label)}
    version = expected(expected_version)
    latest = LksReturn.objects.filter(organisation_id=lks_return.organisation_id, year=lks_return.year)
    if latest.order_by("-version").values_list("pk", flat=True).first() != lks_return.pk or not claim_version(
        LksReturn.objects, pk=lks_return.pk, version=version
    ):
        raise _stale_return(lks_return.organisation, lks_return.year, yours)
    lks_return.refresh_from_db()
    if lks_return.status != allowed_from:
        raise WorkflowError(message)
    for key, value in values.items():
        setattr(lks_return, key, value)
    lks_return.status = to


@transaction.atomic
def lks_return_submit(*, lks_return: LksReturn, expected_version: int | None, actor: Caller | None) -> LksReturn:
    _step(
        lks_return,
        expected_version=expected_version,
        allowed_from=ReturnStatus.DRAFT,
        to=ReturnStatus.SUBMITTED,
        message="Only a draft return can be submitted.",
    )
    if not lks_return.posts.exists():
        raise WorkflowError("Add at least one post before you submit the return.")
    lks_return.submitted_at, lks_return.submitted_by = timezone.now(), _user(actor)
    lks_return.save()
    audit_record(
        actor=actor, action="lks_return.submitted", obj=lks_return, summary=f"Version {lks_return.version} submitted"
    )
    return lks_return


@transaction.atomic
def lks_return_publish(*, lks_return: LksReturn, expected_version: int | None, actor: Caller | None) -> LksReturn:
    _step(
        lks_return,
        expected_version=expected_version,
        allowed_from=ReturnStatus.SUBMITTED,
        to=ReturnStatus.PUBLISHED,
        message="Only a submitted return can be published.",
    )
    _publish(lks_return, actor)
    audit_record(
        actor=actor, action="lks_return.published", obj=lks_return, summary=f"Version {lks_return.version} published"
    )
    return lks_return


@transaction.atomic
def lks_return_reopen(*, lks_return: LksReturn, expected_version: int | None, actor: Caller | None) -> LksReturn:
    _step(
        lks_return,
        expected_version=expected_version,
        allowed_from=ReturnStatus.SUBMITTED,
        to=ReturnStatus.DRAFT,
        message="Only a submitted return can be returned to draft.",
    )
    lks_return.save()
    audit_record(
        actor=actor,
        action="lks_return.reopened",
        obj=lks_return,
        summary=f"Version {lks_return.version} returned to draft",
    )
    return lks_return


@transaction.atomic
def lks_return_update_impact(
    *, lks_return: LksReturn, impact_summary: str, expected_version: int | None, actor: Caller | None
) -> LksReturn:
    text = impact_summary.strip()
    claimed = _claim_year(
        organisation=lks_return.organisation,
        year=lks_return.year,
        expected_version=expected_version,
        yours={"impact_summary": text},
    )
    assert claimed is not None  # a version above 0 was claimed
    if claimed.pk != lks_return.pk or not claimed.is_editable:
        raise WorkflowError("Only a draft return can be changed. Start a correction to change a published return.")
    before = claimed.impact_summary
    claimed.impact_summary = text
    claimed.save(update_fields=["impact_summary"])
    lks_return.impact_summary, lks_return.edit_version = text, claimed.edit_version
    audit_record(
        actor=actor,
        action="lks_return.impact_updated",
        obj=lks_return,
        summary="Impact summary changed",
        changes={"impact_summary": [before, text]},
    )
    return lks_return


@transaction.atomic
def lks_post_add(
    *, organisation: Organisation, year: int, values: dict[str, Any], expected_version: int | None, actor: Caller | None
) -> LksPost:
    """Add a post to the year's draft (opening one, or a correction, if there is none)."""
    lks_return = _draft_for_change(
        organisation=organisation,
        year=year,
        expected_version=expected_version,
        actor=actor,
        yours={"posts": f"Add {values.get('post_title', 'a post')}"},
    )
    post = LksPost(lks_return=lks_return, **values)
    post.save()
    audit_record(
        actor=actor,
        action="lks_post.added",
        obj=lks_return,
        summary=f"Added post {post.post_title}",
        changes={k: str(v) for k, v in values.items()},
    )
    return post


@transaction.atomic
def lks_post_remove(*, post: LksPost, expected_version: int | None, actor: Caller | None) -> None:
    lks_return = post.lks_return
    claimed = _claim_year(
        organisation=lks_return.organisation,
        year=lks_return.year,
        expected_version=expected_version,
        yours={"posts": f"Remove {post.post_title}"},
    )
    if claimed is None or claimed.pk != lks_return.pk or not claimed.is_editable:
        raise WorkflowError("Only a draft return can be changed.")
    audit_record(
        actor=actor,
        action="lks_post.removed",
        obj=lks_return,
        summary=f"Removed post {post.post_title}",
        changes={"post_title": post.post_title, "wte": str(post.wte)},
    )
    post.delete()


@transaction.atomic
def ratio_policy_create(
    *,
    target_staff_per_qualified: Decimal,
    reference_average: Decimal,
    effective_from: date,
    review_due: date | None,
    notes: str,
    actor: Caller | None,
) -> RatioPolicyRecord:
    problems = []
    if RatioPolicyRecord.objects.filter(effective_from=effective_from).exists():
        reason = "A policy already takes effect on that date"
        problems.append(Problem(field="effective_from", value=effective_from.isoformat(), reason=reason))
    if review_due and review_due <= effective_from:
        reason = "The review date must be after the date the policy takes effect"
        problems.append(Problem(field="review_due", value=review_due.isoformat(), reason=reason))
    if problems:
        raise Rejected(problems, subject="The policy was not recorded")
    policy = RatioPolicyRecord.objects.create(
        target_staff_per_qualified=target_staff_per_qualified,
        reference_average=reference_average,
        effective_from=effective_from,
        review_due=review_due,
        notes=notes,
    )
    audit_record(
        actor=actor,
        action="ratio_policy.created",
        obj=policy,
        summary=str(policy),
        changes={"target": str(target_staff_per_qualified), "average": str(reference_average)},
    )
    return policy


def _publish(lks_return: LksReturn, actor: Caller | None) -> None:
    LksReturn.objects.filter(organisation_id=lks_return.organisation_id, year=lks_return.year, is_counted=True).exclude(
        pk=lks_return.pk
    ).update(is_counted=False, status=ReturnStatus.SUPERSEDED, edit_version=F("edit_version") + 1)
    _mark_published(lks_return, timezone.now(), _user(actor))
    lks_return.save()


def _mark_published(lks_return: LksReturn, when: datetime, user: User | None) -> None:
    lks_return.status, lks_return.is_counted = ReturnStatus.PUBLISHED, True
    lks_return.published_at, lks_return.published_by = when, user


def _next_version(organisation: Organisation, year: int) -> int:
    latest = (
        LksReturn.objects.filter(organisation=organisation, year=year)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    return (latest or 0) + 1


def _post_from_row(lks_return: LksReturn, row: PostRow) -> LksPost:
    return LksPost(
        lks_return=lks_return,
        post_title=row.post_title,
        role=row.role,
        band=row.band,
        wte=row.wte,
        qualification=row.qualification.value,
        is_qualified=row.qualification.counts_as_qualified,
        headcount=row.headcount,
        specialty=row.specialty,
    )


# A post as the unchanged-import check compares it, in the order of `_row_key`.
POST_KEY_FIELDS = ("post_title", "role", "band", "wte", "qualification", "headcount", "specialty")


def _post_key(values: list[Any]) -> tuple[object, ...]:
    title, role, band, wte, qualification, headcount, specialty = values
    return (title, role, band, Decimal(wte), qualification, headcount, specialty)


def _row_key(row: PostRow) -> tuple[object, ...]:
    return (row.post_title, row.role, row.band, row.wte, row.qualification.value, row.headcount, row.specialty)


def _user(actor: Caller | None) -> User | None:
    """The person to name on a return: a signed-in person; the command line and the operator are no one."""
    return actor if isinstance(actor, User) else None


__all__ = ["ImportOutcome", "PostQualification", "WorkflowError"]
