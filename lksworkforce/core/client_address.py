"""The address a request came from, read the same way by every throttle (sign-in lockout, password reset).

Behind reverse proxies the connection comes from the nearest proxy, and each proxy appends the address
it received the request from to `X-Forwarded-For`. Only the entries added by proxies we run can be
believed: anything to their left was written by the client and can be anything. So with
`TRUSTED_PROXY_COUNT = n` the client is the n-th entry from the right; with 0 (the default) the header
is ignored and the client is the peer of the connection (`REMOTE_ADDR`).
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "0.0.0.0"  # noqa: S104 - a placeholder address, never bound to


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The client's address: the right place in `X-Forwarded-For` for the trusted proxies, else `REMOTE_ADDR`."""
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or UNKNOWN
    proxies: int = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry for entry in forwarded if entry]
    if len(forwarded) < proxies:
        # Fewer entries than proxies: the request did not come through them all, so the peer is the client.
        return remote
    return _valid(forwarded[-proxies]) or remote
