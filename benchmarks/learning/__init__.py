"""Learning benchmarks (issue 11's budgets), one module per part: search, recommendations and the
catalogue import, each against a hand-written baseline measured in the same run."""

from pathlib import Path

from benchmarks.timing import Result

NAMES: tuple[str, ...] = ()


def run(scale: str, selected: list[str], folder: Path) -> tuple[list[Result], list[str]]:  # noqa: ARG001 - parts to come
    return [], []
