"""The demo programmes' applications and places (synthetic, deterministic for the seed).

Leadership cohorts that have run: about one and a half applicants a place from the programme's
bands, each scored by the national team's demo account against every criterion; places offered by
the same selection the panel's page runs (regional fair shares where the cohort shares its
places); most offers accepted, a few declined and passed to the best on the waiting list; the rest
unsuccessful; now and then an application the service manager did not support. The 2027 cohorts
are open: applications waiting for a service manager's support (some from the demo manager's own
organisation) or for the panel. Skills and train-the-trainer cohorts are booked: first come,
first served, with a short waiting list where a cohort filled. The demo staff member has a place
on their region's 2026 evidence synthesis cohort and can book the 2027 one themselves.

Later parts read `context.world["programme_enrolment_ids"]`."""

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from lksworkforce.accounts.demo.seed import demo_people
from lksworkforce.accounts.demo.world import DEMO_ACCOUNT_EMAILS
from lksworkforce.accounts.models import User
from lksworkforce.accounts.people import AFC_BANDS
from lksworkforce.core.capability import DemoContext, DemoRemoved
from lksworkforce.programmes.demo.setup import KEY_PREFIX
from lksworkforce.programmes.models import Application, Cohort, Enrolment, PanelScore
from lksworkforce.programmes.selection import Candidate, select
from lksworkforce.programmes.selectors.applications import region_as_at
from lksworkforce.programmes.selectors.selection import fair_shares_for_cohort
from lksworkforce.programmes.vocabulary import ApplicationStatus as S
from lksworkforce.programmes.vocabulary import ProgrammeKind

OPEN_YEAR = 2027  # the cohorts taking applications in the demo (demo/setup.py)
STATEMENTS = (
    "I lead a small team and want to build the confidence to take our service into new clinical areas.",
    "I have led our move to an embedded model and want to develop as a leader across our system.",
    "I want to grow my skills in influencing senior stakeholders and making the case for our service.",
    "Our service is changing fast; I want to lead that change well and support my team through it.",
)
HIGHEST = 5  # a panel score per criterion is 0 to 5


@dataclass(frozen=True)
class _Person:
    pk: int
    band: str
    organisation_id: int | None
    qualified: bool


def _people() -> list[_Person]:
    found = demo_people().filter(is_active=True).order_by("email").prefetch_related("qualifications")
    return [_Person(p.pk, p.band, p.organisation_id, p.is_qualified) for p in found]


def _in_bands(band: str, band_from: str, band_to: str) -> bool:
    if band not in AFC_BANDS:
        return False
    index = AFC_BANDS.index(band)
    low = AFC_BANDS.index(band_from) if band_from else 0
    high = AFC_BANDS.index(band_to) if band_to else len(AFC_BANDS) - 1
    return low <= index <= high


class _Regions:
    """Each organisation's region as at a day, read once per organisation and year."""

    def __init__(self) -> None:
        self._known: dict[tuple[int, int], int | None] = {}

    def of(self, organisation_id: int | None, on: date) -> int | None:
        if organisation_id is None:
            return None
        key = (organisation_id, on.year)
        if key not in self._known:
            self._known[key] = region_as_at(organisation_id, on)
        return self._known[key]


def _moment(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), UTC)


def _eligible(cohort: Cohort, people: Sequence[_Person], regions: _Regions) -> list[_Person]:
    programme = cohort.programme
    found = [
        p
        for p in people
        if p.organisation_id is not None
        and _in_bands(p.band, programme.band_from, programme.band_to)
        and (p.qualified or not programme.qualified_only)
    ]
    if cohort.region_id is not None:
        found = [p for p in found if regions.of(p.organisation_id, cohort.starts_on) == cohort.region_id]
    return found


