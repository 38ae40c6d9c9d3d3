"""Requests no page or endpoint can serve, answered once here with a clear 400."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

NUL = "\x00"


class RejectNulCharacters:
    """PostgreSQL cannot store or compare text containing NUL, so a NUL in the address or the
    query string would surface as a server error; no real input contains one. (Form fields
    already refuse NUL with Django's ProhibitNullCharactersValidator.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if NUL in request.path or any(
            NUL in key or any(NUL in value for value in values) for key, values in request.GET.lists()
        ):
            return self._bad_request(request)
        return self.get_response(request)

    @staticmethod
    def _bad_request(request: HttpRequest) -> HttpResponse:
        message = "The request contains a character that is not allowed (NUL)."
        if request.path.startswith("/api/"):
            return JsonResponse({"code": "bad_request", "message": message}, status=400)
        context = {"title": "Sorry, there is a problem with your request", "status": 400, "detail": message}
        return render(request, "core/error.jinja", context, status=400)
