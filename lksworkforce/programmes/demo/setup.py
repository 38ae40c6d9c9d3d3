"""The demo programmes' setup (synthetic, deterministic for the seed): the two national leadership
programmes (apply for one, not both), each with a national cohort a year 2023-2027 whose places are
shared by region; the evidence synthesis skills programme in every current region each year
2024-2027 (the 2027 cohorts open for applications from November 2026; a one-day workshop, then three half-day problem-based sessions over three months); and
the knowledge management and Action Learning Set facilitator train-the-trainer programmes, one
cohort a year. Facilitators are demo people. Later parts read `context.world["programme_cohort_ids"]`."""

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from lksworkforce.accounts.demo.seed import demo_people
from lksworkforce.core.capability import DemoContext, DemoRemoved, framework_sub_areas
from lksworkforce.organisations.models import Region
from lksworkforce.programmes.models import Cohort, Programme, Session
from lksworkforce.programmes.vocabulary import Delivery, ProgrammeKind

LONDON = ZoneInfo("Europe/London")
KEY_PREFIX = "demo-"
SYNTHETIC = " (Synthetic demo data: not a real programme.)"


def _programmes() -> list[dict[str, object]]:
    return [
        {"key": "demo-mid-career-leadership", "title": "Mid-career leadership programme", "kind": ProgrammeKind.LEADERSHIP,
         "description": "A national leadership programme for mid-career library and knowledge staff, run with CILIP: "
                        "four days over six months, and a group project on a service change." + SYNTHETIC,
         "band_from": "6", "band_to": "7", "qualified_only": True, "delivery": Delivery.BLENDED,
         "completion_sessions": 3, "completion_needs_project": True, "gives_certificate": True,
         "needs_manager_support": True, "selection_criteria": ["Motivation", "Leadership potential", "Impact on the service"],
         "areas": ("11", "12"), "years": (2023, 2024, 2025, 2026, 2027), "capacity": 24,
         "sessions": [("Launch day", 0, 9, 30, 16, 30), ("Leading change", 49, 9, 30, 16, 30),
                      ("Influencing and advocacy", 105, 9, 30, 16, 30), ("Project presentations", 168, 9, 30, 16, 0)]},
        {"key": "demo-senior-leadership", "title": "Senior leadership programme", "kind": ProgrammeKind.LEADERSHIP,
         "description": "A national programme for senior library and knowledge leaders, with the NHS Leadership "
                        "Academy: strategy, system leadership and coaching." + SYNTHETIC,
         "band_from": "8a", "band_to": "9", "qualified_only": True, "delivery": Delivery.BLENDED,
         "completion_sessions": 4, "gives_certificate": True, "needs_manager_support": True,
         "selection_criteria": ["Strategic leadership", "System working", "Commitment to the programme"],
         "areas": ("12", "11"), "years": (2023, 2024, 2025, 2026, 2027), "capacity": 8,
         "sessions": [("Residential: leading systems", 0, 9, 0, 17, 0), ("Coaching set 1", 42, 13, 0, 16, 0),
                      ("Coaching set 2", 91, 13, 0, 16, 0), ("Residential: strategy", 147, 9, 0, 17, 0)]},
        {"key": "demo-evidence-synthesis", "title": "Synthesising and summarising evidence", "kind": ProgrammeKind.SKILLS,
         "description": "A one-day workshop and three half-day problem-based sessions over three months, for qualified "
                        "librarians in every region, with an impact survey afterwards." + SYNTHETIC,
         "band_from": "5", "qualified_only": True, "delivery": Delivery.BLENDED, "completion_sessions": 3,
         "gives_certificate": True, "areas": ("3", "9"), "years": (2024, 2025, 2026, 2027), "capacity": 15,
         "regional": True,
         "sessions": [("Workshop", 0, 9, 30, 16, 30), ("Problem-based session 1", 28, 9, 30, 12, 30),
                      ("Problem-based session 2", 56, 9, 30, 12, 30), ("Problem-based session 3", 84, 9, 30, 12, 30)]},
        {"key": "demo-km-facilitators", "title": "Knowledge management facilitators: train the trainer",
         "kind": ProgrammeKind.TRAIN_THE_TRAINER,
         "description": "Trains knowledge management facilitators who then run sessions in their region." + SYNTHETIC,
         "band_from": "6", "delivery": Delivery.FACE_TO_FACE, "gives_certificate": True, "areas": ("6",),
         "years": (2024, 2025, 2026), "capacity": 14,
         "sessions": [("Facilitation day 1", 0, 9, 30, 16, 30), ("Facilitation day 2", 14, 9, 30, 16, 30)]},
        {"key": "demo-als-facilitators", "title": "Action Learning Set facilitators: train the trainer",
         "kind": ProgrammeKind.TRAIN_THE_TRAINER,
         "description": "Trains Action Learning Set facilitators who then run sets in their region." + SYNTHETIC,
         "band_from": "6", "delivery": Delivery.BLENDED, "completion_sessions": 2, "gives_certificate": True,
         "areas": ("11",), "years": (2024, 2025, 2026), "capacity": 12,
         "sessions": [("Set facilitation", 0, 9, 30, 16, 30), ("Supervised set", 21, 10, 0, 13, 0),
                      ("Reflection and accreditation", 42, 13, 0, 16, 0)]},
    ]  # fmt: skip


