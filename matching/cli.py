"""Commands of the matching package, added to the ``kansrijk`` group by web/cli.py."""

from __future__ import annotations

import time
from datetime import datetime

import click
from sqlalchemy.engine import Engine

from matching import clock
from matching.accounts import create_user
from matching.db import session_scope
from matching.models import Organisation
from matching.models.common import require_id
from matching.models.user import UserCreate
from matching.people.validation import InvalidRecord, from_validation_error
from matching.privacy.retention import (
    RetentionSettings,
    apply,
    plan,
    upload_folder,
    utc_now,
)
from matching.runs.execution import RunRefused, execute_run, request_run
from matching.runs.stats import read_objective
from matching.vocab import Role, RunStatus, RunTrigger


def _engine(ctx: click.Context) -> Engine:
    """The engine that the command group put in the context."""
    engine: Engine = ctx.obj["engine"]
    return engine


@click.command("run-matching")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), default=None, help="default today")
@click.option("--seed", default=0, show_default=True, type=int)
@click.option("--time-limit", default=30.0, show_default=True, type=float)
@click.pass_context
def run_matching(ctx: click.Context, as_of: datetime | None, seed: int, time_limit: float) -> None:
    """Run the weekly buddy matching now and store its proposals."""
    engine = _engine(ctx)
    with session_scope(engine) as session:
        run = request_run(
            session,
            trigger=RunTrigger.CLI,
            as_of=as_of.date() if as_of else clock.today(),
            seed=seed,
        )
    started = time.perf_counter()

    def progress(message: str) -> None:
        click.echo(f"[{time.perf_counter() - started:6.2f} s] {message}")

    try:
        done = execute_run(engine, require_id(run), time_limit_s=time_limit, progress=progress)
    except RunRefused as exc:
        raise click.ClickException(str(exc)) from None
    if done.status != RunStatus.SUCCEEDED:
        raise click.ClickException(f"run {done.id} failed: {done.error}")
    objective = read_objective(done)
    covered = objective.covered_by_priority
    click.echo(
        f"run {done.id} {done.solver_status}: {done.proposals_made} new proposals, "
        f"covered by priority {covered}, score {objective.score}, "
        f"{done.wall_s:.2f} s solving"
    )


@click.command("create-user")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", required=True, type=click.Choice([role.value for role in Role]))
@click.option("--organisation", "organisation_code", required=True, help="organisation code")
@click.password_option()
@click.pass_context
def create_user_command(
    ctx: click.Context, email: str, name: str, role: str, organisation_code: str, password: str
) -> None:
    """Create a user who can sign in (the password is stored hashed)."""
    from pydantic import ValidationError
    from sqlmodel import select

    with session_scope(_engine(ctx)) as session:
        org = session.exec(
            select(Organisation).where(Organisation.code == organisation_code)
        ).first()
        if org is None:
            raise click.ClickException(
                f"organisation: no organisation with code {organisation_code!r}"
            )
        try:
            data = UserCreate(
                email=email,
                name=name,
                role=role,
                organisation_id=require_id(org),
                password=password,
            )
            user = create_user(session, user_in=data)
        except ValidationError as exc:
            raise click.ClickException(str(from_validation_error(exc))) from None
        except InvalidRecord as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"created {user.role} {user.email}")


@click.command("retention")
@click.option("--dry-run", is_flag=True, help="only print what the next run would do")
@click.pass_context
def retention_command(ctx: click.Context, dry_run: bool) -> None:
    """Apply the register's retention periods now (or, with --dry-run, list what would go)."""
    try:
        settings = RetentionSettings.from_env()
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    folder = upload_folder(ctx.obj["instance_path"])
    now = utc_now()
    with session_scope(_engine(ctx)) as session:
        if dry_run:
            steps = plan(
                session, today=clock.today(), now=now, settings=settings, upload_dir=folder
            )
            for step in steps:
                click.echo(f"{step.step}\t{step.target}")
            click.echo(f"{len(steps)} steps (dry run: nothing changed)")
            return
        run = apply(
            session, today=clock.today(), now=now, settings=settings, upload_dir=folder,
            trigger=RunTrigger.CLI,
        )  # fmt: skip
        click.echo(f"retention run {run.id}: {len(run.actions)} steps {run.counts}")


@click.command("expire-offers")
@click.pass_context
def expire_offers_command(ctx: click.Context) -> None:
    """Expire every offer to a volunteer not answered in time (each full run does it too)."""
    from matching.offers.answers import expire_offers

    with session_scope(_engine(ctx)) as session:
        expired = expire_offers(session, utc_now())
    click.echo(f"{len(expired)} offers expired")
