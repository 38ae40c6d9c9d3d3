"""The REST API, version 1 (under /api/v1/): one router per capability (core/capability.py), added
in INSTALLED_APPS order. Errors are JSON with a code and a message."""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import SessionAuth as NinjaSessionAuth

from lksworkforce.core.api_docs import ServiceApiDocs
from lksworkforce.core.api_errors import invalid_input_body, stale_body
from lksworkforce.core.capability import capabilities, capability_api_auth, capability_routers
from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.uploads import too_large_response


class SessionAuth(NinjaSessionAuth):
    """The browser session; a write under it needs the CSRF token (403 without it). Signed out,
    there is nothing a forged request could use, so the answer is 401 like any request without
    credentials, not a CSRF 403."""

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


api = NinjaAPI(
    title="LKS Workforce API",
    version="1",
    description="Staffing, skills and development of NHS library and knowledge services. A program sends a "
    "personal API token (made on your profile page) as `Authorization: Bearer <token>` and sees what you see; "
    "in a browser signed in to the service, the API uses your session (and writes need the CSRF token).",
    auth=[*capability_api_auth(capabilities()), SessionAuth()],
    urls_namespace="api",
    docs=ServiceApiDocs(),
)
for router in capability_routers(capabilities()):
    api.add_router("/", router)

INVALID_INPUT = 422
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
    """`{code, message}`; a 422 is `invalid_input` with its one problem, like every other 422."""
    if exc.status_code == INVALID_INPUT:
        rejected = Rejected([Problem(reason=str(exc))])
        return api.create_response(request, invalid_input_body(rejected, message=str(exc)), status=INVALID_INPUT)
    return api.create_response(
        request, {"code": _CODES.get(exc.status_code, "error"), "message": str(exc)}, status=exc.status_code
    )


@api.exception_handler(Rejected)
def rejected_input(request: HttpRequest, exc: Rejected) -> HttpResponse:
    """A file, a form's fields or a body refused with every problem; nothing was changed."""
    return api.create_response(request, invalid_input_body(exc), status=INVALID_INPUT)


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
    """A body, query or path that does not fit the operation's schema: the same 422 as any other."""
    problems = [
        Problem(
            field=".".join(str(p) for p in e.get("loc", []) if p not in {"query", "path", "body"}) or None,
            value=_scalar(e.get("input")),
            reason=e.get("msg", ""),
        )
        for e in exc.errors
    ]
    if not problems:
        problems = [Problem(reason="The request has invalid values")]
    body = invalid_input_body(Rejected(problems), message="The request has invalid values")
    return api.create_response(request, body, status=INVALID_INPUT)


def _scalar(value: object) -> str | None:
    """A value sent, if it is one value (a number or text), to show beside its problem."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    try:
        return str(value)
    except ValueError:  # an int too long to write out
        return None
