"""Learning benchmarks (issue 11's budgets), one module per part: search, recommendations and the
catalogue import, each against a hand-written baseline measured in the same run. Each part's module
exposes NAMES and run(scale, selected, folder), like every benchmark module; this one concatenates
their NAMES and hands each part the names it owns."""

from pathlib import Path
from types import ModuleType

from benchmarks.learning import imports, recommendations, search
from benchmarks.timing import Result

PARTS: tuple[ModuleType, ...] = (search, recommendations, imports)
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
