"""The address a request came from, read the same way by every throttle (sign-in lockout, password reset).

Behind reverse proxies the connection comes from the nearest proxy, and each proxy appends the address
it received the request from to `X-Forwarded-For`. Only the entries added by proxies we run can be
believed: anything to their left was written by the client and can be anything. So with
`TRUSTED_PROXY_COUNT = n` the client is the n-th entry from the right; with 0 (the default) the header
is ignored and the client is the peer of the connection (`REMOTE_ADDR`).

An IPv6 client is one /64 network (each household, phone or server is given a whole /64 and can
use any address in it), so a throttle would count nothing if it keyed on the full address; the
network is given as its first address (`2001:db8:1:2::`), so it fits wherever an address does.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "0.0.0.0"  # noqa: S104 - a placeholder address, never bound to


IPV6_CLIENT_PREFIX = 64


def _valid(value: str) -> str | None:
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, IPV6_CLIENT_PREFIX), strict=False).network_address)
    return str(address)


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
