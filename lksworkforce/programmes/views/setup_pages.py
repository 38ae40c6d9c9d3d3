"""What the setup pages share: breadcrumbs, and a form handed to a service with its problems put
back on the form."""

from collections.abc import Callable
from typing import Any, Protocol

from django.urls import reverse

from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.forms import version_missing
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.programmes.models import Cohort, Programme


class EntryForm(Protocol):
    @property
    def errors(self) -> Any: ...

    def is_valid(self) -> bool: ...
    def entry(self) -> Any: ...
    def add_problems(self, problems: list[Problem]) -> None: ...


def crumbs(*more: tuple[str, str]) -> list[dict[str, str]]:
    return [
        {"href": "/", "text": "Home"},
        {"href": reverse("programmes:home"), "text": "Programmes"},
        *({"href": href, "text": text} for href, text in more),
    ]


def programme_crumb(programme: Programme) -> tuple[str, str]:
    return (reverse("programmes:programme", kwargs={"key": programme.key}), programme.title)


def cohort_crumb(cohort: Cohort) -> tuple[str, str]:
    return (reverse("programmes:cohort", kwargs={"cohort_id": cohort.pk}), cohort.name)


def save_form[T](form: EntryForm, save: Callable[[Any], T]) -> T | None:
    """Parse the form, hand its entry to the service; None (the problems on the form) when refused."""
    form.is_valid()
    try:
        return save(form.entry())
    except Rejected as rejected:
        form.add_problems(rejected.problems)
        return None


def save_edit[T](
    method: str | None, form: Any, change: Callable[[Any, int | None], T]
) -> tuple[T | None, StaleEdit | None]:
    """On a POST that says which version it changes: the entry and that version handed to the
    service. (What was saved, or None with the problems on the form; and the refusal when someone
    else saved first.)"""
    if method != "POST" or version_missing(form):
        return None, None
    try:
        return save_form(form, lambda entry: change(entry, form.cleaned_data.get("edit_version"))), None
    except StaleEdit as stale:
        return None, stale


def form_status(form: Any, stale: StaleEdit | None = None) -> int:
    return 400 if version_missing(form) else 409 if stale else 422 if form.errors else 200
