"""The one reader of the small YAML files people write (skills frameworks, survey definitions,
column mappings, skills links): bounded, decoded, screened (`core.yaml_screen`) and composed into
a node tree that knows each value's line, or refused with a `Rejected` that names the line. Readers
walk the nodes (`node_text`, `node_line`), or take plain values whose mappings remember their line
(`lined_values`). Pure: PyYAML (safe loading) and the standard library; no Django."""

from typing import Any

import yaml

from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.yaml_screen import YamlRefusedError, screen_yaml

YAML_EXTENSIONS = (".yaml", ".yml")


def _refused(reason: str, *, line: int | None = None, value: str | None = None) -> Rejected:
    return Rejected([Problem(line=line, value=value, reason=reason)])


def _not_yaml(error: yaml.YAMLError) -> Rejected:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    return _refused(f"The file is not valid YAML: {problem}", line=mark.line + 1 if mark else None)


def _size(max_bytes: int) -> str:
    return f"{max_bytes // (1024 * 1024)} MB" if max_bytes >= 1024 * 1024 else f"{max_bytes // 1024} KB"


def read_yaml(data: bytes | str, *, what: str, max_bytes: int, filename: str | None = None) -> yaml.Node | None:
    """The file's node tree (None for an empty file), or Rejected when it is not a .yaml file (if
    `filename` is given), is over `max_bytes`, is not UTF-8 text or is not YAML. `what` names the
    file for people, e.g. "A mapping file"."""
    if filename is not None and not filename.lower().endswith(YAML_EXTENSIONS):
        raise _refused(f"{what} is a YAML file (.yaml or .yml)", value=filename)
    if len(data) > max_bytes:
        raise _refused(f"The file is larger than {_size(max_bytes)}. Is it the right file?")
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise _refused("The file's text could not be read: save it as UTF-8") from None
    else:
        text = data.removeprefix("\ufeff")
    try:
        screen_yaml(text)
    except YamlRefusedError as refused:
        raise _refused(refused.reason, line=refused.line) from None
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise _not_yaml(error) from None


def node_text(node: yaml.Node | None) -> str:
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""


def node_line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


class LinedDict(dict[Any, Any]):
    """A YAML mapping that remembers the line (1-based) it starts on."""

    line: int = 0


class _LinedConstructor(yaml.constructor.SafeConstructor):
    """Safe construction in which mappings remember their line; a duplicate or non-text key is a
    problem, not a silent overwrite."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[Problem] = []

    def construct_lined_mapping(self, node: yaml.MappingNode) -> LinedDict:
        mapping = LinedDict()
        mapping.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, (str, int, float, bool)):
                self.problems.append(
                    Problem(line=line, field="key", reason="A key must be a word or a number, not a list or a set")
                )
                continue
            if key in mapping:
                self.problems.append(Problem(line=line, field=f"'{key}'", reason="This key appears twice"))
            mapping[key] = self.construct_object(value_node, deep=True)
        return mapping


# The stubs expect constructors to be registered on loaders; a constructor alone works the same.
_LinedConstructor.add_constructor(  # type: ignore[type-var]
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LinedConstructor.construct_lined_mapping
)


def lined_values(node: yaml.Node | None) -> tuple[Any, list[Problem]]:
    """The node tree as plain values, each mapping a `LinedDict`; with the problems found on the
    way (keys given twice, keys that are not text). Rejected when a value cannot be read."""
    if node is None:
        return None, []
    constructor = _LinedConstructor()
    try:
        return constructor.construct_document(node), constructor.problems
    except ValueError as error:  # a value YAML reads but cannot construct, such as the date 2025-02-30
        raise _refused(f"A value cannot be read ({error})") from None
    except yaml.YAMLError as error:
        raise _not_yaml(error) from None