def _sub_area_ids(areas: tuple[str, ...], numbers: dict[str, int]) -> list[int]:
    return [numbers[n] for area in areas for n in sorted(numbers) if n.split(".")[0] == area][:6]


def _starts(year: int, offset_weeks: int) -> date:
    """The first Monday of March of the year, moved on by a few weeks (regions start at different times)."""
    first = date(year, 3, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7 + 7 * offset_weeks)


# The demo's next cohorts (2027) take applications over the winter of 2026-27, so the demo has
# cohorts open for applications whenever it is tried in that season.
# The demo's "today": registers, facilitated sessions, feedback and follow-ups are written as they
# stand on this day, so the same seed gives the same demo whatever day it is loaded.
DEMO_DAY = date(2026, 12, 1)
NEXT_YEAR = 2027
NEXT_WINDOW = (date(2026, 11, 2), date(2027, 1, 29))


def _window(year: int, starts: date) -> tuple[date, date]:
    return NEXT_WINDOW if year == NEXT_YEAR else (starts - timedelta(days=70), starts - timedelta(days=35))


def _moment(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), LONDON)


def seed_part(context: DemoContext) -> list[str]:
    rng = random.Random(context.seed * 7919 + 12)  # noqa: S311 - deterministic demo data, not secrets
    numbers = dict(framework_sub_areas("lks-skills-2021") or {})
    regions = list(Region.objects.current().order_by("code"))
    people = list(demo_people().filter(is_active=True).order_by("email").values_list("pk", flat=True))
    made: dict[str, Programme] = {}
    cohort_ids: list[int] = []
    sessions = 0
    for spec in _programmes():
        values = {k: v for k, v in spec.items() if k not in {"areas", "years", "capacity", "sessions", "regional"}}
        programme = Programme.objects.create(**values)
        programme.sub_areas.set(_sub_area_ids(spec["areas"], numbers))  # type: ignore[arg-type]
        made[programme.key] = programme
        places: list[Region | None] = list(regions) if spec.get("regional") else [None]
        for year in spec["years"]:  # type: ignore[attr-defined]
            for index, region in enumerate(places):
                starts = _starts(year, index % 4)
                last = max(offset for _, offset, *_ in spec["sessions"])  # type: ignore[attr-defined]
                cohort = Cohort.objects.create(
                    programme=programme,
                    name=f"{year}, {region.name}" if region else f"{year} national cohort",
                    region=region,
                    starts_on=starts,
                    ends_on=starts + timedelta(days=last),
                    capacity=spec["capacity"],  # type: ignore[misc]
                    applications_open_on=_window(year, starts)[0],
                    applications_close_on=_window(year, starts)[1],
                    shares_places_by_region=region is None and programme.kind == ProgrammeKind.LEADERSHIP,
                )
                cohort_ids.append(cohort.pk)
                leads = rng.sample(people, k=min(2, len(people))) if people else []
                cohort.facilitators.set(leads)
                rows = [
                    Session(
                        cohort=cohort,
                        title=title,
                        starts_at=_moment(starts + timedelta(days=offset), sh, sm),
                        ends_at=_moment(starts + timedelta(days=offset), eh, em),
                        place=""
                        if "Coaching" in title
                        else f"Education Centre, {region.name if region else 'Birmingham'}",
                        online_link="https://meet.example.org/demo"
                        if "Coaching" in title or "Problem" in title
                        else "",
                        preparation="Read the pre-reading pack (synthetic)." if offset == 0 else "",
                    )
                    for title, offset, sh, sm, eh, em in spec["sessions"]  # type: ignore[attr-defined]
                ]
                Session.objects.bulk_create(rows)
                sessions += len(rows)
    made["demo-mid-career-leadership"].exclusive_with.add(made["demo-senior-leadership"])
    context.world["programme_cohort_ids"] = cohort_ids
    return [f"Programmes: {len(made)} programmes, {len(cohort_ids):,} cohorts, {sessions:,} sessions (synthetic)"]


def remove_part(context: DemoContext) -> list[DemoRemoved]:  # noqa: ARG001 - every demo programme, whatever the seed
    programmes = Programme.objects.filter(key__startswith=KEY_PREFIX)
    cohorts = Cohort.objects.filter(programme__in=programmes)
    count = programmes.count()
    Session.objects.filter(cohort__in=cohorts).delete()
    cohorts.delete()
    programmes.delete()
    return [DemoRemoved(count, "programmes")]


def present() -> bool:
    """Whether the demo programmes are there already."""
    return Programme.objects.filter(key__startswith=KEY_PREFIX).exists()
