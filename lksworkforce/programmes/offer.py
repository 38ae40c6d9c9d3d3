"""Programmes on offer for skills framework sub-areas (the CPD offer page, beside learning resources)."""

from collections.abc import Iterable, Mapping

from lksworkforce.core.capability import OfferItem


def on_offer(sub_area_ids: Iterable[int]) -> Mapping[int, list[OfferItem]]:  # noqa: ARG001
    """Sub-area id -> the programmes with cohorts open or coming up that develop it (setup part)."""
    return {}
