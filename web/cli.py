"""The ``kansrijk`` command group: each package contributes its commands here."""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

import click
from flask import Flask

from matching.cli import create_user_command, run_matching
from matching.db import ENGINE_KEY, make_engine
from scheduler.background import run_forever, start_in_background
from seed.cli import seed
from solver.cli import solve
from web.app import create_app, instance_folder
from web.config import ConfigError, Launch, database_url_setting
from web.deploy_checks import Level, Target, run_checks
from web.migrate import upgrade

# The subcommands that serve or run for good decide the launch; everything else is one-shot.
LAUNCHES = {"serve": Launch.DEVELOPMENT_SERVER, "scheduler": Launch.SCHEDULER}


class AppContextObject(dict[str, Any]):
    """``ctx.obj``: builds the app (and its engine) only when a command asks for it."""

    def __missing__(self, key: str) -> Any:
        if key == "app":
            launch = self.get("launch", Launch.COMMAND)
            try:
                self["app"] = create_app(launch=launch)
            except ConfigError as exc:  # the message names the variable to set
                raise click.ClickException(str(exc)) from None
            return self["app"]
        if key == "engine":
            return self["app"].extensions[ENGINE_KEY]
        if key == "env":
            return self["app"].config["KANSRIJK_ENV"]
        raise KeyError(key)


@click.group()
@click.pass_context
def main(ctx: click.Context) -> None:
    """Kansrijk Match: matching volunteers and students for a fair start in Utrecht."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if not isinstance(ctx.obj, AppContextObject):
        ctx.obj = AppContextObject(ctx.obj or {})
    ctx.obj.setdefault("launch", LAUNCHES.get(ctx.invoked_subcommand or "", Launch.COMMAND))


@main.group()
def db() -> None:
    """Database schema commands."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
@click.pass_obj
def db_upgrade(obj: AppContextObject, revision: str) -> None:
    """Bring the database schema up to date with Alembic."""
    app: Flask = obj["app"]
    upgrade(app.config["DATABASE_URL"], revision)
    click.echo(f"database at {revision}")


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.pass_obj
def serve(obj: AppContextObject, host: str, port: int) -> None:
    """Serve the app with Flask's development server."""
    app: Flask = obj["app"]
    start_in_background(app)
    click.echo(f"Kansrijk Match on http://{host}:{port}/")
    app.run(host=host, port=port, debug=False, use_reloader=False)


@main.command("scheduler")
@click.pass_obj
def scheduler_command(obj: AppContextObject) -> None:
    """Run the weekly schedule and execute requested runs (the production process)."""
    run_forever(obj["app"])


@main.command("check-deploy")
def check_deploy() -> None:
    """List every production check (OK / WARNING / ERROR); exit status 1 on an error."""
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


def register_package_commands() -> None:
    """Add the commands that other packages define to the group."""
    for command in (seed, solve, run_matching, create_user_command):
        main.add_command(command)


register_package_commands()
