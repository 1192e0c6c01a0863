"""A small real production server for tests: ``gunicorn -w 2`` on a free local port, its
access log naming the worker (process id) that answered each request."""

from __future__ import annotations

import http.client
import importlib.util
import os
import re
import secrets
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support import missing, wait_until

ROOT = Path(__file__).resolve().parents[3]
LOG_FORMAT = "%(p)s %(m)s %(U)s %(s)s"


@dataclass
class Answer:
    """One HTTP answer."""

    status: int
    headers: http.client.HTTPMessage
    text: str


@dataclass
class Gunicorn:
    """The running server: where it listens and where it logs."""

    port: int
    access_log: Path

    def request(
        self, method: str, path: str, *, body: str | None = None, cookie: str | None = None
    ) -> Answer:
        """One request on a new connection (so either worker may take it)."""
        headers = {"Connection": "close"}
        if cookie:
            headers["Cookie"] = cookie
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return Answer(response.status, response.headers, response.read().decode())
        finally:
            connection.close()

    def workers_that_answered(self, method: str, path: str, count: int) -> list[int]:
        """The process ids of the workers that answered the first ``count`` such requests.

        A worker writes its access-log line just after its answer: wait for the lines."""

        def logged() -> list[int] | None:
            lines = self.access_log.read_text().splitlines()
            found = [re.match(r"<?(\d+)>? (\w+) (\S+) \d+", line) for line in lines]
            pids = [
                int(match.group(1))
                for match in found
                if match and (match.group(2), match.group(3)) == (method, path)
            ]
            return pids[:count] if len(pids) >= count else None

        return wait_until(logged, what=f"{count} access-log lines of {method} {path}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(server: Gunicorn, process: subprocess.Popen[bytes], log: Path) -> None:
    """Poll /healthz until it answers; fail with the log when gunicorn exited."""

    def answers() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn exited: {log.read_text()[-2000:]}")
        try:
            return server.request("GET", "/healthz").status == 200
        except OSError:
            return False

    wait_until(answers, what="gunicorn to answer /healthz", timeout=60, interval=0.2)


def _no_control_socket() -> list[str]:
    """Newer gunicorns open a control socket in ~/.gunicorn; tests running side by side
    must not share it."""
    from gunicorn.config import Config

    return ["--no-control-socket"] if "control_socket_disable" in Config().settings else []


@contextmanager
def gunicorn(database_url: str, folder: Path, **env: str) -> Iterator[Gunicorn]:
    """Serve ``web.app:create_app()`` with 2 workers on the database; stop it afterwards."""
    if importlib.util.find_spec("gunicorn") is None:
        missing("gunicorn is not installed (pip install -e '.[dev]')")
    port, log, access = _free_port(), folder / "gunicorn.log", folder / "access.log"
    environment = {
        **os.environ,
        "KANSRIJK_ENV": "testing",
        "SECRET_KEY": secrets.token_hex(32),
        "DATABASE_URL": database_url,
        **env,
    }
    command = [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}"]
    command += ["--access-logfile", str(access), "--access-logformat", LOG_FORMAT]
    command += _no_control_socket()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*command, "web.app:create_app()"], cwd=ROOT, env=environment, stdout=output,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        server = Gunicorn(port, access)
        try:
            _wait_until_up(server, process, log)
            yield server
        finally:
            process.terminate()
            process.wait(30)
