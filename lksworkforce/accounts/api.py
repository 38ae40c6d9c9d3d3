"""People over the API: the signed-in person, and the people they may see."""

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from lksworkforce.accounts import selectors, services
from lksworkforce.accounts.models import ApiToken
from lksworkforce.accounts.presenters import people_table_rows
from lksworkforce.core.api_errors import responses, write_responses

router = Router(tags=["People"])


class PersonOut(Schema):
    id: int
    name: str
    job_title: str
    band: str
    organisation: str
    ods_code: str
    qualification: str
    qualified: bool


class MeOut(PersonOut):
    email: str
    roles: list[str]


@router.get("/me", response=responses(MeOut), summary="The signed-in person")
def me(request: HttpRequest) -> dict[str, object]:
    person = selectors.person_detail(request.user, request.user.pk)
    if person is None:  # pragma: no cover
        raise HttpError(404, "Not found")
    return {**people_table_rows([person])[0], "email": person.email, "roles": selectors.roles_summary(person)}


@router.get("/people", response=responses(list[PersonOut], 403), summary="People you may see")
@paginate(LimitOffsetPagination)
def list_people(request: HttpRequest, q: str = "") -> list[dict[str, object]]:
    if not request.user.has_perm("accounts.view_people_list"):
        raise HttpError(403, "Only service managers, regional leads and the national team can list people")
    return people_table_rows(selectors.people_list(request.user, text=q[:100]))


@router.get("/people/{person_id}", response=responses(PersonOut, 404), summary="One person you may see")
def get_person(request: HttpRequest, person_id: int) -> dict[str, object]:
    person = selectors.person_detail(request.user, person_id)
    if person is None:
        raise HttpError(404, "No such person")
    return people_table_rows([person])[0]


class SectionOut(Schema):
    title: str
    note: str
    records: list[dict[str, Any]]


class NamedPersonOut(Schema):
    name: str
    email: str


class PersonalDataOut(Schema):
    format: str
    generated_at: str
    person: NamedPersonOut
    sections: dict[str, SectionOut]


@router.get(
    "/people/{person_id}/personal-data",
    response=responses(PersonalDataOut, 403, 404),
    summary="Everything held about a person (for the person themselves and the national team)",
)
def get_personal_data(request: HttpRequest, person_id: int) -> dict[str, Any]:
    person = selectors.person_detail(request.user, person_id)
    if person is None:
        raise HttpError(404, "No such person")
    if not request.user.has_perm("accounts.view_personal_data", person):
        raise HttpError(403, "Only the person and the national team can see everything held about a person")
    return selectors.personal_data(person).as_json()


class ApiTokenOut(Schema):
    id: int
    name: str
    prefix: str = Field(
        description="The first characters of the secret, to tell tokens apart; the secret is never sent"
    )
    created_at: datetime
    last_used_at: datetime | None
    expires_on: date | None
    revoked_at: datetime | None
    status: Literal["active", "expired", "revoked"]


def _token_out(token: ApiToken) -> dict[str, Any]:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
        "expires_on": token.expires_on,
        "revoked_at": token.revoked_at,
        "status": token.status,
    }


@router.get("/me/api-tokens", response=responses(list[ApiTokenOut]), summary="Your personal API tokens")
def api_tokens(request: HttpRequest) -> list[dict[str, Any]]:
    return [_token_out(t) for t in selectors.api_tokens_of(request.user)]


@router.post(
    "/me/api-tokens/{token_id}/revoke",
    response=write_responses(ApiTokenOut, 404),
    summary="Revoke one of your API tokens (revoking it again changes nothing)",
    description="Tokens are made on your profile page, where the secret is shown once. A program may "
    "revoke the token it is using: its next request is refused with 401.",
)
def api_token_revoke(request: HttpRequest, token_id: int) -> dict[str, Any]:
    token = selectors.own_api_token(request.user, token_id)
    if token is None:
        raise HttpError(404, "No API token of yours with that id")
    return _token_out(services.api_token_revoke(token=token, actor=request.user))  # type: ignore[arg-type]
