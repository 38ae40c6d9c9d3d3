"""Response files in: a CSV or XLSX export of a generic survey tool, one row per respondent and a
column per question key, optionally renamed by a mapping file. Every row is checked and every
problem collected; nothing is written here (see services.responses_import).

Formats: docs/formats/survey-responses.md and docs/formats/survey-mapping.md."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import yaml

from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.tabular import (
    ErrorCollector,
    Table,
    TableSpec,
    normalise_column_name,
)
from lksworkforce.core.yaml_files import node_line, node_text, read_yaml
from lksworkforce.surveys.questions import (
    DEFAULT_SEPARATOR,
    RESPONSE_ID_COLUMN,
    SUBMITTED_ON_COLUMN,
    AnswerError,
    ParsedAnswer,
    QuestionDef,
    parse_answer,
)

MAX_MAPPING_BYTES = 256 * 1024
MAPPING_FIELDS = ("survey", "columns", "ignore", "separator", "values")
RESPONSE_ID_LIMIT = 200
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%Y/%m/%d")


@dataclass(frozen=True)
class ColumnMapping:
    """How a tool's file maps onto the survey: renamed columns, ignored columns, the separator of
    multiple answers in one cell, and the tool's wording of options."""

    columns: dict[str, str] = field(default_factory=dict)  # normalised file column -> question key
    ignore: frozenset[str] = frozenset()  # normalised file columns to leave out (never stored)
    separator: str = DEFAULT_SEPARATOR
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # question key -> folded text -> option key


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def parse_mapping(data: bytes, *, filename: str, survey_key: str, questions: Sequence[QuestionDef]) -> ColumnMapping:
    """A mapping file (YAML) checked against the survey, or Rejected with every problem."""
    root = read_yaml(data, filename=filename, what="A mapping file", max_bytes=MAX_MAPPING_BYTES)
    errors = ErrorCollector()
    if not isinstance(root, yaml.MappingNode):
        raise Rejected([Problem(reason="The mapping file must be a mapping with a columns: section")])
    by_key = {q.key: q for q in questions}
    targets = {*by_key, RESPONSE_ID_COLUMN, SUBMITTED_ON_COLUMN}
    sections = _pairs(root, errors, "", MAPPING_FIELDS)
    columns: dict[str, str] = {}
    target_line: dict[str, int] = {}
    ignore: set[str] = set()
    separator = DEFAULT_SEPARATOR
    values: dict[str, dict[str, str]] = {}

    if (node := sections.get("survey")) is not None:
        named = node_text(node)
        if named != survey_key:
            errors.add_line(node_line(node), "survey", named, f"This mapping is for survey {named}, not {survey_key}")
    if (node := sections.get("columns")) is not None:
        for source_node, target_node in _pairs(node, errors, "columns", None).items():
            source, target = normalise_column_name(source_node), node_text(target_node)
            if target not in targets:
                errors.add_line(
                    node_line(target_node),
                    f"columns.{source_node}",
                    target,
                    f"Not a question of survey {survey_key}. Map to a question key, {RESPONSE_ID_COLUMN} or {SUBMITTED_ON_COLUMN}",
                )
            elif target in target_line:
                errors.add_line(
                    node_line(target_node),
                    f"columns.{source_node}",
                    target,
                    f"Another column is already mapped to {target} (line {target_line[target]})",
                )
            else:
                target_line[target] = node_line(target_node) or 0
                columns[source] = target
    if (node := sections.get("ignore")) is not None:
        if isinstance(node, yaml.SequenceNode):
            ignore = {normalise_column_name(node_text(item)) for item in node.value}
        else:
            errors.add_line(node_line(node), "ignore", None, "Expected a list of column names to leave out")
    if (node := sections.get("separator")) is not None:
        separator = node_text(node)
        if len(separator) != 1 or separator.isalnum() or separator.isspace():
            errors.add_line(
                node_line(node),
                "separator",
                separator,
                "The separator is one character that is not a letter, digit or space, like ;",
            )
            separator = DEFAULT_SEPARATOR
    if (node := sections.get("values")) is not None:
        for key, options_node in _pairs(node, errors, "values", None).items():
            question = by_key.get(key)
            if question is None or not question.options:
                reason = "Not a question of this survey" if question is None else "This question has no options to map"
                errors.add_line(node_line(options_node), f"values.{key}", key, reason)
                continue
            offered = {o.key for o in question.options}
            for text, option_node in _pairs(options_node, errors, f"values.{key}", None).items():
                option = node_text(option_node)
                if option not in offered:
                    errors.add_line(
                        node_line(option_node),
                        f"values.{key}.{text}",
                        option,
                        f"Not an option of question {key}. Use one of: {question.options_list()}",
                    )
                values.setdefault(key, {})[_fold(text)] = option
    both = set(columns) & ignore
    for source in sorted(both):
        errors.add_line(None, f"ignore.{source}", source, "A column cannot be both mapped and ignored")
    errors.raise_if_any()
    return ColumnMapping(columns=columns, ignore=frozenset(ignore), separator=separator, values=values)


def _pairs(node: yaml.Node, errors: ErrorCollector, path: str, allowed: tuple[str, ...] | None) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        errors.add_line(node_line(node), path or None, None, "Expected a mapping (name: value)")
        return {}
    found: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        name = node_text(key_node)
        where = f"{path}.{name}" if path else name
        if allowed is not None and name not in allowed:
            errors.add_line(node_line(key_node), where, name, f"Unknown field. Expected one of: {', '.join(allowed)}")
        elif name in found:
            errors.add_line(node_line(key_node), where, name, "This appears more than once here. Keep one.")
        else:
            found[name] = value_node
    return found


