"""A sign-in with an email address longer than any account's is a message by the field, not a 500.

Django sets the sign-in field's max_length without a validator, so the address reached the
lockout, which records it in a 255-character column: a 500 on PostgreSQL (found by
tests/test_hostile_input.py)."""

from axes.models import AccessAttempt
from django.test import Client

from tests.conftest import World


def test_an_over_long_email_address_is_refused_before_the_lockout_sees_it(world: World) -> None:
    response = Client().post("/sign-in/", {"username": "x" * 20_000 + "@example.nhs.uk", "password": "wrong"})
    assert response.status_code == 200
    assert "The email address must be 254 characters or fewer" in response.content.decode()
    assert not AccessAttempt.objects.exists()
