"""Typed settings from the environment (DESIGN.md, "Settled details").

Fail closed: the built-in development key exists only for the development server
(`make run` / `kansrijk serve`) and the one-shot commands beside it. Anything else — gunicorn,
`flask run`, any WSGI import of ``create_app()``, the ``kansrijk scheduler`` process — needs
an explicit strong ``SECRET_KEY``, and without ``KANSRIJK_ENV`` such a start counts as
production.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from matching.db import database_url_from_env, normalise_url
from matching.environment import whole_number
from matching.notices.settings import NoticeSettings
from matching.offers.making import LoopSettings
from matching.outbox.queue import MailSettings
from matching.signin.policy import SigninPolicy

ENVIRONMENTS = ("development", "testing", "production")
PLACEHOLDER_SECRETS = frozenset(
    {"", "change-me", "changeme", "secret", "dev", "placeholder", "your-secret-key"}
)
DEVELOPMENT_SECRET = "dev-only-secret-not-for-production"
MIN_SECRET_LENGTH = 32
MIN_SECRET_DISTINCT = 10
DEFAULT_SCHEDULE = "0 6 * * mon"
DEFAULT_HSTS_SECONDS = 365 * 24 * 3600
# Connections a web process keeps open: at least gunicorn's threads (8), or every request past
# the pool's size would open and close its own PostgreSQL connection.
DEFAULT_DB_POOL_SIZE = 10


class Launch(StrEnum):
    """How the app was started, which decides whether the development key may be used."""

    WSGI = "wsgi"  # gunicorn, flask run, any import of create_app(): never the development key
    DEVELOPMENT_SERVER = "development-server"  # `kansrijk serve` (make run)
    COMMAND = "command"  # one-shot CLI commands (db upgrade, seed, create-user, check-deploy)
    SCHEDULER = "scheduler"  # the `kansrijk scheduler` process: never the development key


DEVELOPMENT_KEY_LAUNCHES = frozenset({Launch.DEVELOPMENT_SERVER, Launch.COMMAND})


class ConfigError(RuntimeError):
    """A setting is missing or unsafe; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    """Everything the app reads from its environment."""

    env: str
    secret_key: str
    database_url: str
    schedule: str = DEFAULT_SCHEDULE
    mail: MailSettings = field(default_factory=MailSettings)
    proxy_hops: int = 0
    signin: SigninPolicy = field(default_factory=SigninPolicy)
    hsts_seconds: int = DEFAULT_HSTS_SECONDS
    db_pool_size: int = DEFAULT_DB_POOL_SIZE
    notices: NoticeSettings = field(default_factory=NoticeSettings)
    loop: LoopSettings = field(default_factory=LoopSettings)


def _flag(value: str | None) -> bool:
    """True for 1, true, yes or on."""
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def _whole_number(
    env_vars: Mapping[str, str], name: str, default: int, lowest: int = 0, highest: int = 2**31
) -> int:
    """The variable as a whole number within [lowest, highest]; a ConfigError when it is not."""
    try:
        return whole_number(env_vars, name, default, lowest, highest)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None


def secret_problem(secret: str) -> str | None:
    """Why a secret key is not strong enough (never quoting it), or None when it is."""
    if not secret.strip():
        return "SECRET_KEY is not set"
    if secret.strip().lower() in PLACEHOLDER_SECRETS or secret == DEVELOPMENT_SECRET:
        return "SECRET_KEY is a known placeholder or the development key"
    if len(secret) < MIN_SECRET_LENGTH or len(set(secret)) < MIN_SECRET_DISTINCT:
        return (
            f"SECRET_KEY is too weak: use at least {MIN_SECRET_LENGTH} random characters"
            " (e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))')"
        )
    return None


def check_secret(env: str, secret: str, *, development_key_allowed: bool = True) -> str:
    """The secret key to sign with; only development's own servers may fall back to a fixed one."""
    problem = secret_problem(secret)
    if problem is None:
        return secret
    if env == "development" and development_key_allowed:
        return DEVELOPMENT_SECRET
    raise ConfigError(
        f"{problem}; set SECRET_KEY to a long random value (only `kansrijk serve` in"
        f" development has a built-in key; this is {env})"
    )


def database_url_setting(instance_path: Path, environ: Mapping[str, str]) -> str:
    """DATABASE_URL (psycopg 3 for postgresql://), or SQLite in the instance folder."""
    url = environ.get("DATABASE_URL", "").strip()
    return normalise_url(url) if url else database_url_from_env(instance_path)


def default_environment(launch: Launch, *, testing: bool = False) -> str:
    """The environment when KANSRIJK_ENV is unset: production unless started for development."""
    if testing:
        return "testing"
    return "production" if launch == Launch.WSGI else "development"


