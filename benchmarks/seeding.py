"""`seed_demo` on an empty database: issue 2's first `make run` (under 3 minutes) is migrate,
seed_demo and start-up. One run, absolute time, no baseline: a figure for context only."""

from pathlib import Path

from benchmarks.database import migrate, throwaway_database
from benchmarks.timing import Result, elapsed_ms
from lksworkforce.nonprod.services import demo_seed

NAMES: tuple[str, ...] = ("seed_demo",)
FIRST_RUN_BUDGET_SECONDS = 180


def run(scale: str, selected: list[str], folder: Path) -> tuple[list[Result], list[str]]:  # noqa: ARG001 - one size
    """The benchmarks module contract (benchmarks/__main__.py): one run of seed_demo."""
    return [seed_demo(folder)], []


def seed_demo(folder: Path) -> Result:
    with throwaway_database("seed", folder):
        migrate_ms = elapsed_ms(migrate)
        seed_ms = elapsed_ms(demo_seed)
    result = Result("seed_demo", seed_ms, budget_label=f"({FIRST_RUN_BUDGET_SECONDS} s)")
    result.notes += [
        f"one run on an empty, just-migrated database; migrate took {migrate_ms / 1000:.1f} s",
        f"migrate + seed_demo = {(migrate_ms + seed_ms) / 1000:.1f} s of the first `make run` budget of "
        f"{FIRST_RUN_BUDGET_SECONDS} s (install, npm ci and start-up come on top)",
    ]
    result.extra["migrate_ms"] = round(migrate_ms, 1)
    return result
