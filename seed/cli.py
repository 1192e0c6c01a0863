"""``kansrijk seed``: fill an empty database with demo data and print the demo accounts.

The engine comes from the click context (``ctx.obj["engine"]``), which the ``kansrijk``
group of ``web/`` provides; this package does not import ``web/``.
"""

from __future__ import annotations

import time
from datetime import datetime

import click
from sqlalchemy.engine import Engine

from matching import clock
from matching.db import session_scope
from seed.accounts import working_demo_logins
from seed.generate import SeedReport, has_organisations, seed_database
from seed.sizes import SIZES

DEFAULT_SIZE = "utrecht"
DEFAULT_SEED = 7


def _engine(ctx: click.Context) -> Engine:
    """The database engine the command group put in the context."""
    try:
        engine = ctx.obj["engine"]
    except (KeyError, TypeError):
        raise click.UsageError("no database engine in the context: run `kansrijk seed`") from None
    if not isinstance(engine, Engine):
        raise click.UsageError(f"ctx.obj['engine'] is a {type(engine).__name__}, not an Engine")
    return engine


def _environment(ctx: click.Context) -> str:
    """KANSRIJK_ENV as the command group knows it (development when it does not say)."""
    try:
        return str(ctx.obj["env"])
    except (KeyError, TypeError):
        return "development"


def _echo_report(report: SeedReport, seconds: float) -> None:
    """The counts, then one line per demo account: ``role  email  password``."""
    click.echo(
        f"seeded {report.size} (seed {report.seed}, as of {report.as_of.isoformat()}) "
        f"in {seconds:.1f} s"
    )
    width = max(len(name) for name in report.counts)
    for name, count in report.counts.items():
        click.echo(f"  {name:<{width}}  {count:>6}")
    _echo_accounts(report.accounts)


def _echo_accounts(accounts: list[tuple[str, str, str]]) -> None:
    """One line per demo account: ``role  email  password``."""
    click.echo("demo accounts (development only):")
    for role, email, password in accounts:
        click.echo(f"{role}  {email}  {password}")


@click.command("seed")
@click.option(
    "--size",
    type=click.Choice(list(SIZES)),
    default=DEFAULT_SIZE,
    show_default=True,
    help="small (tests), utrecht (the demo) or large (5 cities, ≥ 10,000 volunteers).",
)
@click.option("--seed", "seed_value", type=int, default=DEFAULT_SEED, show_default=True)
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The demo's today (YYYY-MM-DD); dates are relative to it. Default: today.",
)
@click.option("--if-empty", is_flag=True, help="Do nothing when there are organisations already.")
@click.pass_context
def seed(
    ctx: click.Context, size: str, seed_value: int, as_of: datetime | None, if_empty: bool
) -> None:
    """Fill an empty database with demo data, all in one transaction (not in production)."""
    if _environment(ctx) == "production":
        raise click.ClickException("demo data and demo passwords are not for production")
    engine = _engine(ctx)
    day = as_of.date() if as_of is not None else clock.today()
    started = time.perf_counter()
    with session_scope(engine) as session:
        if has_organisations(session):
            if if_empty:
                click.echo("the database has data already: nothing seeded")
                _echo_accounts(working_demo_logins(session))
                return
            raise click.ClickException(
                "the database already has organisations: seed an empty database "
                "(or pass --if-empty to skip)"
            )
        report = seed_database(session, size=size, seed=seed_value, as_of=day)
    _echo_report(report, time.perf_counter() - started)
