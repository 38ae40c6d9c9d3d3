"""Every write for surveys: loading definitions, importing responses, invitations, and the survey
form's responses. Keyword-only arguments, one transaction each. Definitions and imports are
audited; anonymous responses are not (an audit entry would tie a person to a time). One module per
job; the names are gathered here for callers."""

from lksworkforce.surveys.services.answering import (
    Incomplete,
    InvitationNeeded,
    SurveyClosed,
    check_invitation,
    response_save_section,
    response_start,
    response_submit,
    responses_in_progress_remove,
)
from lksworkforce.surveys.services.answers import (
    ANSWER_COLUMNS,
    AnswerValues,
    answer_values,
    answers_insert,
    demographic_ids,
)
from lksworkforce.surveys.services.definitions import (
    LoadOutcome,
    survey_load,
)
from lksworkforce.surveys.services.imports import (
    CLI_MAX_BYTES,
    RESPONSE_BATCH,
    UNKNOWN_COLUMN_HINT,
    ImportOutcome,
    responses_import,
)
from lksworkforce.surveys.services.invitations import (
    MAX_INVITATIONS,
    invitations_create,
)
from lksworkforce.surveys.services.skill_links import (
    LinksOutcome,
    skill_links_load,
)

__all__ = [
    "ANSWER_COLUMNS",
    "CLI_MAX_BYTES",
    "MAX_INVITATIONS",
    "RESPONSE_BATCH",
    "UNKNOWN_COLUMN_HINT",
    "AnswerValues",
    "ImportOutcome",
    "Incomplete",
    "InvitationNeeded",
    "LinksOutcome",
    "LoadOutcome",
    "SurveyClosed",
    "answer_values",
    "answers_insert",
    "check_invitation",
    "demographic_ids",
    "invitations_create",
    "response_save_section",
    "response_start",
    "response_submit",
    "responses_import",
    "responses_in_progress_remove",
    "skill_links_load",
    "survey_load",
]
