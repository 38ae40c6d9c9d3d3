"""How big a request and an uploaded file may be, checked before either is read whole.

- `RefuseOversizedRequests` (middleware, first in the chain): a request whose declared body is
  larger than the service takes is answered 413 before anything reads it: the API's JSON error
  `{code: "too_large", message}` under /api/, an NHS error page elsewhere. A file upload
  (multipart) may be `REQUEST_MAX_BYTES`; any other body `DATA_UPLOAD_MAX_MEMORY_SIZE`.
- `too_large_response`: the same answer when Django itself finds a body too big while reading
  it (`RequestDataTooBig`, too many fields or files), from the API's exception handler and the
  400 page handler.
- `upload_bytes`: an uploaded file's bytes, or Rejected when it is over
  `IMPORT_MAX_BYTES` (by its size, without reading it), so every import page and API operation
  refuses a big file the same way, as an import error.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from lksworkforce.core.tabular import read_at_most

TOO_LARGE_STATUS = 413
REQUEST_TOO_BIG = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def upload_bytes(upload: UploadedFile[bytes]) -> bytes:
    return read_at_most(upload, max_bytes=settings.IMPORT_MAX_BYTES, size=upload.size)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"


def too_large_message(limit: int | None = None) -> str:
    file_limit = _megabytes(settings.IMPORT_MAX_BYTES)
    if limit is None:
        return f"The request is too large. A file you upload may be at most {file_limit}."
    return (
        f"The request is larger than {_megabytes(limit)}, the most the service accepts. "
        f"A file you upload may be at most {file_limit}: split it up and upload each part."
    )


def too_large_response(request: HttpRequest, limit: int | None = None) -> HttpResponse:
    message = too_large_message(limit)
    if request.path.startswith("/api/"):
        return JsonResponse({"code": "too_large", "message": message}, status=TOO_LARGE_STATUS)
    context = {"title": "The file or form you sent is too large", "status": TOO_LARGE_STATUS, "detail": message}
    return render(request, "core/error.jinja", context, status=TOO_LARGE_STATUS)


class RefuseOversizedRequests:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        declared = request.META.get("CONTENT_LENGTH") or "0"
        length = int(declared) if declared.isascii() and declared.isdigit() else 0
        multipart = request.META.get("CONTENT_TYPE", "").startswith("multipart/")
        limit = settings.REQUEST_MAX_BYTES if multipart else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if length > limit:
            return too_large_response(request, limit)
        return self.get_response(request)
