"""Typed settings from the environment (DESIGN.md, "Settled details")."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from matching.db import database_url_from_env, normalise_url
from matching.outbox.queue import MailSettings
from matching.signin.policy import SigninPolicy

ENVIRONMENTS = ("development", "testing", "production")
PLACEHOLDER_SECRETS = frozenset({"", "change-me", "changeme", "secret", "dev", "placeholder"})
DEVELOPMENT_SECRET = "dev-only-secret-not-for-production"
DEFAULT_SCHEDULE = "0 6 * * mon"


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


def _flag(value: str | None) -> bool:
    """True for 1, true, yes or on."""
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def _whole_number(
    env_vars: Mapping[str, str], name: str, default: int, lowest: int = 0, highest: int = 2**31
) -> int:
    """The variable as a whole number within [lowest, highest]; the default when unset."""
    value = env_vars.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or not lowest <= int(value) <= highest:
        raise ConfigError(
            f"{name} must be a whole number from {lowest} to {highest}, not {value!r}"
        )
    return int(value)


def check_secret(env: str, secret: str) -> str:
    """Outside development a real secret key is required; development may use a fixed one."""
    if secret.strip().lower() in PLACEHOLDER_SECRETS or len(secret) < 16:
        if env != "development":
            raise ConfigError(
                f"SECRET_KEY is missing or a placeholder; set a long random value ({env} has no"
                " built-in key, only development has)"
            )
        return DEVELOPMENT_SECRET
    return secret


def load_settings(instance_path: Path, environ: Mapping[str, str] | None = None) -> Settings:
    """Read and check the settings; outside development a placeholder secret is refused."""
    env_vars = os.environ if environ is None else environ
    env = env_vars.get("KANSRIJK_ENV", "development").strip() or "development"
    if env not in ENVIRONMENTS:
        raise ConfigError(f"KANSRIJK_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}")
    url = env_vars.get("DATABASE_URL", "").strip()
    mail = MailSettings(
        host=env_vars.get("SMTP_HOST", "localhost"),
        port=_whole_number(env_vars, "SMTP_PORT", 25, lowest=1, highest=65535),
        user=env_vars.get("SMTP_USER") or None,
        password=env_vars.get("SMTP_PASSWORD") or None,
        starttls=_flag(env_vars.get("SMTP_STARTTLS")),
        sender=env_vars.get("MAIL_FROM") or MailSettings.sender,
    )
    return Settings(
        env=env,
        secret_key=check_secret(env, env_vars.get("SECRET_KEY", "")),
        database_url=normalise_url(url) if url else database_url_from_env(instance_path),
        schedule=env_vars.get("KANSRIJK_SCHEDULE", DEFAULT_SCHEDULE).strip() or DEFAULT_SCHEDULE,
        mail=mail,
        proxy_hops=_whole_number(env_vars, "KANSRIJK_PROXY_HOPS", 0, highest=10),
        signin=load_signin_policy(env_vars),
    )


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
