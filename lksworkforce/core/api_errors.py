"""The API's error bodies, declared on every operation so the OpenAPI schema tells the truth: `ErrorOut`
for 400, 401, 403, 404 and 413, `StaleOut` for 409 and `InvalidInputOut` for every 422. The handlers in
`config/api.py` write them; docs/api.md describes them."""

from typing import Any

from ninja import Schema

from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.problems import Rejected


class ErrorOut(Schema):
    """Every error: a `code` a program can test (`not_signed_in`, `forbidden`, `not_found`,
    `stale`, `too_large`, `invalid_input`, ...) and a `message` for people."""

    code: str
    message: str


class ProblemOut(Schema):
    """One problem with what was sent (`core.problems.Problem`): where it is (a file's `row` and
    `column` as a spreadsheet numbers them, a YAML file's `line`, or a `field` of the request or
    an entry of the file; none for the whole request), the `value` found (cut to 60 characters),
    and the `reason`, a sentence for people."""

    row: int | None = None
    column: str | None = None
    line: int | None = None
    field: str | None = None
    value: str | None = None
    reason: str


class InvalidInputOut(ErrorOut):
    """422 `invalid_input`, from every operation: nothing was changed. `errors` lists the first
    PROBLEMS_SHOWN problems, `errors_total` how many there are in all, and `errors_left_out` how
    many are not listed; `notes` says what was noticed about a file that is not a problem."""

    errors: list[ProblemOut]
    errors_total: int
    errors_left_out: int
    notes: list[str] = []


def invalid_input_body(rejected: Rejected, *, message: str | None = None) -> dict[str, Any]:
    """The 422 body for anything refused: a file, a form's fields, an API body or its schema."""
    said = message or str(rejected)
    if message is None and len(rejected.problems) == 1:  # say the one problem, not "1 error"
        said = f"{rejected.subject}: {rejected.problems[0].reason.rstrip('.')}. Nothing was changed."
    if rejected.problems_left_out:
        said += (
            f" The first {len(rejected.shown_problems):,} errors are listed; "
            f"{rejected.problems_left_out:,} more are left out."
        )
    return {
        "code": "invalid_input",
        "message": said,
        "errors": [problem.as_dict() for problem in rejected.shown_problems],
        "errors_total": len(rejected.problems),
        "errors_left_out": rejected.problems_left_out,
        "notes": rejected.notes,
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


def responses(ok: Any, *errors: int) -> dict[int, Any]:
    """`response=` for an operation that only reads: its 200 schema, what every operation can
    answer (400 for refused characters, see core.middleware; 401 without a token or session; 413
    for a body over the size limit, see core.uploads; 422 for input its schema or rules refuse),
    and the other error statuses it can answer (403 where rules refuse, 404 where a lookup within
    the viewer's scope finds nothing, 409 where a version is claimed)."""
    declared: dict[int, Any] = {200: ok, 400: ErrorOut, 401: ErrorOut, 413: ErrorOut, 422: InvalidInputOut}
    declared.update({status: _ERROR_SCHEMAS[status] for status in errors})
    return dict(sorted(declared.items()))


def write_responses(ok: Any, *errors: int) -> dict[int, Any]:
    """`response=` for an operation that writes: as `responses`, and 403, since a write under the
    browser session without the CSRF token is refused (a token needs none)."""
    return responses(ok, 403, *errors)
