"""python -m benchmarks [--scale small|national] [--only NAME]

Each capability names its benchmark module (`benchmarks` in its capability.py), which exposes
NAMES (tuple of benchmark names) and run(scale: str, selected: list[str], folder: Path)
-> tuple[list[Result], list[str]] (results, context lines). They run in INSTALLED_APPS order."""

import argparse
import importlib
import os
import sys
import tempfile
from pathlib import Path
from types import ModuleType

from benchmarks.timing import Result

SCALES = ("national", "small")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="lksw-bench-") as folder:
        vendor = _set_up_django(Path(folder))
        modules = _benchmark_modules()
        names = [name for module in modules for name in module.NAMES]
        parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
        parser.add_argument("--scale", choices=SCALES, default="national")
        parser.add_argument("--only", choices=names, help="run one benchmark")
        args = parser.parse_args()
        selected = [args.only] if args.only else names
        from benchmarks import report

        results, context = _run(modules, args.scale, selected, Path(folder))
    report.print_table(results, context)
    path = report.write_json(results, context, {"scale": args.scale, "database": vendor})
    print(f"Written to {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return 0


def _set_up_django(folder: Path) -> str:
    """Settings default to test; a SQLite database goes in `folder`, never in var/."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lksworkforce.config.settings.test")
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'unused.sqlite3'}"
    import django
    from django.db import connection

    django.setup()
    return str(connection.vendor)


def _benchmark_modules() -> list[ModuleType]:
    """Every capability's benchmark module, in INSTALLED_APPS order."""
    from lksworkforce.core.capability import capabilities

    return [importlib.import_module(c.benchmarks) for c in capabilities() if c.benchmarks]


def _run(modules: list[ModuleType], scale: str, selected: list[str], folder: Path) -> tuple[list[Result], list[str]]:
    results: list[Result] = []
    context: list[str] = []
    for module in modules:
        wanted = [name for name in module.NAMES if name in selected]
        if wanted:
            more, lines = module.run(scale, wanted, folder)
            results += more
            context += lines
    return results, context


if __name__ == "__main__":
    sys.exit(main())
