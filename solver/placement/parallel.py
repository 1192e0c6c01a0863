"""Independent components solved apart, in worker processes, each within its share of time.

A native solver cannot be interrupted from Python (HiGHS ignores `stop_search`), and a
thread still inside one when the interpreter exits aborts the process. So every exact
solve of a large problem runs in a forked worker process: the workers' solves end
RESERVE_S before the deadline (a quarter of the limit when that is less), leaving that
for the last flows, bounds and pickling; the caller waits until the deadline plus LATE_S
and then terminates the workers, whatever they still run, so the limit is one the
caller can count on. Components are handed out largest first; each gets,
when it starts, `time left × workers × its size / size of those not started yet` (so the
time a component leaves unused goes to the ones after it), never past the deadline. A
component whose answer is not final (`again`: not proven) is solved a second time, after
every first round has started, with its share of the time then left, when that is clearly
more than it had: a fair first share is small for the hardest city of 25, and the others
often leave most of the limit unused. Of its two answers `keep` chooses. A component
whose worker does not answer in time gets None (its caller keeps the greedy answer for
it); the others' answers stand.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

RESERVE_S = 3.0  # before the deadline: stage B's bound by GLOP, the realising flow, pickling
LATE_S = 0.5  # past the deadline: the caller still takes answers this late
IN_PROCESS_SIZE = 5_000  # a single component smaller than this is solved in this process
SECOND_ROUND_GAIN = 1.5  # a second round only with at least this much more time

SolvePart = Callable[[list[str], float, bool], Any]  # (students, seconds, in a worker)
Again = Callable[[Any], bool]  # is this answer worth a second round?
Keep = Callable[[Any, Any], Any]  # the answer to keep of a first and a second round's


def _never(answer: Any) -> bool:
    """No second round."""
    return False


def _second(first: Any, second: Any) -> Any:
    """The second round's answer."""
    return second


@dataclass(frozen=True)
class Share:
    """One component's students, its size (feasible choices) and its time share."""

    students: list[str]
    size: int
    seconds: float


def shares(parts: list[list[str]], sizes: list[int], limit: float, workers: int) -> list[Share]:
    """Each component's share of the limit: by size, spread over the workers."""
    total = max(sum(sizes), 1)
    return [
        Share(part, size, min(limit, limit * workers * size / total))
        for part, size in zip(parts, sizes, strict=True)
    ]


