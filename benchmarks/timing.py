"""Median of several repetitions after a warm-up; candidate and baseline interleaved, so that
both see the same machine, caches and database state."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

WARM_UPS = 1
REPETITIONS = 5


@dataclass
class Result:
    name: str
    candidate_ms: float
    baseline_ms: float | None = None
    budget: float | None = None  # the most the candidate may take, as a multiple of the baseline
    budget_label: str = ""  # for report-only figures: the budget they are context for
    notes: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        return None if self.baseline_ms is None else self.candidate_ms / self.baseline_ms

    @property
    def verdict(self) -> str:
        if self.ratio is None or self.budget is None:
            return "report"
        return "within" if self.ratio <= self.budget else "OVER"


def elapsed_ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def compare(
    name: str,
    candidate: Callable[[], object],
    baseline: Callable[[], object],
    budget: float,
    reset: Callable[[], object] = lambda: None,
) -> Result:
    """`reset` runs untimed before every call, so each call starts from the same state."""
    candidate_times, baseline_times = [], []
    for repetition in range(WARM_UPS + REPETITIONS):
        reset()
        candidate_ms = elapsed_ms(candidate)
        reset()
        baseline_ms = elapsed_ms(baseline)
        if repetition >= WARM_UPS:
            candidate_times.append(candidate_ms)
            baseline_times.append(baseline_ms)
    return Result(name, statistics.median(candidate_times), statistics.median(baseline_times), budget)
