"""The production stack for real: gunicorn with 2 workers serving TLS, the scheduler process and
PostgreSQL, driven over HTTPS by a real client; and the README's command refusing to start
without its variables."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.support import wait_until
from tests.web.production.conftest import add_organisation
from tests.web.production.stack import (
    GUNICORN_CONF,
    ROOT,
    Stack,
    csrf_token,
    production_environment,
    run_cli,
    running_stack,
    sign_in,
    write_certificate,
)
from tests.web.production.test_production_start import forged_cookie
from web.app import create_app
from web.config import DEVELOPMENT_SECRET, Launch
from web.database import ENGINE_KEY

EMAIL, PASSWORD = "carla@utrecht.example", "stack-journey-passphrase-7"
EXPORT = "/coordinator/people/families/export.csv"


def test_the_readme_production_command_refuses_to_start_without_variables(tmp_path: Path) -> None:
    env = production_environment(f"sqlite:///{tmp_path / 'none.sqlite'}", tmp_path)
    for name in ("SECRET_KEY", "KANSRIJK_ENV", "DATABASE_URL"):
        env.pop(name)
    done = subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF)],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode != 0
    assert "SECRET_KEY" in done.stdout + done.stderr
    assert "Booting worker" not in done.stdout + done.stderr or "failed to boot" in (
        done.stdout + done.stderr
    )


def _journey_until_signed_out(stack: Stack) -> tuple[httpx.Client, dict[str, str]]:
    """Sign in, request a run, see the scheduler process finish it, sign out."""
    client = stack.client(timeout=30)
    signed_in = sign_in(client, EMAIL, PASSWORD)
    assert signed_in.status_code == 302 and signed_in.headers["location"].endswith("/coordinator/")
    assert signed_in.headers["strict-transport-security"].startswith("max-age=")
    cookie = dict(client.cookies)
    page = client.get("/coordinator/runs/")
    assert page.status_code == 200
    requested = client.post("/coordinator/runs/", data={"csrf_token": csrf_token(page.text)})
    assert requested.status_code == 302
    status_url = requested.headers["location"].rstrip("/") + "/status"
    status = wait_until(
        lambda: (answer := client.get(status_url).json())["done"] and answer,
        what="the scheduler process to finish the run",
        timeout=120,
        interval=0.2,
    )
    assert status["status"] == "succeeded", status
    home = client.get("/coordinator/")
    assert (
        client.post("/auth/logout", data={"csrf_token": csrf_token(home.text)}).status_code == 302
    )
    assert client.get("/coordinator/").status_code == 302  # signed out
    return client, cookie


@pytest.mark.postgres
@pytest.mark.slow
def test_https_smoke_journey_on_the_production_stack(pg_url: str, tmp_path: Path) -> None:
    env = production_environment(pg_url, tmp_path)
    run_cli(env, "db", "upgrade")
    add_organisation(pg_url)
    created = run_cli(
        env, "create-user", "--email", EMAIL, "--name", "Carla", "--role", "coordinator",
        "--organisation", "utrecht", stdin=f"{PASSWORD}\n{PASSWORD}\n",
    )  # fmt: skip
    assert f"created coordinator {EMAIL}" in created
    with running_stack(env, tmp_path) as stack:
        with httpx.Client(base_url=stack.base_url, verify=False) as plain:
            assert plain.get("/healthz").status_code == 200  # TLS is what serves it
        with pytest.raises(httpx.ConnectError):  # the certificate is only trusted when given
            httpx.get(stack.base_url + "/healthz", timeout=10)
        client, old_cookie = _journey_until_signed_out(stack)
        client.close()
        # The cookie copied while signed in opens nothing once its session was signed out.
        with stack.client(cookies=old_cookie) as replay:
            assert replay.get("/coordinator/").status_code == 302  # to the sign-in page
            assert replay.get(EXPORT).status_code == 302
        app = create_app({"SECRET_KEY": env["SECRET_KEY"]}, launch=Launch.COMMAND)
        forged = forged_cookie(app, 1, DEVELOPMENT_SECRET)
        app.extensions[ENGINE_KEY].dispose()
        with stack.client(cookies={"session": forged}) as attacker:
            assert attacker.get(EXPORT).status_code == 302  # to the sign-in page


def test_the_certificate_is_for_loopback(tmp_path: Path) -> None:
    cert, key = write_certificate(tmp_path)
    assert b"BEGIN CERTIFICATE" in cert.read_bytes()
    assert key.stat().st_mode & 0o777 == 0o600
