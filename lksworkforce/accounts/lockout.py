"""Sign-in lockout: django-axes, with a limit of its own for each thing it counts failures against.

`AXES_LOCKOUT_PARAMETERS` lists what failures are counted against (here an account at an address, and
an address across every account), but django-axes compares the largest count with one
`AXES_FAILURE_LIMIT`. `SIGN_IN_LOCKOUT_LIMITS` gives each parameter set its own limit; this handler
scales each count to the common limit, so that the one comparison locks exactly when any count
reaches its own limit (`floor(count * F / L) >= F` exactly when `count >= L`).
"""

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_failure_limit, get_lockout_parameters
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

ADDRESS = "ip_address"


def _key(parameter: str | list[str]) -> str:
    return ",".join([parameter] if isinstance(parameter, str) else parameter)


class LockoutHandler(AxesDatabaseHandler):  # type: ignore[misc]  # django-axes ships no type information
    def failure_counts(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> dict[str, int]:
        """Failures within the cool-off time, per parameter set ("username,ip_address", "ip_address")."""
        parameters = get_lockout_parameters(request, credentials)
        attempts_list = self.get_user_attempts(request, credentials)
        return {
            _key(parameter): int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)
            for parameter, attempts in zip(parameters, attempts_list, strict=True)
        }

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        common: int = get_failure_limit(request, credentials)
        limits: dict[str, int] = settings.SIGN_IN_LOCKOUT_LIMITS
        counts = self.failure_counts(request, credentials)
        return max([0, *(count * common // limits[key] for key, count in counts.items())])


def address_is_locked(request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
    """Whether sign-in from this request's address is locked for every account (not just one)."""
    handler = AxesProxyHandler.get_implementation()
    if not isinstance(handler, LockoutHandler):  # pragma: no cover - the settings name this handler
        return False
    return handler.failure_counts(request, credentials).get(ADDRESS, 0) >= settings.SIGN_IN_LOCKOUT_LIMITS[ADDRESS]


def account_failures_forget(*, email: str) -> int:
    """Forget the failed sign-ins to one account, at every address; the count of records removed."""
    removed: int = AxesProxyHandler.reset_attempts(username=email)
    return removed