class _Writer:
    def __init__(self, rng: random.Random, regions: _Regions, panel: User | None) -> None:
        self.rng = rng
        self.regions = regions
        self.panel = panel
        self.applications = 0
        self.enrolment_ids: list[int] = []

    def apply(self, cohort: Cohort, person: _Person, status: S, *, on: date, **fields: object) -> Application:
        self.applications += 1
        return Application.objects.create(
            cohort=cohort,
            person_id=person.pk,
            statement=self.rng.choice(STATEMENTS) if cohort.programme.kind == ProgrammeKind.LEADERSHIP else "",
            status=status,
            organisation_id=person.organisation_id,
            region_id=self.regions.of(person.organisation_id, on),
            band=person.band,
            could_not_travel=self.rng.random() < 0.08,
            submitted_at=_moment(on, 10),
            **fields,
        )

    def enrol(self, application: Application, on: date) -> None:
        enrolment = Enrolment.objects.create(
            cohort=application.cohort,
            person_id=application.person_id,
            application=application,
            organisation_id=application.organisation_id,
            region_id=application.region_id,
            band=application.band,
            enrolled_at=_moment(on, 12),
        )
        self.enrolment_ids.append(enrolment.pk)

    def score(self, application: Application, criteria: int) -> Decimal:
        scores = [self.rng.randint(1, HIGHEST) for _ in range(criteria)]
        if self.panel is not None:
            PanelScore.objects.bulk_create(
                PanelScore(application=application, panel_member=self.panel, criterion=index, score=score)
                for index, score in enumerate(scores)
            )
        total = Decimal(sum(scores)).quantize(Decimal("0.01"))
        Application.objects.filter(pk=application.pk).update(score=total)
        return total


def _selected(writer: _Writer, cohort: Cohort, applicants: list[_Person]) -> None:
    """A leadership cohort that has run: applied, supported, scored, offered, answered."""
    rng, opened = writer.rng, cohort.applications_open_on or cohort.starts_on - timedelta(days=70)
    criteria = len(cohort.programme.selection_criteria or [])
    to_panel: list[tuple[Application, Decimal, int]] = []
    for order, person in enumerate(applicants):
        on = opened + timedelta(days=rng.randint(0, 30))
        if cohort.programme.needs_manager_support and rng.random() < 0.06:
            writer.apply(cohort, person, S.NOT_SUPPORTED, on=on, supported=False,
                         support_reason="Not this year: we have two people on long-term leave.")  # fmt: skip
            continue
        application = writer.apply(cohort, person, S.SUBMITTED, on=on, supported=True)
        to_panel.append((application, writer.score(application, criteria), order))
    candidates = [Candidate(a.pk, a.region.code if a.region else "", score, order) for a, score, order in to_panel]
    shares = fair_shares_for_cohort(cohort).by_region() or None
    places = cohort.capacity
    chosen = select(candidates, places, shares)
    by_id = {a.pk: a for a, _, _ in to_panel}
    offered_on = cohort.applications_close_on or cohort.starts_on - timedelta(days=30)
    waiting = list(chosen.waiting)
    for application_id in chosen.offered:
        application = by_id[application_id]
        if rng.random() < 0.1 and waiting:  # declined: the best on the waiting list takes the place
            _answer(application, S.DECLINED, offered_on)
            application = by_id[waiting.pop(0)]
        _answer(application, S.ACCEPTED, offered_on)
        writer.enrol(application, offered_on + timedelta(days=7))
    Application.objects.filter(pk__in=waiting).update(status=S.UNSUCCESSFUL)


def _answer(application: Application, status: S, offered_on: date) -> None:
    Application.objects.filter(pk=application.pk).update(
        status=status,
        offered_at=_moment(offered_on, 9),
        reply_by=offered_on + timedelta(days=14),
        replied_at=_moment(offered_on + timedelta(days=5), 15),
    )


