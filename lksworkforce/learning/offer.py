"""The learning on offer for skills framework sub-areas (the `learning_on_offer` extension point,
read by the surveys' CPD offer page): published resources that teach them."""

from collections.abc import Iterable, Mapping

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.urls import reverse

from lksworkforce.core.capability import OfferItem
from lksworkforce.learning.models import Teaches
from lksworkforce.learning.vocabulary import ResourceStatus

PER_SUB_AREA = 5  # a handful: the CPD offer page lists them in a table cell
OFFER_KIND = "learning resource"


def on_offer(sub_area_ids: Iterable[int]) -> Mapping[int, list[OfferItem]]:
    """Sub-area id -> up to PER_SUB_AREA published resources teaching it, by title (one query)."""
    ids = sorted(set(sub_area_ids))
    if not ids:
        return {}
    ranked = (
        Teaches.objects.filter(sub_area_id__in=ids, resource__status=ResourceStatus.PUBLISHED)
        .annotate(
            place=Window(
                RowNumber(), partition_by=[F("sub_area_id")], order_by=[F("resource__title"), F("resource_id")]
            )
        )
        .filter(place__lte=PER_SUB_AREA)
        .order_by("sub_area_id", "place")
        .values_list("sub_area_id", "resource_id", "resource__title")
    )
    offered: dict[int, list[OfferItem]] = {}
    for sub_area_id, resource_id, title in ranked:
        url = reverse("learning:resource", kwargs={"resource_id": resource_id})
        offered.setdefault(sub_area_id, []).append(OfferItem(kind=OFFER_KIND, title=title, url=url))
    return offered
