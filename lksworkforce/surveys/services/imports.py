"""Importing responses from a survey tool's export: all or nothing, never twice, and never a small
change to a closed survey's published figures. Audited."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.db import transaction

from lksworkforce.core.audit import audit_record
from lksworkforce.core.disclosure import small_changes
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.selectors import suppression_threshold
from lksworkforce.core.tabular import noting, read_table
from lksworkforce.core.viewers import Caller
from lksworkforce.surveys import selectors
from lksworkforce.surveys.importers import ColumnMapping, parse_mapping, table_spec, validate_response_rows
from lksworkforce.surveys.models import (
    Response,
    ResponseSource,
    ResponseStatus,
    Survey,
)
from lksworkforce.surveys.selectors.structure import DEMOGRAPHIC_FIELDS, SurveyStructure
from lksworkforce.surveys.services.answers import answer_values, answers_insert, demographic_ids

RESPONSE_BATCH = 2000
CLI_MAX_BYTES = 512 * 1024 * 1024  # files on the national team's own machine


@dataclass
class ImportOutcome:
    rows: int = 0
    created: int = 0
    already_imported: int = 0
    notes: list[str] = field(default_factory=list)


UNKNOWN_COLUMN_HINT = ". Name the question it answers in a mapping file, or list it there under ignore."


def responses_import(
    *,
    survey: Survey,
    data: bytes,
    filename: str,
    actor: Caller | None,
    mapping_data: bytes | None = None,
    mapping_filename: str = "mapping.yaml",
    max_bytes: int | None = None,
) -> ImportOutcome:
    """Responses from a survey tool's export. All or nothing: a file with any problem changes nothing.
    A row already imported (recognised by the tool's response_id, or else by its answers) is not
    imported again, so re-importing a file, or a later export with more rows, adds only what is new."""
    structure = selectors.survey_structure(survey)
    specs = structure.questions
    mapping = ColumnMapping()
    if mapping_data is not None:
        mapping = parse_mapping(mapping_data, filename=mapping_filename, survey_key=survey.key, questions=specs)
    try:
        table = read_table(
            data, filename=filename, spec=table_spec(specs, mapping), max_bytes=max_bytes or settings.IMPORT_MAX_BYTES
        )
    except Rejected as rejected:
        raise Rejected(
            [
                replace(e, reason=e.reason.rstrip(".") + UNKNOWN_COLUMN_HINT)
                if e.reason.startswith("Unknown column")
                else e
                for e in rejected.problems
            ],
            notes=rejected.notes,
        ) from None
    with noting(table):
        validated = validate_response_rows(table, specs, mapping, salt=survey.import_salt)
    outcome = ImportOutcome(rows=len(validated.rows), notes=[*table.notes, *validated.notes])
    today = selectors.today()
    by_key = {q.key: q for q in structure.questions}
    with transaction.atomic():
        Survey.objects.select_for_update().filter(pk=survey.pk).first()  # one import of a survey at a time
        seen = Counter(
            Response.objects.filter(survey=survey, source=ResponseSource.IMPORT)
            .exclude(import_fingerprint="")
            .values_list("import_fingerprint", flat=True)
        )
        new_rows = []
        for row in validated.rows:
            if seen[row.fingerprint] > 0:
                seen[row.fingerprint] -= 1
                outcome.already_imported += 1
            else:
                new_rows.append(row)
        if new_rows and survey.status_on(today) == "closed":
            _refuse_small_changes(survey, structure, [row.answers for row in new_rows])
        for start in range(0, len(new_rows), RESPONSE_BATCH):
            batch = new_rows[start : start + RESPONSE_BATCH]
            responses = [
                Response(
                    survey=survey,
                    status=ResponseStatus.SUBMITTED,
                    source=ResponseSource.IMPORT,
                    started_on=row.submitted_on or today,
                    submitted_on=row.submitted_on or today,
                    import_fingerprint=row.fingerprint,
                    **demographic_ids(by_key, row.answers),
                )
                for row in batch
            ]
            Response.objects.bulk_create(responses)
            answers_insert(
                [
                    (response.pk, *values)
                    for response, row in zip(responses, batch, strict=True)
                    for key, parsed in row.answers
                    for values in answer_values(by_key[key], parsed)
                ]
            )
        outcome.created = len(new_rows)
        audit_record(
            actor=actor,
            action="survey.responses_imported",
            obj=survey,
            summary=f"{survey.key}: {outcome.created} responses imported, {outcome.already_imported} already held",
            changes={
                "file_sha256": hashlib.sha256(data).hexdigest(),
                "rows": outcome.rows,
                "created": outcome.created,
                "already_imported": outcome.already_imported,
            },
        )
    return outcome


def _refuse_small_changes(survey: Survey, structure: SurveyStructure, rows: list[Any]) -> None:
    """A closed survey's results are published: new responses may change them only if every
    figure (each question's answers, overall and in each group of each breakdown, and the head
    counts) moves by nobody or by at least the threshold of respondents, or a comparison before and
    after the import would give the few away (docs/adr/0011-privacy-over-time.md). While fewer than
    the threshold have responded nothing at all is shown, so the first import may be any size."""
    threshold = suppression_threshold()
    if Response.objects.submitted().filter(survey=survey).count() < threshold:
        return
    by_key = {q.key: q for q in structure.questions}
    groupers = selectors.breakdown_groupers(structure)
    changed: Counter[tuple[str, str, str]] = Counter()
    for answers in rows:
        ids = demographic_ids(by_key, answers)
        groups = [("", "Everyone")] + [
            (breakdown.label.lower(), labels.get(key, key))
            for breakdown, (group_of, labels) in groupers.items()
            for key in [group_of(ids.get(DEMOGRAPHIC_FIELDS[breakdown.demographic]))]
        ]
        for question in ["respondents", *(key for key, _parsed in answers)]:
            changed.update((by, group, question) for by, group in groups)
    small = sorted(small_changes(changed, threshold))
    if small:
        shown = "; ".join(
            f"{changed[cell]} to {cell[1] if not cell[0] else cell[0] + ' ' + cell[1]}"
            f" ({'respondents' if cell[2] == 'respondents' else 'question ' + cell[2]})"
            for cell in small[:5]
        )
        more = f", and {len(small) - 5} more" if len(small) > 5 else ""
        raise Rejected(
            [
                Problem(
                    field="file",
                    reason=f"This survey has closed and its results are published, so new responses must add nobody or at "
                    f"least {threshold} to every published figure, or comparing the results before and after would "
                    f"give their answers away. This file would add {shown}{more}. Import them together with more "
                    "responses, so that every group they add to gains at least "
                    f"{threshold}.",
                )
            ]
        )
