"""The demo programmes' certificates (synthetic, deterministic for the seed): everyone who completed a
demo cohort of a programme that gives certificates gets one, signed with a key derived from the seed,
issued a week after they completed, with an id derived from the seed and the place. So the same
seed gives the same credentials, byte for byte (Ed25519 signatures are deterministic). Removal
removes the demo's certificates; the key stays, so nothing else it signed stops verifying."""

import uuid
from contextlib import suppress
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from lksworkforce.core.capability import DemoContext, DemoRemoved
from lksworkforce.core.problems import Rejected
from lksworkforce.programmes import badges
from lksworkforce.programmes.demo.setup import KEY_PREFIX
from lksworkforce.programmes.models import Certificate, Enrolment
from lksworkforce.programmes.services import certificates as services
from lksworkforce.programmes.vocabulary import EnrolmentStatus

LONDON = ZoneInfo("Europe/London")
ISSUED_AFTER = timedelta(days=7)


def demo_key(seed: int) -> bytes:
    return badges.key_from_seed("demo", str(seed))


def _public_id(seed: int, enrolment: Enrolment) -> uuid.UUID:
    cohort = enrolment.cohort
    words = f"lksw-demo-certificate:{seed}:{cohort.programme.key}:{cohort.name}:{enrolment.person.email}"
    return uuid.uuid5(uuid.NAMESPACE_URL, words)


def seed_part(context: DemoContext) -> list[str]:
    """Write this part's demo data; the lines it adds to the summary."""
    waiting = (
        Enrolment.objects.filter(
            cohort__programme__key__startswith=KEY_PREFIX,
            cohort__programme__gives_certificate=True,
            status=EnrolmentStatus.COMPLETED.value,
            certificate__isnull=True,
        )
        .select_related("cohort__programme", "person")
        .order_by("cohort__starts_on", "cohort__programme__key", "cohort__name", "person__email")
    )
    if not waiting.exists():
        return []
    with suppress(Rejected):  # the demo's key was rotated away since: what is issued now uses the key in use
        services.key_install(private_key=demo_key(context.seed), actor=None)
    issued = 0
    for enrolment in waiting:
        completed_on = enrolment.completed_on or enrolment.cohort.ends_on
        services.certificate_issue(
            enrolment=enrolment,
            actor=None,
            now=datetime.combine(completed_on + ISSUED_AFTER, time(10), LONDON),
            public_id=_public_id(context.seed, enrolment),
        )
        issued += 1
    return [f"Programmes: {issued:,} certificates with signed Open Badges credentials (synthetic)"]


def remove_part(context: DemoContext) -> list[DemoRemoved]:  # noqa: ARG001 - every demo certificate, whatever the seed
    certificates = Certificate.objects.filter(enrolment__cohort__programme__key__startswith=KEY_PREFIX)
    count = certificates.count()
    certificates.delete()
    return [DemoRemoved(count, "programme certificates")] if count else []
