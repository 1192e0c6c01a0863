"""Student placement over location patterns (solver/placement/mip.py): exactness against the
CP-SAT model over half-days and brute force, the retries, the fallback, stdout kept clean."""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.instances import demo_placement_instance, placement_instance
from solver import (
    Group,
    PlacementProblem,
    Student,
    placement_objective,
    placement_violations,
    solve_placement,
)
from solver.native_stdout import stdout_to_stderr
from solver.placement import mip as placement_mip
from solver.placement.answer import FALLBACK, METHOD
from solver.placement.greedy import greedy_placement
from solver.placement.mip import PatternResult, _solve_patterns
from solver.placement.options import components, placement_options
from solver.placement.solve import _solve_part
from solver.status import SolveStatus
from tests.solver.helpers import brute_force_placement, cp_sat_vector, vector
from tests.solver.placement.test_solve import tiny_problems


def assert_proven(problem: PlacementProblem) -> tuple[int, ...]:
    """Solve; check every tier is proven, the answer valid and found by the pattern MIP."""
    solution = solve_placement(problem)
    assert solution.status == SolveStatus.OPTIMAL
    assert solution.method == METHOD
    assert solution.bound == solution.objective
    assert set(solution.tier_status.values()) == {"OPTIMAL"}
    assert placement_violations(problem, solution.placements) == []
    assert solution.objective == placement_objective(problem, solution.placements)
    return vector(solution.objective)


@pytest.mark.parametrize("seed", [0, 2, 4])
def test_demo_shaped_instance_equals_the_cp_sat_model(seed: int) -> None:
    # 20 students, 18 locations, shaped like the seeded demo (reduced groups +2, priority
    # district +1, students reaching most locations): small enough for both exact methods.
    problem = demo_placement_instance(seed=seed, n_students=20, n_locations=18)
    assert assert_proven(problem) == cp_sat_vector(problem)


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_benchmark_shaped_instance_with_previous_equals_the_cp_sat_model(seed: int) -> None:
    problem = placement_instance(seed=seed, n_students=24, n_locations=20)
    assert problem.previous
    assert assert_proven(problem) == cp_sat_vector(problem)


def test_full_size_demo_shaped_instance_is_proven_optimal() -> None:
    # 80 students, 70 locations, ~4,900 student-location pairs; the real demo instance of
    # this shape took 18.6 s and stayed 125/479 on the coverage tier with CP-SAT alone.
    problem = demo_placement_instance(seed=4, time_limit_s=30.0)
    placed, coverage, _, _ = assert_proven(problem)
    assert (placed, coverage) == (80, 464)


def test_plain_half_days_that_run_out_are_solved_exactly() -> None:
    # No priority anywhere, so every half-day is "plain" and only counted per location:
    # the first model lets both students in on the one place of d1; the realisation fails
    # and the retry tracks d1, which gives the exact answer.
    d1 = frozenset({"d1"})
    problem = PlacementProblem(
        students=(Student("s0", 1, d1), Student("s1", 1, d1)),
        locations=("L",),
        groups=(Group("g", "L", 0, (("d1", 1), ("d2", 1))),),
        edges=(("s0", "L", 1), ("s1", "L", 2)),
    )
    assert assert_proven(problem) == brute_force_placement(problem) == (1, 0, 12, 0)


@settings(deadline=None, max_examples=100)
@given(tiny_problems(), st.booleans())
def test_exact_pattern_model_equals_brute_force(p: PlacementProblem, integral: bool) -> None:
    # Every half-day that can run out tracked; stage A's columns continuous or integral.
    options = placement_options(p)
    rows = []
    for part in components(p, options):
        deadline = time.perf_counter() + 10.0
        result = _solve_patterns(p, options, part, deadline, (True, integral))
        assert result.solved, result.reason
        assert all(t.status == SolveStatus.OPTIMAL and t.value == t.bound for t in result.tiers)
        rows += result.placements
    assert placement_violations(p, rows) == []
    assert vector(placement_objective(p, rows)) == brute_force_placement(p)


def test_same_input_same_answer_on_a_demo_shaped_instance() -> None:
    problem = demo_placement_instance(seed=2, n_students=40, n_locations=35)
    first, second = solve_placement(problem), solve_placement(problem)
    assert first.placements == second.placements
    assert first.objective == second.objective


def test_falls_back_to_cp_sat_when_the_pattern_model_has_no_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        "solver.placement.solve.solve_patterns",
        lambda *args: PatternResult(False, reason="too many columns"),
    )
    problem = demo_placement_instance(seed=1, n_students=12, n_locations=10, time_limit_s=20.0)
    options = placement_options(problem)
    rows = []
    for part in components(problem, options):
        answer = _solve_part(problem, options, part, 20.0)
        assert answer.method == FALLBACK
        assert answer.status == SolveStatus.OPTIMAL
        rows += answer.placements
    assert placement_violations(problem, rows) == []
    assert vector(placement_objective(problem, rows)) == cp_sat_vector(problem)


def test_out_of_time_the_answer_is_the_repaired_greedy() -> None:
    problem = demo_placement_instance(seed=1, n_students=20, n_locations=18, time_limit_s=0.0)
    solution = solve_placement(problem)
    options = placement_options(problem)
    greedy = [row for part in components(problem, options) for row in greedy_rows(problem, part)]
    assert solution.status == SolveStatus.FEASIBLE
    assert placement_violations(problem, solution.placements) == []
    assert vector(solution.objective) >= vector(placement_objective(problem, greedy))
    assert solution.objective["placed"] > 0


def test_native_stdout_goes_to_stderr_while_highs_runs(capfd: pytest.CaptureFixture) -> None:
    with stdout_to_stderr(), stdout_to_stderr():  # nested, as two threads would
        os.write(1, b"debug line\n")
    os.write(1, b"after\n")
    out, err = capfd.readouterr()
    assert out == "after\n"
    assert "debug line" in err


def test_stage_b_without_answer_retries_stage_a_with_integral_columns(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # Continuous columns are exact for stage A; if tightening ever broke that, stage B
    # would find nothing at stage A's optimum: then stage A runs with integral columns.
    calls = []
    solve_stage_b = placement_mip.solve_stage_b

    def first_infeasible(m, *args):
        calls.append(m)
        if len(calls) == 1:
            return placement_mip.StageB("INFEASIBLE")
        return solve_stage_b(m, *args)

    monkeypatch.setattr(placement_mip, "solve_stage_b", first_infeasible)
    # The lie would mislead stage B's own descent (solver/placement/descent.py, whose
    # proofs trust stage B's answers): this test is about stage A's path alone.
    monkeypatch.setattr(placement_mip.Descent, "heard", lambda self, target, status: None)
    problem = placement_instance(seed=12, n_students=12, n_locations=10)
    options = placement_options(problem)
    with caplog.at_level("INFO", logger="solver.placement.mip"):  # in this process
        answers = [
            _solve_part(problem, options, part, 30.0) for part in components(problem, options)
        ]
    assert [a.status for a in answers] == ["OPTIMAL"] * len(answers)
    rows = [row for a in answers for row in a.placements]
    assert placement_violations(problem, rows) == []
    assert vector(placement_objective(problem, rows)) == cp_sat_vector(problem)
    assert "integral ones" in caplog.text


def greedy_rows(problem: PlacementProblem, part: list[str]) -> list[tuple[str, str, str, str]]:
    """The repaired greedy's rows for one component."""
    rows = greedy_placement(problem, placement_options(problem), part)
    assert rows is not None
    return rows
