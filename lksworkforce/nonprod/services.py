"""Writing the synthetic demo world to the database: every capability's demo seed (core/capability.py),
in INSTALLED_APPS order, in one transaction. Bulk inserts: seconds, not minutes."""

from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from lksworkforce.core.capability import DEFAULT_DEMO_SEED, DemoContext, DemoRefusedError, DemoRemoved, demo_modules
from lksworkforce.core.models import AuditEvent

DEFAULT_SEED = DEFAULT_DEMO_SEED
DEFAULT_PASSWORD = "demo-password-2026"  # noqa: S105 - the published password of the demo accounts
SEEDED_ACTION = "demo.seeded"
SEEDED_OBJECT_TYPE = "nonprod.demo"


class DemoSeedError(Exception):
    """The demo data cannot be written; nothing was changed. The message says why, for a person."""


@dataclass(frozen=True)
class SeedOutcome:
    seed: int
    lines: tuple[str, ...]  # each capability's summary lines, in order
    removed: tuple[DemoRemoved, ...] = ()
    closing_lines: tuple[str, ...] = ()

    def summary_lines(self) -> list[str]:
        lines = [f"Synthetic demo data (seed {self.seed}): every organisation and person is invented."]
        if any(removed.count for removed in self.removed):
            lines.append("Removed earlier demo data: " + ", ".join(f"{r.count:,} {r.what}" for r in self.removed) + ".")
        return [*lines, *self.lines, *self.closing_lines]


def demo_data_present() -> bool:
    """Whether any capability's data that a seed would write is there already (organisations, demo people)."""
    return any(module.present() for module in demo_modules())


def organisations_exist() -> bool:
    """For --if-empty: whether the database holds data a seed would clash with."""
    return demo_data_present()


@transaction.atomic
def demo_seed(*, seed: int = DEFAULT_SEED, password: str = DEFAULT_PASSWORD, reset: bool = False) -> SeedOutcome:
    """Write the demo world for `seed`: each capability's demo data (organisations, people, one account
    per role with `password`, staffing, skills, surveys). Refuses when any capability's data is present,
    unless `reset`, which first removes the demo data of this (and any earlier) demo seed, in reverse order."""
    try:
        validate_password(password)
    except ValidationError as error:
        raise DemoSeedError("The demo password is not allowed: " + " ".join(error.messages)) from None

    modules = demo_modules()
    context = DemoContext(seed=seed, password=password, earlier_seeds=_earlier_seeds())
    removed: list[DemoRemoved] = []
    if reset:
        try:
            for module in reversed(modules):
                removed[:0] = module.remove(context)
        except DemoRefusedError as refused:
            raise DemoSeedError(str(refused)) from None
    elif demo_data_present():
        raise DemoSeedError(
            "The database already holds organisations or demo people; nothing was changed. "
            "Use --if-empty to skip seeding when data exists, or --reset to replace the demo data."
        )

    lines = [line for module in modules for line in module.seed(context)]
    AuditEvent.objects.create(
        action=SEEDED_ACTION,
        object_type=SEEDED_OBJECT_TYPE,
        object_id=str(seed),
        summary=f"Synthetic demo data loaded (seed {seed})",
        changes={"seed": seed, "summary": lines},
    )
    return SeedOutcome(
        seed=seed, lines=tuple(lines), removed=tuple(removed), closing_lines=tuple(context.closing_lines)
    )


def _earlier_seeds() -> frozenset[int]:
    return frozenset(
        int(seed)
        for seed in AuditEvent.objects.filter(action=SEEDED_ACTION, object_type=SEEDED_OBJECT_TYPE).values_list(
            "object_id", flat=True
        )
        if seed.lstrip("-").isdigit()
    )
