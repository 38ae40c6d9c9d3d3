"""Password-reset emails: limited per address and per email each hour, sent by the task worker, and the
same answer whether or not the email belongs to an account."""

import re
from contextlib import AbstractContextManager
from datetime import timedelta
from typing import TypedDict, Unpack
from unittest import mock

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks_db.models import DBTaskResult
from pytest_django import Settings

from tests.conftest import TestResponse, World, client_for

LIMITED = "Too many requests to reset a password"
OFFICE = "198.51.100.10"
ELSEWHERE = "203.0.113.20"
PER_EMAIL = 3  # PASSWORD_RESET_LIMIT_PER_EMAIL
PER_ADDRESS = 10  # PASSWORD_RESET_LIMIT_PER_ADDRESS


class ProxyHeaders(TypedDict, total=False):
    HTTP_X_FORWARDED_FOR: str


def ask(email: str, address: str = OFFICE, **headers: Unpack[ProxyHeaders]) -> TestResponse:
    return Client(REMOTE_ADDR=address, **headers).post(reverse("accounts:password_reset"), {"email": email})


def an_hour_later() -> AbstractContextManager[object]:
    return mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(minutes=61))


@pytest.mark.parametrize("email", ["staff@example.nhs.uk", "nobody@example.nhs.uk"])
def test_an_email_gets_three_requests_an_hour_known_or_not(world: World, email: str) -> None:
    for _ in range(PER_EMAIL):
        response = ask(email)
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:password_reset_done")
    refused = ask(email)
    assert refused.status_code == 429
    assert LIMITED in refused.content.decode()
    # Not from another address either: the limit is on the email.
    assert ask(email, ELSEWHERE).status_code == 429
    assert len(mail.outbox) == (PER_EMAIL if email.startswith("staff") else 0)
    with an_hour_later():
        assert ask(email).status_code == 302


def test_the_email_limit_ignores_the_case_of_the_address(world: World) -> None:
    for variant in ("staff@example.nhs.uk", "Staff@example.nhs.uk", "STAFF@example.nhs.uk"):
        ask(variant)
    assert ask("sTaFf@example.nhs.uk").status_code == 429


def test_one_address_gets_ten_requests_an_hour_across_emails(world: World) -> None:
    statuses = [ask(f"person{n}@example.nhs.uk").status_code for n in range(PER_ADDRESS + 1)]
    assert statuses == [302] * PER_ADDRESS + [429]
    # Even for a real account that has not asked yet ...
    assert ask("staff@example.nhs.uk").status_code == 429
    assert mail.outbox == []
    # ... while another address is not held up.
    assert ask("staff@example.nhs.uk", ELSEWHERE).status_code == 302
    assert len(mail.outbox) == 1
    with an_hour_later():
        assert ask("colleague@example.nhs.uk").status_code == 302


def test_behind_a_trusted_proxy_the_address_limit_is_per_client_not_per_proxy(world: World, settings: Settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for n in range(PER_ADDRESS):
        ask(f"person{n}@example.nhs.uk", proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {OFFICE}")
    assert ask("staff@example.nhs.uk", proxy, HTTP_X_FORWARDED_FOR=f"{ELSEWHERE}, {OFFICE}").status_code == 429
    assert ask("staff@example.nhs.uk", proxy, HTTP_X_FORWARDED_FOR=ELSEWHERE).status_code == 302


def test_known_and_unknown_emails_get_the_same_answer(world: World) -> None:
    known, unknown = Client(REMOTE_ADDR=OFFICE), Client(REMOTE_ADDR=ELSEWHERE)
    answers = [
        client.post(reverse("accounts:password_reset"), {"email": email}, follow=True)
        for client, email in ((known, "staff@example.nhs.uk"), (unknown, "nobody@example.nhs.uk"))
    ]
    assert [answer.redirect_chain for answer in answers] == [[(reverse("accounts:password_reset_done"), 302)]] * 2
    assert answers[0].status_code == answers[1].status_code == 200
    assert "Check your email" in answers[0].content.decode()
    # The pages differ only in their CSP nonce.
    pages = [re.sub(r'nonce="[^"]*"', "", answer.content.decode()) for answer in answers]
    assert pages[0] == pages[1]


def test_the_email_is_sent_by_the_background_worker_not_the_request(world: World, settings: Settings) -> None:
    """With the production task backend the request only queues a task, for known and unknown emails alike."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for email in ("staff@example.nhs.uk", "nobody@example.nhs.uk"):
        assert ask(email).status_code == 302
    assert mail.outbox == []
    queued = DBTaskResult.objects.all()
    assert [task.task_path for task in queued] == ["lksworkforce.accounts.tasks.password_reset_email_send"] * 2
    assert sorted(task.args_kwargs["kwargs"]["email"] for task in queued) == [
        "nobody@example.nhs.uk",
        "staff@example.nhs.uk",
    ]

    # The worker closes "old" connections between tasks; here that would be the test's own transaction.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay")

    assert {task.status for task in DBTaskResult.objects.all()} == {"SUCCESSFUL"}
    assert [message.to for message in mail.outbox] == [["staff@example.nhs.uk"]]
    assert "http://testserver/password-reset/" in mail.outbox[0].body


def test_password_reset_link_for_someone_else_is_not_valid_with_a_real_token_for_another(world: World) -> None:
    """A genuine token is bound to its person: the colleague's token does not open the outsider's reset."""
    token = default_token_generator.make_token(world.colleague)
    uid = urlsafe_base64_encode(force_bytes(world.outsider.pk))
    response = client_for(None).get(reverse("accounts:password_reset_confirm", args=[uid, token]))
    assert response.status_code == 200
    assert "This link has expired" in response.content.decode()
