"""The REST API, version 1: one router per app under /api/v1/. Errors are JSON with a code and a message."""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import django_auth

from lksworkforce.accounts.api import router as accounts_router
from lksworkforce.accounts.api_auth import api_token_auth
from lksworkforce.core.api_docs import ServiceApiDocs
from lksworkforce.core.api_errors import stale_body
from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.uploads import too_large_response
from lksworkforce.organisations.api import router as organisations_router
from lksworkforce.skills.api import router as skills_router
from lksworkforce.staffing.api import router as staffing_router
from lksworkforce.surveys.api import router as surveys_router

api = NinjaAPI(
    title="LKS Workforce API",
    version="1",
    description="Staffing, skills and development of NHS library and knowledge services. A program sends a "
    "personal API token (made on your profile page) as `Authorization: Bearer <token>` and sees what you see; "
    "in a browser signed in to the service, the API uses your session (and writes need the CSRF token).",
    auth=[api_token_auth, django_auth],
    urls_namespace="api",
    docs=ServiceApiDocs(),
)
api.add_router("/", organisations_router)
api.add_router("/", accounts_router)
api.add_router("/", staffing_router)
api.add_router("/", skills_router)
api.add_router("/", surveys_router)

_CODES = {
    400: "bad_request",
    401: "not_signed_in",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    413: "too_large",
    422: "invalid_input",
}


@api.exception_handler(RequestDataTooBig)
@api.exception_handler(TooManyFieldsSent)
@api.exception_handler(TooManyFilesSent)
def request_too_large(request: HttpRequest, exc: Exception) -> HttpResponse:
    return too_large_response(request)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(
        request, {"code": _CODES.get(exc.status_code, "error"), "message": str(exc)}, status=exc.status_code
    )


@api.exception_handler(StaleEdit)
def stale_edit(request: HttpRequest, exc: StaleEdit) -> HttpResponse:
    """A write based on an old version of a record: refused, nothing written (ADR 12)."""
    return api.create_response(request, stale_body(exc), status=409)


@api.exception_handler(AuthenticationError)
def not_signed_in(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        {
            "code": "not_signed_in",
            "message": "Sign in to use the API: send a personal API token as Authorization: Bearer <token>, or use a signed-in session",
        },
        status=401,
    )


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {
            "field": ".".join(str(p) for p in e.get("loc", []) if p not in {"query", "path", "body"}),
            "message": e.get("msg", ""),
        }
        for e in exc.errors
    ]
    return api.create_response(
        request, {"code": "invalid_input", "message": "The request has invalid values", "errors": errors}, status=422
    )
