"""Installed as users install it: a wheel in a fresh venv can upgrade, seed and serve."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.support import wait_until

ROOT = Path(__file__).resolve().parent.parent
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "instance", "__pycache__", "*.mo",
    ".*_cache", "test-artifacts", "tests", "bench",
)  # fmt: skip

pytestmark = pytest.mark.slow

# Where the installed packages live, after using the package data they need (mail texts).
SHIPPED = """
import matching, migrations, web
from matching.outbox.texts import MailLanguage, MailTemplate, render_mail
params = dict(name="A", family="F", start="2026-12-01", run_id=1, trigger="cli", error="e",
              link="https://example.org/r", minutes=60, days=7, hours=48, inviter="C",
              preschool="P", preferences="https://example.org/p")
line = dict(district="D", due="2026-12-08", name="N", until="2027-01-01", family="F",
            since="2026-10-01", preschool="P", start="2027-02-01", end="2027-03-01", run="1",
            as_of="2026-12-07", proposals="3", covered="2", families="4", placed="1",
            link="https://example.org/n")
params["items"] = [line]
for template in MailTemplate:
    for language in MailLanguage:
        assert render_mail(template, language, **params).body
print(matching.__file__, migrations.__file__, web.__file__)
"""


def run(args: list[str | Path], cwd: Path, env: dict[str, str], timeout: float = 600) -> str:
    """Run a command; fail with its output when it fails."""
    result = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def free_port() -> int:
    """A loopback port that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def fetch(url: str) -> tuple[int, str] | None:
    """The status and body of a GET, or None while nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except OSError:
        return None


def alive(process: subprocess.Popen[bytes]) -> bool:
    """True while the process runs; fails the test at once when it has ended."""
    if process.poll() is not None:
        pytest.fail(f"the server ended with status {process.returncode}")
    return True


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv (no access to the test venv) with the wheel built from a copy of the repo."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", base / "dist", source],
        base, env)  # fmt: skip
    wheel = next((base / "dist").glob("kansrijk_match-*.whl"))
    run([sys.executable, "-m", "venv", base / "venv"], base, env)
    run([base / "venv" / "bin" / "python", "-m", "pip", "install", "-q", wheel], base, env)
    return base / "venv"


def test_a_wheel_installs_upgrades_seeds_and_serves(installed: Path, tmp_path: Path) -> None:
    bin_dir = installed / "bin"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(KANSRIJK_ENV="development", DATABASE_URL=f"sqlite:///{tmp_path / 'k.sqlite'}")
    where = run([bin_dir / "python", "-c", SHIPPED], tmp_path, env).split()
    assert all(Path(path).is_relative_to(installed) for path in where), where
    assert "database at head" in run([bin_dir / "kansrijk", "db", "upgrade"], tmp_path, env)
    assert "coordinator" in run([bin_dir / "kansrijk", "seed", "--size", "small"], tmp_path, env)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [bin_dir / "kansrijk", "serve", "--port", str(port)],
            cwd=tmp_path,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        answer = wait_until(
            lambda: alive(server) and fetch(f"http://127.0.0.1:{port}/auth/login"),
            what="the installed server to answer",
            timeout=60,
            interval=0.2,
        )
    finally:
        server.terminate()
        server.wait(30)
    status, body = answer
    assert status == 200
    assert 'name="password"' in body
    lines = log.read_text().splitlines()  # quiet by default: requests, not the scheduler
    assert any("GET /auth/login" in line for line in lines), lines
    assert not [line for line in lines if line.startswith("INFO apscheduler")], lines