def worker_count(n_parts: int) -> int:
    """As many workers as cores this process may use, at most one per component."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, n_parts))


def solve_parts(
    solve: SolvePart,
    work: list[Share],
    deadline: float,
    again: Again = _never,
    keep: Keep = _second,
) -> list[Any | None]:
    """Each component's answer from `solve(students, seconds, in_worker)`, None for those not
    answered by the deadline (time.monotonic) plus LATE_S; answers that are not final
    (`again`) get a second round when there is time, `keep` choosing of the two. In this
    process when fork is unavailable, this is a daemon process, or the problem is one small
    component."""
    with PartsRun(solve, work, deadline, again, keep) as run:
        return run.answers()


class PartsRun:
    """`solve_parts` started: the workers solve while the caller does other work, until
    `answers`. Leaving the `with` block ends the workers, whatever they still run."""

    def __init__(
        self,
        solve: SolvePart,
        work: list[Share],
        deadline: float,
        again: Again = _never,
        keep: Keep = _second,
    ) -> None:
        """Hand every component to the workers (nothing yet when solved in this process)."""
        self._solve, self._work, self._deadline = solve, work, deadline
        self._rules = (again, keep)
        self._answered: queue.SimpleQueue[tuple[int, Any]] = queue.SimpleQueue()
        small = len(work) == 1 and work[0].size < IN_PROCESS_SIZE
        daemon = multiprocessing.current_process().daemon  # may not start processes
        self._pool: Any = None
        if not work or small or daemon or "fork" not in multiprocessing.get_all_start_methods():
            return
        context = multiprocessing.get_context("fork")  # inherits the problem: nothing to pickle
        workers = worker_count(len(work))
        self._left = context.Value("q", sum(s.size for s in work))  # size not started
        self._pool = context.Pool(
            workers, initializer=_install, initargs=(solve, self._left, workers)
        )
        self._solved_by = deadline - min(RESERVE_S, (deadline - time.monotonic()) / 4)
        for i in sorted(range(len(work)), key=lambda i: (-work[i].size, i)):
            self._submit(i, None)

    def __enter__(self) -> PartsRun:
        """Use as a context: leaving it ends the workers."""
        return self

    def __exit__(self, *exc: object) -> None:
        """End the workers."""
        self.close()

    def answers(self) -> list[Any | None]:
        """Each component's answer, as `solve_parts` says."""
        if self._pool is None:
            return [self._solve(s.students, _seconds(s, self._deadline), False) for s in self._work]
        return _gather(
            self._work, self._deadline + LATE_S, self._answered, self._submit, self._rules
        )

    def close(self) -> None:
        """End any solver thread still running in a worker."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def _submit(self, i: int, had: float | None) -> None:
        """Hand component i to the workers; `had`: its first round's seconds (a second round
        is counted again in the size not started)."""
        if had is not None:
            with self._left.get_lock():
                self._left.value += self._work[i].size
        answered = self._answered
        self._pool.apply_async(
            _run,
            (self._work[i], self._solved_by, had),
            callback=lambda got: answered.put((i, got)),
            error_callback=lambda error: answered.put((i, error)),
        )


def _gather(
    work: list[Share],
    until: float,
    answered: queue.SimpleQueue[tuple[int, Any]],
    submit: Callable[[int, float | None], None],
    rules: tuple[Again, Keep],
) -> list[Any | None]:
    """The answers as they come back until `until`, handing out second rounds."""
    again, keep = rules
    answers: list[Any | None] = [None] * len(work)
    outstanding = len(work)
    while outstanding:
        try:
            i, got = answered.get(timeout=max(until - time.monotonic(), 0.0))
        except queue.Empty:
            break
        outstanding -= 1
        if isinstance(got, BaseException):
            raise got
        had, answer = got
        if answer is None:  # a second round without enough time: not run
            continue
        first = answers[i]
        answers[i] = answer if first is None else keep(first, answer)
        if first is None and again(answer):
            submit(i, had)
            outstanding += 1
    return answers


def _seconds(share: Share, deadline: float) -> float:
    """The component's time: its share, never past the deadline."""
    return max(0.0, min(share.seconds, deadline - time.monotonic()))


# The solve function, the shared size not started and the number of workers, set once
# when a worker process starts (inherited by fork, never pickled): module state only in
# workers, never in the calling process.
_worker: dict[str, Any] = {}


def _install(solve: SolvePart, left: Any, workers: int) -> None:
    """Remember the solve function and the shared state in this worker, and let a signal
    end it at once: a forked worker inherits the caller's handlers (the scheduler process
    shuts down on SIGTERM), and a Python handler waits for a main thread that may be blocked
    for good in native code or on a lock copied while held, so `terminate` never returned."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    _worker.update(solve=solve, left=left, workers=workers)


def _run(share: Share, deadline: float, had: float | None) -> tuple[float, Any]:
    """Solve one component in a worker, within its share of the time left: its seconds and
    answer. A second round (`had`: the first round's seconds) runs only with
    SECOND_ROUND_GAIN times the time it had."""
    left = _worker["left"]
    with left.get_lock():
        not_started = max(left.value, share.size, 1)
        left.value -= share.size
    now_left = max(deadline - time.monotonic(), 0.0)
    seconds = now_left * min(1.0, _worker["workers"] * share.size / not_started)
    if had is not None and seconds < had * SECOND_ROUND_GAIN:
        return seconds, None
    return seconds, _worker["solve"](share.students, seconds, True)
