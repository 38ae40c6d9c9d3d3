"""python -m benchmarks [--scale small|national] [--only NAME]"""

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from benchmarks.timing import Result

FIGURES = ("dashboard", "region_page", "ratio_report")
IMPORTS = ("import_return_csv", "import_return_xlsx")
# Apps with their own benchmark module: name -> module in benchmarks/ exposing
# NAMES (tuple of benchmark names) and run(scale: str, selected: list[str], folder: Path)
# -> tuple[list[Result], list[str]] (results, context lines).
APP_MODULES = ("skills", "surveys")


def _app_names() -> dict[str, str]:
    import importlib

    return {name: module for module in APP_MODULES for name in importlib.import_module(f"benchmarks.{module}").NAMES}


NAMES = (*FIGURES, *IMPORTS, "seed_demo", *_app_names())


@dataclass(frozen=True)
class Scale:
    organisations: int
    first_step: int  # query counts are taken at this many organisations, then at all of them


SCALES = {"national": Scale(organisations=250, first_step=25), "small": Scale(organisations=25, first_step=5)}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--scale", choices=SCALES, default="national")
    parser.add_argument("--only", choices=NAMES, help="run one benchmark")
    args = parser.parse_args()
    selected = [args.only] if args.only else list(NAMES)
    with tempfile.TemporaryDirectory(prefix="lksw-bench-") as folder:
        vendor = _set_up_django(Path(folder))
        from benchmarks import report

        results, context = _run(SCALES[args.scale], args.scale, selected, Path(folder))
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


def _run(scale: Scale, scale_name: str, selected: list[str], folder: Path) -> tuple[list["Result"], list[str]]:
    from benchmarks import seeding
    from benchmarks.database import migrate, throwaway_database

    results: list[Result] = []
    context: list[str] = []
    if set(selected) & {*FIGURES, *IMPORTS}:
        with throwaway_database("world", folder):
            migrate()
            results, context = _world_benchmarks(scale, selected)
    if "seed_demo" in selected:
        results.append(seeding.run(folder))
    import importlib

    by_module = _app_names()
    for module in APP_MODULES:
        wanted = [name for name in selected if by_module.get(name) == module]
        if wanted:
            more, lines = importlib.import_module(f"benchmarks.{module}").run(scale_name, wanted, folder)
            results += more
            context += lines
    return results, context


def _world_benchmarks(scale: Scale, selected: list[str]) -> tuple[list["Result"], list[str]]:
    from benchmarks import figures, imports, world
    from benchmarks.timing import compare

    plan = world.plan(scale.organisations)
    first, rest = plan.organisations[: scale.first_step], plan.organisations[scale.first_step :]
    world.write(plan, first)
    surfaces = {name: call for name, call in figures.surfaces(world.national_team_user()).items() if name in selected}
    queries_before = {name: figures.query_count(call) for name, call in surfaces.items()}
    world.write(plan, rest)
    results = []
    for name, call in surfaces.items():
        queries = {len(first): queries_before[name], scale.organisations: figures.query_count(call)}
        result = compare(name, call, figures.baseline_aggregate, figures.BUDGET)
        constant = "constant" if len(set(queries.values())) == 1 else "NOT constant"
        result.notes.append(
            "SQL queries " + ", ".join(f"{n} at {o} organisations" for o, n in queries.items()) + f" ({constant})"
        )
        result.extra["queries"] = queries
        results.append(result)
    codes = [o.ods_code for o in plan.organisations]
    results += [imports.run(name.rsplit("_", 1)[1], codes) for name in IMPORTS if name in selected]
    return results, [f"World: {world.summary(plan)}; baseline: one SQL aggregate (figures), bulk insert (imports)."]


if __name__ == "__main__":
    sys.exit(main())
