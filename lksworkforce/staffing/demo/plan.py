"""Synthetic census and annual returns for the demo organisations: five years, most organisations
between 1:1,000 and 1:3,000, England near 1:1,730 and improving slowly, some returns missing.
Pure and deterministic: no Django, no dates from today."""

import math
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from lksworkforce.organisations.demo.world import DemoOrganisation

DEMO_YEARS = (2021, 2022, 2023, 2024, 2025)
LATEST_YEAR = DEMO_YEARS[-1]
TWO_PLACES = Decimal("0.01")
SPECIALTIES = (
    "Emergency medicine",
    "Oncology",
    "Paediatrics",
    "Mental health",
    "Surgery",
    "Maternity",
    "Primary care",
    "",
)
QUALIFIED_ROLES = (
    ("Librarian", "librarian", "6"),
    ("Clinical librarian", "clinical librarian", "7"),
    ("Knowledge manager", "knowledge manager", "7"),
    ("Outreach librarian", "outreach librarian", "6"),
    ("Head of library and knowledge services", "service manager", "8b"),
)
SUPPORT_ROLES = (
    ("Library assistant", "library assistant", "3"),
    ("Senior library assistant", "library assistant", "4"),
    ("Library apprentice", "library assistant", "2"),
)


@dataclass(frozen=True)
class DemoPost:
    post_title: str
    role: str
    band: str
    wte: Decimal
    qualification: str
    specialty: str


@dataclass(frozen=True)
class DemoReturn:
    ods_code: str
    year: int
    status: str  # published or submitted (awaiting the regional lead)
    posts: tuple[DemoPost, ...]
    impact_summary: str


@dataclass(frozen=True)
class DemoCensus:
    ods_code: str
    year: int
    nhs_wte: Decimal
    headcount: int


def demo_staffing(organisations: list[DemoOrganisation], seed: int) -> tuple[list[DemoCensus], list[DemoReturn]]:
    rng = random.Random(seed * 7919)  # noqa: S311 - synthetic data, not security
    census: list[DemoCensus] = []
    returns: list[DemoReturn] = []
    for organisation in organisations:
        # Each organisation has its own starting ratio and pace of improvement.
        base_ratio = min(3300.0, max(850.0, math.exp(rng.gauss(math.log(1850), 0.32))))
        improvement = rng.uniform(0.0, 0.035)
        never_qualified = rng.random() < 0.01
        for year in DEMO_YEARS:
            if not _open_in(organisation, year):
                continue
            years_back = LATEST_YEAR - year
            nhs = organisation.nhs_wte * Decimal(str(round((1 - 0.015 * years_back) * rng.uniform(0.99, 1.01), 4)))
            nhs = nhs.quantize(TWO_PLACES, ROUND_HALF_UP)
            census.append(DemoCensus(organisation.ods_code, year, nhs, int(nhs * Decimal("1.18"))))
            if rng.random() < 0.05:
                continue  # no return this year: shown as missing, never as zero
            ratio = base_ratio * (1 + improvement) ** years_back
            qualified = 0.0 if never_qualified else float(nhs) / ratio
            posts = _posts(rng, qualified)
            status = "submitted" if year == LATEST_YEAR and rng.random() < 0.03 else "published"
            impact = "" if rng.random() < 0.3 else _impact(rng, organisation.name, year)
            returns.append(DemoReturn(organisation.ods_code, year, status, posts, impact))
    return census, returns


def _posts(rng: random.Random, qualified_wte: float) -> tuple[DemoPost, ...]:
    posts: list[DemoPost] = []
    remaining = qualified_wte
    while remaining > 0.05:
        wte = min(1.0, remaining) if remaining < 1 else rng.choice((1.0, 1.0, 1.0, 0.8, 0.6))
        title, role, band = rng.choice(QUALIFIED_ROLES[:4]) if posts else QUALIFIED_ROLES[4]
        qualification = rng.choices(("accredited_degree", "chartered", "fellow"), weights=(60, 35, 5))[0]
        specialty = rng.choice(SPECIALTIES) if role == "clinical librarian" else ""
        posts.append(DemoPost(title, role, band, _wte(wte), qualification, specialty))
        remaining -= float(_wte(wte))
    for _ in range(max(1, round(len(posts) * rng.uniform(0.4, 0.9)))):
        title, role, band = rng.choice(SUPPORT_ROLES)
        posts.append(
            DemoPost(
                title,
                role,
                band,
                _wte(rng.choice((1.0, 1.0, 0.8, 0.5))),
                rng.choice(("none", "none", "none", "studying")),
                "",
            )
        )
    return tuple(posts)


def _wte(value: float) -> Decimal:
    return max(
        Decimal("0.10"), min(Decimal("1.00"), Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP))
    ).quantize(TWO_PLACES)


def _impact(rng: random.Random, name: str, year: int) -> str:
    searches = rng.randint(120, 900)
    return (
        f"In {year} the service completed {searches} evidence searches for clinical and corporate teams at {name}; "
        f"{rng.randint(55, 85)}% of those who answered the impact questionnaire said the evidence changed or confirmed a decision about care."
    )


def _open_in(organisation: DemoOrganisation, year: int) -> bool:
    opened = organisation.opened_on.year if organisation.opened_on else None
    closed = organisation.closed_on.year if organisation.closed_on else None
    return (opened is None or opened <= year) and (closed is None or closed >= year)
