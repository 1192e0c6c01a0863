"""A child process for the lease tests: request a run, wait for the go signal, execute it.

Its solver is slowed down (and touches ``GO_FILE.solving`` when it starts) so that runs
overlap for certain and a test knows when to kill it. Prints one line: ``succeeded``,
``failed`` or ``refused: …``.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

from sqlmodel import Session

from matching.db import make_engine
from matching.runs import execution as runs
from solver.assignment.solve import solve_assignment


def slow_solver(signal_file: Path):
    """The real solver, after a signal and a pause that keeps the lease held."""

    def solve(problem):
        signal_file.touch()
        time.sleep(2.0)
        return solve_assignment(problem)

    return solve


def main(url: str, go_file: str) -> None:
    engine = make_engine(url)
    with Session(engine) as session:
        run = runs.request_run(session, trigger="cli", as_of=date(2026, 11, 26))
        session.commit()
        run_id = run.id
    while not Path(go_file).exists():
        time.sleep(0.01)
    runs.solve_assignment = slow_solver(Path(go_file + ".solving"))  # type: ignore[assignment]
    try:
        done = runs.execute_run(engine, run_id)
    except runs.RunRefused as exc:
        print(f"refused: {exc}", flush=True)
        return
    print(done.status, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
