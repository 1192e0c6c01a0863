"""The production stack started for real: gunicorn (deploy/gunicorn.conf.py, TLS with a
throwaway certificate) and the ``kansrijk scheduler`` process on a PostgreSQL database.

Used by the smoke test and by ``bench/load.py``.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import re
import socket
import ssl
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.support import wait_until

ROOT = Path(__file__).resolve().parents[3]
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
SECRET = "stack-test-secret-1b9e5c7a3f2d8e4b6a0c9d1f"
CLI = [sys.executable, "-c", "from web.cli import main; main()"]
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def write_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost; (cert, key) paths."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "kansrijk-test")])
    now = dt.datetime.now(dt.UTC)
    names = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    return cert_path, key_path


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def production_environment(database_url: str, folder: Path, **extra: str) -> dict[str, str]:
    """The environment of the stack: production, a strong key, TLS, the given database."""
    cert, key = write_certificate(folder)
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("KANSRIJK_", "SMTP_")) and name not in {"SECRET_KEY", "MAIL_FROM"}
    }
    env.update(
        KANSRIJK_ENV="production",
        SECRET_KEY=SECRET,
        DATABASE_URL=database_url,
        KANSRIJK_TLS_CERT=str(cert),
        KANSRIJK_TLS_KEY=str(key),
        KANSRIJK_BIND=f"127.0.0.1:{free_port()}",
        KANSRIJK_WORKERS="2",
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(free_port()),  # nothing listens: the outbox keeps mail for a retry
    )
    env.update(extra)
    return env


def run_cli(env: dict[str, str], *args: str, stdin: str = "") -> str:
    """Run a ``kansrijk`` command; its output (raises with the output when it fails)."""
    done = subprocess.run(
        [*CLI, *args], env=env, input=stdin, capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    if done.returncode != 0:
        raise RuntimeError(f"kansrijk {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


@dataclass
class Stack:
    """The running stack: its HTTPS base URL and the certificate to trust."""

    base_url: str
    cert: Path
    env: dict[str, str]
    logs: Path
    pids: list[int] = field(default_factory=list)  # gunicorn's master (and the scheduler)

    def client(self, **kwargs: Any) -> httpx.Client:
        """An HTTP client that trusts the stack's certificate (and only it).

        It sends a same-origin Referer as a browser does: over HTTPS Flask-WTF requires one.
        """
        trust = ssl.create_default_context(cafile=str(self.cert))
        headers = {"Referer": f"{self.base_url}/"}
        return httpx.Client(base_url=self.base_url, verify=trust, headers=headers, **kwargs)


def _wait_until_up(stack: Stack, processes: list[subprocess.Popen[bytes]]) -> None:
    """Poll /healthz until it answers; raise with the logs when a process died."""

    def answers() -> bool:
        for process in processes:
            if process.poll() is not None:
                raise RuntimeError(f"stack process exited:\n{stack.logs.read_text()[-4000:]}")
        try:
            with stack.client(timeout=5) as client:
                return client.get("/healthz").status_code == 200
        except httpx.HTTPError:
            return False

    # A bound for a loaded machine, not a speed check.
    wait_until(answers, what="the stack to answer /healthz", timeout=120, interval=0.3)


@contextmanager
def running_stack(
    env: dict[str, str], folder: Path, scheduler: bool = True, root: Path = ROOT
) -> Iterator[Stack]:
    """gunicorn (and the scheduler process) running until the block ends.

    ``root`` is the source tree served (its deploy/gunicorn.conf.py and its packages): another
    checkout lets ``bench.load`` measure earlier code on the same database in the same run."""
    logs = folder / "stack.log"
    stack = Stack(f"https://127.0.0.1:{env['KANSRIJK_BIND'].rsplit(':', 1)[1]}",
                  Path(env["KANSRIJK_TLS_CERT"]), env, logs)  # fmt: skip
    conf = root / GUNICORN_CONF.relative_to(ROOT)
    commands = [[sys.executable, "-m", "gunicorn", "-c", str(conf)]]
    if scheduler:
        commands.append([*CLI, "scheduler"])
    with logs.open("wb") as log:
        processes = [
            subprocess.Popen(cmd, env=env, cwd=root, stdout=log, stderr=subprocess.STDOUT)
            for cmd in commands
        ]
        stack.pids.extend(process.pid for process in processes)
        try:
            _wait_until_up(stack, processes)
            yield stack
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(60)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(10)


def csrf_token(html: str) -> str:
    """The CSRF token of the first form on a page."""
    found = CSRF_RE.search(html)
    if found is None:
        raise AssertionError("no csrf_token on the page")
    return found.group(1)


def sign_in(client: httpx.Client, email: str, password: str) -> httpx.Response:
    """Fetch the sign-in form and post it with its CSRF token."""
    token = csrf_token(client.get("/auth/login").text)
    return client.post(
        "/auth/login", data={"email": email, "password": password, "csrf_token": token}
    )
