"""Stage A's search over targets (solver/placement/mip.py `solve_stage_a`), with HiGHS
replaced by a script of answers, so each step of the search is checked on its own."""

from __future__ import annotations

import math
from typing import Any

import pytest

from solver.placement import mip
from solver.placement.highs import LpBound
from solver.status import SolveStatus

OPTIMAL, INFEASIBLE, FEASIBLE = SolveStatus.OPTIMAL, SolveStatus.INFEASIBLE, SolveStatus.FEASIBLE


class Script:
    """What `solve_mip` answers for each target in turn; the targets it was asked about."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answers: list[tuple[str, int]]) -> None:
        self.answers = list(answers)
        self.targets: list[float] = []
        self.current: float = math.inf
        monkeypatch.setattr(mip, "save_bounds", lambda model: None)
        monkeypatch.setattr(mip, "restore_bounds", lambda model, saved: None)
        monkeypatch.setattr(mip, "tighten", self.tighten)
        monkeypatch.setattr(mip, "solve_mip", self.solve)

    def tighten(self, m: Any, lp: LpBound, target: float) -> None:
        self.current = target

    def solve(
        self, model: Any, seed: int, seconds: float, stop: Any = None
    ) -> tuple[str, int, list[float]]:
        self.targets.append(self.current)
        self.current = -math.inf  # a solve without `tighten` first is untightened
        status, value = self.answers.pop(0)
        return status, value, [float(value)]


class Model:
    model = None


def stage_a(floor: float = -math.inf) -> tuple[int, list[float], bool] | None:
    lp = LpBound(100.4, [], [], [])  # the first target is 100
    return mip.solve_stage_a(Model(), lp, 0, math.inf, floor=floor)  # type: ignore[arg-type]


def test_an_answer_at_the_target_is_the_optimum(monkeypatch: pytest.MonkeyPatch) -> None:
    script = Script(monkeypatch, [(OPTIMAL, 100)])
    assert stage_a() == (100, [100.0], True)
    assert script.targets == [100]


def test_an_answer_one_below_the_target_is_proven_without_another_solve(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Nothing is worth 100 and 99 was found: the optimum is 99. The method before solved
    # again for 99 to prove what this solve had proven.
    script = Script(monkeypatch, [(INFEASIBLE, 0), (OPTIMAL, 98)])
    assert stage_a() == (98, [98.0], True)
    assert script.targets == [100, 99]


def test_an_answer_far_below_steps_the_target_down_not_to_the_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Within the bounds for 100 the best is 60: the optimum is in [60, 99]. The next target
    # is 99 (a step of 1), then 97 (2), then 93 (4), where an answer is found.
    script = Script(monkeypatch, [(OPTIMAL, 60), (INFEASIBLE, 0), (OPTIMAL, 70), (OPTIMAL, 95)])
    assert stage_a() == (95, [95.0], True)
    assert script.targets == [100, 99, 97, 93]


def test_the_target_never_goes_below_the_floor_nor_the_best_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    script = Script(monkeypatch, [(OPTIMAL, 95), (OPTIMAL, 95), (INFEASIBLE, 0), (OPTIMAL, 95)])
    assert stage_a(floor=90) == (95, [95.0], True)
    # 100 (best 95), 99, 97 (nothing), then max(93, 95) = 95, not 93.
    assert script.targets == [100, 99, 97, 95]
    script = Script(monkeypatch, [(INFEASIBLE, 0), (INFEASIBLE, 0), (OPTIMAL, 98)])
    assert stage_a(floor=98) == (98, [98.0], True)
    assert script.targets == [100, 99, 98]


def test_out_of_time_the_best_answer_found_is_kept_unproven(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    script = Script(monkeypatch, [(OPTIMAL, 80), (FEASIBLE, 75)])
    assert stage_a() == (80, [80.0], False)  # the better of the two, not the last
    assert script.targets == [100, 99]
    Script(monkeypatch, [(SolveStatus.UNKNOWN, 0)])
    assert stage_a() is None
