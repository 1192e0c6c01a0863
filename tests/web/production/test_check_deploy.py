"""``kansrijk check-deploy``: every production check listed, exit status 1 on an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.web.production.conftest import STRONG_SECRET, add_organisation, add_user
from web.cli import main

CLEAN = {
    "KANSRIJK_ENV": "",
    "SECRET_KEY": "",
    "SMTP_HOST": "",
    "MAIL_FROM": "",
    "KANSRIJK_PROXY_HOPS": "",
    "KANSRIJK_TLS_CERT": "",
    "KANSRIJK_HSTS_SECONDS": "",
}


def check_deploy(**env: str) -> Result:
    return CliRunner().invoke(main, ["check-deploy"], env={**CLEAN, **env})


def lines(result: Result) -> dict[str, str]:
    """check name → its line."""
    found = {}
    for line in result.output.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] in {"OK", "WARNING", "ERROR"}:
            found[parts[1]] = line
    return found


def test_a_development_setup_fails_with_every_error_named(tmp_path: Path) -> None:
    result = check_deploy(DATABASE_URL=f"sqlite:///{tmp_path / 'dev.sqlite'}", SECRET_KEY="dev")
    assert result.exit_code == 1, result.output
    found = lines(result)
    assert set(found) == {
        "secret_key", "environment", "database", "demo_accounts", "demo_passwords", "smtp",
        "https", "hsts",
    }  # fmt: skip
    assert found["secret_key"].startswith("ERROR") and "placeholder" in found["secret_key"]
    assert found["database"].startswith("ERROR") and "DATABASE_URL" in found["database"]
    assert found["smtp"].startswith("WARNING") and "SMTP_HOST" in found["smtp"]
    assert found["https"].startswith("WARNING")
    assert "2 error(s)" in result.output


def test_a_weak_hsts_setting_is_a_warning(tmp_path: Path) -> None:
    result = check_deploy(
        DATABASE_URL=f"sqlite:///{tmp_path / 'd.sqlite'}", KANSRIJK_HSTS_SECONDS="0"
    )
    assert lines(result)["hsts"].startswith("WARNING")


PRODUCTION = {
    "KANSRIJK_ENV": "production",
    "SECRET_KEY": STRONG_SECRET,
    "SMTP_HOST": "smtp.utrecht.example",
    "MAIL_FROM": "Kansrijk Match <noreply@utrecht.example>",
    "KANSRIJK_PROXY_HOPS": "1",
}


@pytest.mark.postgres
def test_a_production_setup_passes(pg_url: str) -> None:
    add_user(pg_url, add_organisation(pg_url), "carla@utrecht.example", "a-real-passphrase-42")
    result = check_deploy(DATABASE_URL=pg_url, **PRODUCTION)
    assert result.exit_code == 0, result.output
    assert all(line.startswith("OK") for line in lines(result).values()), result.output
    assert "no errors" in result.output


@pytest.mark.postgres
def test_an_account_with_a_demo_password_is_an_error(pg_url: str) -> None:
    org = add_organisation(pg_url)
    add_user(pg_url, org, "carla@utrecht.example", "demo-coordinator")
    result = check_deploy(DATABASE_URL=pg_url, **PRODUCTION)
    assert result.exit_code == 1
    found = lines(result)
    assert found["demo_passwords"].startswith("ERROR")
    assert "carla@utrecht.example" in found["demo_passwords"]
    assert found["demo_accounts"].startswith("OK")  # not in the demo domain: only the hash says


@pytest.mark.postgres
def test_a_demo_account_is_an_error(pg_url: str) -> None:
    add_user(pg_url, add_organisation(pg_url), "coordinator@kansrijk.demo", "another-pass-123")
    result = check_deploy(DATABASE_URL=pg_url, **PRODUCTION)
    assert result.exit_code == 1
    assert lines(result)["demo_accounts"].startswith("ERROR")
