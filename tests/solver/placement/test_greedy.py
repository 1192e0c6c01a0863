"""The repaired greedy (solver/placement/greedy.py), and the answer at any time limit: never
below the greedy's on any tier in the lexicographic order."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from solver import PlacementProblem, Student, placement_objective, placement_violations
from solver import solve_placement as solve
from solver.placement.greedy import greedy_placement, repair
from solver.placement.objective import tier_vector
from solver.placement.options import components, placement_options
from solver.status import SolveStatus
from tests.solver.placement.test_solve import group, problem, tiny_problems


def greedy(p: PlacementProblem) -> list[tuple[str, str, str, str]] | None:
    """The repaired greedy over every component."""
    options = placement_options(p)
    rows: list[tuple[str, str, str, str]] = []
    for part in components(p, options):
        found = greedy_placement(p, options, part)
        if found is None:
            return None
        rows += found
    return rows


def two_students_one_slot_each() -> PlacementProblem:
    """a could come Monday or Tuesday, b only Monday; Monday's group has priority 2."""
    return problem(
        [Student("a", 1, frozenset({"mon", "tue"})), Student("b", 1, frozenset({"mon"}))],
        [group("g1", "L", {"mon": 1}, 2), group("g2", "L", {"tue": 1}, 1)],
        [("a", "L", 5), ("b", "L", 5)],
    )


def test_greedy_takes_the_priority_session_first() -> None:
    p = problem(
        [Student("a", 1, frozenset({"mon", "tue"}))],
        [group("g1", "L", {"mon": 1}, 0), group("g2", "L", {"tue": 1}, 2)],
        [("a", "L", 5)],
    )
    assert greedy(p) == [("a", "L", "g2", "tue")]


def test_repair_fits_in_a_student_the_greedy_left_out() -> None:
    # Greedy alone: a (first by id) takes Monday's priority place and b has none left.
    p = two_students_one_slot_each()
    options = placement_options(p)
    assert repair(p, options, {"a": "L"}, ["b"]) == [
        ("a", "L", "g2", "tue"),
        ("b", "L", "g1", "mon"),
    ]
    rows = greedy(p)
    assert rows is not None and placement_violations(p, rows) == []
    assert placement_objective(p, rows)["placed"] == 2


def test_greedy_keeps_pins_and_places_pinned_students_first() -> None:
    p = dataclasses.replace(two_students_one_slot_each(), pinned=(("a", "g1", "mon"),))
    rows = greedy(p)
    assert rows is not None
    assert ("a", "L", "g1", "mon") in rows
    assert placement_violations(p, rows) == []


def test_greedy_gives_none_when_a_pinned_student_cannot_get_their_sessions() -> None:
    # a is pinned on Monday and needs two half-days, but Tuesday's place went to a pin of b.
    p = problem(
        [Student("a", 2, frozenset({"mon", "tue"})), Student("b", 1, frozenset({"tue"}))],
        [group("g1", "L", {"mon": 1, "tue": 1})],
        [("a", "L", 5), ("b", "L", 5)],
        pinned=(("a", "g1", "mon"), ("b", "g1", "tue")),
    )
    assert greedy(p) is None
    assert solve(p).status == SolveStatus.INFEASIBLE


@settings(deadline=None, max_examples=150)
@given(tiny_problems())
def test_greedy_obeys_every_rule(p: PlacementProblem) -> None:
    rows = greedy(p)
    assert rows is not None  # no pins: an answer always exists
    assert placement_violations(p, rows) == []


@settings(deadline=None, max_examples=120)
@given(tiny_problems(), st.sampled_from([0.0, 0.001, 0.01, 0.1, 10.0]))
def test_at_any_time_limit_the_answer_is_feasible_and_at_least_the_greedys(
    p: PlacementProblem, limit: float
) -> None:
    p = dataclasses.replace(p, time_limit_s=limit)
    solution = solve(p)
    rows = greedy(p)
    assert rows is not None
    assert solution.status in {"OPTIMAL", "FEASIBLE"}
    assert placement_violations(p, solution.placements) == []
    assert tier_vector(solution.objective) >= tier_vector(placement_objective(p, rows))
    for name, value in solution.objective.items():
        bound = solution.bound[name]
        assert bound is None or bound >= value
