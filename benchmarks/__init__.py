"""Performance harness (`make bench`, `python -m benchmarks`): each figure is measured against a
baseline in the same run and printed as a ratio with its budget. A report, not a gate: it exits 0
whatever the ratios, so CI stays green on a slow machine. Not part of `make test`."""