def load_settings(
    instance_path: Path,
    environ: Mapping[str, str] | None = None,
    *,
    launch: Launch = Launch.COMMAND,
    testing: bool = False,
) -> Settings:
    """Read and check the settings; a weak secret is refused wherever no dev key is allowed."""
    env_vars = os.environ if environ is None else environ
    fallback = default_environment(launch, testing=testing)
    env = env_vars.get("KANSRIJK_ENV", fallback).strip() or fallback
    if env not in ENVIRONMENTS:
        raise ConfigError(f"KANSRIJK_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}")
    mail = MailSettings(
        host=env_vars.get("SMTP_HOST", "localhost"),
        port=_whole_number(env_vars, "SMTP_PORT", 25, lowest=1, highest=65535),
        user=env_vars.get("SMTP_USER") or None,
        password=env_vars.get("SMTP_PASSWORD") or None,
        starttls=_flag(env_vars.get("SMTP_STARTTLS")),
        sender=env_vars.get("MAIL_FROM") or MailSettings.sender,
    )
    secret = check_secret(
        env,
        env_vars.get("SECRET_KEY", ""),
        development_key_allowed=launch in DEVELOPMENT_KEY_LAUNCHES,
    )
    return Settings(
        env=env,
        secret_key=secret,
        database_url=database_url_setting(instance_path, env_vars),
        schedule=env_vars.get("KANSRIJK_SCHEDULE", DEFAULT_SCHEDULE).strip() or DEFAULT_SCHEDULE,
        mail=mail,
        proxy_hops=_whole_number(env_vars, "KANSRIJK_PROXY_HOPS", 0, highest=10),
        hsts_seconds=_whole_number(env_vars, "KANSRIJK_HSTS_SECONDS", DEFAULT_HSTS_SECONDS),
        signin=load_signin_policy(env_vars),
        db_pool_size=_whole_number(
            env_vars, "KANSRIJK_DB_POOL_SIZE", DEFAULT_DB_POOL_SIZE, lowest=1, highest=100
        ),
        loop=load_loop_settings(env_vars),
        notices=_notice_settings(env_vars),
    )


def load_loop_settings(env_vars: Mapping[str, str]) -> LoopSettings:
    """The volunteer loop's periods from KANSRIJK_OFFER_DAYS, KANSRIJK_START_CONFIRM_DAYS and
    KANSRIJK_INVITE_HOURS."""
    default = LoopSettings()
    return LoopSettings(
        offer_days=_whole_number(
            env_vars, "KANSRIJK_OFFER_DAYS", default.offer_days, lowest=1, highest=60
        ),
        start_confirm_days=_whole_number(
            env_vars,
            "KANSRIJK_START_CONFIRM_DAYS",
            default.start_confirm_days,
            lowest=1,
            highest=365,
        ),
        invite_hours=_whole_number(
            env_vars, "KANSRIJK_INVITE_HOURS", default.invite_hours, lowest=1, highest=720
        ),
    )


def _notice_settings(env_vars: Mapping[str, str]) -> NoticeSettings:
    """The notices' periods and link address; a bad value is a ConfigError naming it."""
    try:
        return NoticeSettings.from_env(env_vars)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None


def load_signin_policy(env_vars: Mapping[str, str]) -> SigninPolicy:
    """Throttling, session lifetimes, reset expiry and two-factor from KANSRIJK_* variables."""
    default = SigninPolicy()
    return SigninPolicy(
        max_failures=_whole_number(
            env_vars, "KANSRIJK_LOGIN_MAX_FAILURES", default.max_failures, lowest=1, highest=1000
        ),
        max_failures_per_address=_whole_number(
            env_vars,
            "KANSRIJK_LOGIN_MAX_FAILURES_PER_ADDRESS",
            default.max_failures_per_address,
            lowest=1,
            highest=100000,
        ),
        lock_minutes=_whole_number(
            env_vars, "KANSRIJK_LOGIN_LOCK_MINUTES", default.lock_minutes, lowest=1, highest=1440
        ),
        session_idle_minutes=_whole_number(
            env_vars,
            "KANSRIJK_SESSION_IDLE_MINUTES",
            default.session_idle_minutes,
            lowest=1,
            highest=1440,
        ),
        session_max_hours=_whole_number(
            env_vars, "KANSRIJK_SESSION_MAX_HOURS", default.session_max_hours, lowest=1, highest=720
        ),
        reset_minutes=_whole_number(
            env_vars, "KANSRIJK_RESET_MINUTES", default.reset_minutes, lowest=5, highest=1440
        ),
        require_2fa_coordinators=_flag(env_vars.get("KANSRIJK_REQUIRE_2FA_COORDINATORS")),
    )
