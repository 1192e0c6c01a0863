"""Marginal gain and recruitment plan: the fast answer equals a full re-solve with the recruits."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solver.assignment.gain import marginal_gains, recruitment_plan
from solver.assignment.problem import AssignmentProblem
from solver.assignment.solve import solve_assignment
from solver.errors import ProblemError
from tests.solver.helpers import assignment


def with_recruits(problem: AssignmentProblem, recruits: Sequence[np.ndarray]) -> AssignmentProblem:
    """The same problem with one capacity-1 agent per recruit, an edge to each of its tasks."""
    agents = [
        {"id": a, "capacity": int(c)}
        for a, c in zip(problem.agent_ids, problem.agent_capacity, strict=True)
    ]
    edges = [
        {"agent": problem.agent_ids[a], "task": problem.task_ids[t], "score": int(s)}
        for a, t, s in zip(
            problem.edge_agent.tolist(),
            problem.edge_task.tolist(),
            problem.edge_score.tolist(),
            strict=True,
        )
    ]
    for k, tasks in enumerate(recruits):
        agents.append({"id": f"recruit{k}", "capacity": 1})
        edges += [{"agent": f"recruit{k}", "task": problem.task_ids[t], "score": 0} for t in tasks]
    return AssignmentProblem.from_records(
        agents,
        [
            {"id": t, "priority": int(p)}
            for t, p in zip(problem.task_ids, problem.task_priority, strict=True)
        ],
        edges,
        pinned=problem.pinned,
        forbidden=problem.forbidden,
        previous=problem.previous,
    )


def coverage(problem: AssignmentProblem, recruits: Sequence[np.ndarray]) -> dict[int, int]:
    """Tasks covered per priority level by a full re-solve with the recruits added."""
    return solve_assignment(with_recruits(problem, recruits)).covered_by_priority


def lex(cover: dict[int, int]) -> tuple[int, ...]:
    """Coverage per level, highest priority first (the run's tier 1)."""
    return tuple(cover[p] for p in sorted(cover, reverse=True))


Case = tuple[AssignmentProblem, list[np.ndarray]]


@st.composite
def instances(draw: st.DrawFn) -> Case:
    """A small random problem (some pins and forbidden pairs) and a few recruit profiles."""
    num_agents = draw(st.integers(1, 6))
    num_tasks = draw(st.integers(1, 8))
    capacity = {f"a{i}": draw(st.integers(1, 2)) for i in range(num_agents)}
    tasks = {f"t{j}": draw(st.integers(0, 3)) for j in range(num_tasks)}
    pairs = [(a, t) for a in capacity for t in tasks]
    # One coin per pair: dense enough for chains through several agents.
    coins = draw(st.lists(st.booleans(), min_size=len(pairs), max_size=len(pairs)))
    chosen = [pair for pair, coin in zip(pairs, coins, strict=True) if coin]
    edges = [(a, t, draw(st.integers(0, 9))) for a, t in chosen]
    pinned: list[tuple[str, str]] = []
    load = dict.fromkeys(capacity, 0)
    for a, t in draw(st.lists(st.sampled_from(chosen), unique=True, max_size=2)) if chosen else []:
        if load[a] < capacity[a] and all(t != pt for _, pt in pinned):
            pinned.append((a, t))
            load[a] += 1
    rest = [p for p in chosen if p not in pinned]
    forbidden = draw(st.lists(st.sampled_from(rest), unique=True, max_size=2)) if rest else []
    problem = assignment(capacity, tasks, edges, pinned=pinned, forbidden=forbidden)
    profile = st.lists(st.integers(0, num_tasks - 1), unique=True, max_size=num_tasks)
    profiles = [
        np.array(p, dtype=np.int64) for p in draw(st.lists(profile, min_size=1, max_size=4))
    ]
    return problem, profiles


@settings(max_examples=300, deadline=None)
@given(instances())
def test_fast_gain_equals_full_resolve_at_every_priority_level(case: Case) -> None:
    problem, profiles = case
    solution = solve_assignment(problem)
    before = solution.covered_by_priority
    for profile, gain in zip(profiles, marginal_gains(problem, solution, profiles), strict=True):
        after = coverage(problem, [profile])
        assert {p: after[p] - before[p] for p in before} == {
            p: gain.by_priority.get(p, 0) for p in before
        }
        if gain.task is not None:
            assert gain.priority == problem.task_priority[gain.task]
            assert gain.path[-1] == gain.task and gain.path[0] in profile.tolist()


@settings(max_examples=150, deadline=None)
@given(instances(), st.integers(1, 3))
def test_plan_is_as_good_as_exhaustive_search(case: Case, steps: int) -> None:
    """Every prefix of the greedy plan covers as much, level by level, as the best choice of
    that many recruits (with repetition) found by re-solving every combination."""
    problem, profiles = case
    solution = solve_assignment(problem)
    plan = recruitment_plan(problem, solution, profiles, steps)
    gains = marginal_gains(problem, solution, profiles)
    if plan:
        assert plan[0].gain.key() == max(g.key() for g in gains)
        chosen = [profiles[s.profile] for s in plan]
        assert plan[-1].covered_by_priority == coverage(problem, chosen)
    for k in range(1, steps + 1):
        best = max(
            lex(coverage(problem, [profiles[i] for i in combo]))
            for combo in itertools.combinations_with_replacement(range(len(profiles)), k)
        )
        # A plan shorter than k stopped because no recruit added anything more.
        reached = plan[min(k, len(plan)) - 1].covered_by_priority if plan else None
        assert lex(reached or solution.covered_by_priority) == best


def test_recruit_moves_a_chain_to_reach_an_urgent_family() -> None:
    # a takes t2 (priority first) and t1 waits; a recruit for t2 frees a to move to t1.
    edges = [("a", "t1", 9), ("a", "t2", 1), ("b", "t3", 1)]
    problem = assignment({"a": 1, "b": 1}, {"t1": 0, "t2": 5, "t3": 5}, edges)
    solution = solve_assignment(problem)
    assert ("a", "t2") in solution.assignments  # t1 waits: priority first
    [gain] = marginal_gains(problem, solution, [np.array([1])])
    assert gain.task == 0 and gain.priority == 0 and gain.path == (1, 0)


def test_pinned_task_never_moves() -> None:
    problem = assignment(
        {"a": 1}, {"t1": 0, "t2": 5}, [("a", "t1", 1), ("a", "t2", 1)], pinned=[("a", "t1")]
    )
    solution = solve_assignment(problem)
    [gain] = marginal_gains(problem, solution, [np.array([0])])
    assert gain.task is None and gain.by_priority == {}


def test_gain_needs_an_optimal_solution() -> None:
    problem = assignment({"a": 1}, {"t": 0}, [("a", "t", 1)])
    solution = solve_assignment(problem)
    from dataclasses import replace

    with pytest.raises(ProblemError, match="optimal"):
        marginal_gains(problem, replace(solution, status="FEASIBLE"), [np.array([0])])


def test_chain_through_two_agents() -> None:
    # a holds t1 and can only move to t2; b holds t2 and can move to the waiting u.
    edges = [("a", "t1", 1), ("a", "t2", 1), ("b", "t2", 9), ("b", "u", 1)]
    problem = assignment({"a": 1, "b": 1}, {"t1": 3, "t2": 3, "u": 1, "w": 0}, edges)
    solution = solve_assignment(problem)
    assert sorted(solution.assignments) == [("a", "t1"), ("b", "t2")]
    [gain, none] = marginal_gains(problem, solution, [np.array([0]), np.array([3, 1][:0])])
    assert gain.path == (0, 1, 2) and gain.priority == 1
    assert coverage(problem, [np.array([0])])[1] == 1
    assert none.task is None


def test_profiles_must_name_task_positions() -> None:
    problem = assignment({"a": 1}, {"t": 0}, [("a", "t", 1)])
    solution = solve_assignment(problem)
    for bad in (np.array([1]), np.array([-1]), np.array([0.5])):
        with pytest.raises(ProblemError, match="profile 0"):
            marginal_gains(problem, solution, [bad])
        with pytest.raises(ProblemError, match="profile 0"):
            recruitment_plan(problem, solution, [bad], 1)
    assert marginal_gains(problem, solution, []) == []
    assert recruitment_plan(problem, solution, [], 3) == []
    [empty] = marginal_gains(problem, solution, [np.array([], dtype=np.int64)])
    assert empty.task is None and empty.by_priority == {}
