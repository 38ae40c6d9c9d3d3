"""The synthetic library and knowledge staff of the demo organisations, and one account per role.

Pure, like organisations/demo/world.py, whose organisations they work in: the same seed always gives
the same people. Every person is invented, and every email address is in the reserved `.invalid`
top-level domain. A person carries their WTE because later data is built from it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from lksworkforce.accounts.people import PARA_PROFESSIONAL_BANDS, QualificationKind, Role
from lksworkforce.organisations.codes import OrganisationType
from lksworkforce.organisations.demo.world import AS_OF, DEFAULT_SEED, DemoOrganisation, demo_organisations

DEMO_EMAIL_DOMAIN = "demo.lksworkforce.invalid"

# Nationally, about 1 LKS WTE per this many NHS WTE; each organisation's own figure is drawn
# from the range below, then all are scaled together so that the national figure holds.
NATIONAL_NHS_WTE_PER_LKS_WTE = 1_500
NHS_WTE_PER_LKS_WTE = (1_000, 2_400)
# People per LKS WTE: about 1,280 people fill about 1,000 WTE nationally.
PEOPLE_PER_LKS_WTE = 1.28
PROFESSIONAL_SHARE = 0.60


@dataclass(frozen=True)
class DemoPerson:
    full_name: str
    email: str
    job_title: str
    band: str
    ods_code: str
    wte: Decimal
    qualifications: tuple[tuple[QualificationKind, date], ...]
    manages_service: bool = False  # the head of the organisation's LKS (service manager role)

    @property
    def is_professional(self) -> bool:
        return self.band not in PARA_PROFESSIONAL_BANDS


@dataclass(frozen=True)
class DemoAccount:
    """A sign-in with a known password, one per role, for demonstrations and manual testing."""

    key: str
    email: str
    full_name: str
    role: Role
    job_title: str
    band: str
    ods_code: str | None  # where they work (the staff role), if anywhere
    manages_ods_code: str | None = None
    leads_region_code: str | None = None
    qualifications: tuple[tuple[QualificationKind, date], ...] = ()


# --- Names ----------------------------------------------------------------------------------

# fmt: off
_FIRST_NAMES = (
    "Aaliyah", "Abdul", "Adaeze", "Aidan", "Aisha", "Alex", "Alice", "Amara", "Amir", "Anna",
    "Ayesha", "Beatrice", "Ben", "Bethan", "Callum", "Caroline", "Chloe", "Chidi", "Ciaran", "Claire",
    "Daniel", "Deepa", "Eleanor", "Elif", "Ellie", "Emeka", "Emma", "Ewan", "Fatima", "Freya",
    "Gareth", "Grace", "Hannah", "Harriet", "Imran", "Isla", "Jack", "Jasmine", "Jonah", "Kate",
    "Kavita", "Keisha", "Laura", "Leon", "Lucy", "Maria", "Marcus", "Megan", "Mohammed", "Naomi",
    "Nia", "Oliver", "Olivia", "Owen", "Priya", "Rachel", "Rhys", "Rosa", "Ruth", "Sam",
    "Sanjay", "Sarah", "Sean", "Sophie", "Tariq", "Tom", "Yasmin", "Zainab", "Zoe", "Wei",
)
_LAST_NAMES = (
    "Abbott", "Adeyemi", "Ahmed", "Akhtar", "Ashworth", "Bailey", "Barker", "Begum", "Bennett", "Bhatt",
    "Booth", "Bradshaw", "Brennan", "Campbell", "Chapman", "Chaudhry", "Clarke", "Collins", "Daly", "Davies",
    "Dixon", "Doyle", "Edwards", "Ellis", "Evans", "Farrell", "Fletcher", "Foster", "Gill", "Graham",
    "Hall", "Harper", "Hussain", "Iqbal", "Jackson", "James", "Jenkins", "Johnson", "Kaur", "Kelly",
    "Khan", "Lawson", "Lewis", "Lloyd", "Malik", "Marshall", "Mason", "Mensah", "Mitchell", "Morgan",
    "Murphy", "Nguyen", "Nowak", "Okafor", "Owusu", "Palmer", "Parker", "Patel", "Pearson", "Price",
    "Quinn", "Rahman", "Reid", "Richards", "Roberts", "Robinson", "Shah", "Sharma", "Singh", "Stewart",
    "Sutton", "Taylor", "Thomas", "Turner", "Walsh", "Ward", "Watson", "Webb", "Williams", "Wright",
    "Yates", "Young", "Zhang", "Kowalski", "Osei", "Fitzgerald", "Hughes", "Lowe", "Moss-Allen", "Pike",
)
# fmt: on
# --- Staff ----------------------------------------------------------------------------------

HEAD_TITLE = "Head of knowledge and library services"
MANAGER_TITLE = "Service manager"
# Job title -> (weight, {band: weight}).
_PROFESSIONAL_ROLES: dict[str, tuple[float, dict[str, float]]] = {
    "Librarian": (0.34, {"5": 0.6, "6": 0.4}),
    "Clinical librarian": (0.22, {"6": 0.5, "7": 0.5}),
    "Outreach librarian": (0.12, {"5": 0.5, "6": 0.5}),
    "Knowledge manager": (0.20, {"6": 0.3, "7": 0.5, "8a": 0.2}),
    "Embedded librarian": (0.12, {"6": 0.55, "7": 0.45}),
}
_PARA_PROFESSIONAL_ROLES: dict[str, tuple[float, dict[str, float]]] = {
    "Library assistant": (0.65, {"1": 0.04, "2": 0.36, "3": 0.60}),
    "Senior library assistant": (0.35, {"3": 0.3, "4": 0.7}),
}
_PART_TIME_WTE = (Decimal("0.40"), Decimal("0.50"), Decimal("0.60"), Decimal("0.80"))


def demo_staff(seed: int = DEFAULT_SEED, organisations: Sequence[DemoOrganisation] | None = None) -> list[DemoPerson]:
    """About 1,000 LKS staff in the organisations open at AS_OF, larger organisations having more.

    Each organisation's LKS is sized at about 1 WTE per 1,000 to 2,400 NHS WTE, scaled so that England
    as a whole has 1 per about 1,500 (at least 2 people in a trust; a national body may have none). The first person is its head, who manages the service;
    of everyone else, enough are professional (band 5 and above) for 60% of all staff to be.
    """
    if organisations is None:
        organisations = demo_organisations(seed)
    rng = random.Random(f"lksw-demo-staff:{seed}")  # noqa: S311 - demo data, not security
    sizes = [(organisation, size) for organisation, size in _service_sizes(rng, organisations) if size > 0]

    total = sum(size for _, size in sizes)
    heads = [(organisation, _head_post(rng, size)) for organisation, size in sizes]
    other_slots = total - len(heads)
    professional_others = max(0, min(other_slots, round(total * PROFESSIONAL_SHARE) - len(heads)))
    professional_flags = [True] * professional_others + [False] * (other_slots - professional_others)
    rng.shuffle(professional_flags)
    flags = iter(professional_flags)

    people: list[DemoPerson] = []
    for (organisation, size), (_, (head_title, head_band)) in zip(sizes, heads, strict=True):
        posts = [(head_title, head_band)]
        for _ in range(size - 1):
            professional = next(flags)
            if professional and organisation.type is OrganisationType.ARMS_LENGTH_BODY:
                posts.append(("Knowledge manager", _weighted(rng, _PROFESSIONAL_ROLES["Knowledge manager"][1])))
            else:
                posts.append(_post(rng, _PROFESSIONAL_ROLES if professional else _PARA_PROFESSIONAL_ROLES))
        for index, (title, band) in enumerate(posts):
            people.append(_person(rng, len(people) + 1, organisation, title, band, manages=index == 0))
    return people


def _service_sizes(rng: random.Random, organisations: Sequence[DemoOrganisation]) -> list[tuple[DemoOrganisation, int]]:
    """People in each organisation's LKS: at least 2 in a trust, none in some national and other bodies."""
    lks_wte: list[tuple[DemoOrganisation, float, bool]] = []
    for organisation in organisations:
        drawn = float(organisation.nhs_wte) / rng.uniform(*NHS_WTE_PER_LKS_WTE)
        has_service = organisation.is_open_at_as_of and (organisation.type.is_trust or rng.random() >= 0.3)
        lks_wte.append((organisation, drawn, has_service))
    served = [(organisation, drawn) for organisation, drawn, has_service in lks_wte if has_service]
    national = sum(float(organisation.nhs_wte) for organisation, _ in served) / NATIONAL_NHS_WTE_PER_LKS_WTE
    scale = national / (sum(drawn for _, drawn in served) or 1.0)
    sizes = []
    for organisation, drawn, has_service in lks_wte:
        people = round(drawn * scale * PEOPLE_PER_LKS_WTE) if has_service else 0
        if has_service:
            people = max(2 if organisation.type.is_trust else 1, people)
        sizes.append((organisation, people))
    return sizes


