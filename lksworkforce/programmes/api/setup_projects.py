"""Programmes over the API: a cohort's group projects, read by its people and added, changed and
removed by those who run it, with the same selectors and services as the pages. An output is a link here; a file is uploaded on the project's page."""

from typing import Annotated, Any

from ninja import Field, Query, Router, Status
from ninja.errors import HttpError

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.api_errors import responses, write_responses
from lksworkforce.core.schemas import LARGEST_INTEGER, BodyIn, Text
from lksworkforce.programmes.api.setup import VERSION, ProjectOut, cohort_seen, project_out
from lksworkforce.programmes.models import GroupProject
from lksworkforce.programmes.selectors import setup as selectors
from lksworkforce.programmes.services import setup_sessions as services

router = Router()
MAX_MEMBERS = 500


class ProjectIn(BodyIn):
    name: Annotated[str, Text(services.MAX_TITLE, "The name")]
    topic: Annotated[str, Text(services.MAX_PLACE, "The topic")] = ""
    member_ids: list[Annotated[int, Field(ge=1, le=LARGEST_INTEGER)]] = Field(
        default_factory=list, max_length=MAX_MEMBERS, description="People with a place on the cohort"
    )
    output_link: Annotated[str, Text(services.MAX_LINK, "The output's link")] = ""


class ProjectChangeIn(ProjectIn):
    edit_version: int = Field(ge=0, le=LARGEST_INTEGER, description=VERSION)


def _entry(body: ProjectIn) -> services.ProjectEntry:
    return services.ProjectEntry(
        name=body.name, topic=body.topic, member_ids=tuple(body.member_ids), output_link=body.output_link
    )


def _managed(request: SignedInRequest, project_id: int) -> GroupProject:
    found = selectors.project_managed(request.user, project_id)
    if found is None:
        raise HttpError(404, "No such group project that you manage")
    return found


@router.get(
    "/programmes/cohorts/{cohort_id}/projects",
    response=responses(list[ProjectOut], 404),
    summary="A cohort's group projects (for its participants, facilitators and runners)",
)
def project_list(request: SignedInRequest, cohort_id: int) -> Any:
    found = cohort_seen(request, cohort_id)
    if not selectors.sees_projects(request.user, found):
        raise HttpError(404, "No group projects of yours on this cohort")
    return [project_out(p) for p in selectors.projects_of(found)]


@router.post(
    "/programmes/cohorts/{cohort_id}/projects",
    response=write_responses(ProjectOut, 404),
    summary="Add a group project to a cohort (those who run it)",
)
def project_add(request: SignedInRequest, cohort_id: int, body: ProjectIn) -> Any:
    cohort = selectors.cohort_detail(request.user, cohort_id)
    if cohort is None or not selectors.manages_projects(request.user, cohort):
        raise HttpError(404, "No such cohort whose group projects you manage")
    return project_out(services.project_add(actor=request.user, cohort=cohort, entry=_entry(body)))


@router.put(
    "/programmes/projects/{project_id}",
    response=write_responses(ProjectOut, 404, 409),
    summary="Change a group project (send the `edit_version` you read)",
)
def project_change(request: SignedInRequest, project_id: int, body: ProjectChangeIn) -> Any:
    found = _managed(request, project_id)
    saved = services.project_change(
        actor=request.user, project=found, entry=_entry(body), expected_version=body.edit_version
    )
    return project_out(saved)


@router.delete(
    "/programmes/projects/{project_id}",
    response=write_responses(None, 404, 409) | {204: None},
    summary="Remove a group project (send the `edit_version` you read)",
)
def project_remove(
    request: SignedInRequest,
    project_id: int,
    edit_version: Annotated[int, Query(ge=0, le=LARGEST_INTEGER, description=VERSION)],
) -> Any:
    services.project_remove(actor=request.user, project=_managed(request, project_id), expected_version=edit_version)
    return Status(204, None)
