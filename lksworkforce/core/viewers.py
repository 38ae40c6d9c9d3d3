"""Whoever is on the other end of a page, an API call or a command, as core sees them.

A caller is a signed-in person (the user model), someone not signed in (Django's `AnonymousUser`), or
the operator running `lksw` on the server (`accounts.viewers.SystemViewer`). Core, and the public
reference data in `organisations`, need only whether they are signed in and who they are; what their
roles let them see is `accounts.viewers.Viewer`."""

from typing import Protocol


class Caller(Protocol):
    @property
    def pk(self) -> int | None: ...

    @property
    def is_authenticated(self) -> bool: ...


def caller_id(caller: Caller | None) -> int | None:
    """The person to record as having made a change: a signed-in person, or no one."""
    return caller.pk if caller is not None and caller.is_authenticated else None