def _head_post(rng: random.Random, size: int) -> tuple[str, str]:
    if size <= 3:
        return MANAGER_TITLE, "8a"
    if size < 8:
        return HEAD_TITLE, rng.choice(("8a", "8a", "8b"))
    return HEAD_TITLE, rng.choice(("8b", "8b", "8c"))


def _post(rng: random.Random, roles: dict[str, tuple[float, dict[str, float]]]) -> tuple[str, str]:
    title = _weighted(rng, {name: weight for name, (weight, _) in roles.items()})
    return title, _weighted(rng, roles[title][1])


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _person(
    rng: random.Random, number: int, organisation: DemoOrganisation, title: str, band: str, *, manages: bool
) -> DemoPerson:
    first, last = rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)
    wte = Decimal("1.00") if rng.random() < 0.65 else rng.choice(_PART_TIME_WTE)
    return DemoPerson(
        full_name=f"{first} {last}",
        email=demo_email(f"{first}.{last}.{number}"),
        job_title=title,
        band=band,
        ods_code=organisation.ods_code,
        wte=wte,
        qualifications=_qualifications(rng, band, is_head=manages),
        manages_service=manages,
    )


def demo_email(local_part: str) -> str:
    return re.sub(r"[^a-z0-9.\-]", "", local_part.lower()) + "@" + DEMO_EMAIL_DOMAIN


