"""Work for guessed targets in a second thread (solver/placement/speculation.py)."""

from __future__ import annotations

import threading

import pytest

from solver.placement.speculation import Speculation


def test_a_started_guess_is_taken_and_the_rest_are_dropped() -> None:
    started = threading.Event()
    release = threading.Event()
    ran: list[int] = []

    def work(target: int) -> int:
        ran.append(target)
        if target == 10:  # the first guess blocks until the caller has made its others
            started.set()
            release.wait(10)
        return target * 2

    early: Speculation[int] = Speculation(work)
    early.guess(10)
    assert started.wait(10)
    early.guess(9)
    early.guess(10)  # a repeated guess is queued once
    early.close()  # 9 was not started: dropped
    release.set()
    assert early.take(10) == 20
    assert early.take(7) == 14  # never guessed: worked out by the caller
    assert sorted(ran) == [7, 10]


def test_an_error_in_the_thread_reaches_whoever_takes_the_result() -> None:
    started = threading.Event()
    calls: list[int] = []

    def work(target: int) -> int:
        calls.append(target)
        started.set()
        raise ValueError(f"no answer for {target}")

    early: Speculation[int] = Speculation(work)
    early.guess(3)
    assert started.wait(10)
    early.close()
    with pytest.raises(ValueError, match="no answer for 3"):
        early.take(3)
    assert calls == [3]  # raised in the thread, not worked out again by the caller


def test_the_thread_follows_its_own_guesses_down_until_told_to_stop() -> None:
    # Stage B's descent: after a target without an answer, the next one down, while the
    # caller has nothing else queued; `follow` says when to stop.
    ran: list[int] = []
    answered = threading.Event()

    def work(target: int) -> str:
        ran.append(target)
        if target == 7:
            answered.set()
            return "answer"
        return "none"

    def follow(target: int, result: str) -> int | None:
        return target - 1 if result == "none" and target > 5 else None

    with Speculation(work, follow=follow) as early:
        early.guess(10)
        assert answered.wait(10)
    assert early.take(7) == "answer"  # the thread's, not worked out again
    assert ran == [10, 9, 8, 7]  # stopped at the first answer


def test_no_guess_follows_once_closed() -> None:
    release = threading.Event()
    ran: list[int] = []

    def work(target: int) -> str:
        ran.append(target)
        release.wait(10)
        return "none"

    with Speculation(work, follow=lambda target, result: target - 1) as early:
        early.guess(10)
        early.close()  # while 10 runs
        release.set()
    assert early.take(10) == "none"
    assert ran == [10]
