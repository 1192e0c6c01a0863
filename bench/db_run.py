"""`python -m bench.db_run [--size utrecht]`: the whole weekly run, database to proposals.

Seeds the demo data into a temporary SQLite file, then times `execute_run` (read people,
candidates, both solvers, store proposals in one transaction) over a few runs, each on a fresh
copy of the seeded file. The reference measured in the same run is reading every volunteer
and family row once, so the ratio says how many "reads of the database" a run costs.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlmodel import Session, SQLModel, select

import matching.models  # noqa: F401  (registers every table)
from matching.db import make_engine, session_scope
from matching.models import Family, MatchingRun, Volunteer
from matching.runs import execution as runs
from matching.runs.stats import PlacementStats, read_stats
from seed import seed_database

AS_OF = date(2026, 11, 23)


def _seeded(folder: Path, size: str) -> Path:
    """A SQLite file with the demo data."""
    path = folder / "seeded.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine)
    with session_scope(engine) as session:
        seed_database(session, size=size, seed=7, as_of=AS_OF)
    engine.dispose()
    return path


def _reference(path: Path) -> float:
    """Seconds to read every volunteer and family row."""
    engine = make_engine(f"sqlite:///{path}")
    started = time.perf_counter()
    with Session(engine) as session:
        session.exec(select(Volunteer)).all()
        session.exec(select(Family)).all()
    took = time.perf_counter() - started
    engine.dispose()
    return took


def _one_run(seeded: Path, folder: Path, number: int) -> tuple[float, MatchingRun]:
    """Seconds for one weekly run on a fresh copy of the seeded database."""
    path = folder / f"run{number}.sqlite"
    shutil.copy(seeded, path)
    engine = make_engine(f"sqlite:///{path}")
    with session_scope(engine) as session:
        run = runs.request_run(session, trigger="cli", as_of=AS_OF)
    started = time.perf_counter()
    done = runs.execute_run(engine, run.id or 0)
    took = time.perf_counter() - started
    engine.dispose()
    return took, done


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="utrecht")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        seeded = _seeded(folder, args.size)
        reference = statistics.median(_reference(seeded) for _ in range(5))
        timed = [_one_run(seeded, folder, n) for n in range(args.runs)]
    seconds = statistics.median(t for t, _ in timed)
    done = timed[-1][1]
    stats = read_stats(done)
    placement = stats.placement or PlacementStats()
    print(f"# weekly run on the `{args.size}` demo data (SQLite), median of {args.runs}")
    print(f"reference: read all volunteers and families  {reference * 1000:8.1f} ms")
    print(
        f"weekly run, database to stored proposals     {seconds:8.2f} s  "
        f"({seconds / reference:,.0f}x reference)"
    )
    print(
        f"  status {done.status} / {done.solver_status}; {done.proposals_made} proposals; "
        f"families covered {stats.covered} of {stats.families}; "
        f"students placed {placement.placed} of {placement.students}, "
        f"placement tiers {placement.tier_status}"
    )


if __name__ == "__main__":
    main()
