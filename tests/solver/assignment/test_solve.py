"""Buddy assignment: each constraint, each tier, exactness against brute force."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solver import (
    AssignmentProblem,
    AssignmentSolution,
    ProblemError,
    assignment_violations,
    cpsat_assignment,
    greedy_assignment,
    solve_assignment,
)
from solver.assignment.flow import free_part, solve_flow
from solver.assignment.solve import solution_from_edges
from tests.solver.helpers import assignment, assignment_vector, brute_force_assignment


def test_capacity_violation_is_reported_and_solver_respects_capacity() -> None:
    problem = assignment({"v": 1}, {"f1": 0, "f2": 0}, [("v", "f1", 5), ("v", "f2", 6)])
    assert assignment_violations(problem, [("v", "f1"), ("v", "f2")]) == [
        "agent 'v' exceeds its capacity"
    ]
    assert solve_assignment(problem).assignments == (("v", "f2"),)


def test_capacity_above_one_is_used() -> None:
    problem = assignment({"v": 2}, {"f1": 0, "f2": 0}, [("v", "f1", 5), ("v", "f2", 6)])
    assert solve_assignment(problem).assignments == (("v", "f1"), ("v", "f2"))


def test_one_agent_per_task() -> None:
    problem = assignment({"a": 1, "b": 1}, {"f": 0}, [("a", "f", 3), ("b", "f", 4)])
    assert assignment_violations(problem, [("a", "f"), ("b", "f")]) == ["task 'f' has 2 agents"]
    assert solve_assignment(problem).assignments == (("b", "f"),)


def test_only_edges_may_be_assigned() -> None:
    problem = assignment({"a": 1}, {"f": 0, "g": 0}, [("a", "f", 3)])
    assert assignment_violations(problem, [("a", "g")]) == ["('a', 'g') is not an edge"]
    assert assignment_violations(problem, [("a", "f")]) == []


def test_pin_is_kept_even_when_worse() -> None:
    edges = [("a", "f", 1), ("a", "g", 9)]
    problem = assignment({"a": 1}, {"f": 0, "g": 0}, edges, pinned=[("a", "f")])
    solution = solve_assignment(problem)
    assert solution.assignments == (("a", "f"),)
    assert assignment_violations(problem, []) == ["pin ('a', 'f') is not kept"]


def test_forbidden_pair_is_never_chosen() -> None:
    edges = [("a", "f", 9), ("b", "f", 1)]
    problem = assignment({"a": 1, "b": 1}, {"f": 0}, edges, forbidden=[("a", "f")])
    assert solve_assignment(problem).assignments == (("b", "f"),)
    assert assignment_violations(problem, [("a", "f")]) == ["('a', 'f') is forbidden"]


def test_previous_pair_breaks_a_score_tie() -> None:
    edges = [("a", "f", 5), ("b", "f", 5)]
    for keep in ("a", "b"):
        problem = assignment({"a": 1, "b": 1}, {"f": 0}, edges, previous=[(keep, "f")])
        solution = solve_assignment(problem)
        assert solution.assignments == ((keep, "f"),)
        assert solution.kept_previous == 1


def test_priority_outranks_any_score() -> None:
    edges = [("a", "urgent", 0), ("a", "calm", 100), ("b", "calm", 1)]
    problem = assignment({"a": 1, "b": 1}, {"urgent": 5, "calm": 0}, edges)
    solution = solve_assignment(problem)
    assert solution.assignments == (("a", "urgent"), ("b", "calm"))
    assert solution.covered_by_priority == {0: 1, 5: 1}


def test_higher_level_first_even_against_two_lower() -> None:
    # a can cover the urgent task, or free b... the urgent one must win.
    edges = [("a", "u", 0), ("a", "m1", 9), ("b", "u", 0)]
    problem = assignment({"a": 1, "b": 1}, {"u": 3, "m1": 2}, edges)
    assert solve_assignment(problem).objective() == brute_force_assignment(problem)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"pinned": [("a", "g")]}, "is not an edge"),
        ({"pinned": [("a", "f")], "forbidden": [("a", "f")]}, "both pinned and forbidden"),
        ({"pinned": [("a", "f"), ("b", "f")]}, "pinned to 2 agents"),
        ({"pinned": [("a", "f"), ("a", "g2")]}, "has 2 pins but capacity 1"),
        ({"pinned": [("zz", "f")]}, "unknown agent"),
        ({"previous": [("a", "f"), ("a", "f")]}, "listed twice"),
    ],
)
def test_bad_pins_and_pairs_are_problem_errors(kwargs: dict, message: str) -> None:
    edges = [("a", "f", 1), ("b", "f", 1), ("a", "g2", 1)]
    with pytest.raises(ProblemError, match=message):
        assignment({"a": 1, "b": 1}, {"f": 0, "g": 0, "g2": 0}, edges, **kwargs)


@pytest.mark.parametrize(
    ("agents", "tasks", "edges", "message"),
    [
        ({"a": 0}, {"f": 0}, [], "capacity must be at least 1"),
        ({"a": 1}, {"f": -1}, [], "priority must be at least 0"),
        ({"a": 1}, {"f": 0}, [("a", "f", -2)], "score must be at least 0"),
        ({"a": 1}, {"f": 0}, [("a", "f", 1), ("a", "f", 2)], "duplicate edge"),
        ({"a": 1}, {"f": 0}, [("a", "x", 1)], "unknown id 'x'"),
    ],
)
def test_invalid_records_are_problem_errors(agents, tasks, edges, message) -> None:
    with pytest.raises(ProblemError, match=message):
        assignment(agents, tasks, edges)


def test_duplicate_ids_are_problem_errors() -> None:
    with pytest.raises(ProblemError, match="duplicate agents id 'a'"):
        AssignmentProblem.from_records([{"id": "a"}, {"id": "a"}], [], [])


def test_solve_never_changes_the_problem_and_arrays_are_read_only() -> None:
    capacity = np.array([1, 2])
    problem = AssignmentProblem(
        agent_ids=("a", "b"),
        agent_capacity=capacity,
        task_ids=("f", "g"),
        task_priority=np.array([1, 0]),
        edge_agent=np.array([0, 1, 1]),
        edge_task=np.array([0, 0, 1]),
        edge_score=np.array([3, 4, 5]),
        previous=(("a", "f"),),
    )
    capacity[0] = 99  # the caller's array is copied, not shared
    before = {name: getattr(problem, name).copy() for name in ("agent_capacity", "edge_score")}
    solve_assignment(problem)
    greedy_assignment(problem)
    for name, array in before.items():
        assert np.array_equal(getattr(problem, name), array)
    assert problem.agent_capacity[0] == 1
    with pytest.raises(ValueError):
        problem.edge_score[0] = 0


def test_same_input_same_output() -> None:
    edges = [(a, t, 5) for a in "abc" for t in ("f", "g", "h")]
    problem = assignment({"a": 1, "b": 1, "c": 1}, {"f": 1, "g": 1, "h": 1}, edges)
    first, second = solve_assignment(problem), solve_assignment(problem)
    assert first.assignments == second.assignments
    assert first.objective() == second.objective()


def test_empty_problems_solve_to_nothing() -> None:
    for problem in (assignment({}, {}, []), assignment({"a": 1}, {"f": 2}, [])):
        solution = solve_assignment(problem)
        assert solution.status == "OPTIMAL"
        assert solution.assignments == ()
        assert solution.score == solution.kept_previous == 0


def test_greedy_can_miss_an_urgent_task_the_flow_covers() -> None:
    edges = [("a", "u1", 9), ("a", "u2", 1), ("b", "u1", 1)]
    problem = assignment({"a": 1, "b": 1}, {"u1": 5, "u2": 5}, edges)
    assert greedy_assignment(problem).covered_by_priority[5] == 1
    assert solve_assignment(problem).covered_by_priority[5] == 2


def test_huge_scores_fall_back_to_the_staged_flow_and_stay_exact() -> None:
    big = 2**50
    tasks = {f"t{j}": j % 5 for j in range(12)}
    edges = [("a", t, big * (1 + j % 3)) for j, t in enumerate(tasks)]
    edges += [("b", t, big) for t in list(tasks)[:6]]
    problem = assignment({"a": 3, "b": 2}, tasks, edges, previous=[("b", "t0")])
    solution = solve_assignment(problem)
    assert "tier 1, then" in solution.method
    assert solution.objective() == brute_force_assignment(problem)


def _staged(problem: AssignmentProblem) -> AssignmentSolution:
    """Solve with the two-stage flow even where the combined weights would fit."""
    chosen, method = solve_flow(problem, free_part(problem), allow_combined=False)
    edges = np.concatenate([problem.pair_edges(problem.pinned), chosen])
    return solution_from_edges(problem, edges, "OPTIMAL", method, 0.0, False)


def test_scores_too_large_for_64_bits_are_a_problem_error() -> None:
    problem = assignment({"a": 1}, {"f": 0}, [("a", "f", 2**62 - 1)], previous=[("a", "f")])
    with pytest.raises(ProblemError, match="too large"):
        solve_assignment(problem)


def test_cpsat_with_no_time_reports_a_status_not_a_crash() -> None:
    edges = [(f"a{i}", f"t{j}", (i * 7 + j * 3) % 11) for i in range(30) for j in range(30)]
    problem = assignment(
        {f"a{i}": 1 for i in range(30)},
        {f"t{j}": j % 4 for j in range(30)},
        edges,
        time_limit_s=0.0,
    )
    solution = cpsat_assignment(problem)
    assert solution.status in {"FEASIBLE", "UNKNOWN"}
    assert assignment_violations(problem, solution.assignments) == []


@st.composite
def small_problems(draw: st.DrawFn) -> AssignmentProblem:
    """Tiny random assignment problems with pins, forbidden and previous pairs."""
    agents = {f"a{i}": draw(st.integers(1, 2)) for i in range(draw(st.integers(1, 4)))}
    tasks = {f"t{j}": draw(st.integers(0, 3)) for j in range(draw(st.integers(1, 6)))}
    pairs = [(a, t) for a in agents for t in tasks]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=12))
    edges = [(a, t, draw(st.integers(0, 4))) for a, t in chosen]
    previous = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=4))
    forbidden = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=3))
    pinned: list[tuple[str, str]] = []
    load: dict[str, int] = {}
    for a, t in chosen:
        free = (a, t) not in forbidden and load.get(a, 0) < agents[a]
        if free and all(t != pt for _, pt in pinned) and draw(st.integers(0, 5)) == 0:
            pinned.append((a, t))
            load[a] = load.get(a, 0) + 1
    return assignment(agents, tasks, edges, pinned=pinned, forbidden=forbidden, previous=previous)


@settings(deadline=None, max_examples=300)
@given(small_problems())
def test_flow_obeys_every_rule_and_equals_brute_force_on_all_tiers(problem) -> None:
    solution = solve_assignment(problem)
    assert solution.status == "OPTIMAL"
    assert assignment_violations(problem, solution.assignments) == []
    assert solution.objective() == assignment_vector(problem, list(solution.assignments))
    assert solution.objective() == brute_force_assignment(problem)


@settings(deadline=None, max_examples=80)
@given(small_problems())
def test_staged_flow_equals_brute_force(problem) -> None:
    solution = _staged(problem)
    assert assignment_violations(problem, solution.assignments) == []
    assert solution.objective() == brute_force_assignment(problem)


@settings(deadline=None, max_examples=25)
@given(small_problems())
def test_cpsat_baseline_agrees_with_the_flow(problem) -> None:
    cpsat = cpsat_assignment(problem)
    assert cpsat.status == "OPTIMAL"
    assert assignment_violations(problem, cpsat.assignments) == []
    assert cpsat.objective() == solve_assignment(problem).objective()


@settings(deadline=None, max_examples=60)
@given(small_problems())
def test_greedy_obeys_every_rule_and_is_never_better(problem) -> None:
    greedy = greedy_assignment(problem)
    assert assignment_violations(problem, greedy.assignments) == []
    assert greedy.objective() <= solve_assignment(problem).objective()
