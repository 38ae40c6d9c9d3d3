"""Who is looking. Reads are scoped to a viewer (`visible_to(viewer)`), and rules are checked for one.

A viewer is a signed-in person (`accounts.models.User`) or the operator running `lksw` on the server
(`SystemViewer`), who sees everything; `AnyViewer` adds someone not signed in (Django's
`AnonymousUser`), who sees nothing scoped. Testing `viewer.is_authenticated` tells them apart."""

from typing import Literal, Protocol

from django.contrib.auth.models import AnonymousUser

from lksworkforce.accounts.people import Role
from lksworkforce.core.viewers import Caller


class Viewer(Caller, Protocol):
    """What scoped reads and rules ask of whoever is looking: their roles, and what those cover."""

    def holds(self, role: Role) -> bool: ...

    def managed_organisation_ids(self) -> set[int]: ...

    def led_region_ids(self) -> set[int]: ...

    def overseen_organisation_ids(self) -> set[int]: ...


type AnyViewer = Viewer | AnonymousUser


class SystemViewer:
    """The viewer for command-line reports: the operator running `lksw` on the server sees
    everything, as the national team does, and is nobody in the audit log."""

    pk: None = None

    @property
    def is_authenticated(self) -> Literal[True]:
        return True

    def holds(self, role: Role) -> bool:
        return True

    def managed_organisation_ids(self) -> set[int]:
        return set()

    def led_region_ids(self) -> set[int]:
        return set()

    def overseen_organisation_ids(self) -> set[int]:
        return set()
