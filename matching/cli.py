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
