"""The printed table and benchmarks/results/latest.json: the same figures in both."""

import json
import sys
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.timing import REPETITIONS, WARM_UPS, Result

HEADINGS = ("benchmark", "candidate ms", "baseline ms", "ratio", "budget", "verdict")
RESULTS_FILE = Path(__file__).parent / "results" / "latest.json"


def print_table(results: list[Result], context: list[str]) -> None:
    rows = [HEADINGS] + [_cells(r) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADINGS))]
    lines = [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = [f"  {r.name}: {note}" for r in results for note in r.notes]
    footer = [f"Median of {REPETITIONS} after {WARM_UPS} warm-up, candidate and baseline interleaved.", *context]
    print("\n".join([*lines, "", *notes, "", *footer]), file=sys.stdout)


def _cells(result: Result) -> tuple[str, ...]:
    return (
        result.name,
        f"{result.candidate_ms:,.1f}",
        "-" if result.baseline_ms is None else f"{result.baseline_ms:,.1f}",
        "-" if result.ratio is None else f"{result.ratio:.2f}x",
        result.budget_label or ("-" if result.budget is None else f"{result.budget:.1f}x"),
        result.verdict,
    )


def write_json(results: list[Result], context: list[str], settings: dict[str, Any]) -> Path:
    RESULTS_FILE.parent.mkdir(exist_ok=True)
    document = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "warm_ups": WARM_UPS,
        "repetitions": REPETITIONS,
        **settings,
        "context": context,
        "results": [asdict(r) | {"ratio": r.ratio, "verdict": r.verdict} for r in results],
    }
    RESULTS_FILE.write_text(json.dumps(document, indent=2) + "\n")
    return RESULTS_FILE
