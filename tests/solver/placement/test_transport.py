"""Filling stage A's counts with students (solver/placement/transport.py), and the answer it
gives when stage B of the pattern model finds none in time."""

from __future__ import annotations

import time

import pytest

from bench.instances import demo_placement_instance, placement_instance
from solver import (
    Group,
    PlacementProblem,
    Student,
    placement_objective,
    placement_violations,
    solve_placement,
)
from solver.placement import mip as placement_mip
from solver.placement.answer import METHOD, combine
from solver.placement.options import components, placement_options
from solver.placement.patterns import build_pattern_model, enumerate_columns, tracked_half_days
from solver.placement.solve import _solve_part
from solver.placement.transport import columns_from_counts
from tests.solver.helpers import cp_sat_vector, vector

D1 = frozenset({"d1"})


def one_location(pinned: tuple[tuple[str, str, str], ...] = ()) -> PlacementProblem:
    """Three students who could each take the one place of L on d1."""
    return PlacementProblem(
        students=(Student("a", 1, D1), Student("b", 1, D1), Student("c", 1, D1)),
        locations=("L",),
        groups=(Group("g", "L", 1, (("d1", 1),)),),
        edges=(("a", "L", 5), ("b", "L", 30), ("c", "L", 10)),
        pinned=pinned,
    )


def fill(problem: PlacementProblem, count: int) -> list[str] | None:
    """The students columns_from_counts puts into L's one slot holding `count` students."""
    options = placement_options(problem)
    students = [s.id for s in problem.students]
    tracked = tracked_half_days(problem, options, students)
    columns = enumerate_columns(problem, options, students, tracked)
    assert columns is not None
    model = build_pattern_model(problem, options, students, tracked, columns)
    assert len(model.count) == 1
    values = columns_from_counts(problem, model, {slot: count for slot in model.count})
    if values is None:
        return None
    return sorted(columns[j][0] for j, value in enumerate(values) if value)


def test_fills_the_count_with_the_best_scores() -> None:
    assert fill(one_location(), 1) == ["b"]
    assert fill(one_location(), 2) == ["b", "c"]


def test_a_pinned_student_goes_first_whatever_the_score() -> None:
    assert fill(one_location(pinned=(("a", "g", "d1"),)), 1) == ["a"]


def test_counts_that_cannot_be_filled_give_none() -> None:
    assert fill(one_location(), 4) is None


@pytest.mark.parametrize(
    "problem",
    [
        demo_placement_instance(seed=0, n_students=20, n_locations=18),
        placement_instance(seed=12, n_students=24, n_locations=20),
    ],
    ids=["demo-shaped", "benchmark-shaped-with-previous"],
)
def test_without_stage_b_tiers_0_1_stay_optimal_and_2_3_are_bounded(
    monkeypatch: pytest.MonkeyPatch, problem: PlacementProblem
) -> None:
    # Stage B out of time in every component: the answer fills stage A's counts instead.
    monkeypatch.setattr(
        placement_mip, "solve_stage_b", lambda *args: placement_mip.StageB("UNKNOWN")
    )
    options = placement_options(problem)
    parts = components(problem, options)
    answers = [_solve_part(problem, options, part, 30.0) for part in parts]  # no greedy
    solution = combine(problem, options, parts, answers, time.perf_counter())
    assert solution.status in {"OPTIMAL", "FEASIBLE"}
    assert solution.method == METHOD
    assert vector(solve_placement(problem).objective) >= vector(solution.objective)
    assert placement_violations(problem, solution.placements) == []
    assert solution.objective == placement_objective(problem, solution.placements)
    best = cp_sat_vector(problem)
    assert vector(solution.objective)[:2] == best[:2]
    assert solution.tier_status["placed"] == solution.tier_status["priority_coverage"] == "OPTIMAL"
    for tier, value in zip(("quality", "kept_previous"), best[2:], strict=True):
        assert solution.objective[tier] <= value
    quality_bound = solution.bound["quality"]
    assert quality_bound is not None and quality_bound >= best[2]


def test_stage_a_out_of_time_keeps_its_best_answer_with_lp_bounds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Stage A stopped by the time limit with an answer: its counts are filled with students
    # and realised; tiers 0-1 are FEASIBLE against the LP bound, not thrown away.
    solve_stage_a = placement_mip.solve_stage_a

    def unproven(*args, **kwargs):
        found = solve_stage_a(*args, **kwargs)
        return None if found is None else (found[0], found[1], False)

    monkeypatch.setattr(placement_mip, "solve_stage_a", unproven)
    problem = demo_placement_instance(seed=0, n_students=20, n_locations=18)
    options = placement_options(problem)
    best = cp_sat_vector(problem)
    rows = []
    for part in components(problem, options):
        answer = _solve_part(problem, options, part, 30.0)
        assert answer.method == METHOD
        assert [t.status for t in answer.tiers] == ["FEASIBLE"] * 4 or answer.tiers[
            0
        ].bound == answer.tiers[0].value
        for tier in answer.tiers:
            assert tier.bound is not None and tier.value is not None and tier.bound >= tier.value
        rows += answer.placements
    assert placement_violations(problem, rows) == []
    assert vector(placement_objective(problem, rows))[:2] == best[:2]  # the optimum, unproven
