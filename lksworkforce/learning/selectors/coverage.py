"""Reads for coverage: the latest closed survey's top needs (through core's `needs_in_focus`), the
published resources that teach their sub-areas, and the regions one may look at.

`needs_in_focus` gives each sub-area to the best-ranked need that touches it, so a need lower down
that shares a sub-area with a higher one is measured on its own sub-areas only: a resource counts
towards one need, and the headline share does not count the same resources twice."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps

from lksworkforce.core.capability import needs_in_focus
from lksworkforce.core.viewers import Caller
from lksworkforce.learning.coverage import CoverageFigures, NeedResources, ResourceBands, coverage_figures
from lksworkforce.learning.models import Teaches
from lksworkforce.learning.vocabulary import ResourceStatus
from lksworkforce.organisations.models import CURRENT_GEOGRAPHY_KEY
from lksworkforce.organisations.selectors import region_list

NATION = "England"


@dataclass(frozen=True)
class SubAreaName:
    id: int
    number: str
    name: str

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


@dataclass(frozen=True)
class CoverageReport:
    survey_title: str
    scope: str  # "England", or the region's name
    region_asked: bool
    figures: CoverageFigures
    sub_areas: dict[int, SubAreaName]

    @property
    def region_hidden(self) -> bool:
        """A region was asked for but its ranking cannot be shown (too few answers, or unknown)."""
        return self.region_asked and not self.figures.needs


def region_names(viewer: Caller) -> list[str]:
    """The regions of the organisations' current geography, by name."""
    return list(
        region_list(viewer).filter(geography__key=CURRENT_GEOGRAPHY_KEY).order_by("name").values_list("name", flat=True)
    )


def _grouped(by_sub_area: dict[int, str]) -> list[tuple[str, tuple[int, ...]]]:
    """Need label -> its sub-areas, in the ranking's order (the mapping keeps it)."""
    needs: dict[str, list[int]] = {}
    for sub_area_id, label in by_sub_area.items():
        needs.setdefault(label, []).append(sub_area_id)
    return [(label, tuple(ids)) for label, ids in needs.items()]


def coverage_report(region_name: str | None, min_resources: int) -> CoverageReport | None:
    """None when no closed survey ranks needs. Two queries past the survey's: what teaches the
    needs' sub-areas, and the sub-areas' numbers and names."""
    focus = needs_in_focus(region_name or None)
    if focus is None:
        return None
    chosen = focus.region if region_name else focus.national
    needs = _grouped(dict(chosen))
    ids = sorted({i for _, sub_area_ids in needs for i in sub_area_ids})
    teaching: dict[int, list[ResourceBands]] = {}
    for sub_area_id, resource_id, title, band_from, band_to in (
        Teaches.objects.filter(sub_area_id__in=ids, resource__status=ResourceStatus.PUBLISHED)
        .order_by("resource__title", "resource_id")
        .values_list("sub_area_id", "resource_id", "resource__title", "resource__band_from", "resource__band_to")
    ):
        teaching.setdefault(sub_area_id, []).append(ResourceBands(resource_id, title, band_from, band_to))
    figures = coverage_figures(
        [
            NeedResources(
                label,
                sub_area_ids,
                tuple(
                    sorted(
                        (r for i in sub_area_ids for r in teaching.get(i, [])), key=lambda r: (r.title, r.resource_id)
                    )
                ),
            )
            for label, sub_area_ids in needs
        ],
        min_resources,
    )
    sub_area_model = apps.get_model("skills", "SubArea")
    names = {
        pk: SubAreaName(pk, number, name)
        for pk, number, name in sub_area_model.objects.filter(pk__in=ids).values_list("pk", "number", "name")
    }
    return CoverageReport(
        survey_title=focus.survey_title,
        scope=(focus.region_name or region_name or NATION) if region_name else NATION,
        region_asked=bool(region_name),
        figures=figures,
        sub_areas=names,
    )
