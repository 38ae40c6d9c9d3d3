"""The API's reference page, read from its OpenAPI schema: operations by tag, with their parameters,
bodies and answers, and every schema's fields, as rows for plain tables. Swagger UI fails WCAG 2.2 AA
(contrast, language, nested controls, target size); this page is the service's own, in its layout.

Pure: a dict in, dataclasses out; no Django."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")
REF_PREFIX = "#/components/schemas/"


@dataclass(frozen=True)
class TypeLabel:
    """How a value's type reads, and the schema it names (for a link), if any."""

    text: str
    schema: str | None = None


@dataclass(frozen=True)
class Field:
    name: str
    type: TypeLabel
    required: bool
    description: str
    where: str = ""  # for a parameter: path, query, header


@dataclass(frozen=True)
class Answer:
    status: str
    description: str
    body: TypeLabel | None


@dataclass(frozen=True)
class Operation:
    anchor: str
    method: str
    path: str
    summary: str
    description: str
    parameters: list[Field]
    body: list[tuple[str, TypeLabel]]  # (media type, type)
    answers: list[Answer]


@dataclass(frozen=True)
class Tag:
    name: str
    anchor: str
    operations: list[Operation]


@dataclass(frozen=True)
class SchemaDoc:
    name: str
    anchor: str
    description: str
    fields: list[Field]


def schema_anchor(name: str) -> str:
    return f"schema-{name}"


def type_label(schema: dict[str, Any]) -> TypeLabel:
    """'string', 'integer or null', 'list of RatingOut', 'one of: census, return'."""
    if ref := schema.get("$ref"):
        name = ref.removeprefix(REF_PREFIX)
        return TypeLabel(name, name)
    for combined in ("anyOf", "oneOf", "allOf"):
        if options := schema.get(combined):
            labels = [type_label(option) for option in options]
            named = next((label.schema for label in labels if label.schema), None)
            return TypeLabel(" or ".join(label.text for label in labels), named)
    if "enum" in schema:
        return TypeLabel("one of: " + ", ".join(str(value) or '""' for value in schema["enum"]))
    kind = schema.get("type", "any")
    if isinstance(kind, list):
        return TypeLabel(" or ".join(str(k) for k in kind))
    if kind == "array":
        item = type_label(schema.get("items", {}))
        return TypeLabel(f"list of {item.text}", item.schema)
    text = str(kind)
    if fmt := schema.get("format"):
        text += f" ({fmt})"
    if (limit := schema.get("maxLength")) is not None:
        text += f", at most {limit:,} characters"
    return TypeLabel(text)


def _operation(path: str, method: str, spec: dict[str, Any]) -> Operation:
    parameters = [
        Field(
            name=p["name"],
            type=type_label(p.get("schema", {})),
            required=bool(p.get("required")),
            description=p.get("description", "") or p.get("schema", {}).get("description", ""),
            where=p.get("in", ""),
        )
        for p in spec.get("parameters", [])
    ]
    content = spec.get("requestBody", {}).get("content", {})
    body = [(media, type_label(media_spec.get("schema", {}))) for media, media_spec in content.items()]
    answers = []
    for status, answer in sorted(spec.get("responses", {}).items()):
        schema = answer.get("content", {}).get("application/json", {}).get("schema")
        answers.append(Answer(str(status), answer.get("description", ""), type_label(schema) if schema else None))
    return Operation(
        anchor=spec.get("operationId", f"{method}-{path}"),
        method=method.upper(),
        path=path,
        summary=spec.get("summary", ""),
        description=spec.get("description", ""),
        parameters=parameters,
        body=body,
        answers=answers,
    )


def operations_by_tag(schema: dict[str, Any]) -> list[Tag]:
    """Every operation, grouped by its first tag in the order the tags first appear."""
    grouped: dict[str, list[Operation]] = {}
    for path, operations in schema.get("paths", {}).items():
        for method in METHODS:
            if (spec := operations.get(method)) is not None:
                tag = (spec.get("tags") or ["Other"])[0]
                grouped.setdefault(tag, []).append(_operation(path, method, spec))
    return [Tag(name, f"tag-{name.lower().replace(' ', '-')}", operations) for name, operations in grouped.items()]


def schema_docs(schema: dict[str, Any]) -> list[SchemaDoc]:
    """Every named schema with its fields, alphabetically."""
    docs = []
    for name, spec in sorted(schema.get("components", {}).get("schemas", {}).items()):
        required = set(spec.get("required", []))
        fields = [
            Field(field, type_label(field_spec), field in required, field_spec.get("description", ""))
            for field, field_spec in spec.get("properties", {}).items()
        ]
        docs.append(SchemaDoc(name, schema_anchor(name), spec.get("description", ""), fields))
    return docs