def _open(writer: _Writer, cohort: Cohort, applicants: list[_Person], manager: User | None) -> None:
    """A 2027 leadership cohort taking applications: some wait for support (two of them the demo
    service manager's own people), some for the panel."""
    rng = writer.rng
    opened = cohort.applications_open_on or cohort.starts_on - timedelta(days=70)
    applicants = [p for p in applicants if manager is None or p.pk != manager.pk]
    ours = [p for p in applicants if manager is not None and p.organisation_id == manager.organisation_id][:2]
    others = [p for p in applicants if p not in ours]
    for person in [*ours, *rng.sample(others, k=min(len(others), cohort.capacity // 2))]:
        on = opened + timedelta(days=rng.randint(0, 20))
        waits = person in ours or (cohort.programme.needs_manager_support and rng.random() < 0.5)
        writer.apply(cohort, person, S.AWAITING_SUPPORT if waits else S.SUBMITTED, on=on,
                     supported=None if waits else True)  # fmt: skip


def _booked(writer: _Writer, cohort: Cohort, applicants: list[_Person], must: list[_Person]) -> None:
    """A skills or train-the-trainer cohort: places booked first come, first served."""
    rng = writer.rng
    opened = cohort.applications_open_on or cohort.starts_on - timedelta(days=70)
    running = cohort.starts_on.year < OPEN_YEAR
    wanted = rng.randint(cohort.capacity - 4, cohort.capacity + 3) if running else rng.randint(3, 6)
    others = [p for p in applicants if p not in must]
    chosen = [*must, *rng.sample(others, k=max(0, min(len(others), wanted - len(must))))]
    for order, person in enumerate(chosen):
        on = opened + timedelta(days=order // 2)
        if order < cohort.capacity:
            application = writer.apply(cohort, person, S.ACCEPTED, on=on, replied_at=_moment(on, 10))
            writer.enrol(application, on)
        else:
            writer.apply(cohort, person, S.WAITING if not running else S.UNSUCCESSFUL, on=on)


def seed_part(context: DemoContext) -> list[str]:
    rng = random.Random(context.seed * 7919 + 31)  # noqa: S311 - deterministic demo data, not secrets
    cohort_ids = context.made("programme_cohort_ids", list)
    national_email, _lead, manager_email, staff_email, *_ = DEMO_ACCOUNT_EMAILS
    accounts = {u.email: u for u in User.objects.filter(email__in=[national_email, manager_email, staff_email])}
    people = _people()
    staff = next((p for p in people if accounts.get(staff_email) and p.pk == accounts[staff_email].pk), None)
    manager = accounts.get(manager_email)
    writer = _Writer(rng, _Regions(), accounts.get(national_email))
    cohorts = Cohort.objects.filter(pk__in=cohort_ids).select_related("programme", "region").order_by("starts_on", "id")
    for cohort in cohorts:
        applicants = _eligible(cohort, people, writer.regions)
        rng.shuffle(applicants)
        if cohort.programme.kind == ProgrammeKind.LEADERSHIP:
            if cohort.starts_on.year >= OPEN_YEAR:
                _open(writer, cohort, applicants, manager)
            else:
                _selected(writer, cohort, applicants[: cohort.capacity * 3 // 2])
            continue
        must = (
            [staff]
            if staff is not None and cohort.starts_on.year == OPEN_YEAR - 1 and staff in applicants
            and cohort.programme.kind == ProgrammeKind.SKILLS
            else []
        )  # fmt: skip
        _booked(writer, cohort, applicants, must)
    context.world["programme_enrolment_ids"] = writer.enrolment_ids
    return [
        f"Programme applications: {writer.applications:,}, and {len(writer.enrolment_ids):,} places taken (synthetic)"
    ]


def remove_part(context: DemoContext) -> list[DemoRemoved]:  # noqa: ARG001 - every demo programme's, whatever the seed
    found = Application.objects.filter(cohort__programme__key__startswith=KEY_PREFIX)
    count = found.count()
    Enrolment.objects.filter(cohort__programme__key__startswith=KEY_PREFIX).delete()
    found.delete()
    return [DemoRemoved(count, "programme applications")]
