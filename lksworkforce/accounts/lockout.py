"""Sign-in lockout: django-axes, with a limit of its own for each thing it counts failures against.

`AXES_LOCKOUT_PARAMETERS` lists what failures are counted against (here an account at an address, and
an address across every account), but django-axes compares the largest count with one
`AXES_FAILURE_LIMIT`. `SIGN_IN_LOCKOUT_LIMITS` gives each parameter set its own limit; this handler
scales each count to the common limit, so that the one comparison locks exactly when any count
reaches its own limit (`floor(count * F / L) >= F` exactly when `count >= L`).
"""

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit, get_lockout_parameters
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def _limit_for(parameter: str | list[str]) -> int:
    key = ",".join([parameter] if isinstance(parameter, str) else parameter)
    limits: dict[str, int] = settings.SIGN_IN_LOCKOUT_LIMITS
    return limits[key]


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        common = get_failure_limit(request, credentials)
        parameters = get_lockout_parameters(request, credentials)
        attempts_list = self.get_user_attempts(request, credentials)
        scaled = [0]
        for parameter, attempts in zip(parameters, attempts_list, strict=True):
            count = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            scaled.append(count * common // _limit_for(parameter))
        return max(scaled)
