"""Personal API tokens: made on the profile page (the secret shown once, only its hash kept), used
as `Authorization: Bearer`, revoked by their owner alone, audited, in subject access and erasure."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from lksworkforce.accounts import services
from lksworkforce.accounts.models import ApiToken, User
from lksworkforce.core.models import AuditEvent
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def make_on_profile(client: Client, name: str = "Monthly report", expires_on: str = "") -> str:
    """Make a token on the profile page and read the secret off the page that shows it once."""
    response = client.post("/profile/api-tokens/", {"name": name, "expires_on": expires_on})
    assert response.status_code == 201, response.content
    found = re.search(r'id="api-token-secret"[^>]*>(lksw_[A-Za-z0-9_-]+)<', response.content.decode())
    assert found, response.content.decode()
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    return found.group(1)


def test_a_token_made_on_the_profile_is_shown_once_and_kept_only_as_a_hash(world: World) -> None:
    browser = client_for(world.staff)
    secret = make_on_profile(browser)
    token = ApiToken.objects.get(person=world.staff)
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(token.prefix)
    assert len(token.prefix) < len(secret) // 2
    profile = browser.get("/profile/").content.decode()
    assert "Monthly report" in profile
    assert token.prefix in profile
    assert secret not in profile  # never shown again
    event = AuditEvent.objects.get(action="api_token.created")
    assert event.actor == world.staff
    assert secret not in str(event.summary) + str(event.changes)

    program = Client(enforce_csrf_checks=True)
    me = program.get("/api/v1/me", headers=bearer(secret))
    assert me.status_code == 200
    assert me.json()["email"] == world.staff.email
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_bad_name_or_a_past_date_makes_no_token(world: World) -> None:
    browser = client_for(world.staff)
    for data in ({"name": ""}, {"name": "x" * 101}, {"name": "old", "expires_on": "2001-01-01"}, {"name": "a\x00b"}):
        response = browser.post("/profile/api-tokens/", data)
        assert response.status_code == 422, data
        assert "There is a problem" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_token_sees_what_its_owner_sees_and_nothing_else(world: World) -> None:
    _token, secret = services.api_token_create(person=world.manager, name="team")
    program = Client()
    assert program.get(f"/api/v1/people/{world.colleague.pk}", headers=bearer(secret)).status_code == 200
    assert program.get(f"/api/v1/people/{world.outsider.pk}", headers=bearer(secret)).status_code == 404
    _token, staff_secret = services.api_token_create(person=world.staff, name="mine")
    assert program.get("/api/v1/people", headers=bearer(staff_secret)).status_code == 403
    # A token opens the API only, never the pages.
    assert program.get("/profile/", headers=bearer(secret)).status_code == 302


@pytest.mark.parametrize("header", ["Bearer lksw_not-a-real-token", "Bearer ", "Basic abc", "Bearer " + "x" * 5000])
def test_anything_but_a_live_token_is_401(world: World, header: str) -> None:
    response = Client().get("/api/v1/me", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json()["code"] == "not_signed_in"


def test_a_revoked_expired_or_deactivated_token_is_401(world: World) -> None:
    browser = client_for(world.staff)
    secret = make_on_profile(browser)
    token = ApiToken.objects.get(person=world.staff)
    program = Client()
    assert program.get("/api/v1/me", headers=bearer(secret)).status_code == 200
    revoked = browser.post(f"/profile/api-tokens/{token.pk}/revoke/")
    assert revoked.status_code == 302
    assert program.get("/api/v1/me", headers=bearer(secret)).status_code == 401
    assert "Revoked" in browser.get("/profile/").content.decode()
    # Revoking again changes nothing and records nothing.
    assert browser.post(f"/profile/api-tokens/{token.pk}/revoke/").status_code == 302
    assert AuditEvent.objects.filter(action="api_token.revoked").count() == 1

    _expired, old = services.api_token_create(
        person=world.staff, name="old", expires_on=timezone.localdate() - timedelta(days=1)
    )
    assert program.get("/api/v1/me", headers=bearer(old)).status_code == 401
    _token, live = services.api_token_create(person=world.colleague, name="live")
    User.objects.filter(pk=world.colleague.pk).update(is_active=False)
    assert program.get("/api/v1/me", headers=bearer(live)).status_code == 401


def test_nobody_revokes_another_persons_token(world: World) -> None:
    token, secret = services.api_token_create(person=world.colleague, name="theirs")
    for person in (world.staff, world.manager, world.national):
        assert client_for(person).post(f"/profile/api-tokens/{token.pk}/revoke/").status_code == 404
        _own, own_secret = services.api_token_create(person=person, name="mine")
        over_api = Client().post(f"/api/v1/me/api-tokens/{token.pk}/revoke", headers=bearer(own_secret))
        assert over_api.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert Client().get("/api/v1/me", headers=bearer(secret)).status_code == 200


def test_a_program_revokes_its_own_token_over_the_api_without_csrf(world: World) -> None:
    token, secret = services.api_token_create(person=world.staff, name="script")
    program = Client(enforce_csrf_checks=True)
    listed = program.get("/api/v1/me/api-tokens", headers=bearer(secret)).json()
    assert [(t["name"], t["prefix"], t["status"]) for t in listed] == [("script", token.prefix, "active")]
    assert all(secret not in str(t) for t in listed)
    response = program.post(f"/api/v1/me/api-tokens/{token.pk}/revoke", headers=bearer(secret))
    assert response.status_code == 200
    assert response.json()["status"] == "revoked"
    assert program.get("/api/v1/me/api-tokens", headers=bearer(secret)).status_code == 401


def test_a_session_write_still_needs_the_csrf_token(world: World) -> None:
    token, _secret = services.api_token_create(person=world.staff, name="script")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.staff)
    response = browser.post(f"/api/v1/me/api-tokens/{token.pk}/revoke")
    assert response.status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None


def test_tokens_are_in_subject_access_and_go_with_erasure(world: World) -> None:
    token, secret = services.api_token_create(person=world.staff, name="Monthly report")
    data = client_for(world.staff).get(f"/people/{world.staff.pk}/personal-data.json").json()
    records = data["sections"]["api_tokens"]["records"]
    assert [(r["name"], r["starts_with"]) for r in records] == [("Monthly report", token.prefix)]
    assert secret not in str(data)
    outcome = services.person_erase(person=world.staff, actor=world.national)
    assert ("API tokens", 1) in [(line.what, line.count) for line in outcome.erased]
    assert not ApiToken.objects.exists()
    assert Client().get("/api/v1/me", headers=bearer(secret)).status_code == 401
