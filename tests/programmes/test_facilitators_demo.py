"""The facilitators' demo data: synthetic events in each region with people they trained and the
sessions those ran, the same for the same seed, none after today, and removed again."""

from decimal import Decimal

from django.utils import timezone

from lksworkforce.accounts.demo.world import DEMO_EMAIL_DOMAIN
from lksworkforce.core.capability import DemoContext
from lksworkforce.organisations.codes import OrganisationType
from lksworkforce.organisations.demo.world import DemoOrganisation
from lksworkforce.programmes.demo import facilitators as demo
from lksworkforce.programmes.models import FacilitatedSession, Facilitator, TrainingEvent
from tests.conftest import World
from tests.factories import UserFactory


def _context(world: World, seed: int = 7) -> DemoContext:
    organisations = [
        DemoOrganisation(o.ods_code, o.name, OrganisationType.ACUTE, region, "X", Decimal(1000), None)
        for o, region in ((world.london_a, "Y56"), (world.london_b, "Y56"), (world.north_west, "Y62"))
    ]
    ids = {o.ods_code: o.pk for o in (world.london_a, world.london_b, world.north_west)}
    return DemoContext(seed=seed, password="x", world={"organisations": organisations, "organisation_ids": ids})


def _snapshot() -> list[tuple[object, ...]]:
    return sorted(
        (s.facilitator.person.email, s.facilitator.region_id, s.held_on, s.people_reached)
        for s in FacilitatedSession.objects.select_related("facilitator__person")
    )


def test_the_demo_cascades(world: World) -> None:
    for n in range(12):
        for organisation in (world.london_a, world.north_west):
            UserFactory.create(email=f"p{n}.{organisation.ods_code}@{DEMO_EMAIL_DOMAIN}", organisation=organisation)
    lines = demo.seed_part(_context(world))
    assert "training events" in lines[0]
    events = TrainingEvent.objects.all()
    assert events.count() == 8  # two kinds, two years, two regions with demo people
    assert all(e.title.endswith("(synthetic)") for e in events)
    assert {f.region.code for f in Facilitator.objects.select_related("region")} == {"Y56", "Y62"}
    assert Facilitator.objects.filter(trained_at__isnull=False).count() >= 8
    assert FacilitatedSession.objects.exists()
    assert not FacilitatedSession.objects.filter(held_on__gt=timezone.localdate()).exists()
    first = _snapshot()
    removed = demo.remove_part(_context(world))
    assert removed[0].count > 0
    assert not Facilitator.objects.exists()
    assert not TrainingEvent.objects.exists()
    demo.seed_part(_context(world))
    assert _snapshot() == first
