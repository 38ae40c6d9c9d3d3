"""Helpers for the two-session tests of optimistic concurrency (ADR 12): what a page's forms say
about the version of the record, as a browser would send it back."""

import re
from typing import Any

from django.test import Client

from tests.conftest import TestResponse


def versions_on(html: str, name: str = "edit_version") -> list[str]:
    """Every hidden version field of that name on the page, in order."""
    return re.findall(rf'<input type="hidden" name="{re.escape(name)}" value="([^"]*)"', html)


def version_on(html: str, name: str = "edit_version") -> str:
    found = set(versions_on(html, name))
    assert len(found) == 1, f"expected one {name} on the page, found {sorted(found)}"
    return found.pop()


def opened(client: Client, url: str, name: str = "edit_version", /, **data: Any) -> dict[str, Any]:
    """GET the page as a person opening it would, and return `data` with the version it showed."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return {**data, name: version_on(response.content.decode(), name)}


def hidden_versions(client: Client, url: str) -> dict[str, str]:
    """Every hidden version field on the page (`edit_version`, `s12_edit_version`...), as a
    browser holds them once the page is open. A page that does not show (a redirect) has none."""
    shown = client.get(url)
    if shown.status_code != 200:
        return {}
    return dict(re.findall(r'<input type="hidden" name="(\w*edit_version)" value="(\d+)"', shown.content.decode()))


def post_from_page(
    client: Client, url: str, data: dict[str, Any] | None = None, *, page: str | None = None
) -> TestResponse:
    """POST `data` as the form on `page` (by default `url` itself) sends it: with the versions it shows."""
    return client.post(url, {**hidden_versions(client, page or url), **(data or {})})
