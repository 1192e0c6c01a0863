"""Independent components solved apart, in worker processes, each within its share of time.

A native solver cannot be interrupted from Python (HiGHS ignores `stop_search`), and a
thread still inside one when the interpreter exits aborts the process. So every exact
solve of a large problem runs in a forked worker process: the caller waits until the
deadline (plus a short grace for the last flows and bounds) and then terminates the
workers, whatever they still run. Components are handed out largest first; each gets,
when it starts, `time left × workers × its size / size of those not started yet` (so the
time a component leaves unused goes to the ones after it), never past the deadline. A
component whose worker does not answer in time gets None (its caller keeps the greedy
answer for it); the others' answers stand.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult
from typing import Any

GRACE_S = 3.0  # past the deadline: stage B's bound by GLOP, the realising flow, pickling
IN_PROCESS_SIZE = 5_000  # a single component smaller than this is solved in this process

SolvePart = Callable[[list[str], float, bool], Any]  # (students, seconds, in a worker)


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


def solve_parts(solve: SolvePart, work: list[Share], deadline: float) -> list[Any | None]:
    """Each component's answer from `solve(students, seconds, in_worker)`, None for those not
    answered by the deadline (time.monotonic) plus GRACE_S. In this process when fork is
    unavailable, this is a daemon process, or the problem is one small component."""
    if not work:
        return []
    small = len(work) == 1 and work[0].size < IN_PROCESS_SIZE
    daemon = multiprocessing.current_process().daemon  # may not start processes
    if small or daemon or "fork" not in multiprocessing.get_all_start_methods():
        return [solve(s.students, _seconds(s, deadline), False) for s in work]
    order = sorted(range(len(work)), key=lambda i: (-work[i].size, i))
    context = multiprocessing.get_context("fork")  # inherits the problem: nothing to pickle
    workers = worker_count(len(work))
    left = context.Value("q", sum(s.size for s in work))  # size of components not started
    pool = context.Pool(workers, initializer=_install, initargs=(solve, left, workers))
    try:
        pending: dict[int, AsyncResult[Any]] = {
            i: pool.apply_async(_run, (work[i], deadline)) for i in order
        }
        return [_collect(pending[i], deadline + GRACE_S) for i in range(len(work))]
    finally:
        pool.terminate()  # ends any solver thread still running in a worker
        pool.join()


def _seconds(share: Share, deadline: float) -> float:
    """The component's time: its share, never past the deadline."""
    return max(0.0, min(share.seconds, deadline - time.monotonic()))


def _collect(pending: AsyncResult[Any], until: float) -> Any | None:
    """The worker's answer, or None when it is not back by `until`."""
    try:
        return pending.get(max(until - time.monotonic(), 0.0))
    except multiprocessing.TimeoutError:
        return None


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


def _run(share: Share, deadline: float) -> Any:
    """Solve one component in a worker, within its share of the time left."""
    left = _worker["left"]
    with left.get_lock():
        not_started = max(left.value, share.size, 1)
        left.value -= share.size
    now_left = max(deadline - time.monotonic(), 0.0)
    seconds = now_left * min(1.0, _worker["workers"] * share.size / not_started)
    return _worker["solve"](share.students, seconds, True)
