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

Every student page must show the student's placement (else it counts as an error), and
the bench refuses to run when the weekly run placed fewer than 80 students. Prints
requests/s, p50/p95/p99 in ms, errors by kind and gunicorn's CPU per request per phase;
``--reference DIR`` measures another checkout on the same data in the same run. Target: p95
under 500 ms with 50 concurrent users, 0 errors.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import httpx
from sqlalchemy import text
from sqlmodel import Session, col, select

from matching.accounts import create_user
from matching.db import make_engine, session_scope
from matching.models import Organisation, Placement, Proposal
from matching.models.user import UserCreate
from matching.runs.execution import execute_run, request_run
from matching.runs.stats import PlacementStats, read_stats
from matching.vocab import OrganisationKind, PlacementStatus, ProposalKind, ProposalStatus
from seed import seed_database
from tests.web.production.stack import ROOT, production_environment, running_stack, sign_in
from web.migrate import upgrade

AS_OF = date(2026, 11, 26)
PASSWORD = "load-test-passphrase-2026"
LISTS = ["volunteers", "families", "experts", "students", "groups"]
STUDENTS = 80
STUDENT_HOME = "/student/"
# A student's page shows each placement (confirmed or proposed) as an element with this.
PLACEMENT_SHOWN = 'class="placement status-box-'


@dataclass
class Timings:
    """Latencies (s) and errors of one phase."""

    seconds: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)  # what went wrong, how often
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, elapsed: float, error: str | None) -> None:
        """Record one request, and what went wrong with it (None: nothing)."""
        with self.lock:
            self.seconds.append(elapsed)
            if error is not None:
                self.errors[error] += 1


def prepare(url: str, size: str) -> tuple[list[str], list[str]]:
    """Seed, run the matching once, make the accounts; (student e-mails, coordinator e-mails)."""
    upgrade(url)
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            seed_database(session, size=size, seed=7, as_of=AS_OF)
        with session_scope(engine) as session:
            run = request_run(session, trigger="user", as_of=AS_OF)
        run = execute_run(engine, run.id or 0)
        placement = read_stats(run).placement or PlacementStats()
        print(f"# weekly run {run.status}: {run.proposals_made} proposals; placement: "
              f"{placement.placed} of {placement.students} students placed, tiers "
              f"{placement.tier_status or placement.status} {placement.note or ''}")  # fmt: skip
        with session_scope(engine) as session:
            return _accounts(session)
    finally:
        engine.dispose()


def _placed_students(session: Session) -> list[int]:
    """Students with something to see: an active placement or an open placement proposal."""
    proposed = select(Proposal.student_id).where(
        Proposal.kind == ProposalKind.PLACEMENT,
        Proposal.status == ProposalStatus.PROPOSED,
        col(Proposal.student_id).is_not(None),
    )
    active = select(Placement.student_id).where(Placement.status == PlacementStatus.ACTIVE)
    found = [*session.exec(proposed).all(), *session.exec(active).all()]
    return [sid for sid in dict.fromkeys(found) if sid is not None]


def _accounts(session: Session) -> tuple[list[str], list[str]]:
    """80 placed students and 20 coordinators with accounts; demo accounts deactivated."""
    session.execute(text('UPDATE "user" SET active = false'))
    placed = _placed_students(session)
    print(f"# {len(placed)} students with a (proposed) placement")
    if len(placed) < STUDENTS:
        # Unplaced students would open an empty page: not the load this bench is about.
        raise SystemExit(f"bench.load: only {len(placed)} students have a placement to open "
                         f"(need {STUDENTS}); see the weekly run's placement above")  # fmt: skip
    students = placed[:STUDENTS]
    municipality = session.exec(
        select(Organisation).where(Organisation.kind == OrganisationKind.MUNICIPALITY)
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
            response = client.get(path)
            error = None if response.status_code == 200 else f"HTTP {response.status_code}"
            if error is None and path == STUDENT_HOME and PLACEMENT_SHOWN not in response.text:
                error = "a student page without a placement"
        except httpx.HTTPError as exc:
            error = type(exc).__name__
        timings.add(time.perf_counter() - began, error)


def machine_busy_s() -> float | None:
    """CPU seconds all cores of this machine spent busy since boot (Linux), else None."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    ticks = [int(value) for value in fields]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle and waiting for I/O
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def warm_up(clients: list[httpx.Client]) -> None:
    """An untimed request on every client's connection just before a phase.

    Signing 100 users in takes longer than gunicorn keeps an idle connection (``keepalive``,
    5 s): without this, a phase would start by racing the server's close of connections that
    had waited since sign-in (httpx then reports RemoteProtocolError, a browser retries)."""
    for client in clients:
        try:
            client.get("/healthz")
        except httpx.RemoteProtocolError:
            client.get("/healthz")  # the connection closed under us: a new one


def process_tree_cpu_s(root_pid: int) -> float | None:
    """CPU seconds used so far by a process and its descendants, ended ones included (Linux
    /proc: a worker ended by gunicorn's max_requests counts once its master has reaped it)."""
    try:
        stats = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    text_ = (entry / "stat").read_text()
                except OSError:
                    continue  # ended meanwhile
                fields = text_[text_.rindex(")") + 2 :].split()
                own, reaped = int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])
                # The root also counts its ended children (gunicorn recycles workers).
                stats[int(entry.name)] = (
                    int(fields[1]),
                    own + (reaped if int(entry.name) == root_pid else 0),
                )
    except OSError:
        return None
    tree, ticks = {root_pid}, 0
    for pid, (parent, used) in sorted(stats.items()):
        if pid in tree or parent in tree:
            tree.add(pid)
            ticks += used
    return ticks / os.sysconf("SC_CLK_TCK")


