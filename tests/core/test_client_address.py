"""The client's address behind a configured number of trusted proxies (TRUSTED_PROXY_COUNT)."""

from typing import TypedDict

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from pytest_django import Settings

from lksworkforce.config.settings.base import env_count
from lksworkforce.core.client_address import client_address

PEER = "10.0.0.2"


class ProxyHeaders(TypedDict, total=False):
    HTTP_X_FORWARDED_FOR: str


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, None, PEER),
        (0, "198.51.100.10", PEER),  # no proxy configured: the header is the client's own words
        (1, "198.51.100.10", "198.51.100.10"),
        (1, "192.0.2.1, 198.51.100.10", "198.51.100.10"),  # a spoofed left-most entry is passed over
        (2, "192.0.2.1, 198.51.100.10, 10.0.0.9", "198.51.100.10"),
        (1, "192.0.2.1,2001:db8::1", "2001:db8::"),
        (1, "2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::"),  # one /64 is one client
        (1, "::ffff:198.51.100.10", "198.51.100.10"),
        (2, "198.51.100.10", PEER),  # fewer entries than proxies: it did not come through them all
        (1, "", PEER),
        (1, "not-an-address", PEER),
        (1, "192.0.2.1, unknown", PEER),
    ],
)
def test_client_address(settings: Settings, proxies: int, forwarded: str | None, expected: str) -> None:
    settings.TRUSTED_PROXY_COUNT = proxies
    headers: ProxyHeaders = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    request = RequestFactory().get("/", REMOTE_ADDR=PEER, **headers)
    assert client_address(request) == expected


@pytest.mark.parametrize("raw", ["-1", "one", "²", "1.5", "9999999"])
def test_a_proxy_count_that_is_not_a_whole_number_stops_the_service_starting(
    monkeypatch: pytest.MonkeyPatch, raw: str
) -> None:
    monkeypatch.setenv("TRUSTED_PROXY_COUNT", raw)
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXY_COUNT must be a whole number"):
        env_count("TRUSTED_PROXY_COUNT", 0)


def test_the_proxy_count_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUSTED_PROXY_COUNT", "2")
    assert env_count("TRUSTED_PROXY_COUNT", 0) == 2
    monkeypatch.delenv("TRUSTED_PROXY_COUNT")
    assert env_count("TRUSTED_PROXY_COUNT", 0) == 0
