"""What stage B's answers prove about stage A's optimum (solver/placement/descent.py), and
a stage A that never ends stopped by them (solver/placement/mip.py)."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from bench.instances import demo_placement_instance, placement_instance
from solver.placement import mip
from solver.placement.descent import Descent
from solver.placement.highs import solve_mip
from solver.placement.options import components, placement_options
from solver.status import SolveStatus

INFEASIBLE, OPTIMAL, FEASIBLE = SolveStatus.INFEASIBLE, SolveStatus.OPTIMAL, SolveStatus.FEASIBLE
TOP = 99  # placed weighs 100: target 812 is 8 placed, coverage 12


def test_an_answer_at_the_first_target_is_the_optimum() -> None:
    descent = Descent(first=812, top=TOP)
    assert descent.heard(812, OPTIMAL) is None
    assert descent.optimum == 812 and descent.stop.is_set()


def test_going_down_the_first_answer_after_none_is_the_optimum() -> None:
    descent = Descent(first=812, top=TOP)
    assert descent.heard(812, INFEASIBLE) == 811
    assert descent.heard(811, INFEASIBLE) == 810
    assert not descent.stop.is_set()
    assert descent.heard(810, FEASIBLE) is None  # tiers 2-3 out of time: tiers 0-1 hold
    assert descent.optimum == 810 and descent.stop.is_set()


def test_an_answer_lower_down_proves_nothing_until_the_gap_is_closed() -> None:
    # Stage A's own guesses may come first: 808 answers, so the optimum is in [808, 811].
    descent = Descent(first=812, top=TOP)
    assert descent.heard(812, INFEASIBLE) == 811
    assert descent.heard(808, OPTIMAL) == 811  # the descent goes on from above
    assert descent.optimum is None
    assert descent.heard(811, INFEASIBLE) == 810
    assert descent.heard(810, INFEASIBLE) == 809
    assert descent.heard(809, INFEASIBLE) is None  # 808 is known: proven
    assert descent.optimum == 808


def test_nothing_is_learnt_from_another_number_placed_or_from_no_time() -> None:
    descent = Descent(first=812, top=TOP)
    assert descent.heard(799, INFEASIBLE) is None  # 7 placed: an answer placing 8 may exist
    assert descent.heard(812, SolveStatus.UNKNOWN) is None
    assert descent.optimum is None and descent.lowest_without is None


def test_a_target_of_zero_counts_like_any_other() -> None:
    # Nothing placed, nothing covered: 0 is a target like the others, not "none yet".
    descent = Descent(first=1, top=TOP)
    assert descent.heard(1, INFEASIBLE) == 0
    assert descent.heard(0, OPTIMAL) is None
    assert descent.optimum == 0


def test_the_descent_stops_at_the_floor() -> None:
    descent = Descent(first=812, top=TOP, floor=811)
    assert descent.heard(812, INFEASIBLE) == 811
    assert descent.heard(811, INFEASIBLE) is None  # below the answer known: a bug elsewhere
    assert descent.optimum is None


@pytest.mark.parametrize(
    "problem",
    [
        demo_placement_instance(seed=3, n_students=30, n_locations=26),
        placement_instance(n_students=30, n_locations=26, seed=12),
    ],
    ids=["demo", "benchmark"],
)
def test_stage_b_proves_the_optimum_while_stage_a_never_ends(
    monkeypatch: pytest.MonkeyPatch, problem: Any
) -> None:
    # Stage A (the solve that can be stopped) waits until stopped; stage B solves as usual.
    # The answer must be the one of an ordinary solve, every tier proven.
    def stage_a_stuck(
        model: Any, seed: int, seconds: float, stop: threading.Event | None = None
    ) -> tuple[str, int, list[float]]:
        if stop is None:
            return solve_mip(model, seed, seconds)
        assert stop.wait(60), "stage B's descent never stopped stage A"
        return SolveStatus.UNKNOWN, 0, []

    options = placement_options(problem)
    (students,) = components(problem, options)
    usual = mip.solve_patterns(problem, options, students, 60.0)
    monkeypatch.setattr(mip, "solve_mip", stage_a_stuck)
    stuck = mip.solve_patterns(problem, options, students, 60.0)
    assert usual.solved and stuck.solved
    assert all(t.status == OPTIMAL for t in stuck.tiers)
    assert [(t.value, t.bound) for t in stuck.tiers] == [(t.value, t.bound) for t in usual.tiers]
