"""Student placement: each constraint, each tier, exactness against brute force."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solver import (
    Group,
    PlacementProblem,
    ProblemError,
    Student,
    placement_objective,
    placement_violations,
    solve_placement,
)
from solver.placement.model import TIER_NAMES
from solver.placement.options import ALL_FORBIDDEN, NO_EDGE, TAKEN, TOO_FEW_SESSIONS
from tests.solver.helpers import brute_force_placement


def group(gid: str, loc: str, wanted: dict[str, int], priority: int = 0) -> Group:
    """A group with sessions -> number wanted."""
    return Group(gid, loc, priority, tuple(sorted(wanted.items())))


def problem(students, groups, edges, **kwargs) -> PlacementProblem:
    """A placement problem whose locations are those the groups and edges name."""
    locations = tuple(sorted({g.location for g in groups} | {loc for _, loc, _ in edges}))
    return PlacementProblem(
        students=tuple(students),
        locations=locations,
        groups=tuple(groups),
        edges=tuple(edges),
        time_limit_s=kwargs.pop("time_limit_s", 10.0),
        **kwargs,
    )


def vector(solution) -> tuple:
    """The solution's objective as a tuple in tier order."""
    return tuple(solution.objective[name] for name in TIER_NAMES)


TWO_DAYS = frozenset({"mon_am", "tue_am"})


def test_one_location_per_student() -> None:
    p = problem(
        [Student("s", 2, TWO_DAYS)],
        [
            group("g1", "L1", {"mon_am": 1}),
            group("g2", "L2", {"tue_am": 1}),
            group("g3", "L3", {"mon_am": 1, "tue_am": 1}),
        ],
        [("s", "L1", 9), ("s", "L2", 9), ("s", "L3", 1)],
    )
    split = [("s", "L1", "g1", "mon_am"), ("s", "L2", "g2", "tue_am")]
    assert placement_violations(p, split) == ["'s' is at 2 locations"]
    solution = solve_placement(p)
    assert {loc for _, loc, _, _ in solution.placements} == {"L3"}
    assert placement_violations(p, solution.placements) == []


def test_exact_number_of_sessions() -> None:
    p = problem(
        [Student("s", 1, TWO_DAYS)], [group("g", "L", {"mon_am": 1, "tue_am": 1})], [("s", "L", 5)]
    )
    both = [("s", "L", "g", "mon_am"), ("s", "L", "g", "tue_am")]
    assert placement_violations(p, both) == ["'s' has 2 sessions, needs 1"]
    assert len(solve_placement(p).placements) == 1


def test_only_available_half_days_the_group_runs() -> None:
    p = problem(
        [Student("s", 1, frozenset({"tue_am"}))],
        [group("g", "L", {"mon_am": 1, "tue_am": 1, "wed_am": 0})],
        [("s", "L", 5)],
    )
    assert placement_violations(p, [("s", "L", "g", "mon_am")]) == [
        "'s' is not available in 'mon_am'"
    ]
    assert solve_placement(p).placements == (("s", "L", "g", "tue_am"),)


def test_wanted_places_per_group_session() -> None:
    students = [Student(f"s{i}", 1, frozenset({"mon_am"})) for i in range(3)]
    p = problem(students, [group("g", "L", {"mon_am": 2})], [(s.id, "L", 5) for s in students])
    crowd = [(s.id, "L", "g", "mon_am") for s in students]
    assert placement_violations(p, crowd) == ["group 'g' has 3 students in 'mon_am', wants 2"]
    solution = solve_placement(p)
    assert solution.objective["placed"] == 2
    assert [reason for _, reason in solution.unplaced] == [TAKEN]


def test_one_group_per_half_day() -> None:
    p = problem(
        [Student("s", 2, TWO_DAYS)],
        [group("g1", "L", {"mon_am": 1}), group("g2", "L", {"mon_am": 1, "tue_am": 1})],
        [("s", "L", 5)],
    )
    same_day = [("s", "L", "g1", "mon_am"), ("s", "L", "g2", "mon_am")]
    assert "'s' is in 2 groups in 'mon_am'" in placement_violations(p, same_day)
    solution = solve_placement(p)
    assert sorted(h for *_, h in solution.placements) == ["mon_am", "tue_am"]


def test_forbidden_location_is_never_chosen() -> None:
    p = problem(
        [Student("s", 1, TWO_DAYS)],
        [group("g1", "L1", {"mon_am": 1}), group("g2", "L2", {"mon_am": 1})],
        [("s", "L1", 99), ("s", "L2", 1)],
        forbidden=(("s", "L1"),),
    )
    assert placement_violations(p, [("s", "L1", "g1", "mon_am")]) == [
        "'L1' is not an allowed location of 's'"
    ]
    assert solve_placement(p).placements == (("s", "L2", "g2", "mon_am"),)


def test_pin_is_kept_even_when_worse() -> None:
    p = problem(
        [Student("s", 1, TWO_DAYS)],
        [group("g1", "L1", {"mon_am": 1}), group("g2", "L2", {"tue_am": 1}, priority=3)],
        [("s", "L1", 1), ("s", "L2", 99)],
        pinned=(("s", "g1", "mon_am"),),
    )
    assert solve_placement(p).placements == (("s", "L1", "g1", "mon_am"),)
    assert placement_violations(p, []) == ["pin ('s', 'g1', 'mon_am') is not kept"]


