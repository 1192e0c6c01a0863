"""`python -m bench.load`: a bounded load test against the production stack.

Starts what ``tests/web/production/test_stack.py`` starts — gunicorn (deploy/gunicorn.conf.py,
2 gthread workers, TLS) and PostgreSQL (a fresh database on TEST_DATABASE_URL's server) —
seeds the demo data (``--size``, default ``large``), runs the weekly matching once so that
students have a (proposed) placement, gives 80 placed students and 20 coordinators an
account (the demo accounts are deactivated, as production requires), signs everyone in
first (a password hash each: not part of the load), then measures, over loopback only and
bounded in requests and time:

1. 80 students opening their placement page at once;
2. 50 concurrent users: 20 coordinators paging through the people lists and 30 students.

Prints requests/s, p50/p95/p99 in ms and errors per phase. Target: p95 under 500 ms with 50
concurrent users, 0 errors.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import httpx
from sqlalchemy import text
from sqlmodel import Session, col, select

from matching.accounts import create_user
from matching.db import make_engine, session_scope
from matching.models import Organisation, Placement, Proposal, Student
from matching.models.user import UserCreate
from matching.runs.execution import execute_run, request_run
from seed import seed_database
from tests.web.production.stack import production_environment, running_stack, sign_in
from web.migrate import upgrade

AS_OF = date(2026, 11, 26)
PASSWORD = "load-test-passphrase-2026"
LISTS = ["volunteers", "families", "experts", "students", "groups"]


@dataclass
class Timings:
    """Latencies (s) and errors of one phase."""

    seconds: list[float] = field(default_factory=list)
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, elapsed: float, ok: bool) -> None:
        """Record one request."""
        with self.lock:
            self.seconds.append(elapsed)
            self.errors += 0 if ok else 1


def prepare(url: str, size: str) -> tuple[list[str], list[str]]:
    """Seed, run the matching once, make the accounts; (student e-mails, coordinator e-mails)."""
    upgrade(url)
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            seed_database(session, size=size, seed=7, as_of=AS_OF)
        with session_scope(engine) as session:
            run = request_run(session, trigger="user", as_of=AS_OF)
        execute_run(engine, run.id or 0)
        with session_scope(engine) as session:
            return _accounts(session)
    finally:
        engine.dispose()


def _accounts(session: Session) -> tuple[list[str], list[str]]:
    """80 placed students and 20 coordinators with accounts; demo accounts deactivated."""
    session.execute(text('UPDATE "user" SET active = false'))
    placed = session.exec(
        select(Proposal.student_id).where(col(Proposal.student_id).is_not(None)).distinct()
    ).all()
    placed += session.exec(select(Placement.student_id).distinct()).all()
    students = list(dict.fromkeys(placed))[:80]
    if len(students) < 80:  # the run placed fewer (e.g. no answer in its time limit): fill up
        others = session.exec(select(Student.id).where(col(Student.active))).all()
        students += [sid for sid in others if sid not in set(students)][: 80 - len(students)]
    print(f"# {len(set(placed))} students with a (proposed) placement; {len(students)} accounts")
    municipality = session.exec(
        select(Organisation).where(Organisation.kind == "municipality")
    ).first()
    assert municipality is not None and municipality.id is not None
    student_emails, coordinator_emails = [], []
    for n, student_id in enumerate(students):
        email = f"student{n}@load.example"
        org_id = session.execute(
            text("SELECT organisation_id FROM student WHERE id = :i").bindparams(i=student_id)
        ).scalar_one()
        create_user(session, user_in=UserCreate(email=email, name=f"S{n}", role="student",
                    organisation_id=org_id, student_id=student_id, password=PASSWORD))  # fmt: skip
        student_emails.append(email)
    for n in range(20):
        email = f"coordinator{n}@load.example"
        create_user(session, user_in=UserCreate(email=email, name=f"C{n}", role="coordinator",
                    organisation_id=municipality.id, password=PASSWORD))  # fmt: skip
        coordinator_emails.append(email)
    return student_emails, coordinator_emails


def signed_in_clients(stack, emails: list[str]) -> list[httpx.Client]:
    """A client per account, signed in (before the timed phases)."""
    clients = []
    for email in emails:
        client = stack.client(timeout=30)
        assert sign_in(client, email, PASSWORD).status_code == 302, email
        clients.append(client)
    return clients


def _user(client: httpx.Client, paths: list[str], timings: Timings, start: threading.Event,
          deadline: float) -> None:  # fmt: skip
    """One user: the paths in order, each timed, until done or the deadline."""
    start.wait()
    for path in paths:
        if time.monotonic() > deadline:
            return
        began = time.perf_counter()
        try:
            ok = client.get(path).status_code == 200
        except httpx.HTTPError:
            ok = False
        timings.add(time.perf_counter() - began, ok)


def phase(name: str, users: list[tuple[httpx.Client, list[str]]], limit_s: float) -> None:
    """Run every user at once in its own thread; print the figures."""
    timings, start = Timings(), threading.Event()
    deadline = time.monotonic() + limit_s
    threads = [threading.Thread(target=_user, args=(c, p, timings, start, deadline))
               for c, p in users]  # fmt: skip
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    start.set()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    ms = sorted(s * 1000 for s in timings.seconds)
    if not ms:
        print(f"{name:<44} no requests made")
        return
    q = statistics.quantiles(ms, n=100) if len(ms) > 1 else ms * 99
    print(f"{name:<44} {len(ms):>6} {len(ms) / wall:>7.1f} {q[49]:>7.0f} {q[94]:>7.0f} "
          f"{q[98]:>7.0f} {timings.errors:>6}", flush=True)  # fmt: skip


def main() -> None:
    """Prepare the database, start the stack, run both phases."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="large", choices=["small", "utrecht", "large"])
    parser.add_argument("--rounds", type=int, default=10, help="requests per user per phase")
    parser.add_argument("--limit-s", type=float, default=120.0, help="time bound per phase")
    args = parser.parse_args()
    server = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not server:
        print("# bench.load skipped: no PostgreSQL server (TEST_DATABASE_URL is not set)")
        return
    admin = make_engine(server, isolation_level="AUTOCOMMIT")
    name = f"kansrijk_load_{os.getpid()}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    try:
        with tempfile.TemporaryDirectory(prefix="kansrijk-load-") as folder:
            started = time.perf_counter()
            students, coordinators = prepare(url, args.size)
            took = time.perf_counter() - started
            print(f"# {args.size}: seeded, matched, {len(students)} students and "
                  f"{len(coordinators)} coordinators with accounts in {took:.0f} s")  # fmt: skip
            env = production_environment(url, Path(folder), KANSRIJK_WORKERS="2")
            with running_stack(env, Path(folder), scheduler=False) as stack:
                _run_phases(stack, students, coordinators, args.rounds, args.limit_s)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _run_phases(stack, students: list[str], coordinators: list[str], rounds: int,
                limit_s: float) -> None:  # fmt: skip
    """The two phases of the load test."""
    student_clients = signed_in_clients(stack, students)
    coordinator_clients = signed_in_clients(stack, coordinators)
    print(f"{'phase':<44} {'reqs':>6} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7} {'errors':>6}")
    phase(f"{len(student_clients)} students open their placement at once",
          [(c, ["/student/"] * rounds) for c in student_clients], limit_s)  # fmt: skip
    paging = [f"/coordinator/people/{LISTS[i % len(LISTS)]}/?page={1 + i}" for i in range(rounds)]
    mix = [(c, paging) for c in coordinator_clients] + [
        (c, ["/student/"] * rounds) for c in student_clients[:30]
    ]
    phase("50 users: 20 coordinators paging, 30 students", mix, limit_s)
    for client in student_clients + coordinator_clients:
        client.close()


if __name__ == "__main__":
    main()
