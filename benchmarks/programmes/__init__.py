"""Programmes benchmarks (issue 12's budgets), one module per part: selection with fair shares, and
the equity dashboard, each against a baseline measured in the same run. Each part's module exposes
NAMES and run(scale, selected, folder); this one concatenates their NAMES and hands each part the
names it owns."""

from pathlib import Path
from types import ModuleType

from benchmarks.programmes import equity, selection
from benchmarks.timing import Result

PARTS: tuple[ModuleType, ...] = (selection, equity)
NAMES: tuple[str, ...] = tuple(name for part in PARTS for name in part.NAMES)


def run(scale: str, selected: list[str], folder: Path) -> tuple[list[Result], list[str]]:
    results: list[Result] = []
    context: list[str] = []
    for part in PARTS:
        wanted = [name for name in part.NAMES if name in selected]
        if wanted:
            more, lines = part.run(scale, wanted, folder)
            results += more
            context += lines
    return results, context
