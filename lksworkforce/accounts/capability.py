"""What accounts offers the rest of the service (the app contract, core/capability.py)."""

from lksworkforce.accounts.home import your_roles
from lksworkforce.core.capability import Capability, NavEntry

CAPABILITY = Capability(
    label="accounts",
    urls="lksworkforce.accounts.urls",
    api="lksworkforce.accounts.api",
    api_auth="lksworkforce.accounts.api_auth",
    navigation=(
        NavEntry("People", "accounts:people", position=60, permission="accounts.view_people_list"),
        NavEntry("Your profile", "accounts:profile", position=80),
    ),
    demo="lksworkforce.accounts.demo.seed",
    tests="tests.accounts",
    home_tasks=your_roles,
    home_position=10,
)
