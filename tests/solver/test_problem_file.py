"""The problem-file format: parsing, validation messages, answer shape, round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from solver import AssignmentProblem, PlacementProblem, ProblemError, solve_assignment
from solver.problem_file import (
    assignment_to_json,
    parse_problem,
    placement_to_json,
    read_problem,
    solution_to_json,
    solve_problem,
)

GOOD = {
    "kind": "assignment",
    "agents": [{"id": "v1", "capacity": 1}, {"id": "v2"}],
    "tasks": [{"id": "f1", "priority": 3}, {"id": "f2", "priority": 5}],
    "edges": [
        {"agent": "v1", "task": "f1", "score": 73},
        {"agent": "v2", "task": "f2", "score": 10},
        {"agent": "v1", "task": "f2", "score": 90},
    ],
    "pinned": [{"agent": "v1", "task": "f1"}],
    "forbidden": [],
    "previous": [],
    "time_limit_s": 30,
    "seed": 0,
}


def with_changes(**changes: object) -> dict:
    """A copy of the good file with some keys replaced (None removes the key)."""
    data = json.loads(json.dumps(GOOD))
    for key, value in changes.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    return data


def test_good_assignment_file_solves_to_the_documented_shape() -> None:
    problem = parse_problem(GOOD)
    assert isinstance(problem, AssignmentProblem)
    answer = solution_to_json(solve_problem(problem))
    assert set(answer) == {"status", "assignments", "objective", "wall_s"}
    assert answer["status"] == "OPTIMAL"
    assert answer["assignments"] == [{"agent": "v1", "task": "f1"}, {"agent": "v2", "task": "f2"}]
    assert answer["objective"] == {
        "covered_by_priority": {"5": 1, "3": 1},
        "score": 83,
        "kept_previous": 0,
    }


def test_optional_keys_may_be_absent() -> None:
    data = with_changes(pinned=None, forbidden=None, previous=None, time_limit_s=None, seed=None)
    assert isinstance(parse_problem(data), AssignmentProblem)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([1, 2], "one JSON object"),
        (with_changes(kind="schedule"), "unknown kind 'schedule'"),
        (with_changes(kind=None), "unknown kind None"),
        (with_changes(edges=None), "no key 'edges'"),
        (with_changes(extra=1), "unknown key 'extra'"),
        (with_changes(agents="v1"), "agents must be a list"),
        (with_changes(agents=[{"capacity": 1}]), r"agents\[0\] has no key 'id'"),
        (with_changes(agents=[{"id": "v1", "capacity": 0}]), r"capacity must be at least 1"),
        (with_changes(tasks=[{"id": "f1", "priority": "high"}]), r"priority must be an integer"),
        (with_changes(tasks=[{"id": 7, "priority": 1}]), r"tasks\[0\] must be a non-empty str"),
        (with_changes(edges=[{"agent": "v1", "task": "f1", "score": 1.5}]), "score must be an int"),
        (with_changes(edges=[{"agent": "v9", "task": "f1", "score": 1}]), "unknown id 'v9'"),
        (with_changes(edges=["v1"]), r"edges\[0\] must be an object"),
        (
            with_changes(pinned=[{"agent": "v1", "task": "f1"}, {"agent": "v1", "task": "f2"}]),
            "2 pins but capacity 1",
        ),
        (with_changes(pinned=[{"agent": "v1"}]), "has no key 'task'"),
        (with_changes(time_limit_s="soon"), "time_limit_s must be a number"),
        (with_changes(seed=-1), "seed must be at least 0"),
    ],
)
def test_malformed_problems_name_the_problem(data: object, message: str) -> None:
    with pytest.raises(ProblemError, match=message):
        parse_problem(data)


def test_bad_json_is_a_problem_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"kind": "assignment", ')
    with pytest.raises(ProblemError, match="not valid JSON"):
        read_problem(path)


def test_assignment_round_trip_gives_the_same_solution(tmp_path: Path) -> None:
    from bench.instances import assignment_instance

    problem = assignment_instance("small")
    path = tmp_path / "problem.json"
    path.write_text(json.dumps(assignment_to_json(problem)))
    again = read_problem(path)
    assert isinstance(again, AssignmentProblem)
    first, second = solve_assignment(problem), solve_assignment(again)
    assert first.assignments == second.assignments
    assert first.objective() == second.objective()


def test_placement_round_trip_and_answer_shape() -> None:
    from bench.instances import placement_instance

    problem = placement_instance(n_students=12, n_locations=10)
    again = parse_problem(json.loads(json.dumps(placement_to_json(problem))))
    assert isinstance(again, PlacementProblem)
    assert again == problem
    answer = solution_to_json(solve_problem(again))
    assert set(answer) == {"status", "placements", "unplaced", "objective", "bound", "wall_s"}
    assert set(answer["objective"]) == {"placed", "priority_coverage", "quality", "kept_previous"}
    assert all(
        set(row) == {"student", "location", "group", "session"} for row in answer["placements"]
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"students": [{"id": "s", "sessions_required": 0, "available": []}]}, "at least 1"),
        ({"groups": [{"id": "g", "location": "nowhere", "wanted": {}}]}, "unknown location"),
        ({"groups": [{"id": "g", "location": "L", "wanted": [1]}]}, "wanted must be an object"),
        ({"edges": [{"student": "s", "location": "L"}]}, "has no key 'score'"),
        ({"students": None}, "no key 'students'"),
    ],
)
def test_malformed_placement_problems_name_the_problem(change: dict, message: str) -> None:
    data = {
        "kind": "placement",
        "students": [{"id": "s", "sessions_required": 1, "available": ["mon_am"]}],
        "locations": [{"id": "L"}],
        "groups": [{"id": "g", "location": "L", "priority": 1, "wanted": {"mon_am": 1}}],
        "edges": [{"student": "s", "location": "L", "score": 5}],
    }
    for key, value in change.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    with pytest.raises(ProblemError, match=message):
        parse_problem(data)
