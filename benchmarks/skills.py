"""Skills benchmarks (see the issue's performance budget)."""

from pathlib import Path

from benchmarks.timing import Result

NAMES: tuple[str, ...] = ()


def run(scale: str, selected: list[str], folder: Path) -> tuple[list[Result], list[str]]:  # noqa: ARG001 - to be written
    return [], []
