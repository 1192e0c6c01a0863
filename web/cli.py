"""The ``kansrijk`` command group: each package contributes its commands here.

A package's commands are imported only when they run (``PACKAGE_COMMANDS``), and the
group's own commands import Flask, Alembic and the scheduler inside their bodies, so
``kansrijk --help`` and ``kansrijk solve`` start without what they do not use.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from flask import Flask

# name -> (module, attribute, the command's one-line help for ``kansrijk --help``);
# tests/web/test_cli_start.py checks that each line is the command's own.
PACKAGE_COMMANDS: dict[str, tuple[str, str, str]] = {
    "seed": (
        "seed.cli",
        "seed",
        "Fill an empty database with demo data, all in one transaction (not in production).",
    ),
    "solve": (
        "solver.cli",
        "solve",
        "Solve PROBLEM_FILE (an assignment or placement problem, JSON) exactly.",
    ),
    "run-matching": (
        "matching.cli",
        "run_matching",
        "Run the weekly buddy matching now and store its proposals.",
    ),
    "create-user": (
        "matching.cli",
        "create_user_command",
        "Create a user who can sign in (the password is stored hashed).",
    ),
    "retention": (
        "matching.cli",
        "retention_command",
        "Apply the register's retention periods now (or, with --dry-run, list what would go).",
    ),
    "expire-offers": (
        "matching.cli",
        "expire_offers_command",
        "Expire every offer to a volunteer not answered in time (each full run does it too).",
    ),
}

# The subcommands that serve or run for good decide the launch (web.config.Launch values);
# everything else is one-shot. Plain strings, so that `kansrijk --help` imports no Flask.
LAUNCHES = {"serve": "development-server", "scheduler": "scheduler"}

QUIET_LOGGERS = ("apscheduler",)  # the scheduler's minute tick: shown with --verbose


class PackageCommandGroup(click.Group):
    """A click group that imports a package's command only when it is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """The group's own commands and the packages' commands, sorted."""
        return sorted({*super().list_commands(ctx), *PACKAGE_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command, importing its package's module on first use."""
        if cmd_name in PACKAGE_COMMANDS and cmd_name not in self.commands:
            module, attribute, _help = PACKAGE_COMMANDS[cmd_name]
            command: click.Command = getattr(importlib.import_module(module), attribute)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List every command with its one-line help, without importing the packages."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            command = self.commands.get(name)
            if command is not None and command.hidden:
                continue
            if command is None:  # not imported yet: its listed line, shortened the same way
                command = click.Command(name, help=PACKAGE_COMMANDS[name][2])
            rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


class AppContextObject(dict[str, Any]):
    """``ctx.obj``: builds the app (and its engine) only when a command asks for it."""

    def __missing__(self, key: str) -> Any:
        if key == "app":
            from web.app import create_app
            from web.config import ConfigError, Launch

            try:
                self["app"] = create_app(launch=Launch(self.get("launch", "command")))
            except ConfigError as exc:  # the message names the variable to set
                raise click.ClickException(str(exc)) from None
            return self["app"]
        if key == "engine":
            from matching.db import ENGINE_KEY

            return self["app"].extensions[ENGINE_KEY]
        if key == "instance_path":
            return self["app"].instance_path
        if key == "env":
            return self["app"].config["KANSRIJK_ENV"]
        raise KeyError(key)


def configure_logging() -> None:
    """Every command logs INFO and above to stderr."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")


def quiet_scheduler(*, verbose: bool = False) -> None:
    """The development server: the scheduler's routine INFO lines only when ``verbose``."""
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.INFO if verbose else logging.WARNING)


@click.group(cls=PackageCommandGroup)
@click.pass_context
def main(ctx: click.Context) -> None:
    """Kansrijk Match: matching volunteers and students for a fair start in Utrecht."""
    configure_logging()
    if not isinstance(ctx.obj, AppContextObject):
        ctx.obj = AppContextObject(ctx.obj or {})
    ctx.obj.setdefault("launch", LAUNCHES.get(ctx.invoked_subcommand or "", "command"))


@main.group()
def db() -> None:
    """Database schema commands."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
@click.pass_obj
def db_upgrade(obj: AppContextObject, revision: str) -> None:
    """Bring the database schema up to date with Alembic."""
    from web.migrate import upgrade

    app: Flask = obj["app"]
    upgrade(app.config["DATABASE_URL"], revision)
    click.echo(f"database at {revision}")


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--verbose", is_flag=True, help="Also log the scheduler's routine lines.")
@click.pass_obj
def serve(obj: AppContextObject, host: str, port: int, verbose: bool) -> None:
    """Serve the app with Flask's development server."""
    from scheduler.background import start_in_background

    quiet_scheduler(verbose=verbose)
    app: Flask = obj["app"]
    start_in_background(app)
    click.echo(f"Kansrijk Match on http://{host}:{port}/")
    app.run(host=host, port=port, debug=False, use_reloader=False)


@main.command("scheduler")
@click.pass_obj
def scheduler_command(obj: AppContextObject) -> None:
    """Run the weekly schedule and execute requested runs (the production process)."""
    from scheduler.background import run_forever

    run_forever(obj["app"])


@main.command("check-deploy")
def check_deploy() -> None:
    """List every production check (OK / WARNING / ERROR); exit status 1 on an error."""
    from matching.db import make_engine
    from web.app import instance_folder
    from web.config import database_url_setting
    from web.deploy_checks import Level, Target, run_checks

    environ = dict(os.environ)
    url = database_url_setting(instance_folder(), environ)
    engine = make_engine(url)
    try:
        findings = run_checks(Target(environ, url, engine))
    finally:
        engine.dispose()
    for finding in findings:
        click.echo(f"{finding.level:<8} {finding.check:<15} {finding.message}")
    errors = sum(finding.level == Level.ERROR for finding in findings)
    click.echo(f"{errors} error(s)" if errors else "no errors")
    if errors:
        sys.exit(1)
