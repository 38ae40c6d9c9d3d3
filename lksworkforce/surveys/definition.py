"""A survey definition as YAML: read it (every problem reported with its line and field), and write it
back. Pure: PyYAML and the standard library, no Django. The format is in
docs/formats/survey-definition.md."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from lksworkforce.core.params import ParamError, parse_decimal
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.tabular import ErrorCollector
from lksworkforce.core.yaml_files import read_yaml
from lksworkforce.surveys.questions import (
    NUMBER_LIMIT,
    OPTION_KEY,
    QUESTION_KEY,
    RESERVED_KEYS,
    SURVEY_KEY,
    Demographic,
    OptionDef,
    QuestionDef,
    QuestionKind,
)

MAX_DEFINITION_BYTES = 1024 * 1024
RESERVED_SURVEY_KEYS = frozenset({"load"})  # /surveys/load/ is the national team's page
MIN_CYCLE, MAX_CYCLE = 2000, 2100
SURVEY_FIELDS = (
    "key", "title", "cycle", "opens_on", "closes_on", "introduction", "invitations", "needs_question", "compare_with",
    "sections",
)  # fmt: skip
SECTION_FIELDS = ("title", "introduction", "questions")
QUESTION_FIELDS = (
    "key", "type", "text", "hint", "required", "demographic", "options", "max_choices", "ranks", "min", "max",
    "max_length", "unit",
)  # fmt: skip
OPTION_FIELDS = ("key", "label", "score")
TEXT_LIMITS = {"title": 200, "text": 500, "hint": 500, "label": 300, "unit": 40}


@dataclass(frozen=True)
class SectionDef:
    title: str
    introduction: str = ""
    questions: tuple[QuestionDef, ...] = ()


@dataclass(frozen=True)
class SurveyDef:
    key: str
    title: str
    cycle: int
    opens_on: datetime.date
    closes_on: datetime.date
    sections: tuple[SectionDef, ...]
    introduction: str = ""
    invitations: bool = False
    needs_question: str | None = None
    compare_with: str | None = None

    @property
    def questions(self) -> list[QuestionDef]:
        return [q for s in self.sections for q in s.questions]


# Reading ----------------------------------------------------------------------------------------


class _Reader:
    """Walks the composed YAML nodes, so that each value keeps the line it came from."""

    def __init__(self) -> None:
        self.errors = ErrorCollector()
        self._constructor = yaml.constructor.SafeConstructor()
        self._field_lines: dict[int, int] = {}  # a field's value node -> the line of its name

    def error(self, node: yaml.Node | None, path: str, reason: str, value: object = None) -> None:
        line = None
        if node is not None:
            line = self._field_lines.get(id(node), node.start_mark.line + 1)
        shown = None if value is None else str(value)
        self.errors.add_line(line, path or None, shown, reason)

    def mapping(self, node: yaml.Node, path: str, fields: tuple[str, ...]) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.error(node, path, "Expected a mapping of fields (name: value)")
            return None
        found: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            name = self._constructor.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            where = f"{path}.{name}" if path else str(name)
            if not isinstance(name, str) or name not in fields:
                self.error(key_node, where, f"Unknown field. Expected one of: {', '.join(fields)}", name)
            elif name in found:
                self.error(key_node, where, "The field appears more than once here. Keep one.")
            else:
                found[name] = value_node
                self._field_lines[id(value_node)] = key_node.start_mark.line + 1
        return found

    def sequence(self, node: yaml.Node, path: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, path, "Expected a list (each item starting with '- ')")
            return []
        return list(node.value)

    def scalar(self, node: yaml.Node, path: str) -> object:
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, path, "Expected a single value, not a list or mapping")
            return None
        try:
            return self._constructor.construct_object(node)
        except (yaml.YAMLError, ValueError):
            self.error(node, path, "The value could not be read", node.value)
            return None

    def text(
        self, fields: dict[str, yaml.Node], name: str, path: str, *, required: bool = False, parent: yaml.Node
    ) -> str:
        where = f"{path}.{name}" if path else name
        if name not in fields:
            if required:
                self.error(parent, where, "This field is required")
            return ""
        value = self.scalar(fields[name], where)
        if value is None:
            if required:
                self.error(fields[name], where, "This field is required")
            return ""
        if isinstance(value, bool | int | float | Decimal | datetime.date):
            value = fields[name].value  # as written: '8a', '2019', 'yes' are text here
        text = str(value).strip()
        if required and not text:
            self.error(fields[name], where, "This field is required")
        limit = TEXT_LIMITS.get(name)
        if limit and len(text) > limit:
            self.error(fields[name], where, f"At most {limit} characters", text[:40] + "…")
        return text

    def typed[T](
        self,
        fields: dict[str, yaml.Node],
        name: str,
        path: str,
        convert: Callable[[object], T],
        reason: str,
        *,
        required: bool = False,
        parent: yaml.Node,
    ) -> T | None:
        where = f"{path}.{name}" if path else name
        if name not in fields:
            if required:
                self.error(parent, where, "This field is required")
            return None
        node = fields[name]
        value = self.scalar(node, where)
        if value is None:
            if required:
                self.error(node, where, "This field is required")
            return None
        try:
            return convert(value)
        except (TypeError, ValueError, InvalidOperation):
            self.error(node, where, reason, getattr(node, "value", value))
            return None


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError
    return value


def _positive(value: object) -> int:
    number = _whole(value)
    if number < 1:
        raise ValueError
    return number


def _decimal(value: object) -> Decimal:
    """A number question's bound, as Answer.number and the question's columns hold it."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError
    try:
        return parse_decimal(str(value), minimum=-NUMBER_LIMIT, maximum=NUMBER_LIMIT, places=2)
    except ParamError:
        raise ValueError from None


