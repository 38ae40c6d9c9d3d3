"""Requests no page or endpoint can serve, answered once here with a clear 400; headers every response carries."""

import json
from collections.abc import Callable

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from whitenoise.middleware import WhiteNoiseFileResponse

from lksworkforce.core.params import refused_character

NUL = "\x00"


class RejectNulCharacters:
    """PostgreSQL cannot store or compare text containing NUL, so a NUL in the address, the
    query string or a JSON body would surface as a server error (and SQLite would store it raw);
    no real input contains one. JSON can also carry unpaired surrogates ("\\ud800"), which no
    database column can hold: refused the same way. (Form fields already refuse NUL with Django's
    ProhibitNullCharactersValidator, and the survey form with core.params.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if NUL in request.path or any(
            NUL in key or any(NUL in value for value in values) for key, values in request.GET.lists()
        ):
            return self._bad_request(request)
        if (refused := _refused_in_json_body(request)) is not None:
            return self._bad_request(request, refused)
        return self.get_response(request)

    @staticmethod
    def _bad_request(request: HttpRequest, refused: str = "NUL") -> HttpResponse:
        message = f"The request contains a character that is not allowed ({refused})."
        if request.path.startswith("/api/"):
            return JsonResponse({"code": "bad_request", "message": message}, status=400)
        context = {"title": "Sorry, there is a problem with your request", "status": 400, "detail": message}
        return render(request, "core/error.jinja", context, status=400)


# Browser features no page of the service uses: denied to the pages and to anything they embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class PrivacyHeaders:
    """`Permissions-Policy` on every response, and `Cache-Control: no-store, private` on everything but static files.

    The rule for caching is deliberately simple: every response the service itself produces (pages,
    API, exports, PDFs, errors, for anyone signed in or not) may hold personal data or a form's
    CSRF token, so no browser or shared cache keeps it. Only files WhiteNoise serves (the design
    system's CSS, scripts, fonts and images, named by their content) keep their long caching. This
    middleware sits before WhiteNoise so that static files carry the permissions policy too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response["Permissions-Policy"] = PERMISSIONS_POLICY
        if not isinstance(response, WhiteNoiseFileResponse):
            patch_cache_control(response, no_store=True, private=True)
        return response


def _refused_in_json_body(request: HttpRequest) -> str | None:
    """The first character no column can hold in a JSON body's strings (keys too), or None. A body
    that is too large or not JSON is left for the API to answer as it does."""
    if request.method not in {"POST", "PUT", "PATCH"} or not request.path.startswith("/api/"):
        return None
    if request.content_type in {"multipart/form-data", "application/x-www-form-urlencoded"}:
        return None
    try:
        document = json.loads(request.body)
    except (RequestDataTooBig, ValueError, RecursionError):
        return None
    pending = [document]
    while pending:  # iteratively: a deep body must not exhaust the stack here
        item = pending.pop()
        if isinstance(item, str):
            if (refused := refused_character(item)) is not None:
                return refused
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return None
