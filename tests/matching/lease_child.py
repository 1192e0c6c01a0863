"""A child process for the lease tests: request a run, wait for the go signal, execute it.

Files beside ``GO_FILE`` are its signals, so that the test waits for states, not times:
it touches ``GO_FILE.requested.<pid>`` once its run is requested; it starts when ``GO_FILE``
exists; its solver touches ``GO_FILE.solving`` and then holds the lease until
``GO_FILE.release`` exists (so runs overlap for certain and a test knows when to kill it).
Prints one line: ``succeeded``, ``failed`` or ``refused: …``.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

from sqlmodel import Session

from matching.db import make_engine
from matching.runs import execution as runs
from solver.assignment.solve import solve_assignment
from tests.support import wait_until

WAIT_S = 300.0  # how long a child waits for the test's signal before giving up


def held_solver(go_file: str):
    """The real solver, after announcing itself and waiting for the test's release."""

    def solve(problem):
        Path(go_file + ".solving").touch()
        release = Path(go_file + ".release")
        wait_until(release.exists, what=str(release), timeout=WAIT_S)
        return solve_assignment(problem)

    return solve


def main(url: str, go_file: str) -> None:
    engine = make_engine(url)
    with Session(engine) as session:
        run = runs.request_run(session, trigger="cli", as_of=date(2026, 11, 26))
        session.commit()
        run_id = run.id
    Path(f"{go_file}.requested.{os.getpid()}").touch()
    wait_until(Path(go_file).exists, what=go_file, timeout=WAIT_S)
    runs.solve_assignment = held_solver(go_file)  # type: ignore[assignment]
    try:
        done = runs.execute_run(engine, run_id)
    except runs.RunRefused as exc:
        print(f"refused: {exc}", flush=True)
        return
    print(done.status, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
