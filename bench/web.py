"""`python -m bench.web`: how fast the coordinator's dashboard and people lists answer.

Seeds the `large` demo (5 cities, ≈ 10,000 volunteers, ≈ 8,000 families) into a temporary
SQLite database built by the migrations, adds a history of weekly runs whose statistics have
the size and shape a real `large` run stores (every uncovered family with its funnel), signs
in as the coordinator and times N requests of each page with Flask's test client. Medians are
printed in milliseconds and as a ratio to a trivial request (``/healthz``) measured in the same
run, so the figures compare across machines. The target is 300 ms per page.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.buddies.rules import RULE_NAMES
from matching.db import make_engine, session_scope
from matching.models import Family, MatchingRun
from seed import seed_database
from web.app import create_app
from web.migrate import upgrade

AS_OF = date(2026, 11, 26)
TARGET_MS = 300.0
PAGES = {
    "dashboard": "/coordinator/",
    "volunteers": "/coordinator/people/volunteers/",
    "volunteers, page 150": "/coordinator/people/volunteers/?page=150",
    "volunteers, 4 filters": "/coordinator/people/volunteers/"
    "?district=overvecht&language=ar&half_day=mon_am&status=free",
    "volunteers, search": "/coordinator/people/volunteers/?q=jansen",
    "experts": "/coordinator/people/experts/",
    "families": "/coordinator/people/families/",
    "families, priority 3": "/coordinator/people/families/?status=waiting&priority=3",
    "students": "/coordinator/people/students/",
    "preschools": "/coordinator/people/preschools/",
    "groups": "/coordinator/people/groups/?half_day=tue_am",
}


def build_database(folder: Path, runs: int) -> str:
    """Migrate, seed `large` and add the run history; the database URL."""
    url = f"sqlite:///{folder / 'bench-web.sqlite'}"
    upgrade(url)
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            seed_database(session, size="large", seed=7, as_of=AS_OF)
        with session_scope(engine) as session:
            add_run_history(session, runs)
    finally:
        engine.dispose()
    return url


def add_run_history(session: Session, runs: int) -> None:
    """Weekly succeeded runs with statistics shaped like a real run's, coverage rising."""
    rng = random.Random(7)
    families = session.exec(select(Family.id, Family.district)).all()
    for week in range(runs):
        share = 0.55 + 0.3 * week / max(runs - 1, 1)
        covered = {fid for fid, _ in families if rng.random() < share}
        finished = datetime(2026, 6, 1, 6, tzinfo=UTC) + timedelta(weeks=week)
        session.add(
            MatchingRun(
                status="succeeded", trigger="schedule", as_of=finished.date(),
                requested_at=finished, started_at=finished, finished_at=finished,
                solver_status="OPTIMAL", wall_s=20.0, proposals_made=len(covered) // 10,
                stats=_stats(rng, families, covered),
            )
        )  # fmt: skip


def _stats(rng: random.Random, families: Any, covered: set[int]) -> dict[str, Any]:
    """Coverage per district, and a funnel row for every family left uncovered."""
    by_district: dict[str, dict[str, int]] = {}
    uncovered = []
    for family_id, district in families:
        entry = by_district.setdefault(district, {"families": 0, "covered": 0})
        entry["families"] += 1
        if family_id in covered:
            entry["covered"] += 1
            continue
        funnel = {rule: rng.randrange(0, 400) for rule in RULE_NAMES}
        uncovered.append(
            {"family_id": family_id, "priority": rng.randrange(6), "district": district,
             "funnel": funnel, "eligible_taken": rng.randrange(3), "reason": "…"}
        )  # fmt: skip
    return {
        "by_district": by_district,
        "families": len(families),
        "covered": len(covered),
        "uncovered": uncovered,
        "recruitment_gap": [],
    }


def median_ms(client: FlaskClient, path: str, requests: int) -> float:
    """The median time of ``requests`` GETs of the path, after one warm-up request."""
    assert client.get(path).status_code == 200, path
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, path
    return statistics.median(times)


def main() -> None:
    """Build the database, time every page, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--runs", type=int, default=26, help="weeks of run history")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kansrijk-bench-web-") as folder:
        started = time.perf_counter()
        url = build_database(Path(folder), args.runs)
        print(f"# seeded `large` and {args.runs} runs in {time.perf_counter() - started:.0f} s")
        app = create_app({"TESTING": True, "DATABASE_URL": url,
                          "SECRET_KEY": "bench-web-0123456789abcdefghijklmnop",
                          "KANSRIJK_TODAY": AS_OF, "KANSRIJK_EXECUTOR_AUTOSTART": False,
                          "WTF_CSRF_ENABLED": False})  # fmt: skip
        client = app.test_client()
        login = {"email": "coordinator@kansrijk.demo", "password": "demo-coordinator"}
        assert client.post("/auth/login", data=login).status_code == 302
        base = median_ms(client, "/healthz", args.requests)
        print(f"{'page':<24} {'median ms':>10} {'× /healthz':>11}  target {TARGET_MS:.0f} ms")
        print(f"{'/healthz':<24} {base:>10.1f} {1.0:>11.1f}")
        for name, path in PAGES.items():
            ms = median_ms(client, path, args.requests)
            verdict = "ok" if ms <= TARGET_MS else "SLOW"
            print(f"{name:<24} {ms:>10.1f} {ms / base:>11.1f}  {verdict}", flush=True)


if __name__ == "__main__":
    main()
