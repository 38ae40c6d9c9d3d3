"""What is on offer for a skills framework sub-area: asked of every installed capability through the
`learning_on_offer` extension point (core/capability.py), so that surveys names no app that offers.

Until an app offers learning (the learning catalogue, programmes), nothing is on offer and the CPD
offer page says so rather than pretending."""

from collections.abc import Iterable

from lksworkforce.core.capability import OfferItem, learning_offered, learning_on_offer

__all__ = ["OfferItem", "catalogue_available", "on_offer"]


def catalogue_available() -> bool:
    """Whether any installed app offers learning."""
    return learning_offered()


def on_offer(sub_area_ids: Iterable[int]) -> dict[int, list[OfferItem]]:
    """Sub-area id -> what is on offer for it, from every app that offers learning."""
    return learning_on_offer(sub_area_ids)