# The response file ------------------------------------------------------------------------------


def table_spec(questions: Sequence[QuestionDef], mapping: ColumnMapping) -> TableSpec:
    """Every column a file may have: question keys, the reserved columns, mapped and ignored ones.
    None is required: a tool may leave out a question nobody answered."""
    names = [q.key for q in questions] + [RESPONSE_ID_COLUMN, SUBMITTED_ON_COLUMN]
    names += sorted(mapping.columns) + sorted(mapping.ignore)
    return TableSpec(required=(), optional=tuple(dict.fromkeys(n for n in names if n)))


@dataclass(frozen=True)
class ResponseRow:
    number: int
    answers: tuple[tuple[str, ParsedAnswer], ...]  # (question key, answer), blanks left out
    submitted_on: datetime.date | None
    fingerprint: str


@dataclass
class ValidatedFile:
    rows: list[ResponseRow]
    notes: list[str]


def validate_response_rows(
    table: Table, questions: Sequence[QuestionDef], mapping: ColumnMapping, *, salt: str
) -> ValidatedFile:
    """Each row's answers, or Rejected listing every problem with its row and column."""
    errors = ErrorCollector()
    source_of = _sources(table, questions, mapping, errors)
    errors.raise_if_any()
    notes = []
    missing = [q.key for q in questions if q.key not in source_of]
    if missing:
        notes.append(f"Not in the file, so left unanswered: {', '.join(missing)}.")
    if mapping.ignore & set(table.columns):
        notes.append(f"Left out as the mapping says: {', '.join(sorted(mapping.ignore & set(table.columns)))}.")
    asked = [(q, source_of[q.key], mapping.values.get(q.key)) for q in questions if q.key in source_of]
    id_column = source_of.get(RESPONSE_ID_COLUMN)
    date_column = source_of.get(SUBMITTED_ON_COLUMN)
    separator = mapping.separator
    rows: list[ResponseRow] = []
    first_with_id: dict[str, int] = {}
    for source in table.rows:
        values, number = source.values, source.number
        answers: list[tuple[str, ParsedAnswer]] = []
        ok = True
        for question, column, value_map in asked:
            raw = values[column]
            if not raw:
                continue
            try:
                answer = parse_answer(question, raw, separator=separator, value_map=value_map)
            except AnswerError as problem:
                errors.add(number, column, raw, str(problem))
                ok = False
                continue
            if answer is not None:
                answers.append((question.key, answer))
        submitted_on = None
        if date_column is not None and (raw_date := values[date_column]):
            submitted_on = parse_date(raw_date)
            if submitted_on is None:
                errors.add(number, date_column, raw_date, "Not a date. Write it as YYYY-MM-DD, like 2019-05-31")
                ok = False
        response_id = values[id_column] if id_column is not None else ""
        if len(response_id) > RESPONSE_ID_LIMIT:
            errors.add(number, id_column, response_id[:40] + "…", f"At most {RESPONSE_ID_LIMIT} characters")
            ok = False
        elif response_id:
            if response_id in first_with_id:
                errors.add(
                    number, id_column, response_id, f"The same response ID is on row {first_with_id[response_id]}"
                )
                ok = False
            first_with_id.setdefault(response_id, number)
        if ok and not answers:
            errors.add(number, None, None, "The row answers none of the survey's questions")
            ok = False
        if ok:
            fingerprint = _fingerprint(salt, response_id, answers, submitted_on)
            rows.append(ResponseRow(number, tuple(answers), submitted_on, fingerprint))
    errors.raise_if_any()
    return ValidatedFile(rows=rows, notes=notes)


def _sources(
    table: Table, questions: Sequence[QuestionDef], mapping: ColumnMapping, errors: ErrorCollector
) -> dict[str, str]:
    """Which file column gives each question (or reserved column)."""
    present = set(table.columns)
    wanted = {q.key for q in questions} | {RESPONSE_ID_COLUMN, SUBMITTED_ON_COLUMN}
    source_of: dict[str, str] = {}
    for column in table.columns:
        if column in mapping.ignore:
            continue
        target = mapping.columns.get(column, column if column in wanted else None)
        if target is None:
            continue
        if target in source_of:
            errors.add(
                None,
                column,
                None,
                f"Both {source_of[target]} and {column} give {target}. Keep one, or ignore one in the mapping.",
            )
            continue
        source_of[target] = column
    if not any(q.key in source_of for q in questions) and present:
        errors.add(
            None,
            None,
            None,
            "The file has none of the survey's questions as a column. Is it the right survey, or does it need a mapping file?",
        )
    return source_of


def parse_date(raw: str) -> datetime.date | None:
    """A date, or a date and time from which only the date is kept."""
    text = raw.strip()
    head = text.replace("T", " ").split(" ", 1)[0]
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(head, pattern).date()
        except ValueError:
            continue
    return None


def _fingerprint(
    salt: str, response_id: str, answers: Sequence[tuple[str, ParsedAnswer]], submitted_on: datetime.date | None
) -> str:
    """What a re-import recognises a row by: the tool's response ID when the file has one (hashed,
    never stored), otherwise the answers themselves."""
    if response_id:
        basis = f"{salt}\x1fid\x1f{response_id}"
    else:
        parts = [
            f"{key}={'|'.join(a.options)}|{'' if a.number is None else a.number.normalize()}|{a.text}"
            for key, a in sorted(answers, key=lambda item: item[0])
        ]
        basis = f"{salt}\x1fanswers\x1f{submitted_on or ''}\x1f" + "\x1e".join(parts)
    return hashlib.sha256(basis.encode()).hexdigest()
