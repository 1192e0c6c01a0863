"""Work for guessed targets done in a second thread while the caller checks them: the
pattern MIP's stage B alongside stage A (solver/placement/mip.py)."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from types import TracebackType
from typing import Generic, TypeVar

T = TypeVar("T")


class Speculation(Generic[T]):
    """`run(target)` for guessed targets, in the order guessed, in one daemon thread: while
    the caller checks a target, the work for it runs alongside. Nobody waits for a guess
    still running once it proved wrong (a native solver cannot be interrupted), and as a
    daemon thread it does not hold up the end of the process either."""

    def __init__(
        self,
        run: Callable[[int], T],
        wait: bool = True,
        follow: Callable[[int, T], int | None] = lambda target, result: None,
    ) -> None:
        """`run(target)` does the work for `target`; the same target gives the same result.
        `wait`: leaving the `with` block waits for the thread to end (no native solver
        left running when the caller returns; a worker process is terminated instead).
        `follow(target, result)` hears each result and names the thread's own next guess,
        or None; it is queued after the caller's guesses already waiting."""
        self._run = run
        self._wait = wait
        self._follow = follow
        self._lock = threading.Lock()  # guesses come from the caller and from `follow`
        self._closed = False
        self._futures: dict[int, Future[T]] = {}
        self._queue: queue.SimpleQueue[int | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._work, name="speculation", daemon=True)
        self._thread.start()

    def __enter__(self) -> Speculation[T]:
        """Use as a context: leaving it closes, and waits when asked to."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Close; when asked to wait, join the thread (its guess stops at its deadline)."""
        self.close()
        if self._wait:
            self._thread.join()

    def guess(self, target: int) -> None:
        """Queue the work for `target` (once)."""
        with self._lock:
            if target not in self._futures and not self._closed:
                self._futures[target] = Future()
                self._queue.put(target)

    def close(self) -> None:
        """No more guesses: the ones not started are dropped (`take` runs its target here
        then), and the thread ends after the one running, if any."""
        with self._lock:
            self._closed = True
            for future in self._futures.values():
                future.cancel()
        self._queue.put(None)

    def take(self, target: int) -> T:
        """The result for `target`: the guess's if it started, else worked out here. Call
        it after `close`."""
        future = self._futures.get(target)
        if future is not None and not future.cancel():
            return future.result()
        return self._run(target)

    def _work(self) -> None:
        """Run the queued guesses that were not cancelled meanwhile."""
        while (target := self._queue.get()) is not None:
            future = self._futures[target]
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = self._run(target)
            except BaseException as error:  # handed to whoever takes the result
                future.set_exception(error)
                continue
            future.set_result(result)
            following = self._follow(target, result)  # hears every result
            if following is not None:  # queued after the caller's guesses waiting
                self.guess(following)
