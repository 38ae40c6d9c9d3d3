"""Small YAML files people write (survey definitions, column mappings, skills links), read as a
node tree so that every problem can name its line; or rejected before that, with a reason."""

import yaml

from lksworkforce.core.tabular import ImportRejected, RowError
from lksworkforce.core.yaml_screen import YamlRefusedError, screen_yaml


def compose_yaml(data: bytes, *, filename: str, what: str, max_bytes: int) -> yaml.Node | None:
    """The file's node tree (None for an empty file), or ImportRejected when it is not a .yaml
    file, is over `max_bytes`, is not UTF-8 text or is not YAML. `what` names the file for people,
    e.g. "A mapping file"."""
    if not filename.lower().endswith((".yaml", ".yml")):
        raise ImportRejected([RowError(None, None, filename, f"{what} is a YAML file (.yaml or .yml)")])
    if len(data) > max_bytes:
        size = f"{max_bytes // (1024 * 1024)} MB" if max_bytes >= 1024 * 1024 else f"{max_bytes // 1024} KB"
        raise ImportRejected([RowError(None, None, None, f"The file is larger than {size}. Is it the right file?")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected(
            [RowError(None, None, None, "The file's text could not be read: save it as UTF-8")]
        ) from None
    try:
        screen_yaml(text)
    except YamlRefusedError as refused:
        raise ImportRejected([RowError(refused.line, None, None, refused.reason)]) from None
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        row = mark.line + 1 if mark is not None else None
        raise ImportRejected([RowError(row, None, None, f"The file is not valid YAML: {problem}")]) from None


def node_text(node: yaml.Node | None) -> str:
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""


def node_line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None
