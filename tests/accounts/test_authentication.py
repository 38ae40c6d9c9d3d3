"""Signing in and out, lockout after repeated failures, and resetting a forgotten password."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from lksworkforce.core.models import AuditEvent
from tests.conftest import TestResponse, World
from tests.factories import TEST_PASSWORD, UserFactory

WRONG_CREDENTIALS = "Enter a correct email address and password. Both are case sensitive."


def sign_in(client: Client, email: str, password: str, **extra: str) -> TestResponse:
    return client.post(reverse("accounts:sign_in"), {"username": email, "password": password, **extra})


def signed_in(client: Client) -> bool:
    return client.get(reverse("accounts:profile")).status_code == 200


def csrf_token_from(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "the page has no CSRF token"
    return match.group(1)


def test_sign_in_with_email_and_password_redirects_home(world: World) -> None:
    client = Client()
    response = sign_in(client, "staff@example.nhs.uk", TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert signed_in(client)
    home = client.get(reverse("core:home")).content.decode()
    assert "Sam Staff" in home


def test_sign_in_returns_to_the_page_asked_for(world: World) -> None:
    client = Client()
    response = sign_in(client, "manager@example.nhs.uk", TEST_PASSWORD, next="/people/")
    assert response.status_code == 302
    assert response["Location"] == "/people/"


def test_sign_in_ignores_a_next_page_on_another_site(world: World) -> None:
    client = Client()
    response = sign_in(client, "staff@example.nhs.uk", TEST_PASSWORD, next="https://evil.example.com/")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")


def test_sign_in_accepts_the_email_address_in_any_case(world: World) -> None:
    """Addresses are stored lower-case (UserManager.create_user); people type them with capitals."""
    client = Client()
    response = sign_in(client, "Staff@Example.NHS.uk", TEST_PASSWORD)
    assert response.status_code == 302, "sign in should accept the email address in any case"
    assert signed_in(client)


def test_lockout_cannot_be_dodged_by_changing_the_case_of_the_email(world: World) -> None:
    client = Client()
    for variant in (
        "STAFF@example.nhs.uk",
        "Staff@example.nhs.uk",
        "sTaff@example.nhs.uk",
        "stAff@example.nhs.uk",
        "staFf@example.nhs.uk",
    ):
        sign_in(client, variant, "wrong")
    assert sign_in(client, "staff@example.nhs.uk", TEST_PASSWORD).status_code == 429


def test_wrong_password_shows_the_error_and_does_not_sign_in(world: World) -> None:
    client = Client()
    response = sign_in(client, "staff@example.nhs.uk", "not-the-password")
    assert response.status_code == 200
    assert WRONG_CREDENTIALS in response.content.decode()
    assert not signed_in(client)


def test_empty_form_shows_errors_next_to_the_fields(world: World) -> None:
    response = sign_in(Client(), "", "")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter your email address" in page
    assert "Enter your password" in page
    assert "There is a problem" in page


def test_five_failures_lock_the_account_out(world: World) -> None:
    client = Client()
    statuses = [sign_in(client, "staff@example.nhs.uk", f"wrong-{n}").status_code for n in range(5)]
    assert statuses[:4] == [200, 200, 200, 200]
    # Locked: even the right password is refused, with the lockout page.
    response = sign_in(client, "staff@example.nhs.uk", TEST_PASSWORD)
    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()
    assert not signed_in(client)


def test_lockout_is_for_that_account_only(world: World) -> None:
    client = Client()
    for n in range(5):
        sign_in(client, "staff@example.nhs.uk", f"wrong-{n}")
    assert sign_in(client, "colleague@example.nhs.uk", TEST_PASSWORD).status_code == 302


ADDRESS_LIMIT = 50  # SIGN_IN_ADDRESS_FAILURE_LIMIT's default
OFFICE = "198.51.100.10"
ELSEWHERE = "203.0.113.20"
PROXY = "10.0.0.2"


def test_many_wrong_passwords_across_many_accounts_from_one_address_are_throttled(world: World) -> None:
    """Password spraying: 4 guesses at each of 25 accounts (under the per-account limit) from one address."""
    accounts = [UserFactory.create(email=f"sprayed{n}@example.nhs.uk").email for n in range(25)]
    client = Client(REMOTE_ADDR=OFFICE)
    statuses = [sign_in(client, email, f"guess-{n}").status_code for n in range(4) for email in accounts]
    assert statuses[: ADDRESS_LIMIT - 1] == [200] * (ADDRESS_LIMIT - 1)
    assert statuses[ADDRESS_LIMIT - 1 :] == [429] * (100 - ADDRESS_LIMIT + 1)
    # The address is locked for every account, even one never tried, even with the right password.
    response = sign_in(client, "staff@example.nhs.uk", TEST_PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Signing in from here is paused" in page
    assert "You can sign in from another network now" in page
    assert not signed_in(client)


def test_guesses_at_unknown_addresses_count_towards_the_address_limit(world: World) -> None:
    client = Client(REMOTE_ADDR=OFFICE)
    for n in range(ADDRESS_LIMIT):
        sign_in(client, f"nobody{n}@example.nhs.uk", "guess")
    assert sign_in(client, "staff@example.nhs.uk", TEST_PASSWORD).status_code == 429


def test_a_locked_address_does_not_lock_the_same_account_from_another_address(world: World) -> None:
    office = Client(REMOTE_ADDR=OFFICE)
    for n in range(ADDRESS_LIMIT):
        sign_in(office, "staff@example.nhs.uk" if n % 10 == 0 else f"nobody{n}@example.nhs.uk", "guess")
    assert sign_in(office, "staff@example.nhs.uk", TEST_PASSWORD).status_code == 429
    elsewhere = Client(REMOTE_ADDR=ELSEWHERE)
    assert sign_in(elsewhere, "staff@example.nhs.uk", TEST_PASSWORD).status_code == 302
    assert signed_in(elsewhere)


def test_an_account_locked_at_one_address_can_still_sign_in_from_another(world: World) -> None:
    office = Client(REMOTE_ADDR=OFFICE)
    for n in range(5):
        sign_in(office, "staff@example.nhs.uk", f"wrong-{n}")
    assert sign_in(office, "staff@example.nhs.uk", TEST_PASSWORD).status_code == 429
    assert sign_in(Client(REMOTE_ADDR=ELSEWHERE), "staff@example.nhs.uk", TEST_PASSWORD).status_code == 302


def test_behind_one_trusted_proxy_each_person_is_locked_out_at_their_own_address(
    world: World, settings: Settings
) -> None:
    """Behind the proxy every connection comes from PROXY; the client is the right-most X-Forwarded-For entry."""
    settings.TRUSTED_PROXY_COUNT = 1
    typist = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=OFFICE)
    for n in range(5):
        sign_in(typist, "staff@example.nhs.uk", f"wrong-{n}")
    assert sign_in(typist, "staff@example.nhs.uk", TEST_PASSWORD).status_code == 429
    # Someone else through the same proxy, even on the same account, is not locked out by those typos.
    colleague = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ELSEWHERE)
    assert sign_in(colleague, "staff@example.nhs.uk", TEST_PASSWORD).status_code == 302


def test_behind_a_trusted_proxy_a_spoofed_left_most_address_does_not_escape_the_lockout(
    world: World, settings: Settings
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        # The client writes any X-Forwarded-For it likes; the proxy appends the address it really saw.
        spoofer = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {OFFICE}")
        sign_in(spoofer, "staff@example.nhs.uk", f"wrong-{n}")
    spoofer = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{ELSEWHERE}, {OFFICE}")
    assert sign_in(spoofer, "staff@example.nhs.uk", TEST_PASSWORD).status_code == 429


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(world: World, settings: Settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(5):
        client = Client(REMOTE_ADDR=OFFICE, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        sign_in(client, "staff@example.nhs.uk", f"wrong-{n}")
    # A made-up X-Forwarded-For neither escapes the lockout ...
    escaping = Client(REMOTE_ADDR=OFFICE, HTTP_X_FORWARDED_FOR=ELSEWHERE)
    assert sign_in(escaping, "staff@example.nhs.uk", TEST_PASSWORD).status_code == 429
    # ... nor pins it on someone else's address.
    framed = Client(REMOTE_ADDR="192.0.2.1")
    assert sign_in(framed, "staff@example.nhs.uk", TEST_PASSWORD).status_code == 302


def test_sign_out_by_get_only_asks_to_confirm(world: World) -> None:
    client = Client()
    client.force_login(world.staff)
    response = client.get(reverse("accounts:sign_out"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "You are signed in as staff@example.nhs.uk" in page
    assert 'method="post"' in page
    assert signed_in(client)


def test_sign_out_needs_the_csrf_token(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.staff)
    assert client.post(reverse("accounts:sign_out")).status_code == 403
    assert signed_in(client)


def test_sign_out_by_post_with_csrf_signs_out(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.staff)
    token = csrf_token_from(client.get(reverse("accounts:sign_out")).content.decode())
    response = client.post(reverse("accounts:sign_out"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert not signed_in(client)


def _reset_link(email: str) -> str:
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [email]
    assert message.subject == "Reset your LKS Workforce password"
    match = re.search(r"https?://testserver(/password-reset/[^/\s]+/[^/\s]+/)", str(message.body))
    assert match, message.body
    return match.group(1)


def test_password_reset_sends_a_link_that_sets_a_new_password(world: World) -> None:
    client = Client()
    response = client.post(reverse("accounts:password_reset"), {"email": "staff@example.nhs.uk"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    link = _reset_link("staff@example.nhs.uk")

    # Django swaps the token in the link for one kept in the session.
    opened = client.get(link, follow=True)
    assert opened.status_code == 200
    assert "Choose a new password" in opened.content.decode()
    form_url = opened.redirect_chain[-1][0]

    new_password = "a-brand-new-long-passphrase-42"
    changed = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert changed.status_code == 302
    assert changed["Location"] == reverse("accounts:password_reset_complete")

    fresh = Client()
    assert sign_in(fresh, "staff@example.nhs.uk", TEST_PASSWORD).status_code == 200
    assert sign_in(fresh, "staff@example.nhs.uk", new_password).status_code == 302

    # The link works once.
    again = Client().get(link)
    assert again.status_code == 200
    assert "This link has expired" in again.content.decode()


def test_password_reset_rejects_a_weak_password_with_the_error_shown(world: World) -> None:
    client = Client()
    client.post(reverse("accounts:password_reset"), {"email": "staff@example.nhs.uk"})
    opened = client.get(_reset_link("staff@example.nhs.uk"), follow=True)
    response = client.post(opened.redirect_chain[-1][0], {"new_password1": "short", "new_password2": "short"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert sign_in(Client(), "staff@example.nhs.uk", TEST_PASSWORD).status_code == 302


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(world: World) -> None:
    response = Client().post(reverse("accounts:password_reset"), {"email": "nobody@example.nhs.uk"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


@pytest.mark.parametrize("email", ["", "not an email"])
def test_password_reset_with_a_bad_address_shows_an_error(world: World, email: str) -> None:
    response = Client().post(reverse("accounts:password_reset"), {"email": email})
    assert response.status_code == 200
    assert mail.outbox == []


def test_choosing_a_new_password_from_the_emailed_link_lifts_the_account_lock(world: World) -> None:
    client = Client()
    for n in range(5):
        sign_in(client, "staff@example.nhs.uk", f"wrong-{n}")
    assert sign_in(client, "staff@example.nhs.uk", TEST_PASSWORD).status_code == 429

    client.post(reverse("accounts:password_reset"), {"email": "staff@example.nhs.uk"})
    opened = client.get(_reset_link("staff@example.nhs.uk"), follow=True)
    new_password = "a-brand-new-long-passphrase-42"
    changed = client.post(opened.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password})
    assert changed.status_code == 302

    assert sign_in(client, "staff@example.nhs.uk", new_password).status_code == 302
    assert AuditEvent.objects.filter(action="password.reset", object_id=str(world.staff.pk)).count() == 1


def test_hopping_between_ipv6_addresses_of_one_network_does_not_escape_the_lockout(world: World) -> None:
    for n in range(5):
        sign_in(Client(REMOTE_ADDR=f"2001:db8:1:2::{n + 1:x}"), "staff@example.nhs.uk", f"wrong-{n}")
    assert sign_in(Client(REMOTE_ADDR="2001:db8:1:2::ffff"), "staff@example.nhs.uk", TEST_PASSWORD).status_code == 429
    assert sign_in(Client(REMOTE_ADDR="2001:db8:1:3::1"), "staff@example.nhs.uk", TEST_PASSWORD).status_code == 302
