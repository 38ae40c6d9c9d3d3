"""The layer rules of docs/architecture.md hold, and the check that enforces them (`make layers`,
import-linter with the contracts in pyproject.toml) fails when one of them is broken."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "lksworkforce"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """import-linter run on the package and pyproject.toml found in `tree`."""
    return subprocess.run(  # noqa: S603 - our own tool, on our own tree
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(tree / "pyproject.toml")],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin", "COLUMNS": "200"},
        capture_output=True,
        text=True,
        check=False,
    )


def copy_of_project(tmp_path: Path) -> Path:
    """The Python source and the contracts, without templates, assets or caches."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")

    def not_python(folder: str, names: list[str]) -> set[str]:
        return {name for name in names if not name.endswith(".py") and not Path(folder, name).is_dir()} | {
            "__pycache__"
        }

    shutil.copytree(PACKAGE, tmp_path / "lksworkforce", ignore=not_python)
    return tmp_path


def test_the_project_keeps_its_layers() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


# Each a module, the import it adds, and the contract that must then be broken.
VIOLATIONS = [
    pytest.param(
        "staffing/ratios.py", "import django.db", "Pure calculations import no Django", id="pure-imports-django"
    ),
    pytest.param(
        "skills/rollups.py", "from lksworkforce.skills import models", "Pure calculations", id="pure-imports-models"
    ),
    pytest.param("core/layer_breach.py", "from lksworkforce.staffing import ratios", "Layers", id="core-imports-app"),
    pytest.param(
        "staffing/layer_breach.py",
        "from lksworkforce.skills import gaps",
        "Layers",
        id="capabilities-import-each-other",
    ),
    pytest.param(
        "skills/api.py",
        "from lksworkforce.staffing.models import LksReturn",
        "Skills surfaces import no other app's models",
        id="api-imports-other-models",
    ),
]


@pytest.mark.parametrize(("module", "statement", "contract"), VIOLATIONS)
def test_a_broken_layer_rule_fails_the_check(tmp_path: Path, module: str, statement: str, contract: str) -> None:
    tree = copy_of_project(tmp_path)
    target = tree / "lksworkforce" / module
    before = target.read_text() if target.exists() else ""
    target.write_text(f"{before}\n{statement}  # deliberate breach\n")

    result = lint_imports(tree)

    assert result.returncode != 0
    broken = [line for line in result.stdout.splitlines() if " BROKEN" in line]
    assert any(line.startswith(contract) for line in broken), result.stdout
    breaching_module = "lksworkforce." + module.removesuffix(".py").replace("/", ".")
    assert f"{breaching_module} ->" in result.stdout  # the report names the import that broke it


SURFACES = ("views", "policy_views", "api", "urls", "management")


def surface_files() -> list[Path]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if "migrations" not in parts and any(part in SURFACES for part in parts[1:]):
            found.append(path)
    return found


def test_surfaces_read_and_write_through_selectors_and_services() -> None:
    """Pages, API operations and commands never query a manager (`Model.objects`) themselves."""
    assert len(surface_files()) > 20
    queries = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in surface_files()
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Attribute) and node.attr in {"objects", "_default_manager"}
    ]
    assert queries == []
