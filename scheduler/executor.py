"""The executor: picks up requested runs and sends the outbox, in a background thread."""

from __future__ import annotations

import logging
import threading

from sqlalchemy.engine import Engine
from sqlmodel import Session

from matching.outbox.queue import MailSettings, send_pending
from matching.runs.execution import RunRefused, execute_run, pending_runs
from matching.scenarios.execution import execute_scenario, pending_scenarios

log = logging.getLogger(__name__)

POLL_SECONDS = 2.0


def execute_pending(engine: Engine, *, time_limit_s: float = 30.0) -> list[int]:
    """Execute every requested run, oldest first; return the ids it executed."""
    with Session(engine) as session:
        waiting = pending_runs(session)
    done: list[int] = []
    for run_id in waiting:
        try:
            execute_run(engine, run_id, time_limit_s=time_limit_s)
        except RunRefused as exc:  # another process holds the lease: try again later
            log.info("run %s waits: %s", run_id, exc)
            break
        done.append(run_id)
    return done


def execute_pending_scenarios(engine: Engine, *, time_limit_s: float = 30.0) -> list[int]:
    """Execute every requested what-if scenario, oldest first, under the same lease as runs."""
    with Session(engine) as session:
        waiting = pending_scenarios(session)
    done: list[int] = []
    for scenario_id in waiting:
        try:
            execute_scenario(engine, scenario_id, time_limit_s=time_limit_s)
        except RunRefused as exc:  # a run or another scenario holds the lease: later
            log.info("scenario %s waits: %s", scenario_id, exc)
            break
        done.append(scenario_id)
    return done


def send_outbox(engine: Engine, mail: MailSettings | None) -> int:
    """Send the outbox's due messages (nothing without mail settings); failures are retried."""
    return send_pending(engine, mail) if mail is not None else 0


class RunExecutor(threading.Thread):
    """A daemon thread that executes requested runs when woken or every few seconds."""

    def __init__(
        self, engine: Engine, poll_seconds: float = POLL_SECONDS, mail: MailSettings | None = None
    ) -> None:
        super().__init__(name="kansrijk-executor", daemon=True)
        self.engine = engine
        self.mail = mail
        self.poll_seconds = poll_seconds
        self._wake = threading.Event()
        self._stopping = threading.Event()

    def wake(self) -> None:
        """Look for requested runs now."""
        self._wake.set()

    def stop(self) -> None:
        """Finish the current work and end the thread."""
        self._stopping.set()
        self._wake.set()

    def run(self) -> None:
        """Loop until stopped; an error in one round is logged and the loop goes on."""
        while not self._stopping.is_set():
            try:
                execute_pending(self.engine)
                execute_pending_scenarios(self.engine)
            except Exception:
                log.exception("executor round failed")
            try:
                send_outbox(self.engine, self.mail)
            except Exception:
                log.exception("sending the outbox failed")
            self._wake.wait(self.poll_seconds)
            self._wake.clear()