def _date(value: object) -> datetime.date:
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise TypeError
    return value


def _boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError
    return value


def parse_definition(data: bytes, *, filename: str = "survey.yaml") -> SurveyDef:
    """The survey a YAML definition describes, or Rejected listing every problem."""
    root = read_yaml(data, filename=filename, what="A survey definition", max_bytes=MAX_DEFINITION_BYTES)
    if root is None:
        raise Rejected([Problem(reason="The file is empty: it defines no survey")])
    reader = _Reader()
    survey = _read_survey(reader, root)
    if reader.errors:
        raise Rejected(sorted(reader.errors.errors, key=lambda e: e.line or 0))
    assert survey is not None
    return survey


def _read_survey(r: _Reader, root: yaml.Node) -> SurveyDef | None:
    fields = r.mapping(root, "", SURVEY_FIELDS)
    if fields is None:
        return None
    key = r.text(fields, "key", "", required=True, parent=root)
    if key and not SURVEY_KEY.match(key):
        r.error(
            fields["key"], "key", "A survey key is 2 to 60 lower-case letters, digits and hyphens, like dns-2019", key
        )
    elif key in RESERVED_SURVEY_KEYS:
        r.error(fields["key"], "key", f"{key} is the name of a page of the service: choose another key", key)
    title = r.text(fields, "title", "", required=True, parent=root)
    cycle = r.typed(fields, "cycle", "", _whole, "The cycle is a year, like 2019", required=True, parent=root)
    if cycle is not None and not MIN_CYCLE <= cycle <= MAX_CYCLE:
        r.error(fields["cycle"], "cycle", f"The cycle must be a year from {MIN_CYCLE} to {MAX_CYCLE}", cycle)
    date_reason = "A date is written as YYYY-MM-DD, like 2019-05-31"
    opens_on = r.typed(fields, "opens_on", "", _date, date_reason, required=True, parent=root)
    closes_on = r.typed(fields, "closes_on", "", _date, date_reason, required=True, parent=root)
    if opens_on and closes_on and closes_on < opens_on:
        r.error(fields["closes_on"], "closes_on", "The survey must close on or after the day it opens", closes_on)
    introduction = r.text(fields, "introduction", "", parent=root)
    invitations = r.typed(fields, "invitations", "", _boolean, "Write true or false", parent=root) or False
    needs_question = r.text(fields, "needs_question", "", parent=root) or None
    compare_with = r.text(fields, "compare_with", "", parent=root) or None
    if compare_with and compare_with == key:
        r.error(fields["compare_with"], "compare_with", "A survey cannot be compared with itself", compare_with)

    sections: list[SectionDef] = []
    if "sections" not in fields:
        r.error(root, "sections", "This field is required: a survey has at least one section")
    else:
        nodes = r.sequence(fields["sections"], "sections")
        if not nodes and isinstance(fields["sections"], yaml.SequenceNode):
            r.error(fields["sections"], "sections", "A survey has at least one section")
        for index, node in enumerate(nodes, 1):
            section = _read_section(r, node, f"sections[{index}]")
            if section is not None:
                sections.append(section)
    _check_survey_wide(r, sections, fields, needs_question)
    if r.errors or key is None or cycle is None or opens_on is None or closes_on is None:
        return None
    return SurveyDef(
        key=key,
        title=title,
        cycle=cycle,
        opens_on=opens_on,
        closes_on=closes_on,
        sections=tuple(sections),
        introduction=introduction,
        invitations=invitations,
        needs_question=needs_question,
        compare_with=compare_with,
    )


