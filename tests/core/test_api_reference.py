"""/api/v1/docs is the service's own page, read from the OpenAPI schema: every operation and schema is
on it, readable without script (Swagger UI failed WCAG 2.2 AA; the browser walk checks this page)."""

from html import unescape

from lksworkforce.config.api import api
from lksworkforce.core.api_reference import METHODS, TypeLabel, operations_by_tag, schema_docs, type_label
from tests.conftest import World, client_for


def test_types_read_as_words_and_name_their_schema() -> None:
    assert type_label({"type": "string"}) == TypeLabel("string")
    assert type_label({"type": "string", "format": "date"}) == TypeLabel("string (date)")
    assert type_label({"type": "string", "maxLength": 5000}) == TypeLabel("string, at most 5,000 characters")
    assert type_label({"$ref": "#/components/schemas/RatingOut"}) == TypeLabel("RatingOut", "RatingOut")
    assert type_label({"type": "array", "items": {"$ref": "#/components/schemas/RatingOut"}}) == TypeLabel(
        "list of RatingOut", "RatingOut"
    )
    assert type_label({"anyOf": [{"type": "integer"}, {"type": "null"}]}) == TypeLabel("integer or null")
    assert type_label({"enum": ["census", "return"]}) == TypeLabel("one of: census, return")


def test_every_operation_and_schema_is_on_the_page(world: World) -> None:
    schema = api.get_openapi_schema()
    page = client_for(None).get("/api/v1/docs")
    assert page.status_code == 200
    html = unescape(page.content.decode())
    operations = [
        f"{method.upper()} {path}" for path, spec in schema["paths"].items() for method in METHODS if method in spec
    ]
    assert operations
    for operation in operations:
        assert f"<code>{operation}</code></h3>" in html, operation
    listed = [op for tag in operations_by_tag(schema) for op in tag.operations]
    assert len(listed) == len(operations)
    for doc in schema_docs(schema):
        assert f'<h3 id="{doc.anchor}">{doc.name}</h3>' in html
    assert 'href="/api/v1/openapi.json"' in html
    # No script is needed to read it.
    assert "swagger-ui" not in html