@pytest.mark.parametrize(
    ("pinned", "message"),
    [
        ((("s", "g", "wed_am"),), "takes no student"),
        ((("s", "g", "mon_am"), ("s", "g2", "tue_am")), "pinned at two locations"),
        ((("s", "g", "mon_am"), ("t", "g", "mon_am")), "more than wanted"),
        ((("s", "g", "mon_am"), ("s", "g", "tue_am"), ("s", "g", "mon_am")), "listed twice"),
        ((("s", "nope", "mon_am"),), "unknown group"),
    ],
)
def test_impossible_pins_are_problem_errors(pinned, message) -> None:
    with pytest.raises(ProblemError, match=message):
        problem(
            [Student("s", 2, TWO_DAYS), Student("t", 1, TWO_DAYS)],
            [
                group("g", "L", {"mon_am": 1, "tue_am": 1, "wed_am": 0}),
                group("g2", "M", {"tue_am": 1}),
            ],
            [("s", "L", 1), ("t", "L", 1), ("s", "M", 1)],
            pinned=pinned,
        )


def test_pins_that_only_clash_through_capacity_are_infeasible() -> None:
    # Both need both half-days, each half-day has one place: the pins cannot all hold.
    students = [Student("a", 2, TWO_DAYS), Student("b", 2, TWO_DAYS)]
    p = problem(
        students,
        [group("g", "L", {"mon_am": 1, "tue_am": 1})],
        [("a", "L", 1), ("b", "L", 1)],
        pinned=(("a", "g", "mon_am"), ("b", "g", "tue_am")),
    )
    solution = solve_placement(p)
    assert solution.status == "INFEASIBLE"
    assert solution.placements == ()


def test_unplaceable_students_get_a_reason_and_do_not_block_the_rest() -> None:
    students = [
        Student("none", 1, TWO_DAYS),
        Student("forbidden", 1, TWO_DAYS),
        Student("busy", 2, frozenset({"mon_am"})),
        Student("ok", 1, TWO_DAYS),
    ]
    p = problem(
        students,
        [group("g", "L", {"mon_am": 1, "tue_am": 1})],
        [("forbidden", "L", 1), ("busy", "L", 1), ("ok", "L", 1)],
        forbidden=(("forbidden", "L"),),
    )
    solution = solve_placement(p)
    assert solution.status == "OPTIMAL"
    assert dict(solution.unplaced) == {
        "none": NO_EDGE,
        "forbidden": ALL_FORBIDDEN,
        "busy": TOO_FEW_SESSIONS,
    }
    assert solution.objective["placed"] == 1


def test_empty_problem_is_optimal_and_empty() -> None:
    solution = solve_placement(problem([], [], []))
    assert solution.status == "OPTIMAL"
    assert solution.placements == solution.unplaced == ()
    assert solution.objective == dict.fromkeys(TIER_NAMES, 0)


def test_priority_sessions_outrank_quality() -> None:
    p = problem(
        [Student("s", 1, TWO_DAYS)],
        [group("calm", "L1", {"mon_am": 1}), group("reduced", "L2", {"mon_am": 1}, 2)],
        [("s", "L1", 100), ("s", "L2", 0)],
    )
    solution = solve_placement(p)
    assert solution.placements == (("s", "L2", "reduced", "mon_am"),)
    assert solution.objective["priority_coverage"] == 2


def test_quality_outranks_stability_and_previous_breaks_ties() -> None:
    groups = [group("g1", "L", {"mon_am": 1, "tue_am": 1}), group("g2", "M", {"mon_am": 1})]
    better = problem(
        [Student("s", 1, TWO_DAYS)],
        groups,
        [("s", "L", 5), ("s", "M", 6)],
        previous=(("s", "g1", "tue_am"),),
        spread_bonus=0,
    )
    assert solve_placement(better).placements == (("s", "M", "g2", "mon_am"),)
    tie = problem(
        [Student("s", 1, TWO_DAYS)],
        groups,
        [("s", "L", 6), ("s", "M", 6)],
        previous=(("s", "g1", "tue_am"),),
        spread_bonus=0,
    )
    solution = solve_placement(tie)
    assert solution.placements == (("s", "L", "g1", "tue_am"),)
    assert solution.objective["kept_previous"] == 1


def test_previous_students_whose_group_is_full_do_not_take_another_previous_place() -> None:
    students = [Student(s, 1, frozenset({"mon_am"})) for s in ("x", "y", "z")]
    groups = [group(g, "L", {"mon_am": 1}) for g in ("A", "B", "C")]
    p = problem(
        students,
        groups,
        [(s.id, "L", 1) for s in students],
        previous=(("x", "A", "mon_am"), ("y", "A", "mon_am"), ("z", "B", "mon_am")),
    )
    solution = solve_placement(p)
    assert solution.objective["kept_previous"] == 2
    assert ("z", "L", "B", "mon_am") in solution.placements


