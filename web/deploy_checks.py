"""Production checks in the spirit of Django's ``check --deploy``.

Each check gives OK, WARNING or ERROR with a message naming the variable to set. The blocking
ones (``BLOCKING``) also run when the app or the scheduler starts in production, which then
refuses to start; ``kansrijk check-deploy`` lists them all and also tries every account
against the demo passwords (a password hash per account, too slow for every worker's start).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from matching.deployment.demo_accounts import demo_domain_accounts, demo_password_accounts
from web.config import DEFAULT_HSTS_SECONDS, ConfigError, secret_problem

MIN_HSTS_SECONDS = 180 * 24 * 3600


class Level(StrEnum):
    """How bad a finding is: only an error stops a production start."""

    OK = "OK"
    WARNING = "WARNING"
    ERROR = "ERROR"


@dataclass(frozen=True)
class Finding:
    """One check's result."""

    check: str
    level: Level
    message: str


@dataclass(frozen=True)
class Target:
    """What the checks look at: the environment and, where reachable, the database."""

    environ: Mapping[str, str]
    database_url: str
    engine: Engine | None = None


def check_secret_key(target: Target) -> Finding:
    """SECRET_KEY is set, long, random-looking and not a known value."""
    problem = secret_problem(target.environ.get("SECRET_KEY", ""))
    if problem:
        return Finding("secret_key", Level.ERROR, problem)
    return Finding("secret_key", Level.OK, "SECRET_KEY is set and strong")


def check_environment(target: Target) -> Finding:
    """KANSRIJK_ENV says production (secure cookies, HSTS, no demo data)."""
    env = target.environ.get("KANSRIJK_ENV", "").strip()
    if env == "production":
        return Finding("environment", Level.OK, "KANSRIJK_ENV=production")
    return Finding(
        "environment",
        Level.WARNING,
        f"KANSRIJK_ENV is {env or 'unset'}: set KANSRIJK_ENV=production (a WSGI start without"
        " it counts as production, the CLI as development)",
    )


def check_database(target: Target) -> Finding:
    """PostgreSQL rather than SQLite, and reachable."""
    if not target.database_url.startswith("postgresql"):
        return Finding(
            "database",
            Level.ERROR,
            "DATABASE_URL is not PostgreSQL: set DATABASE_URL=postgresql://user:pw@host/db"
            " (SQLite is for development: one writer at a time)",
        )
    if target.engine is not None:
        try:
            with target.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except SQLAlchemyError as exc:
            return Finding(
                "database", Level.ERROR, f"DATABASE_URL: cannot connect ({type(exc).__name__})"
            )
    return Finding("database", Level.OK, "PostgreSQL")


def check_demo_accounts(target: Target) -> Finding:
    """No active account of the demo data (its e-mail domain)."""
    if target.engine is None:
        return Finding("demo_accounts", Level.WARNING, "database not reachable: not checked")
    with Session(target.engine) as session:
        found = demo_domain_accounts(session)
    return _accounts_finding("demo_accounts", found, "demo accounts are active")


def check_demo_passwords(target: Target) -> Finding:
    """No active account signs in with one of the public demo passwords."""
    if target.engine is None:
        return Finding("demo_passwords", Level.WARNING, "database not reachable: not checked")
    with Session(target.engine) as session:
        found = demo_password_accounts(session)
    return _accounts_finding("demo_passwords", found, "accounts still hold a demo password")


def _accounts_finding(check: str, emails: list[str], what: str) -> Finding:
    """ERROR naming how many accounts (and the first few), else OK."""
    if not emails:
        return Finding(check, Level.OK, "none")
    shown = ", ".join(sorted(emails)[:5]) + (" …" if len(emails) > 5 else "")
    return Finding(
        check,
        Level.ERROR,
        f"{len(emails)} {what} ({shown}): deactivate them or set new passwords;"
        " a database seeded with `make run` is not for production",
    )


def check_smtp(target: Target) -> Finding:
    """Outgoing mail goes to a configured server with a real sender."""
    host = target.environ.get("SMTP_HOST", "").strip()
    if not host or host == "localhost":
        return Finding(
            "smtp", Level.WARNING, "SMTP_HOST is not set (localhost:25): mail may not leave"
        )
    if not target.environ.get("MAIL_FROM", "").strip():
        return Finding("smtp", Level.WARNING, "MAIL_FROM is not set: mail goes out as localhost")
    return Finding("smtp", Level.OK, f"SMTP_HOST={host}")


def check_https(target: Target) -> Finding:
    """HTTPS ends at gunicorn (a certificate) or at a reverse proxy the app trusts."""
    hops = target.environ.get("KANSRIJK_PROXY_HOPS", "0").strip() or "0"
    if hops != "0":
        return Finding("https", Level.OK, f"behind {hops} reverse proxy(ies) (KANSRIJK_PROXY_HOPS)")
    if target.environ.get("KANSRIJK_TLS_CERT", "").strip():
        return Finding("https", Level.OK, "gunicorn serves HTTPS (KANSRIJK_TLS_CERT)")
    return Finding(
        "https",
        Level.WARNING,
        "neither KANSRIJK_PROXY_HOPS nor KANSRIJK_TLS_CERT is set: serve HTTPS through nginx"
        " (KANSRIJK_PROXY_HOPS=1) or gunicorn (KANSRIJK_TLS_CERT, KANSRIJK_TLS_KEY)",
    )


def check_hsts(target: Target) -> Finding:
    """Browsers are told to use HTTPS only, for at least half a year."""
    raw = target.environ.get("KANSRIJK_HSTS_SECONDS", "").strip()
    seconds = int(raw) if raw.isdigit() else DEFAULT_HSTS_SECONDS
    if raw and not raw.isdigit():
        return Finding("hsts", Level.ERROR, f"KANSRIJK_HSTS_SECONDS is not a number: {raw!r}")
    if seconds < MIN_HSTS_SECONDS:
        return Finding(
            "hsts",
            Level.WARNING,
            f"KANSRIJK_HSTS_SECONDS={seconds}: use at least {MIN_HSTS_SECONDS} (half a year)",
        )
    return Finding("hsts", Level.OK, f"Strict-Transport-Security max-age={seconds}")


Check = Callable[[Target], Finding]
BLOCKING: tuple[Check, ...] = (check_secret_key, check_database, check_demo_accounts)
ALL_CHECKS: tuple[Check, ...] = (
    check_secret_key,
    check_environment,
    check_database,
    check_demo_accounts,
    check_demo_passwords,
    check_smtp,
    check_https,
    check_hsts,
)


def run_checks(target: Target, checks: tuple[Check, ...] = ALL_CHECKS) -> list[Finding]:
    """Every check's finding, in order."""
    return [check(target) for check in checks]


def refuse_unsafe_start(target: Target) -> None:
    """Production start: raise ConfigError listing every blocking error, else return."""
    errors = [f for f in run_checks(target, BLOCKING) if f.level == Level.ERROR]
    if errors:
        lines = "; ".join(f"{f.check}: {f.message}" for f in errors)
        raise ConfigError(f"refusing to start in production ({lines}); see `kansrijk check-deploy`")