def _read_section(r: _Reader, node: yaml.Node, path: str) -> SectionDef | None:
    fields = r.mapping(node, path, SECTION_FIELDS)
    if fields is None:
        return None
    title = r.text(fields, "title", path, required=True, parent=node)
    introduction = r.text(fields, "introduction", path, parent=node)
    questions = []
    if "questions" not in fields:
        r.error(node, f"{path}.questions", "This field is required: a section has at least one question")
    else:
        nodes = r.sequence(fields["questions"], f"{path}.questions")
        if not nodes and isinstance(fields["questions"], yaml.SequenceNode):
            r.error(fields["questions"], f"{path}.questions", "A section has at least one question")
        for index, question_node in enumerate(nodes, 1):
            question = _read_question(r, question_node, f"{path}.questions[{index}]")
            if question is not None:
                questions.append(question)
    return SectionDef(title=title, introduction=introduction, questions=tuple(questions))


def _read_question(r: _Reader, node: yaml.Node, path: str) -> QuestionDef | None:
    fields = r.mapping(node, path, QUESTION_FIELDS)
    if fields is None:
        return None
    key = r.text(fields, "key", path, required=True, parent=node)
    if key and not QUESTION_KEY.match(key):
        r.error(
            fields["key"],
            f"{path}.key",
            "A question key is lower-case letters, digits and underscores, starting with a letter, like development_needs",
            key,
        )
    elif key in RESERVED_KEYS:
        r.error(fields["key"], f"{path}.key", f"{key} is a reserved column name of response imports", key)
    type_text = r.text(fields, "type", path, required=True, parent=node)
    kind = None
    if type_text:
        try:
            kind = QuestionKind(type_text)
        except ValueError:
            kinds = ", ".join(k.value for k in QuestionKind)
            r.error(fields["type"], f"{path}.type", f"Unknown question type. Use one of: {kinds}", type_text)
    text = r.text(fields, "text", path, required=True, parent=node)
    hint = r.text(fields, "hint", path, parent=node)
    required = r.typed(fields, "required", path, _boolean, "Write true or false", parent=node) or False
    unit = r.text(fields, "unit", path, parent=node)
    demographic = None
    if demographic_text := r.text(fields, "demographic", path, parent=node):
        try:
            demographic = Demographic(demographic_text)
        except ValueError:
            names = ", ".join(d.value for d in Demographic)
            r.error(
                fields["demographic"],
                f"{path}.demographic",
                f"Unknown demographic. Use one of: {names}",
                demographic_text,
            )
    whole = "Write a whole number of 1 or more"
    max_choices = r.typed(fields, "max_choices", path, _positive, whole, parent=node)
    ranks = r.typed(fields, "ranks", path, _positive, whole, parent=node)
    max_length = r.typed(fields, "max_length", path, _positive, whole, parent=node)
    min_value = r.typed(fields, "min", path, _decimal, "Write a number", parent=node)
    max_value = r.typed(fields, "max", path, _decimal, "Write a number", parent=node)
    options = _read_options(r, fields, path, kind, node)

    def misplaced(name: str, allowed: set[QuestionKind]) -> None:
        if name in fields and kind is not None and kind not in allowed:
            allowed_names = " or ".join(sorted(k.value for k in allowed))
            r.error(fields[name], f"{path}.{name}", f"Only a {allowed_names} question has {name}")

    misplaced("max_choices", {QuestionKind.MULTIPLE_CHOICE})
    misplaced("ranks", {QuestionKind.RANKING})
    misplaced("max_length", {QuestionKind.FREE_TEXT})
    misplaced("min", {QuestionKind.NUMBER})
    misplaced("max", {QuestionKind.NUMBER})
    misplaced("unit", {QuestionKind.NUMBER})
    misplaced("demographic", {QuestionKind.SINGLE_CHOICE})
    if kind is not None and kind.has_options:
        if max_choices is not None and options and max_choices > len(options):
            r.error(fields["max_choices"], f"{path}.max_choices", f"There are only {len(options)} options", max_choices)
        if ranks is not None and options and ranks > len(options):
            r.error(fields["ranks"], f"{path}.ranks", f"There are only {len(options)} options to rank", ranks)
    if min_value is not None and max_value is not None and max_value < min_value:
        r.error(fields["max"], f"{path}.max", "max must not be less than min", max_value)
    if kind is None or not key:
        return None
    return QuestionDef(
        key=key,
        kind=kind,
        text=text,
        hint=hint,
        required=required,
        demographic=demographic,
        options=tuple(options),
        max_choices=max_choices,
        ranks=ranks,
        min_value=min_value,
        max_value=max_value,
        max_length=max_length,
        unit=unit,
        line=node.start_mark.line + 1,
    )


