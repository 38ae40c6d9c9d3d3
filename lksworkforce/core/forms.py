"""Form errors as the NHS error summary expects them: text and a link to the field."""

from typing import Any

from django import forms
from markupsafe import Markup

from lksworkforce.core.concurrency import VERSION_FIELD, MissingVersionError, StaleEdit


def form_error_list(form: forms.Form) -> list[dict[str, str]]:
    if not form.is_bound or not form.errors:
        return []
    items = []
    for name, errors in form.errors.items():
        href = f"#{form[name].auto_id}" if name in form.fields else "#"
        for error in errors:
            items.append({"text": str(error), "href": href})
    return items


def field_error(form: forms.Form, name: str) -> dict[str, str] | None:
    """The errorMessage parameter for an NHS form macro, or None."""
    errors = form.errors.get(name) if form.is_bound else None
    return {"text": " ".join(str(e) for e in errors)} if errors else None


def select_items(choices: object, selected: object) -> list[dict[str, object]]:
    """Django choices as items for the NHS select macro, marking the chosen one."""
    chosen = "" if selected is None else str(selected)
    return [{"value": str(value), "text": str(text), "selected": str(value) == chosen} for value, text in choices]  # type: ignore[attr-defined]


def radio_item(item: dict[str, object]) -> dict[str, object]:
    """A select item as a radios/checkboxes item ('selected' becomes 'checked')."""
    return {"value": item["value"], "text": item["text"], "checked": item["selected"]}


# Optimistic concurrency on pages (see core.concurrency and ADR 12) ------------------------


class VersionField(forms.IntegerField):
    """The hidden `edit_version` a form sends back: the version of the record the person saw
    (0 for a record that did not exist yet). Missing or not a number, the form is refused."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: object) -> None:
        message = MissingVersionError.MESSAGE
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("error_messages", {"required": message, "invalid": message, "min_value": message})
        super().__init__(**kwargs)  # type: ignore[arg-type]


class VersionedForm(forms.Form):
    """A form that edits one record: it carries the record's `edit_version`."""

    edit_version = VersionField()


def version_missing(form: forms.Form) -> bool:
    """True when the only safe answer is 400: the form did not say which version it changes."""
    return form.is_bound and any(name.endswith(VERSION_FIELD) for name in form.errors)


def posted_version(data: Any, name: str = VERSION_FIELD) -> int | None:
    """The version a form without a Django form class sent, or None when missing or not a number."""
    try:
        value: int = VersionField().clean(data.get(name))
    except forms.ValidationError:
        return None
    return value


def version_input(version: int, name: str = VERSION_FIELD) -> Markup:
    """The hidden field for a template: `{{ version_input(record.edit_version) }}`."""
    return Markup('<input type="hidden" name="{}" value="{}">').format(name, int(version))


def stale_error_list(stale: StaleEdit | None) -> list[dict[str, str]]:
    """The error summary entry for a refused stale save; it links to the table of differences."""
    return [{"text": str(stale), "href": "#stale-changes"}] if stale is not None else []
