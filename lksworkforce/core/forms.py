"""Form errors as the NHS error summary expects them: text and a link to the field."""

from django import forms


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