def _read_options(
    r: _Reader, fields: dict[str, yaml.Node], path: str, kind: QuestionKind | None, parent: yaml.Node
) -> list[OptionDef]:
    where = f"{path}.options"
    if kind is not None and not kind.has_options:
        if "options" in fields:
            r.error(fields["options"], where, f"A {kind.value} question has no options")
        return []
    if "options" not in fields:
        if kind is not None:
            r.error(parent, where, "A question of this type needs its options")
        return []
    options: list[OptionDef] = []
    keys: dict[str, int] = {}
    labels: dict[str, int] = {}
    nodes = r.sequence(fields["options"], where)
    for index, node in enumerate(nodes, 1):
        option_path = f"{where}[{index}]"
        option_fields = r.mapping(node, option_path, OPTION_FIELDS)
        if option_fields is None:
            continue
        key = r.text(option_fields, "key", option_path, required=True, parent=node)
        label = r.text(option_fields, "label", option_path, required=True, parent=node)
        score = r.typed(option_fields, "score", option_path, _whole, "A score is a whole number", parent=node)
        line = node.start_mark.line + 1
        if key and not OPTION_KEY.match(key):
            r.error(
                option_fields["key"],
                f"{option_path}.key",
                "An option key is lower-case letters, digits and underscores, like literature_searching",
                key,
            )
        if key and key in keys:
            r.error(
                option_fields["key"], f"{option_path}.key", f"Duplicate option key: already on line {keys[key]}", key
            )
        folded = " ".join(label.split()).casefold()
        if label and folded in labels:
            r.error(
                option_fields["label"],
                f"{option_path}.label",
                f"Duplicate option: already on line {labels[folded]}",
                label,
            )
        keys.setdefault(key, line)
        labels.setdefault(folded, line)
        if kind is QuestionKind.LIKERT and score is None and "score" not in option_fields:
            r.error(node, f"{option_path}.score", "Each point of a Likert scale needs a score, like 1 to 5")
        if kind is not None and kind is not QuestionKind.LIKERT and "score" in option_fields:
            r.error(option_fields["score"], f"{option_path}.score", "Only the points of a likert question have a score")
        options.append(OptionDef(key=key, label=label, score=score))
    if kind is not None and len(nodes) < 2 and isinstance(fields["options"], yaml.SequenceNode):
        r.error(fields["options"], where, "A question of this type needs at least two options")
    return options


