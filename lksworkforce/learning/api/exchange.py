"""Learning over the API: the catalogue import (curators). The exports are files and feeds, on
their pages (/learning/catalogue.csv, .xlsx, .jsonld, /learning/feed/)."""

from django.http import HttpRequest
from ninja import File, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile

from lksworkforce.core.api_errors import write_responses
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.uploads import upload_bytes
from lksworkforce.learning.services.imports import import_catalogue

router = Router()


class CatalogueImportOut(Schema):
    rows: int
    created: int
    updated: int
    unchanged: int
    notes: list[str]


@router.post(
    "/learning/catalogue/import",
    response=write_responses(CatalogueImportOut),
    summary="Import the learning catalogue from a CSV or XLSX file (curators); all or nothing",
)
def catalogue_import(request: HttpRequest, file: File[UploadedFile | None] = None) -> dict[str, object]:
    # Permission first, so that who may import is not hidden behind input validation.
    if not request.user.has_perm("learning.curate"):
        raise HttpError(403, "Only curators can import the learning catalogue")
    if file is None:
        raise Rejected([Problem(field="file", reason="Attach the CSV or XLSX file")])
    outcome = import_catalogue(data=upload_bytes(file), filename=file.name or "upload.csv", actor=request.user)
    return {
        "rows": outcome.rows,
        "created": outcome.created,
        "updated": outcome.updated,
        "unchanged": outcome.unchanged,
        "notes": outcome.notes,
    }
