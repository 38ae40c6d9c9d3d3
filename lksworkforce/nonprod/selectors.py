"""Reading the demo accounts back, for `lksw demo_sign_ins`."""

from dataclasses import dataclass

from django.contrib.auth.hashers import check_password

from lksworkforce.accounts.demo.world import DEMO_ACCOUNT_EMAILS
from lksworkforce.accounts.models import User
from lksworkforce.accounts.people import Role
from lksworkforce.nonprod.services import DEFAULT_PASSWORD

CHOSEN_PASSWORD_NOTE = "(the password you chose)"  # noqa: S105 - a note, not a password


@dataclass(frozen=True)
class DemoSignIn:
    role: str
    email: str
    password: str
    where: str


def demo_sign_ins() -> list[DemoSignIn]:
    """The demo accounts present in the database, in a fixed order. The password is shown only when it
    is the published default; checking it verifies one hash per distinct hash (they share one)."""
    users = {
        user.email: user
        for user in User.objects.filter(email__in=DEMO_ACCOUNT_EMAILS)
        .select_related("organisation")
        .prefetch_related("memberships__organisation", "memberships__region")
    }
    is_default: dict[str, bool] = {}
    sign_ins = []
    for email in DEMO_ACCOUNT_EMAILS:
        user = users.get(email)
        if user is None:
            continue
        if user.password not in is_default:
            is_default[user.password] = check_password(DEFAULT_PASSWORD, user.password)
        sign_ins.append(
            DemoSignIn(
                role=_role(user),
                email=user.email,
                password=DEFAULT_PASSWORD if is_default[user.password] else CHOSEN_PASSWORD_NOTE,
                where=_where(user),
            )
        )
    return sign_ins


def _role(user: User) -> str:
    roles = [Role(m.role).label for m in user.memberships.all()]
    if roles:
        return ", ".join(sorted(roles))
    return f"{Role.STAFF.label} ({user.job_title.lower()}, band {user.band})"


def _where(user: User) -> str:
    scopes = [str(m.region or m.organisation) for m in user.memberships.all() if m.region or m.organisation]
    if scopes:
        return "; ".join(scopes)
    if user.organisation is not None:
        return str(user.organisation)
    return "England"
