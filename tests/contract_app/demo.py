"""The test capability's demo seed: one audit event, so that the seed and its removal can be seen."""

from lksworkforce.core.capability import DemoContext, DemoRemoved
from lksworkforce.core.models import AuditEvent

SEEDED = "contract_app.seeded"


def present() -> bool:
    return False


def seed(context: DemoContext) -> list[str]:
    AuditEvent.objects.create(action=SEEDED, object_type="contract_app", object_id=str(context.seed), summary="Probe")
    return [f"Contract probe: seeded after {len(context.world)} things the earlier seeds made"]


def remove(context: DemoContext) -> list[DemoRemoved]:
    AuditEvent.objects.filter(action=SEEDED).delete()
    return []
