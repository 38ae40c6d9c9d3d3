"""What is on offer for a skills framework sub-area: learning resources and programmes.

Neither the learning catalogue nor programmes and cohorts are part of the service yet, so nothing
can be shown as on offer, and the CPD offer page says so rather than pretending. When those apps
arrive they answer `on_offer` here (one query for every sub-area on the page), and the page, its
exports and the API show what they return."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps

PROVIDERS = ("lksworkforce.learning", "lksworkforce.programmes")


@dataclass(frozen=True)
class OfferItem:
    kind: str  # "learning resource", "programme"...
    title: str
    url: str


def catalogue_available() -> bool:
    """Whether any app that offers learning is installed."""
    return any(apps.is_installed(name) for name in PROVIDERS)


def on_offer(sub_area_ids: Iterable[int]) -> dict[int, list[OfferItem]]:  # noqa: ARG001 - see the module's note
    """Sub-area id -> what is on offer for it. Empty until the learning catalogue and programmes exist."""
    return {}
