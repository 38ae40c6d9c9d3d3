"""Question types, demographics and the reading of one answer: pure rules, no Django.

The survey form and the response import read answers through the same functions here, so a value
the form refuses is refused by an import too, with the same reason."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cached_property

from lksworkforce.accounts.people import BandGroup, band_group
from lksworkforce.core.params import ParamError, check_text, parse_decimal

SURVEY_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{1,59}$")
QUESTION_KEY = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
OPTION_KEY = re.compile(r"^[a-z0-9][a-z0-9_]{0,59}$")
# Columns an import file may have besides the question keys.
RESPONSE_ID_COLUMN = "response_id"
SUBMITTED_ON_COLUMN = "submitted_on"
RESERVED_KEYS = frozenset({RESPONSE_ID_COLUMN, SUBMITTED_ON_COLUMN})
DEFAULT_SEPARATOR = ";"
FREE_TEXT_LIMIT = 5000
NUMBER_LIMIT = Decimal("9999999999.99")  # what Answer.number holds
# How many ranks of a needs question results show: by default, and at most (pages, API, CLI).
TOP_DEFAULT, TOP_MOST = 10, 1000


class QuestionKind(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    RANKING = "ranking"
    LIKERT = "likert"
    NUMBER = "number"
    FREE_TEXT = "free_text"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @property
    def has_options(self) -> bool:
        return self not in {QuestionKind.NUMBER, QuestionKind.FREE_TEXT}

    @property
    def can_be_ranked(self) -> bool:
        """Whether the top-ten analysis (options ranked by respondents choosing them) applies."""
        return self in {QuestionKind.MULTIPLE_CHOICE, QuestionKind.SINGLE_CHOICE}


KIND_LABELS = {
    QuestionKind.SINGLE_CHOICE: "Single choice",
    QuestionKind.MULTIPLE_CHOICE: "Multiple choice",
    QuestionKind.RANKING: "Ranking",
    QuestionKind.LIKERT: "Likert scale",
    QuestionKind.NUMBER: "Number",
    QuestionKind.FREE_TEXT: "Free text",
}


class Demographic(StrEnum):
    """What a demographic question records about the respondent. Results break down by these."""

    BAND = "band"
    ROLE = "role"
    REGION = "region"
    ORGANISATION_TYPE = "organisation_type"

    @property
    def label(self) -> str:
        return DEMOGRAPHIC_LABELS[self]


DEMOGRAPHIC_LABELS = {
    Demographic.BAND: "Band",
    Demographic.ROLE: "Role",
    Demographic.REGION: "Region",
    Demographic.ORGANISATION_TYPE: "Organisation type",
}


class Breakdown(StrEnum):
    """The groups results are broken down by. Band answers are grouped into two band groups."""

    BAND_GROUP = "band_group"
    ROLE = "role"
    REGION = "region"
    ORGANISATION_TYPE = "organisation_type"

    @property
    def label(self) -> str:
        return BREAKDOWN_LABELS[self]

    @property
    def demographic(self) -> Demographic:
        return Demographic.BAND if self is Breakdown.BAND_GROUP else Demographic(self.value)


BREAKDOWN_LABELS = {
    Breakdown.BAND_GROUP: "Band group",
    Breakdown.ROLE: "Role",
    Breakdown.REGION: "Region",
    Breakdown.ORGANISATION_TYPE: "Organisation type",
}

# The group of respondents who did not answer a demographic question (for bands, BandGroup's).
NOT_STATED = BandGroup.NOT_STATED.value
NOT_STATED_LABEL = "Not stated"


def band_group_of(option_key: str, label: str) -> str:
    """The band group of an answer to the band question, read from its key or else its label: not
    stated for an answer that is not an Agenda for Change band, such as 'Prefer not to say'."""
    for text in (option_key, label):
        group = band_group(text.replace("_", " "))
        if group is not BandGroup.NOT_STATED:
            return group
    return BandGroup.NOT_STATED


@dataclass(frozen=True)
class OptionDef:
    key: str
    label: str
    score: int | None = None  # a Likert point's


@dataclass(frozen=True)
class QuestionDef:
    """A survey question: what it asks and what its answers may be. The one description of a
    question, whether read from a definition file, written back to one, or asked by a survey
    (selectors.AskedQuestion adds the ids its stored answers point at)."""

    key: str
    kind: QuestionKind
    text: str
    hint: str = ""
    required: bool = False
    demographic: Demographic | None = None
    options: tuple[OptionDef, ...] = ()
    max_choices: int | None = None  # multiple choice
    ranks: int | None = None  # ranking: how many options to put in order
    min_value: Decimal | None = None  # number
    max_value: Decimal | None = None
    max_length: int | None = None  # free text
    unit: str = ""  # number
    line: int | None = field(default=None, compare=False)  # where a definition file gives it

    @cached_property
    def labels(self) -> dict[str, str]:
        return {o.key: o.label for o in self.options}

    @cached_property
    def _lookup(self) -> dict[str, str]:
        """Option keys by what may name them: the key, else the label, else a Likert score."""
        lookup: dict[str, str] = {}
        for option in self.options:
            lookup.setdefault(option.key.casefold(), option.key)
        for option in self.options:
            lookup.setdefault(_fold(option.label), option.key)
            if option.score is not None:
                lookup.setdefault(str(option.score), option.key)
        return lookup

    def option_key(self, text: str, value_map: Mapping[str, str] | None = None) -> str | None:
        """The option a value names: its key or its label (any case), or a mapped value."""
        if value_map:
            mapped = value_map.get(_fold(text))
            if mapped is not None:
                return mapped
        return self._lookup.get(text.casefold()) or self._lookup.get(_fold(text))

    @property
    def rank_count(self) -> int:
        return min(self.ranks or len(self.options), len(self.options))

    def options_list(self, limit: int = 8) -> str:
        keys = [o.key for o in self.options]
        shown = ", ".join(keys[:limit])
        return shown + (f" and {len(keys) - limit} more" if len(keys) > limit else "")


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class ParsedAnswer:
    """One answer: the options chosen (in rank order for a ranking), a number or some text."""

    options: tuple[str, ...] = ()
    number: Decimal | None = None
    text: str = ""


class AnswerError(ValueError):
    """Why a value is not an answer to the question, in words for the person who gave it."""


def parse_answer(
    question: QuestionDef,
    raw: str | Sequence[str],
    *,
    separator: str = DEFAULT_SEPARATOR,
    value_map: Mapping[str, str] | None = None,
    on_the_form: bool = False,
) -> ParsedAnswer | None:
    """The answer a value gives, None when blank, or AnswerError.

    `on_the_form`: the person answered on the survey form, which shows questions and options by
    their labels, so the reasons name no keys (a file's reasons do: its columns are the keys).

    `raw` is a cell's text (choices separated by `separator`) or, from the form, a list of values."""
    values = _split(raw, separator) if isinstance(raw, str) else [v.strip() for v in raw if v.strip()]
    if not values:
        return None
    kind = question.kind
    if kind is QuestionKind.FREE_TEXT:
        text = raw.strip() if isinstance(raw, str) else "\n".join(values)
        try:
            check_text(text, max_length=question.max_length or FREE_TEXT_LIMIT, what="The answer")
        except ParamError as problem:
            raise AnswerError(str(problem)) from None
        return ParsedAnswer(text=text)
    if kind is QuestionKind.NUMBER:
        return ParsedAnswer(number=_number(question, values if not isinstance(raw, str) else [raw.strip()]))
    if kind in {QuestionKind.SINGLE_CHOICE, QuestionKind.LIKERT}:
        whole = raw.strip() if isinstance(raw, str) else values[0]
        if not isinstance(raw, str) and len(values) > 1:
            raise AnswerError("Choose one answer")
        key = question.option_key(whole, value_map)
        if key is None:
            raise AnswerError(_not_an_option(question, whole, on_the_form=on_the_form))
        return ParsedAnswer(options=(key,))
    keys = _option_keys(question, values, value_map, on_the_form=on_the_form)
    if kind is QuestionKind.MULTIPLE_CHOICE:
        keys = list(dict.fromkeys(keys))  # a choice given twice counts once
        if question.max_choices is not None and len(keys) > question.max_choices:
            raise AnswerError(f"Choose at most {question.max_choices} options ({len(keys)} were chosen)")
        return ParsedAnswer(options=tuple(keys))
    # Ranking: first is rank 1.
    repeated = [k for k in dict.fromkeys(keys) if keys.count(k) > 1]
    if repeated:
        # Named by their labels, as the form shows them (and as a file may give them).
        labels = {o.key: o.label for o in question.options}
        named = ", ".join(f"'{labels.get(k, k)}'" for k in repeated)
        verb = "are" if len(repeated) > 1 else "is"
        raise AnswerError(f"Each option can be ranked once: {named} {verb} given more than once")
    if len(keys) > question.rank_count:
        raise AnswerError(f"Rank at most {question.rank_count} options ({len(keys)} were given)")
    return ParsedAnswer(options=tuple(keys))


def _split(raw: str, separator: str) -> list[str]:
    return [part.strip() for part in raw.split(separator) if part.strip()]


def _option_keys(
    question: QuestionDef, values: Iterable[str], value_map: Mapping[str, str] | None, *, on_the_form: bool = False
) -> list[str]:
    keys, unknown = [], []
    for value in values:
        key = question.option_key(value, value_map)
        if key is None:
            unknown.append(value)
        else:
            keys.append(key)
    if unknown:
        raise AnswerError(
            _not_an_option(question, "; ".join(unknown), plural=len(unknown) > 1, on_the_form=on_the_form)
        )
    return keys


def _not_an_option(question: QuestionDef, value: str, *, plural: bool = False, on_the_form: bool = False) -> str:
    if on_the_form:
        return "Choose from the answers listed"
    what = f"'{value}' are not options" if plural else f"'{value}' is not an option"
    return f"{what} of question {question.key}. Use one of: {question.options_list()} (or their labels)"


def _number(question: QuestionDef, values: list[str]) -> Decimal:
    """A number answer, read by the shared bounded parser: plain digits only (no NaN, infinities,
    exponents or 5,000-digit numbers), at most 2 decimal places, within the question's range."""
    if len(values) > 1:
        raise AnswerError("The answer must be a number, like 12 or 2.5")
    try:
        number = parse_decimal(
            values[0] if values else "", minimum=-NUMBER_LIMIT, maximum=NUMBER_LIMIT, places=2, example="12 or 2.5"
        )
    except ParamError as problem:
        raise AnswerError(NUMBER_PROBLEMS.get(problem.kind, NUMBER_PROBLEMS["format"])) from None
    low, high = question.min_value, question.max_value
    if (low is not None and number < low) or (high is not None and number > high):
        raise AnswerError(f"The answer must be {_range(low, high)}")
    return number


# The parser's reasons in the words the form and imports have always used.
NUMBER_PROBLEMS = {
    "format": "The answer must be a number, like 12 or 2.5",
    "places": "The answer can have at most 2 decimal places",
    "range": "The answer is too large",
}


def _range(low: Decimal | None, high: Decimal | None) -> str:
    if low is not None and high is not None:
        return f"from {plain_number(low)} to {plain_number(high)}"
    if low is not None:
        return f"{plain_number(low)} or more"
    return f"{plain_number(high)} or less"


def plain_number(number: Decimal | None) -> str:
    """1000.00 -> '1,000'; 2.50 -> '2.5'."""
    if number is None:
        return ""
    return f"{number.normalize():,f}"
