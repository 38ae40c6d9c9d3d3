"""The demo's certificates: one for each completed place of a demo programme that gives them,
deterministic for the seed, and removed with the demo."""

import pytest

from lksworkforce.core.capability import DemoContext
from lksworkforce.programmes import badges
from lksworkforce.programmes.demo import certificates as demo
from lksworkforce.programmes.models import Certificate
from lksworkforce.programmes.selectors import certificates as selectors
from tests.conftest import World
from tests.programmes.factories import CohortFactory, ProgrammeFactory, enrol
from tests.programmes.factories_certificates import COMPLETED_ON

pytestmark = pytest.mark.django_db


def _demo_places(world: World) -> None:
    programme = ProgrammeFactory.create(
        key="demo-evidence-synthesis", title="Evidence synthesis", gives_certificate=True
    )
    cohort = CohortFactory.create(programme=programme, name="2025, London")
    enrol(cohort, world.staff, status="completed", completed_on=COMPLETED_ON)
    enrol(cohort, world.colleague, status="completed", completed_on=COMPLETED_ON)
    enrol(cohort, world.outsider, status="not_completed")
    other = CohortFactory.create(programme=ProgrammeFactory.create(key="not-demo", gives_certificate=True))
    enrol(other, world.staff, status="completed", completed_on=COMPLETED_ON)


def test_the_demo_issues_certificates_alike_for_a_seed_and_removes_them(world: World) -> None:
    assert demo.seed_part(DemoContext(seed=7, password="x")) == []  # nothing completed: nothing issued
    _demo_places(world)
    lines = demo.seed_part(DemoContext(seed=7, password="x"))
    assert lines == ["Programmes: 2 certificates with signed Open Badges credentials (synthetic)"]
    first = {c.public_id: c.credential for c in Certificate.objects.all()}
    assert len(first) == 2
    assert all(badges.verify(c, selectors.verification_keys()).verified for c in first.values())
    assert demo.seed_part(DemoContext(seed=7, password="x")) == []  # none twice
    removed = demo.remove_part(DemoContext(seed=7, password="x"))
    assert [(r.count, r.what) for r in removed] == [(2, "programme certificates")]
    assert not Certificate.objects.exists()
    demo.seed_part(DemoContext(seed=7, password="x"))
    assert {c.public_id: c.credential for c in Certificate.objects.all()} == first
