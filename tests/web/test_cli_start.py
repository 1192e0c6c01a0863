"""The ``kansrijk`` group starts without what a command does not use, and serves quietly."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import click
import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from click.testing import CliRunner

from tests.solver.test_problem_file import GOOD
from tests.support import wait_until
from web.cli import PACKAGE_COMMANDS, QUIET_LOGGERS, AppContextObject, main, quiet_scheduler

HEAVY = ("flask", "sqlalchemy", "sqlmodel", "alembic", "apscheduler", "ortools", "numpy")
SOLVE_NEVER = (
    "flask",
    "sqlalchemy",
    "sqlmodel",
    "alembic",
    "apscheduler",
    "solver.placement.solve",
)
REPORT = "import sys, json; print(json.dumps(sorted(sys.modules)))"


def modules_after(args: list[str], cwd: Path) -> set[str]:
    """The modules loaded by a fresh process that runs ``kansrijk ARGS``."""
    code = (
        "import sys, json\nfrom web.cli import main\n"
        f"main({args!r}, standalone_mode=False)\n{REPORT}\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=True
    )
    loaded: set[str] = set(json.loads(result.stdout.strip().splitlines()[-1]))
    return loaded


def loaded_from(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    """The loaded modules that are, or are inside, one of the packages."""
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in packages))


def test_each_listed_help_line_is_the_commands_own():
    for name, (_module, _attribute, listed) in PACKAGE_COMMANDS.items():
        command = main.get_command(click_context(), name)
        assert command is not None and command.help is not None
        for limit in (45, 200):
            shown = click.Command(name, help=listed).get_short_help_str(limit)
            assert shown == command.get_short_help_str(limit), name


def click_context() -> Any:
    """A context of the group, for looking commands up."""
    return main.make_context("kansrijk", ["--help"], resilient_parsing=True)


def test_help_lists_every_command_without_importing_them(tmp_path):
    modules = modules_after(["--help"], tmp_path)
    assert loaded_from(modules, HEAVY) == []
    assert loaded_from(modules, ("matching", "seed", "solver", "scheduler")) == []
    listed = CliRunner().invoke(main, ["--help"]).output
    for name in [*PACKAGE_COMMANDS, "db", "serve", "scheduler"]:
        assert f"  {name} " in listed


def test_solve_imports_neither_flask_nor_the_database_nor_cp_sat(tmp_path):
    problem = tmp_path / "problem.json"
    problem.write_text(json.dumps(GOOD))
    modules = modules_after(["solve", str(problem), "--out", str(tmp_path / "s.json")], tmp_path)
    assert loaded_from(modules, SOLVE_NEVER) == []
    assert json.loads((tmp_path / "s.json").read_text())["status"] == "OPTIMAL"


def run_one_scheduled_job() -> None:
    """Let a real APScheduler run one job, which it logs at INFO."""
    ran = threading.Event()
    scheduler = BackgroundScheduler()
    scheduler.start()
    scheduler.add_job(ran.set)
    assert ran.wait(30), "the scheduler did not run the job"
    # The scheduler's own loop removes the spent one-off job after handing it out: shutting
    # down before that made the loop's removal fail in its thread (JobLookupError).
    wait_until(lambda: not scheduler.get_jobs(), what="the spent job to be removed")
    scheduler.shutdown(wait=True)


@pytest.fixture
def scheduler_log_level():
    """Restore the scheduler loggers' levels that a test changes."""
    before = {name: logging.getLogger(name).level for name in QUIET_LOGGERS}
    yield
    for name, level in before.items():
        logging.getLogger(name).setLevel(level)


@pytest.mark.parametrize("verbose", [False, True])
def test_the_scheduler_tick_is_logged_only_when_verbose(caplog, scheduler_log_level, verbose):
    caplog.set_level(logging.INFO)
    quiet_scheduler(verbose=verbose)
    run_one_scheduled_job()
    logging.getLogger("werkzeug").info("GET / 200")
    logging.getLogger("apscheduler.scheduler").warning("a job missed its time")
    names = [(r.name, r.levelno) for r in caplog.records]
    ticks = [name for name, level in names if name.startswith("apscheduler") and level < 30]
    assert bool(ticks) is verbose, names
    assert ("werkzeug", logging.INFO) in names
    assert ("apscheduler.scheduler", logging.WARNING) in names


class FakeApp:
    """Stands in for the Flask app: records how ``serve`` started it."""

    def __init__(self) -> None:
        self.ran: dict[str, Any] = {}

    def run(self, **kwargs: Any) -> None:
        self.ran = kwargs
        self.apscheduler_level = logging.getLogger("apscheduler").level


@pytest.mark.parametrize(("flag", "level"), [([], logging.WARNING), (["--verbose"], logging.INFO)])
def test_serve_verbose_brings_the_scheduler_lines_back(
    monkeypatch, scheduler_log_level, flag, level
):
    started: list[object] = []
    monkeypatch.setattr("scheduler.background.start_in_background", started.append)
    app = FakeApp()
    result = CliRunner().invoke(
        main, ["serve", "--port", "5999", *flag], obj=AppContextObject(app=app)
    )
    assert result.exit_code == 0, result.output
    assert started == [app]
    assert app.ran["port"] == 5999
    assert app.apscheduler_level == level