# Years since the accredited degree, by band.
_YEARS_QUALIFIED: dict[str, tuple[int, int]] = {
    "5": (0, 6),
    "6": (2, 15),
    "7": (5, 25),
    "8a": (8, 30),
    "8b": (10, 33),
    "8c": (12, 35),
    "8d": (15, 35),
}
_CHARTERED_CHANCE = {"5": 0.10, "6": 0.25, "7": 0.45, "8a": 0.55, "8b": 0.6, "8c": 0.65, "8d": 0.7}


def _qualifications(rng: random.Random, band: str, *, is_head: bool) -> tuple[tuple[QualificationKind, date], ...]:
    """Most of band 5 and above hold an accredited degree, some also Chartership, a few Fellowship."""
    if band in PARA_PROFESSIONAL_BANDS:
        if band in {"3", "4"}:
            roll = rng.random()
            if roll < 0.18:
                return ((QualificationKind.STUDYING, _date_in(rng, AS_OF.year - 2, AS_OF.year - 1)),)
            if roll < 0.23:
                return ((QualificationKind.ACCREDITED_DEGREE, _date_in(rng, AS_OF.year - 12, AS_OF.year - 1)),)
        return ()
    if rng.random() >= (0.97 if is_head else 0.88):
        if band == "5" and rng.random() < 0.5:
            return ((QualificationKind.STUDYING, _date_in(rng, AS_OF.year - 2, AS_OF.year - 1)),)
        return ()
    low, high = _YEARS_QUALIFIED[band]
    degree = _date_in(rng, AS_OF.year - high, AS_OF.year - low - 1)
    held = [(QualificationKind.ACCREDITED_DEGREE, degree)]
    if rng.random() < _CHARTERED_CHANCE[band]:
        chartered = _date_in(rng, degree.year + 2, degree.year + 8)
        if chartered < AS_OF:
            held.append((QualificationKind.CHARTERED, chartered))
            if band in {"7", "8a", "8b", "8c", "8d"} and rng.random() < 0.1:
                fellow = _date_in(rng, chartered.year + 5, chartered.year + 15)
                if fellow < AS_OF:
                    held.append((QualificationKind.FELLOW, fellow))
    return tuple(held)