def phase(name: str, users: list[tuple[httpx.Client, list[str]]], limit_s: float,
          server_pid: int | None = None) -> None:  # fmt: skip
    """Run every user at once in its own thread; print the figures."""
    warm_up([client for client, _ in users])
    timings, start = Timings(), threading.Event()
    deadline = time.monotonic() + limit_s
    threads = [threading.Thread(target=_user, args=(c, p, timings, start, deadline))
               for c, p in users]  # fmt: skip
    for thread in threads:
        thread.start()
    server = process_tree_cpu_s(server_pid) if server_pid else None
    began, client_cpu, busy = time.perf_counter(), time.process_time(), machine_busy_s()
    start.set()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    client_cpu = time.process_time() - client_cpu
    busy = None if busy is None else (machine_busy_s() or 0.0) - busy
    if server is not None and server_pid:
        server = (process_tree_cpu_s(server_pid) or 0.0) - server
    ms = sorted(s * 1000 for s in timings.seconds)
    if not ms:
        print(f"{name:<48} no requests made")
        return
    q = statistics.quantiles(ms, n=100) if len(ms) > 1 else ms * 99
    print(f"{name:<48} {len(ms):>6} {len(ms) / wall:>7.1f} {q[49]:>7.0f} {q[94]:>7.0f} "
          f"{q[98]:>7.0f} {sum(timings.errors.values()):>6}", flush=True)  # fmt: skip
    for error, count in timings.errors.most_common():
        print(f"#   {count} x {error}")
    machine = "" if busy is None else f"; the machine's cores busy {busy / wall:.2f} on average"
    print(f"#   this load generator used {client_cpu / wall:.2f} cores{machine}")
    if server is not None:
        # Unlike latency, hardly moved by other work on the machine: the stack's own cost.
        print(f"#   gunicorn used {server / wall:.2f} cores, "
              f"{server / len(ms) * 1000:.1f} ms CPU per request")  # fmt: skip


def main() -> None:
    """Prepare the database, start the stack, run both phases."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="large", choices=["small", "utrecht", "large"])
    # 20: enough samples, and fewer requests than a worker serves before gunicorn recycles it.
    parser.add_argument("--rounds", type=int, default=20, help="requests per user per phase")
    parser.add_argument("--limit-s", type=float, default=120.0, help="time bound per phase")
    parser.add_argument(
        "--reference",
        type=Path,
        default=None,
        help="another checkout (git worktree add /tmp/before REV): its stack is measured on "
        "the same data, alternating with this tree's",
    )
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
            trees = [("", ROOT)]
            if args.reference is not None:  # earlier code and this, alternately, twice
                label = f"{args.reference.name}: "
                trees = [(label, args.reference), ("this tree: ", ROOT)] * 2
            for label, root in trees:
                env = production_environment(url, Path(folder), KANSRIJK_WORKERS="2")
                with running_stack(env, Path(folder), scheduler=False, root=root) as stack:
                    _run_phases(stack, students, coordinators, args.rounds, args.limit_s, label)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _run_phases(stack, students: list[str], coordinators: list[str], rounds: int,
                limit_s: float, label: str = "") -> None:  # fmt: skip
    """The two phases of the load test; ``label`` names the tree served."""
    student_clients = signed_in_clients(stack, students)
    coordinator_clients = signed_in_clients(stack, coordinators)
    heads = f"{'reqs':>6} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7} {'errors':>6}"
    print(f"{label + 'phase':<48} {heads}")
    opening = [(c, [STUDENT_HOME] * rounds) for c in student_clients]
    phase(f"{label}{len(student_clients)} students open their placement", opening, limit_s,
          stack.pids[0])  # fmt: skip
    paging = [f"/coordinator/people/{LISTS[i % len(LISTS)]}/?page={1 + i}" for i in range(rounds)]
    mix = [(c, paging) for c in coordinator_clients] + [
        (c, [STUDENT_HOME] * rounds) for c in student_clients[:30]
    ]
    phase(f"{label}20 coordinators paging, 30 students", mix, limit_s, stack.pids[0])
    for client in student_clients + coordinator_clients:
        client.close()


if __name__ == "__main__":
    main()
