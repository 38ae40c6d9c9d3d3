"""The learning on offer for skills framework sub-areas (the `learning_on_offer` extension point,
read by the surveys' CPD offer page): published resources that teach them (part G)."""

from collections.abc import Iterable, Mapping

from lksworkforce.core.capability import OfferItem


def on_offer(sub_area_ids: Iterable[int]) -> Mapping[int, list[OfferItem]]:  # noqa: ARG001 - part G
    return {}