def _date_in(rng: random.Random, first_year: int, last_year: int) -> date:
    """A day within the years given (inclusive), never after AS_OF."""
    first = date(first_year, 1, 1)
    last = min(date(max(first_year, last_year), 12, 31), AS_OF)
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


# --- Demo accounts --------------------------------------------------------------------------

DEMO_ACCOUNT_EMAILS = tuple(
    demo_email(local) for local in ("national", "london.lead", "manager", "staff", "assistant", "curator")
)
LONDON = "Y56"


def demo_accounts(organisations: Iterable[DemoOrganisation]) -> list[DemoAccount]:
    """One account per role, with a known password. The service manager, staff member and library
    assistant work in the largest open London acute trust; the curator in the largest open mental
    health trust in the Midlands."""
    open_organisations = [o for o in organisations if o.is_open_at_as_of]
    home = _largest(open_organisations, OrganisationType.ACUTE, LONDON).ods_code
    curator_home = _largest(open_organisations, OrganisationType.MENTAL_HEALTH, "Y60").ods_code
    national, lead, manager, staff, assistant, curator = DEMO_ACCOUNT_EMAILS
    degree = QualificationKind.ACCREDITED_DEGREE
    return [
        DemoAccount(
            key="national_team",
            email=national,
            full_name="Morgan Ashby",
            role=Role.NATIONAL_TEAM,
            job_title="National LKS workforce development lead",
            band="8c",
            ods_code=None,
            qualifications=((degree, date(2001, 9, 14)), (QualificationKind.CHARTERED, date(2006, 5, 2))),
        ),
        DemoAccount(
            key="regional_lead",
            email=lead,
            full_name="Ife Okonjo",
            role=Role.REGIONAL_LEAD,
            job_title="Regional LKS lead, London",
            band="8b",
            ods_code=None,
            leads_region_code=LONDON,
            qualifications=((degree, date(2005, 11, 20)),),
        ),
        DemoAccount(
            key="service_manager",
            email=manager,
            full_name="Robin Calloway",
            role=Role.SERVICE_MANAGER,
            job_title=HEAD_TITLE,
            band="8b",
            ods_code=home,
            manages_ods_code=home,
            qualifications=((degree, date(2008, 7, 1)), (QualificationKind.CHARTERED, date(2012, 3, 9))),
        ),
        DemoAccount(
            key="staff",
            email=staff,
            full_name="Jess Adebayo",
            role=Role.STAFF,
            job_title="Librarian",
            band="5",
            ods_code=home,
            qualifications=((degree, date(2023, 11, 30)),),
        ),
        DemoAccount(
            key="library_assistant",
            email=assistant,
            full_name="Kit Marlow-Hayes",
            role=Role.STAFF,
            job_title="Library assistant",
            band="3",
            ods_code=home,
            qualifications=((QualificationKind.STUDYING, date(2025, 9, 22)),),
        ),
        DemoAccount(
            key="curator",
            email=curator,
            full_name="Sasha Brightwell",
            role=Role.CURATOR,
            job_title="Clinical librarian",
            band="6",
            ods_code=curator_home,
            qualifications=((degree, date(2015, 12, 4)),),
        ),
    ]


def _largest(organisations: Iterable[DemoOrganisation], kind: OrganisationType, region: str) -> DemoOrganisation:
    return max(
        (o for o in organisations if o.type is kind and o.region_code == region),
        key=lambda o: (o.nhs_wte, o.ods_code),
    )
