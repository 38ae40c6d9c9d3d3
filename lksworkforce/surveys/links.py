"""Which skills framework sub-areas each development need touches: a YAML file read with every
problem's line, and written back. Pure: PyYAML and the standard library. The format is in
docs/formats/survey-skills-links.md.

    framework: lks-skills-2021
    question: development_needs
    links:
      literature_searching: ["3.1"]
      healthcare_database_searching: ["3.1", "3.2"]
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.tabular import ErrorCollector
from lksworkforce.core.yaml_files import node_line, node_text, read_yaml
from lksworkforce.surveys.questions import OPTION_KEY, QUESTION_KEY

MAX_LINKS_BYTES = 256 * 1024
LINKS_FIELDS = ("framework", "question", "links")


@dataclass(frozen=True)
class SkillLinks:
    framework: str
    question: str
    links: dict[str, tuple[str, ...]]  # option key -> sub-area numbers, in the file's order
    lines: dict[str, int]  # option key -> its line, for errors found against the database


def parse_links(data: bytes, *, filename: str) -> SkillLinks:
    """The links a file gives, or Rejected listing every problem with its line."""
    root = read_yaml(data, filename=filename, what="A links file", max_bytes=MAX_LINKS_BYTES)
    if not isinstance(root, yaml.MappingNode):
        raise Rejected([Problem(reason="The file must be a mapping with framework, question and links")])
    errors = ErrorCollector()
    fields: dict[str, yaml.Node] = {}
    for key_node, value_node in root.value:
        name = node_text(key_node)
        if name not in LINKS_FIELDS:
            errors.add_line(
                node_line(key_node), name, name, f"Unknown field. Expected one of: {', '.join(LINKS_FIELDS)}"
            )
        elif name in fields:
            errors.add_line(node_line(key_node), name, None, "The field appears more than once. Keep one.")
        else:
            fields[name] = value_node
    framework = node_text(fields["framework"]) if "framework" in fields else ""
    question = node_text(fields["question"]) if "question" in fields else ""
    for name, value in (("framework", framework), ("question", question)):
        if not value:
            errors.add_line(node_line(fields.get(name)), name, None, "This field is required")
    if question and not QUESTION_KEY.match(question):
        errors.add_line(node_line(fields["question"]), "question", question, "Not a question key")
    links: dict[str, tuple[str, ...]] = {}
    lines: dict[str, int] = {}
    node = fields.get("links")
    if node is None:
        errors.add_line(None, "links", None, "This field is required: each option key with its sub-area numbers")
    elif not isinstance(node, yaml.MappingNode):
        errors.add_line(node_line(node), "links", None, "Expected each option key with a list of sub-area numbers")
    else:
        for key_node, value_node in node.value:
            option, line = node_text(key_node), node_line(key_node) or 0
            where = f"links.{option}"
            if not OPTION_KEY.match(option):
                errors.add_line(line, where, option, "Not an option key")
                continue
            if option in links:
                errors.add_line(line, where, option, f"The option is listed twice: already on line {lines[option]}")
                continue
            numbers = _numbers(value_node, where, errors)
            links[option], lines[option] = numbers, line
    errors.raise_if_any()
    return SkillLinks(framework=framework, question=question, links=links, lines=lines)


def _numbers(node: yaml.Node, where: str, errors: ErrorCollector) -> tuple[str, ...]:
    if isinstance(node, yaml.ScalarNode) and node.value in {"", "~", "null"}:
        return ()
    if not isinstance(node, yaml.SequenceNode):
        errors.add_line(node_line(node), where, None, 'Expected a list of sub-area numbers, like ["3.1", "3.2"]')
        return ()
    numbers = []
    for item in node.value:
        number = node_text(item)
        if not number or not all(part.isascii() and part.isdigit() for part in number.split(".")):
            errors.add_line(node_line(item), where, number, 'A sub-area number is like "3.1"')
        elif number in numbers:
            errors.add_line(node_line(item), where, number, "The sub-area is listed twice for this option")
        else:
            numbers.append(number)
    return tuple(numbers)


def links_to_yaml(links: SkillLinks, *, comment: str = "") -> str:
    document = {
        "framework": links.framework,
        "question": links.question,
        "links": {option: list(numbers) for option, numbers in links.links.items()},
    }
    header = f"# {comment}\n" if comment else ""
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100)
    return header + body
