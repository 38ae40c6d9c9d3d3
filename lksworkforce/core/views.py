"""Pages that belong to no capability: home, accessibility, privacy, errors."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from lksworkforce.core.capability import home_sections
from lksworkforce.core.uploads import REQUEST_TOO_BIG, too_large_response


class ExplainedNotFound(Http404):
    """A 404 whose message is for people: the page says why there is nothing here (for example,
    a download asked for a year with no figures)."""


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {}
    if request.user.is_authenticated:
        context["sections"] = home_sections(request.user)
    return render(request, "core/home.jinja", context)


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.jinja")


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.jinja")


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, REQUEST_TOO_BIG):
        return too_large_response(request)
    return render(request, "core/error.jinja", _error("Sorry, there is a problem with your request", 400), status=400)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "core/error.jinja",
        _error(
            "You do not have permission to see this page",
            403,
            "If you think you should, ask your service manager or the national team.",
        ),
        status=403,
    )


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):  # a program, not a person: the API's error body
        message = "There is no API operation at this address. The API is at /api/v1/ (see /api/)."
        return JsonResponse({"code": "not_found", "message": message}, status=404)
    detail = (
        str(exception)
        if isinstance(exception, ExplainedNotFound)
        else "If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address."
    )
    return render(request, "core/error.jinja", _error("Page not found", 404, detail), status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/error.jinja",
        _error(
            "Sorry, there is a problem with the service",
            500,
            "Try again later. Nothing you entered has been lost if you saw a confirmation.",
        ),
        status=500,
    )


def _error(title: str, status: int, detail: str = "") -> dict[str, Any]:
    return {"title": title, "status": status, "detail": detail}
