"""The Jinja2 environment for pages: NHS design-system macros plus Django helpers."""

from typing import Any

from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader

from lksworkforce.core import formatting
from lksworkforce.core.forms import field_error, radio_item, select_items, version_input


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options: Any) -> Environment:
    # The NHS macros test optional parameters with chained attribute access.
    options["undefined"] = ChainableUndefined
    options["loader"] = ChoiceLoader([options["loader"], PackageLoader("nhsuk_frontend_jinja")])
    options.setdefault("autoescape", True)
    env = Environment(**options)  # noqa: S701 - autoescape is set above
    env.globals.update(
        {
            "static": static,
            "url": url,
            "get_messages": get_messages,
            "select_items": select_items,
            "field_error": field_error,
            "version_input": version_input,
        }
    )
    env.filters.update(formatting.JINJA_FILTERS)
    env.filters["radio_item"] = radio_item
    return env
