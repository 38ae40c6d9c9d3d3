"""The demo programmes' facilitators (synthetic, deterministic for the seed): in each current
region, an Action Learning Set and a knowledge management train-the-trainer event in 2024 and in
2025, the demo people of the region's organisations each trained (two to four an event, the event's
trainer named as who trained them), a programme trainer for the evidence synthesis programme
trained by a trainer rather than at an event, and the sessions they ran since (none after the demo's day),
each with the people it reached at one of the region's organisations."""

import random
from datetime import date, timedelta

from lksworkforce.accounts.demo.seed import demo_people
from lksworkforce.core.capability import DemoContext, DemoRemoved
from lksworkforce.organisations.demo.seed import demo_organisations_of, organisation_ids_of
from lksworkforce.organisations.models import Region
from lksworkforce.programmes.demo.setup import DEMO_DAY
from lksworkforce.programmes.models import FacilitatedSession, Facilitator, Programme, TrainingEvent
from lksworkforce.programmes.vocabulary import FacilitationKind

SYNTHETIC = " (synthetic)"
YEARS = (2024, 2025)
EVENTS = (
    (FacilitationKind.ACTION_LEARNING_SETS, "Action Learning Set facilitators", 3, "Action Learning Set"),
    (FacilitationKind.KNOWLEDGE_MANAGEMENT, "Knowledge management facilitators", 9, "Knowledge café"),
)


def _people_by_region(context: DemoContext) -> dict[str, list[int]]:
    ids = organisation_ids_of(context)
    region_of = {ids[o.ods_code]: o.region_code for o in demo_organisations_of(context) if o.ods_code in ids}
    found: dict[str, list[int]] = {}
    for pk, organisation_id in (
        demo_people().filter(is_active=True).order_by("email").values_list("pk", "organisation_id")
    ):
        if organisation_id in region_of:
            found.setdefault(region_of[organisation_id], []).append(pk)
    return found


def _organisations_by_region(context: DemoContext) -> dict[str, list[int]]:
    ids = organisation_ids_of(context)
    found: dict[str, list[int]] = {}
    for o in demo_organisations_of(context):
        if o.ods_code in ids and o.closed_on is None:
            found.setdefault(o.region_code, []).append(ids[o.ods_code])
    return found


def _sessions(
    rng: random.Random, facilitator: Facilitator, label: str, organisations: list[int], today: date
) -> list[FacilitatedSession]:
    rows = []
    for year in range(facilitator.trained_on.year, today.year + 1):
        wanted = rng.randint(0, facilitator.sessions_per_year) if facilitator.active else rng.randint(0, 1)
        for number in range(wanted):
            held_on = date(year, 1, 10) + timedelta(days=rng.randint(0, 340))
            if held_on <= facilitator.trained_on or held_on > today:
                continue
            rows.append(
                FacilitatedSession(
                    facilitator=facilitator,
                    held_on=held_on,
                    title=f"{label} {number + 1}{SYNTHETIC}",
                    organisation_id=rng.choice(organisations) if organisations else None,
                    people_reached=rng.randint(4, 10),
                )
            )
    return rows


def seed_part(context: DemoContext) -> list[str]:
    """Write this part's demo data; the lines it adds to the summary."""
    rng = random.Random(context.seed * 7919 + 120)  # noqa: S311 - deterministic demo data, not secrets
    today = DEMO_DAY
    people = _people_by_region(context)
    organisations = _organisations_by_region(context)
    trainer_programme = Programme.objects.filter(key="demo-evidence-synthesis").first()
    events = facilitators = 0
    sessions: list[FacilitatedSession] = []
    for region in Region.objects.current().order_by("code"):
        pool = list(people.get(region.code, []))
        rng.shuffle(pool)
        if len(pool) < 2:
            continue
        trainer = pool.pop()
        for year in YEARS:
            for kind, title, month, label in EVENTS:
                held_on = date(year, month, 4 + rng.randint(0, 20))
                event = TrainingEvent.objects.create(
                    kind=kind.value,
                    title=f"{title}, {region.name}, {year}{SYNTHETIC}",
                    held_on=held_on,
                    trainer_id=trainer,
                    region=region,
                )
                events += 1
                for _ in range(min(len(pool), rng.randint(2, 4))):
                    facilitator = Facilitator.objects.create(
                        person_id=pool.pop(),
                        kind=kind.value,
                        trained_on=held_on,
                        trained_at=event,
                        trained_by_id=trainer,
                        region=region,
                        sessions_per_year=rng.randint(2, 6),
                        active=rng.random() < 0.85,  # most are still active
                    )
                    facilitators += 1
                    sessions += _sessions(rng, facilitator, label, organisations.get(region.code, []), today)
        if pool and trainer_programme is not None:
            facilitator = Facilitator.objects.create(
                person_id=pool.pop(),
                kind=FacilitationKind.PROGRAMME_TRAINER.value,
                programme=trainer_programme,
                trained_on=date(2024, 11, 18),
                trained_by_id=trainer,
                region=region,
                sessions_per_year=rng.randint(1, 3),
            )
            facilitators += 1
            sessions += _sessions(
                rng, facilitator, "Evidence synthesis workshop", organisations.get(region.code, []), today
            )
    FacilitatedSession.objects.bulk_create(sessions)
    reached = sum(s.people_reached for s in sessions)
    return [
        f"Programmes: {events} training events, {facilitators} facilitators, {len(sessions):,} facilitated sessions "
        f"reaching {reached:,} people (synthetic)"
    ]


def remove_part(context: DemoContext) -> list[DemoRemoved]:  # noqa: ARG001 - every demo facilitator, whatever the seed
    facilitators = Facilitator.objects.filter(person__in=demo_people())
    count = facilitators.count()
    FacilitatedSession.objects.filter(facilitator__in=facilitators).delete()
    facilitators.delete()
    TrainingEvent.objects.filter(title__endswith=SYNTHETIC).delete()
    return [DemoRemoved(count, "facilitators")]
