"""YAML that people write (skills frameworks, survey definitions, mappings), screened event by
event before anything is composed or constructed. Pure rules, no Django.

PyYAML's composer and constructor recurse once per level of nesting, so a file nested 100,000
deep raises RecursionError; merge keys (`<<:`) and aliases make one value stand for another (and
a few lines for millions of values); a NUL in a value cannot be stored in PostgreSQL; a plain
5,000-digit number cannot even be converted to an int. None of these is in a file a person
writes by hand, so each is refused here, with its line, before the file is read any further.
The parser that produces events is iterative, so screening cannot itself overflow the stack."""

import re

import yaml

# Deeper than any file this service reads (a framework or a survey nests four or five levels).
MAX_DEPTH = 20
# Longer than any number in these files (years, levels, counts, limits).
LONGEST_NUMBER = 20
_NUMBER_LIKE = re.compile(r"[-+]?[0-9][0-9_,.:eE+-]*")


class YamlRefusedError(ValueError):
    """Why the file is refused, and the line (1-based) where it was seen, if known."""

    def __init__(self, line: int | None, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def _line(event: yaml.Event) -> int | None:
    mark = getattr(event, "start_mark", None)
    return mark.line + 1 if mark is not None else None


def screen_yaml(text: str) -> None:
    """Raise YamlRefusedError for nesting deeper than MAX_DEPTH, aliases, merge keys, NUL characters and
    over-long numbers. A file that is not YAML at all passes: the reader reports that, with its line."""
    if "\x00" in text:
        raise YamlRefusedError(text[: text.index("\x00")].count("\n") + 1, "The file contains a NUL character")
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlRefusedError(_line(event), f"Lists and mappings are nested more than {MAX_DEPTH} deep")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                raise YamlRefusedError(_line(event), "Aliases (*name) are not allowed: write the value out in full")
            elif isinstance(event, yaml.ScalarEvent):
                _screen_scalar(event)
    except yaml.YAMLError:
        return


def _screen_scalar(event: yaml.ScalarEvent) -> None:
    value, plain = event.value, event.implicit[0]
    if "\x00" in value:
        raise YamlRefusedError(_line(event), "A value contains a NUL character")
    if plain and value == "<<":
        raise YamlRefusedError(_line(event), "Merge keys (<<) are not allowed: write the keys out in full")
    if plain and len(value) > LONGEST_NUMBER and _NUMBER_LIKE.fullmatch(value.strip()):
        raise YamlRefusedError(_line(event), f"A number is longer than {LONGEST_NUMBER} characters")
