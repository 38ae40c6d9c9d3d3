"""From the top needs to the skills framework sub-areas they touch and what is on offer for them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from lksworkforce.surveys import analysis
from lksworkforce.surveys.models import (
    Option,
    Survey,
)
from lksworkforce.surveys.selectors.rankings import RankingReport, ranking_report


@dataclass(frozen=True)
class LinkedSubArea:
    id: int
    number: str
    name: str
    area: str
    framework: str


@dataclass(frozen=True)
class NeedOffer:
    need: analysis.RankedOption
    sub_areas: list[LinkedSubArea]
    offers: list[Any]  # offer.OfferItem

    @property
    def nothing_on_offer(self) -> bool:
        return not self.offers


@dataclass(frozen=True)
class CpdOffer:
    report: RankingReport
    needs: list[NeedOffer]
    catalogue_available: bool


def cpd_offer(survey: Survey, question_key: str | None = None, *, top: int = analysis.DEFAULT_TOP) -> CpdOffer:
    """For the top needs: the skills framework sub-areas each touches, and what is on offer for them."""
    from lksworkforce.surveys import offer

    report = ranking_report(survey, question_key, top=top, compare=False)
    needs = report.current.overall.top(top)
    option_ids = report.current.question.option_ids
    linked: dict[int, list[LinkedSubArea]] = defaultdict(list)
    through = Option.sub_areas.through
    for link in (
        through.objects.filter(option_id__in=[option_ids[n.key] for n in needs if n.key in option_ids])
        .select_related("subarea__area", "subarea__framework")
        .order_by("subarea__framework__key", "subarea__position")
    ):
        sub_area = link.subarea
        linked[link.option_id].append(
            LinkedSubArea(sub_area.pk, sub_area.number, sub_area.name, sub_area.area.name, sub_area.framework.key)
        )
    offered = offer.on_offer({s.id for links in linked.values() for s in links})
    rows = []
    for need in needs:
        sub_areas = linked.get(option_ids.get(need.key, 0), [])
        offers = [item for s in sub_areas for item in offered.get(s.id, [])]
        rows.append(NeedOffer(need, sub_areas, list(dict.fromkeys(offers))))
    return CpdOffer(report, rows, offer.catalogue_available())