def _check_survey_wide(
    r: _Reader, sections: list[SectionDef], fields: dict[str, yaml.Node], needs_question: str | None
) -> None:
    seen: dict[str, int | None] = {}
    demographics: dict[Demographic, str] = {}
    for question in (q for s in sections for q in s.questions):
        path = f"question {question.key}"
        if question.key in seen:
            r.errors.add_line(
                question.line, path, question.key, f"Duplicate question key: already on line {seen[question.key]}"
            )
        seen.setdefault(question.key, question.line)
        if question.demographic is not None:
            if question.demographic in demographics:
                r.errors.add_line(
                    question.line,
                    path,
                    question.demographic.value,
                    f"Only one question per survey records the {question.demographic.value}: "
                    f"{demographics[question.demographic]} already does",
                )
            demographics.setdefault(question.demographic, question.key)
    if needs_question:
        needs = next((q for s in sections for q in s.questions if q.key == needs_question), None)
        if needs is None:
            r.error(
                fields["needs_question"], "needs_question", "No question in this survey has this key", needs_question
            )
        elif not needs.kind.can_be_ranked:
            r.error(
                fields["needs_question"],
                "needs_question",
                "The needs question must be a multiple_choice (or single_choice) question",
                needs_question,
            )


# Writing ----------------------------------------------------------------------------------------


def definition_as_dict(survey: SurveyDef) -> dict[str, Any]:
    """The definition as plain data, in the order of the format; optional fields only when set."""
    document: dict[str, Any] = {
        "key": survey.key,
        "title": survey.title,
        "cycle": survey.cycle,
        "opens_on": survey.opens_on,
        "closes_on": survey.closes_on,
    }
    if survey.introduction:
        document["introduction"] = survey.introduction
    if survey.invitations:
        document["invitations"] = True
    if survey.needs_question:
        document["needs_question"] = survey.needs_question
    if survey.compare_with:
        document["compare_with"] = survey.compare_with
    document["sections"] = [_section_dict(s) for s in survey.sections]
    return document


def _section_dict(section: SectionDef) -> dict[str, Any]:
    document: dict[str, Any] = {"title": section.title}
    if section.introduction:
        document["introduction"] = section.introduction
    document["questions"] = [_question_dict(q) for q in section.questions]
    return document


def _question_dict(question: QuestionDef) -> dict[str, Any]:
    document: dict[str, Any] = {"key": question.key, "type": question.kind.value, "text": question.text}
    optional: Iterator[tuple[str, Any]] = iter(
        [
            ("hint", question.hint or None),
            ("required", True if question.required else None),
            ("demographic", question.demographic.value if question.demographic else None),
            ("max_choices", question.max_choices),
            ("ranks", question.ranks),
            ("min", _number_out(question.min_value)),
            ("max", _number_out(question.max_value)),
            ("unit", question.unit or None),
            ("max_length", question.max_length),
        ]
    )
    document.update({name: value for name, value in optional if value is not None})
    if question.options:
        document["options"] = [
            {"key": o.key, "label": o.label} | ({"score": o.score} if o.score is not None else {})
            for o in question.options
        ]
    return document


def _number_out(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


class _Dumper(yaml.SafeDumper):
    """Block style, keys in the format's order, long text as literal blocks."""


def _text_representer(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _text_representer)


def definition_to_yaml(survey: SurveyDef) -> str:
    body = yaml.dump(
        definition_as_dict(survey), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2
    )
    return f"# Survey definition: {survey.title}. Format: docs/formats/survey-definition.md\n{body}"
