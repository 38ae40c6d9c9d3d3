"""The API's error bodies, declared on every operation so the OpenAPI schema tells the truth."""

from typing import Any

from ninja import Schema

from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.tabular import ImportRejected


class ErrorOut(Schema):
    code: str
    message: str


class FieldErrorOut(Schema):
    field: str
    message: str


class InvalidInputOut(ErrorOut):
    errors: list[FieldErrorOut]


class RowErrorOut(Schema):
    row: int | None
    column: str | None
    value: str | None
    reason: str


class ImportRejectedOut(ErrorOut):
    """A file that was not imported: the first ERRORS_SHOWN errors, with how many there are in all."""

    notes: list[str] = []
    errors: list[RowErrorOut]
    errors_total: int
    errors_left_out: int


def import_rejected_body(rejected: ImportRejected) -> dict[str, Any]:
    """The 422 body for a rejected file, the same from every import operation."""
    message = str(rejected)
    if rejected.errors_left_out:
        message += f" The first {len(rejected.shown_errors):,} errors are listed; {rejected.errors_left_out:,} more are left out."
    return {
        "code": "import_rejected",
        "message": message,
        "notes": rejected.notes,
        "errors": [error.as_dict() for error in rejected.shown_errors],
        "errors_total": len(rejected.errors),
        "errors_left_out": rejected.errors_left_out,
    }


class ChangeOut(Schema):
    field: str
    yours: str
    saved: str


class StaleOut(ErrorOut):
    """409 `stale`: the record changed since the version the request was based on; nothing was
    written. `changes` lists what was sent beside what is saved now (see ADR 12)."""

    changes: list[ChangeOut] = []


def stale_body(stale: StaleEdit) -> dict[str, Any]:
    return {"code": "stale", "message": str(stale), "changes": [c.as_dict() for c in stale.changes]}


_ERROR_SCHEMAS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: StaleOut,
    413: ErrorOut,
    422: InvalidInputOut,
}


def responses(ok: Any, *errors: int, **overrides: Any) -> dict[int, Any]:
    """`response=` for an operation: its 200 schema, 401 (every operation needs a session), 400
    (refused characters, see core.middleware), 413 (a body over the size limit, see core.uploads),
    and the other error statuses it can answer."""
    declared: dict[int, Any] = {200: ok, 400: ErrorOut, 401: ErrorOut, 413: ErrorOut}
    declared.update({status: _ERROR_SCHEMAS[status] for status in errors})
    declared.update({int(status.removeprefix("s")): schema for status, schema in overrides.items()})
    return declared