def test_spread_bonus_prefers_more_locations() -> None:
    students = [Student("a", 1, TWO_DAYS), Student("b", 1, TWO_DAYS)]
    groups = [group("g", "L", {"mon_am": 2}), group("h", "M", {"mon_am": 1})]
    edges = [("a", "L", 10), ("b", "L", 10), ("a", "M", 8), ("b", "M", 8)]
    spread = solve_placement(problem(students, groups, edges, spread_bonus=5))
    assert len({loc for _, loc, _, _ in spread.placements}) == 2
    packed = solve_placement(problem(students, groups, edges, spread_bonus=0))
    assert {loc for _, loc, _, _ in packed.placements} == {"L"}


def test_same_input_same_output_and_input_unchanged() -> None:
    students = [Student(f"s{i}", 1 + i % 2, TWO_DAYS | {"wed_pm"}) for i in range(6)]
    groups = [
        group(f"g{j}", f"L{j % 3}", {"mon_am": 1, "tue_am": 2, "wed_pm": 1}, j % 2)
        for j in range(5)
    ]
    edges = [(s.id, f"L{j}", (i * 3 + j) % 7) for i, s in enumerate(students) for j in range(3)]
    p = problem(students, groups, edges, previous=(("s0", "g1", "tue_am"),))
    before = copy.deepcopy(p)
    first, second = solve_placement(p), solve_placement(p)
    assert p == before
    assert first.placements == second.placements
    assert first.objective == second.objective
    assert first.unplaced == second.unplaced


def test_tiny_time_limit_reports_a_status_not_a_crash() -> None:
    from bench.instances import placement_instance

    p = placement_instance(time_limit_s=0.0)
    solution = solve_placement(p)
    assert solution.status in {"FEASIBLE", "UNKNOWN"}
    assert placement_violations(p, solution.placements) == []
    if solution.status == "UNKNOWN":
        assert solution.placements == ()
        assert all(reason for _, reason in solution.unplaced)


@st.composite
def tiny_problems(draw: st.DrawFn) -> PlacementProblem:
    """Random placement problems small enough to enumerate."""
    days = ["d1", "d2", "d3"]
    locations = ["L0", "L1"][: draw(st.integers(1, 2))]
    groups = []
    for j in range(draw(st.integers(1, 3))):
        runs = draw(st.lists(st.sampled_from(days), unique=True, min_size=1, max_size=3))
        wanted = {h: draw(st.integers(0, 2)) for h in runs}
        groups.append(
            group(f"g{j}", draw(st.sampled_from(locations)), wanted, draw(st.integers(0, 2)))
        )
    students, edges = [], []
    for i in range(draw(st.integers(1, 3))):
        free = frozenset(draw(st.lists(st.sampled_from(days), unique=True, min_size=1)))
        students.append(Student(f"s{i}", draw(st.integers(1, 2)), free))
        for loc in draw(st.lists(st.sampled_from(locations), unique=True)):
            edges.append((f"s{i}", loc, draw(st.integers(0, 3))))
    previous = []
    for s in students:
        g = draw(st.sampled_from(groups))
        if draw(st.booleans()):
            previous.append((s.id, g.id, draw(st.sampled_from(days))))
    forbidden: tuple[tuple[str, str], ...] = ()
    if edges and draw(st.booleans()):
        s, loc, _ = draw(st.sampled_from(edges))
        forbidden = ((s, loc),)
    return PlacementProblem(
        students=tuple(students),
        locations=tuple(locations),
        groups=tuple(groups),
        edges=tuple(edges),
        previous=tuple(previous),
        forbidden=forbidden,
        spread_bonus=draw(st.integers(0, 2)),
        time_limit_s=10.0,
    )


@settings(deadline=None, max_examples=200)
@given(tiny_problems())
def test_placement_obeys_every_rule_and_equals_brute_force_on_all_tiers(p) -> None:
    solution = solve_placement(p)
    assert solution.status == "OPTIMAL"
    assert placement_violations(p, solution.placements) == []
    assert solution.objective == placement_objective(p, solution.placements)
    assert vector(solution) == brute_force_placement(p)
    assert all(solution.bound[name] == solution.objective[name] for name in TIER_NAMES)


@settings(deadline=None, max_examples=60)
@given(tiny_problems(), st.data())
def test_placement_with_a_pin_from_a_valid_placement_equals_brute_force(p, data) -> None:
    free = solve_placement(p)
    if not free.placements:
        return
    s, _, g, h = data.draw(st.sampled_from(free.placements))
    pinned = PlacementProblem(
        students=p.students,
        locations=p.locations,
        groups=p.groups,
        edges=p.edges,
        previous=p.previous,
        forbidden=p.forbidden,
        spread_bonus=p.spread_bonus,
        pinned=((s, g, h),),
        time_limit_s=10.0,
    )
    solution = solve_placement(pinned)
    assert solution.status == "OPTIMAL"
    assert (s, g, h) in {(a, b, c) for a, _, b, c in solution.placements}
    assert placement_violations(pinned, solution.placements) == []
    assert vector(solution) == brute_force_placement(pinned)
