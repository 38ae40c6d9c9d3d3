"""A deterministic, synthetic England: NHS organisations in the seven regions, some closed by mergers.

Pure: the standard library and the project's pure rule modules only; no Django. Everything is
drawn from `random.Random` instances seeded from the caller's seed (never the global generator)
and no date comes from "today", so the same seed always gives the same world, on any machine.
The world is described as at `AS_OF`. The library and knowledge staff who work in these
organisations are in accounts/demo/world.py; their census and returns in staffing/demo/plan.py.

Every name is invented: place names are built from made-up stems, so no organisation carries a
real trust's name. An organisation carries its NHS WTE because later data is built from it.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lksworkforce.core.capability import DEFAULT_DEMO_SEED
from lksworkforce.organisations.codes import OrganisationType

DEFAULT_SEED = DEFAULT_DEMO_SEED
AS_OF = date(2026, 3, 31)


CURRENT_GEOGRAPHY_KEY = "nhse-regions"
GEOGRAPHY_2018_KEY = "lks-geographies-2018"
# Years of region membership written for each geography.
CURRENT_GEOGRAPHY_YEARS = range(2020, 2027)
GEOGRAPHY_2018_YEARS = range(2016, 2020)

# The seven NHS England regions and each one's rough share of England's NHS organisations.
REGION_SHARES: dict[str, float] = {
    "Y56": 0.18,  # London
    "Y63": 0.18,  # North East and Yorkshire
    "Y60": 0.17,  # Midlands
    "Y62": 0.15,  # North West
    "Y59": 0.12,  # South East
    "Y61": 0.11,  # East of England
    "Y58": 0.09,  # South West
}
# The 2018 LKS geography an organisation in each current region reported in. The South East
# was split: Kent, Surrey and Sussex with London; Thames Valley and Wessex with the South.
REGION_2018: dict[str, str] = {
    "Y56": "LKSS",
    "Y58": "SOUTH",
    "Y60": "MAE",
    "Y61": "MAE",
    "Y62": "NORTH",
    "Y63": "NORTH",
}
SOUTH_EAST = "Y59"
SOUTH_EAST_SHARE_IN_LKSS = 0.55

# Organisations open at AS_OF, by type (before mergers add the closed predecessors).
TYPE_COUNTS: dict[OrganisationType, int] = {
    OrganisationType.ACUTE: 120,
    OrganisationType.MENTAL_HEALTH: 50,
    OrganisationType.COMMUNITY: 20,
    OrganisationType.AMBULANCE: 10,
    OrganisationType.ARMS_LENGTH_BODY: 10,
    OrganisationType.OTHER: 10,
}
# One ambulance service per region, two where a region is large (as in England).
AMBULANCE_REGIONS = ("Y56", "Y59", "Y59", "Y58", "Y60", "Y60", "Y61", "Y62", "Y63", "Y63")
# National bodies sit mostly in London, with some in Leeds and the Midlands.
ARMS_LENGTH_BODY_REGIONS = ("Y56",) * 6 + ("Y63",) * 3 + ("Y60",)
# Trusts formed by merging two predecessors, which close the day before the successor opens.
MERGED_TYPES = (OrganisationType.ACUTE, OrganisationType.ACUTE, OrganisationType.MENTAL_HEALTH)

# NHS WTE by type: (low, high, most likely), drawn from a triangular distribution.
NHS_WTE_RANGES: dict[OrganisationType, tuple[int, int, int]] = {
    OrganisationType.ACUTE: (3_000, 15_000, 4_000),
    OrganisationType.MENTAL_HEALTH: (2_000, 6_000, 3_000),
    OrganisationType.COMMUNITY: (1_500, 5_000, 2_500),
    OrganisationType.AMBULANCE: (2_500, 6_000, 4_000),
    OrganisationType.ARMS_LENGTH_BODY: (500, 3_000, 1_000),
    OrganisationType.OTHER: (300, 2_000, 600),
}
TWO_PLACES = Decimal("0.01")
_ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class DemoOrganisation:
    ods_code: str
    name: str
    type: OrganisationType
    region_code: str  # in the current geography (NHS England regions)
    region_code_2018: str  # in the 2018 LKS geographies
    nhs_wte: Decimal
    opened_on: date | None
    closed_on: date | None = None

    def open_in(self, year: int) -> bool:
        """The same rule as `Organisation.objects.open_in(year)`."""
        opened = self.opened_on is None or self.opened_on.year <= year
        return opened and (self.closed_on is None or self.closed_on.year >= year)

    @property
    def is_open_at_as_of(self) -> bool:
        opened = self.opened_on is None or self.opened_on <= AS_OF
        return opened and (self.closed_on is None or self.closed_on > AS_OF)


# --- Names ----------------------------------------------------------------------------------

# Invented stems and endings: the places they make sound English but are not real towns.
# fmt: off
_PLACE_STEMS = (
    "Wren", "Hollin", "Marl", "Fern", "Thistle", "Brindle", "Aldren", "Sorrel", "Kestrel", "Larch",
    "Osier", "Quill", "Rowan", "Sedge", "Tansy", "Yarrow", "Heron", "Bittern", "Linnet", "Plover",
    "Teal", "Merrow", "Corran", "Dunnock", "Ember", "Gorse", "Hazel", "Ivel", "Juniper", "Kell",
    "Lumb", "Brackle", "Nettle", "Orme", "Pell", "Rush", "Sallow", "Tarn", "Umber", "Vetch",
    "Wold", "Quern", "Tallow", "Clover", "Dray", "Elder", "Foxen", "Wyvern", "Oriel", "Lark",
)
_PLACE_ENDINGS = (
    "mere", "ford", "wick", "stead", "combe", "ley", "thorpe", "by", "holme", "dale",
    "bourne", "field", "hythe", "gate", "minster", "worth", "bridge", "cote", "hurst", "well",
)
# fmt: on
_PLACE_QUALIFIERS = ("Valley", "Vale", "Downs", "Forest", "Moor", "Coast", "Weald", "Fens")

_ACUTE_NAMES = (
    "{a} Hospitals NHS Foundation Trust",
    "{a} Hospitals NHS Trust",
    "{a} Teaching Hospitals NHS Foundation Trust",
    "University Hospitals of {a} NHS Foundation Trust",
    "{a} and {b} Hospitals NHS Foundation Trust",
    "{a} {q} Hospitals NHS Foundation Trust",
    "{a} and {b} NHS Trust",
    "{a} {q} Healthcare NHS Trust",
)
_MENTAL_HEALTH_NAMES = (
    "{a} Partnership NHS Foundation Trust",
    "{a} Mental Health NHS Trust",
    "{a} and {b} Mental Health NHS Foundation Trust",
    "{a} {q} Care NHS Foundation Trust",
    "{a} Health and Care NHS Foundation Trust",
)
_COMMUNITY_NAMES = (
    "{a} Community Healthcare NHS Trust",
    "{a} Community Health Services NHS Trust",
    "{a} and {b} Community NHS Trust",
    "{a} {q} Community Health NHS Foundation Trust",
)
_AMBULANCE_NAMES = (
    "{a} and {b} Ambulance Service NHS Trust",
    "{a} {q} Ambulance Service NHS Foundation Trust",
)
_OTHER_NAMES = (
    "{a} Hospice",
    "{a} Community Interest Company",
    "{a} Health Partnership",
    "{a} {q} Integrated Care Board",
    "{a} Health Education Centre",
)
_MERGED_NAMES = {
    OrganisationType.ACUTE: "{a} and {b} University Hospitals NHS Foundation Trust",
    OrganisationType.MENTAL_HEALTH: "{a} and {b} Partnership NHS Foundation Trust",
}
_NAME_PATTERNS: dict[OrganisationType, Sequence[str]] = {
    OrganisationType.ACUTE: _ACUTE_NAMES,
    OrganisationType.MENTAL_HEALTH: _MENTAL_HEALTH_NAMES,
    OrganisationType.COMMUNITY: _COMMUNITY_NAMES,
    OrganisationType.AMBULANCE: _AMBULANCE_NAMES,
    OrganisationType.OTHER: _OTHER_NAMES,
}
# Invented national bodies.
_ARMS_LENGTH_BODIES = (
    "Clinical Evidence Appraisal Agency",
    "National Knowledge Mobilisation Office",
    "Health Workforce Planning Board",
    "Care Records Standards Authority",
    "Healthcare Procurement Board",
    "National Clinical Audit Commission",
    "Patient Outcomes Observatory",
    "Health Technology Review Agency",
    "National Care Learning Authority",
    "Public Health Intelligence Agency",
    "Health Data Assurance Service",
    "Clinical Guidance Council",
)


# --- Organisations --------------------------------------------------------------------------


def demo_organisations(seed: int = DEFAULT_SEED) -> list[DemoOrganisation]:
    """About 225 organisations over the seven regions, a few of them closed by mergers; sorted by ODS code."""
    rng = random.Random(f"lksw-demo-organisations:{seed}")  # noqa: S311 - demo data, not security
    names = _NameMaker(rng)
    codes = _CodeMaker(rng)

    placements: list[tuple[OrganisationType, str]] = []
    for kind, count in TYPE_COUNTS.items():
        if kind is OrganisationType.AMBULANCE:
            regions: Sequence[str] = AMBULANCE_REGIONS
        elif kind is OrganisationType.ARMS_LENGTH_BODY:
            regions = ARMS_LENGTH_BODY_REGIONS
        else:
            regions = _spread_over_regions(count)
        placements.extend((kind, region) for region in regions)

    merged = _choose_mergers(rng, placements)
    organisations: list[DemoOrganisation] = []
    for index, (kind, region) in enumerate(placements):
        region_2018 = _region_2018(rng, region)
        if index in merged:
            organisations.extend(_merged_trust(rng, names, codes, kind, region, region_2018))
            continue
        organisations.append(
            DemoOrganisation(
                ods_code=codes.make(kind),
                name=names.organisation(kind),
                type=kind,
                region_code=region,
                region_code_2018=region_2018,
                nhs_wte=_nhs_wte(rng, kind),
                opened_on=_opened_on(rng, kind),
            )
        )
    return sorted(organisations, key=lambda o: o.ods_code)


def _spread_over_regions(count: int) -> list[str]:
    """`count` places shared over the regions by REGION_SHARES (largest remainder), largest first."""
    ideal = {region: count * share for region, share in REGION_SHARES.items()}
    whole = {region: int(value) for region, value in ideal.items()}
    by_remainder = sorted(ideal, key=lambda r: (-(ideal[r] - whole[r]), list(REGION_SHARES).index(r)))
    for region in by_remainder[: count - sum(whole.values())]:
        whole[region] += 1
    return [region for region in REGION_SHARES for _ in range(whole[region])]


def _region_2018(rng: random.Random, region: str) -> str:
    if region == SOUTH_EAST:
        return "LKSS" if rng.random() < SOUTH_EAST_SHARE_IN_LKSS else "SOUTH"
    return REGION_2018[region]


def _choose_mergers(rng: random.Random, placements: Sequence[tuple[OrganisationType, str]]) -> set[int]:
    chosen: set[int] = set()
    for kind in MERGED_TYPES:
        candidates = [i for i, (k, _) in enumerate(placements) if k is kind and i not in chosen]
        chosen.add(rng.choice(candidates))
    return chosen


def _merged_trust(
    rng: random.Random,
    names: _NameMaker,
    codes: _CodeMaker,
    kind: OrganisationType,
    region: str,
    region_2018: str,
) -> list[DemoOrganisation]:
    """A trust formed on 1 April by merging two predecessors, which closed on 31 March."""
    year = rng.randint(2021, 2024)
    first, second = names.place(), names.place()
    successor = DemoOrganisation(
        ods_code=codes.make(kind),
        name=names.unique(_MERGED_NAMES[kind].format(a=first, b=second)),
        type=kind,
        region_code=region,
        region_code_2018=region_2018,
        nhs_wte=_nhs_wte(rng, kind),
        opened_on=date(year, 4, 1),
    )
    share = Decimal(str(round(rng.uniform(0.35, 0.65), 2)))
    sizes = ((successor.nhs_wte * share).quantize(TWO_PLACES), (successor.nhs_wte * (1 - share)).quantize(TWO_PLACES))
    pattern = _NAME_PATTERNS[kind][0]
    predecessors = [
        DemoOrganisation(
            ods_code=codes.make(kind),
            name=names.unique(pattern.format(a=place, b="", q="")),
            type=kind,
            region_code=region,
            region_code_2018=region_2018,
            nhs_wte=size,
            opened_on=_opened_on(rng, kind),
            closed_on=date(year, 3, 31),
        )
        for place, size in zip((first, second), sizes, strict=True)
    ]
    return [successor, *predecessors]


def _nhs_wte(rng: random.Random, kind: OrganisationType) -> Decimal:
    low, high, mode = NHS_WTE_RANGES[kind]
    return Decimal(str(round(rng.triangular(low, high, mode), 2))).quantize(TWO_PLACES)


def _opened_on(rng: random.Random, kind: OrganisationType) -> date:
    """Most trusts date from the 1990s and 2000s; national bodies and others are newer."""
    first_year = 1991 if kind.is_trust else 2005
    return date(rng.randint(first_year, 2016), rng.choice((4, 4, 4, 10, 1)), 1)


class _NameMaker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.places: set[str] = set()
        self.names: set[str] = set()
        self.bodies = list(_ARMS_LENGTH_BODIES)
        rng.shuffle(self.bodies)

    def place(self) -> str:
        while True:
            place = self.rng.choice(_PLACE_STEMS) + self.rng.choice(_PLACE_ENDINGS)
            if place not in self.places:
                self.places.add(place)
                return place

    def unique(self, name: str) -> str:
        if name in self.names:
            raise ValueError(f"Demo organisation name made twice: {name}")
        self.names.add(name)
        return name

    def organisation(self, kind: OrganisationType) -> str:
        if kind is OrganisationType.ARMS_LENGTH_BODY:
            return self.unique(self.bodies.pop())
        pattern = self.rng.choice(_NAME_PATTERNS[kind])
        return self.unique(pattern.format(a=self.place(), b=self.place(), q=self.rng.choice(_PLACE_QUALIFIERS)))


class _CodeMaker:
    """ODS codes: trusts R or T and two letters or digits; national bodies X..., others N..., 3 to 5 long."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def make(self, kind: OrganisationType) -> str:
        while True:
            if kind.is_trust:
                code = self.rng.choice("RRRRT") + self._characters(2)
            else:
                prefix = "X" if kind is OrganisationType.ARMS_LENGTH_BODY else "N"
                code = prefix + self._characters(self.rng.randint(2, 4))
            if code not in self.used:
                self.used.add(code)
                return code

    def _characters(self, count: int) -> str:
        return "".join(self.rng.choice(_ALPHANUMERIC) for _ in range(count))


def demo_codes(seeds: Iterable[int]) -> set[str]:
    """The ODS codes of the demo organisations of every seed given."""
    return {o.ods_code for seed in seeds for o in demo_organisations(seed)}
