"""Coverage figures: how well the catalogue meets the latest survey's top needs, by band group.

Pure: the standard library and the project's pure vocabularies only; no Django. The selector
(learning/selectors/coverage.py) gathers what published resources teach each need's sub-areas;
these functions count them, and every surface (the page, the CSV, the API) shows what they give.

A resource suits a band group when its band range (band_from..band_to) overlaps the group's bands;
a blank end is open (blank..blank suits every band)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from lksworkforce.accounts.people import AFC_BANDS

DEFAULT_MIN_RESOURCES = 3
MIN_RESOURCES_RANGE = (1, 50)  # what a person may ask for: "at least N suitable resources"


class BandGroup(StrEnum):
    BANDS_1_TO_4 = "bands_1_4"
    BAND_5_AND_ABOVE = "band_5_up"

    @property
    def label(self) -> str:
        return {"bands_1_4": "Bands 1 to 4", "band_5_up": "Band 5 and above"}[self.value]

    @property
    def bands(self) -> tuple[int, int]:
        """The group's first and last band, as positions in AFC_BANDS."""
        five = AFC_BANDS.index("5")
        return (0, five - 1) if self is BandGroup.BANDS_1_TO_4 else (five, len(AFC_BANDS) - 1)


BAND_GROUPS = tuple(BandGroup)


def bounded_min_resources(asked: object) -> int:
    """The N asked for, as a number within MIN_RESOURCES_RANGE (the default when it is not a number)."""
    try:
        number = int(str(asked).strip())
    except ValueError:
        return DEFAULT_MIN_RESOURCES
    low, high = MIN_RESOURCES_RANGE
    return max(low, min(high, number))


def suits(band_from: str, band_to: str, group: BandGroup) -> bool:
    """Whether a resource for bands band_from..band_to suits anyone in the group. Unknown bands count as blank."""
    low = AFC_BANDS.index(band_from) if band_from in AFC_BANDS else 0
    high = AFC_BANDS.index(band_to) if band_to in AFC_BANDS else len(AFC_BANDS) - 1
    first, last = group.bands
    return low <= last and high >= first


@dataclass(frozen=True)
class ResourceBands:
    """A published resource that teaches a need's sub-areas, with the bands it is for."""

    resource_id: int
    title: str
    band_from: str = ""
    band_to: str = ""

    def suits(self, group: BandGroup) -> bool:
        return suits(self.band_from, self.band_to, group)


@dataclass(frozen=True)
class NeedResources:
    """A top need (its label), the sub-areas it touches, and the resources that teach any of them."""

    label: str
    sub_area_ids: tuple[int, ...]
    resources: tuple[ResourceBands, ...]


@dataclass(frozen=True)
class NeedCoverage:
    label: str
    sub_area_ids: tuple[int, ...]
    resources: tuple[ResourceBands, ...]
    suitable: dict[BandGroup, int]  # resources suiting each band group

    @property
    def nothing_on_offer(self) -> bool:
        return not self.resources


@dataclass(frozen=True)
class CoverageFigures:
    min_resources: int
    needs: tuple[NeedCoverage, ...]
    # Share (0..1) of the needs with at least `min_resources` suitable resources, per band group.
    share: dict[BandGroup, float]
    met: dict[BandGroup, int]  # how many needs that is

    @property
    def no_offer(self) -> tuple[NeedCoverage, ...]:
        return tuple(n for n in self.needs if n.nothing_on_offer)


def share_with_at_least(counts: Sequence[int], min_resources: int) -> float:
    """The share of needs (given their suitable-resource counts) with at least `min_resources`; 0 with no needs."""
    if not counts:
        return 0.0
    return sum(1 for c in counts if c >= min_resources) / len(counts)


def coverage_figures(needs: Sequence[NeedResources], min_resources: int) -> CoverageFigures:
    """Each need's suitable resources by band group, and the headline share per group. A resource
    teaching two of a need's sub-areas counts once for it."""
    covered = []
    for need in needs:
        unique = tuple({r.resource_id: r for r in need.resources}.values())
        suitable = {group: sum(1 for r in unique if r.suits(group)) for group in BAND_GROUPS}
        covered.append(NeedCoverage(need.label, need.sub_area_ids, unique, suitable))
    met = {group: sum(1 for n in covered if n.suitable[group] >= min_resources) for group in BAND_GROUPS}
    share = {group: share_with_at_least([n.suitable[group] for n in covered], min_resources) for group in BAND_GROUPS}
    return CoverageFigures(min_resources, tuple(covered), share, met)
