"""Programmes on offer for skills framework sub-areas (the CPD offer page, beside learning resources):
those with a cohort open for applications or coming up (not yet ended)."""

from collections.abc import Iterable, Mapping

from django.urls import reverse
from django.utils import timezone

from lksworkforce.core.capability import OfferItem
from lksworkforce.programmes.models import Cohort, Programme


def on_offer(sub_area_ids: Iterable[int]) -> Mapping[int, list[OfferItem]]:
    """Sub-area id -> the programmes with cohorts open or coming up that develop it. One query."""
    wanted = sorted(set(sub_area_ids))
    if not wanted:
        return {}
    coming = Cohort.objects.filter(ends_on__gte=timezone.localdate()).values("programme_id")
    rows = (
        Programme.sub_areas.through.objects.filter(subarea_id__in=wanted, programme_id__in=coming)
        .order_by("subarea_id", "programme__title")
        .values_list("subarea_id", "programme__key", "programme__title")
    )
    offered: dict[int, list[OfferItem]] = {}
    for sub_area_id, key, title in rows:
        url = reverse("programmes:programme", kwargs={"key": key})
        offered.setdefault(sub_area_id, []).append(OfferItem("programme", title, url))
    return offered
