"""A request body too big to read is refused before it is read, on every API operation, with the
API's JSON error and a status every operation declares."""

import json
import re
from typing import Any

from tests.conftest import World, client_for

ELEVEN_MB_OF_JSON = json.dumps({"text": "x" * (11 * 1024 * 1024)})


def operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, op) for path, methods in schema["paths"].items() for method, op in methods.items()]


def test_every_api_operation_declares_413_with_the_error_body(world: World) -> None:
    schema = client_for(world.national).get("/api/v1/openapi.json").json()
    for path, method, operation in operations(schema):
        declared = operation["responses"].get("413")
        assert declared is not None, f"{method.upper()} {path}"
        assert declared["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")


def test_an_11_mb_json_body_to_any_write_operation_is_a_json_413(world: World) -> None:
    client = client_for(world.national)
    schema = client.get("/api/v1/openapi.json").json()
    writes = [
        (path, method) for path, method, _op in operations(schema) if method in {"post", "put", "patch", "delete"}
    ]
    assert writes
    for path, method in writes:
        url = re.sub(r"\{[^}]+\}", "x", path)
        response = getattr(client, method)(url, ELEVEN_MB_OF_JSON, content_type="application/json")
        assert response.status_code == 413, f"{method.upper()} {path}"
        assert response.json()["code"] == "too_large"
        assert response.json()["message"].startswith("The request is larger than 10 MB")
