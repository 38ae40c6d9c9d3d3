"""Headers on every response: a permissions policy, and no caching of anything but static files."""

import pytest
from django.http import StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import reverse

from tests.conftest import World, client_for

DENIED = ("camera", "microphone", "geolocation", "payment", "usb")


def assert_private(response: HttpResponseBase) -> None:
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= directives, response["Cache-Control"]
    assert "public" not in directives


def assert_permissions_policy(response: HttpResponseBase) -> None:
    policy = {item.strip() for item in response["Permissions-Policy"].split(",")}
    assert {f"{feature}=()" for feature in DENIED} <= policy


@pytest.mark.parametrize(
    "url", [reverse("core:home"), reverse("accounts:sign_in"), reverse("accounts:password_reset"), "/no-such-page/"]
)
def test_pages_for_anyone_are_not_cached_and_deny_device_features(world: World, url: str) -> None:
    response = Client().get(url)
    assert response.status_code in (200, 404)
    assert_permissions_policy(response)
    assert_private(response)


@pytest.mark.parametrize("url", [reverse("core:home"), reverse("accounts:profile"), reverse("accounts:people")])
def test_pages_for_a_signed_in_person_are_not_cached(world: World, url: str) -> None:
    response = client_for(world.manager).get(url)
    assert response.status_code == 200
    assert_permissions_policy(response)
    assert_private(response)


def test_exports_are_not_cached(world: World) -> None:
    response = client_for(world.manager).get(reverse("accounts:people"), {"format": "csv"})
    assert response.status_code == 200
    assert_private(response)


@pytest.mark.parametrize(("user", "status"), [("manager", 200), (None, 401)])
def test_api_responses_are_not_cached(world: World, user: str | None, status: int) -> None:
    response = client_for(getattr(world, user) if user else None).get("/api/v1/me")
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert_permissions_policy(response)
    assert_private(response)


def test_the_lockout_page_is_not_cached(world: World) -> None:
    client = Client()
    for n in range(6):
        response = client.post(reverse("accounts:sign_in"), {"username": "staff@example.nhs.uk", "password": f"x{n}"})
    assert response.status_code == 429
    assert_private(response)
    assert_permissions_policy(response)


@pytest.mark.parametrize("url", ["/static/css/lksworkforce.css", "/assets/images/favicon.svg"])
def test_static_files_keep_their_caching(world: World, url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "max-age=" in response["Cache-Control"]
    assert_permissions_policy(response)
    assert isinstance(response, StreamingHttpResponse)
    assert b"".join(response.streaming_content)  # the file itself still comes through
