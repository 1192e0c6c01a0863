"""The layers of DESIGN.md as import contracts: kept by the tree, broken by a wrong import."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
CONTRACTS = {c["id"]: c["name"] for c in CONFIG["importlinter"]["contracts"]}


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """Run the contract check on the tree, as `make lint` does."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def copy_tree(target: Path) -> Path:
    """A copy of the packages and their configuration, without caches."""
    skip = shutil.ignore_patterns("__pycache__", "*.mo", "static", "templates", "data")
    for package in CONFIG["importlinter"]["root_packages"]:
        shutil.copytree(ROOT / package, target / package, ignore=skip)
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    (target / "tests").mkdir()
    for name in ("__init__.py", "import_contracts.py"):  # the custom contract type
        shutil.copy(ROOT / "tests" / name, target / "tests" / name)
    return target


def test_the_real_tree_keeps_every_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in CONTRACTS.values():
        assert f"{name} KEPT" in result.stdout


@pytest.mark.parametrize(
    ("module", "wrong_import", "broken"),
    [
        ("solver/errors.py", "import web", "layers"),
        ("matching/db.py", "import web.migrate", "layers"),
        ("migrations/env.py", "from web.migrate import upgrade", "layers"),
        ("scheduler/jobs.py", "import solver.cli", "only-matching"),
        ("matching/db.py", "import flask", "domain-without-web"),
        ("solver/errors.py", "import sqlalchemy", "solver-standalone"),
        ("solver/assignment/flow.py", "from pandas import DataFrame", "solver-standalone"),
        ("solver/cli.py", "import requests", "solver-standalone"),
    ],
)
def test_a_wrong_import_breaks_its_contract(tmp_path, module, wrong_import, broken):
    tree = copy_tree(tmp_path)
    path = tree / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{wrong_import}  # wrong\n")
    result = lint_imports(tree)
    assert result.returncode != 0, result.stdout
    assert f"{CONTRACTS[broken]} BROKEN" in result.stdout
    kept = [name for key, name in CONTRACTS.items() if key != broken]
    assert all(f"{name} KEPT" in result.stdout for name in kept), result.stdout
    assert module.removesuffix(".py").replace("/", ".") in result.stdout


def test_the_standard_library_is_allowed_in_the_solver(tmp_path):
    tree = copy_tree(tmp_path)
    path = tree / "solver" / "errors.py"
    path.write_text(path.read_text(encoding="utf-8") + "\nimport xml.etree.ElementTree\n")
    result = lint_imports(tree)
    assert result.returncode == 0, result.stdout
