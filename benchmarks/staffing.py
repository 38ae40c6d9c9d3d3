"""Staffing's benchmarks: the figure surfaces (dashboard, region page, ratio report) against one SQL
aggregate, with their query counts at two sizes of world, and return imports against a bulk insert."""

from dataclasses import dataclass
from pathlib import Path

from benchmarks.timing import Result

FIGURES = ("dashboard", "region_page", "ratio_report")
IMPORTS = ("import_return_csv", "import_return_xlsx")
NAMES: tuple[str, ...] = (*FIGURES, *IMPORTS)


@dataclass(frozen=True)
class Scale:
    organisations: int
    first_step: int  # query counts are taken at this many organisations, then at all of them


SCALES = {"national": Scale(organisations=250, first_step=25), "small": Scale(organisations=25, first_step=5)}


def run(scale: str, selected: list[str], folder: Path) -> tuple[list[Result], list[str]]:
    from benchmarks.database import migrate, throwaway_database

    with throwaway_database("world", folder):
        migrate()
        return _world_benchmarks(SCALES[scale], selected)


def _world_benchmarks(scale: Scale, selected: list[str]) -> tuple[list[Result], list[str]]:
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
