"""The fast reader of assignment files (msgspec, edges straight into arrays) against json."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solver import AssignmentProblem, ProblemError
from solver.problem_file import assignment_to_json, parse_problem, read_compact, read_problem
from tests.solver.assignment.test_solve import small_problems
from tests.solver.test_problem_file import GOOD, with_changes

ARRAYS = ("agent_capacity", "task_priority", "edge_agent", "edge_task", "edge_score")


def same_problem(first: AssignmentProblem, second: AssignmentProblem) -> None:
    """Assert two problems hold the same ids, arrays and pairs."""
    for name in ARRAYS:
        assert np.array_equal(getattr(first, name), getattr(second, name)), name
    for name in ("agent_ids", "task_ids", "pinned", "forbidden", "previous", "seed"):
        assert getattr(first, name) == getattr(second, name), name
    assert first.time_limit_s == second.time_limit_s


def edge(agent: object, task: object, score: object) -> dict:
    """One edge record."""
    return {"agent": agent, "task": task, "score": score}


BAD_EDGES = [
    ([edge("v1", "f1", 1.5)], "score must be an integer"),
    ([edge("v1", "f1", -1)], r"edges\[0\].score must be at least 0"),
    ([edge("v1", "f1", True)], "score must be an integer"),
    ([edge("v1", "f1", 2**70)], "score is out of range"),
    ([edge("v9", "f1", 1)], "unknown id 'v9'"),
    ([edge("", "f1", 1)], "unknown id ''"),
    ([edge("v1", 7, 1)], "unknown id 7"),
    ([{"agent": "v1", "task": "f1"}], r"edges\[0\] has no key 'score'"),
    (["v1"], r"edges\[0\] must be an object"),
    ("v1", "edges must be a list"),
    ([edge("v1", "f1", 1), edge("v1", "f1", 2)], r"duplicate edge \('v1', 'f1'\)"),
]


@pytest.mark.parametrize(("edges", "message"), BAD_EDGES)
def test_bad_edges_in_a_file_give_the_ordinary_message(
    tmp_path: Path, edges: object, message: str
) -> None:
    data = with_changes(edges=edges, pinned=[])
    path = tmp_path / "problem.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ProblemError, match=message) as from_file:
        read_problem(path)
    with pytest.raises(ProblemError) as from_records:
        parse_problem(data)
    assert str(from_file.value) == str(from_records.value)


@pytest.mark.parametrize(
    "changes",
    [
        {"agents": "v1"},
        {"tasks": [{"id": 7, "priority": 1}]},
        {"extra": 1},
        {"kind": "schedule"},
        {"seed": -1},
        {"pinned": [{"agent": "v1", "task": "f1"}, {"agent": "v1", "task": "f2"}]},
    ],
)
def test_other_errors_in_a_file_give_the_ordinary_message(tmp_path: Path, changes: dict) -> None:
    data = with_changes(**changes)
    path = tmp_path / "problem.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ProblemError) as from_file:
        read_problem(path)
    with pytest.raises(ProblemError) as from_records:
        parse_problem(data)
    assert str(from_file.value) == str(from_records.value)


def test_the_documented_form_takes_the_fast_path() -> None:
    problem = read_compact(json.dumps(GOOD).encode())
    assert isinstance(problem, AssignmentProblem)
    same_problem(problem, parse_problem(GOOD))  # type: ignore[arg-type]


def test_invalid_json_inside_the_edges_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "problem.json"
    path.write_text(json.dumps(GOOD).replace('"score": 10}', '"score": 10,}'))
    assert read_compact(path.read_bytes()) is None
    with pytest.raises(ProblemError, match="not valid JSON"):
        read_problem(path)


@settings(deadline=None, max_examples=150)
@given(small_problems(), st.integers(0, 2**32), st.sampled_from([None, 0, 2]))
def test_any_key_order_escape_or_layout_reads_the_same(problem, seed: int, indent) -> None:
    data = assignment_to_json(problem)
    shuffle = random.Random(seed)
    data["edges"] = [dict(shuffle.sample(list(e.items()), len(e))) for e in data["edges"]]
    text = json.dumps(data, indent=indent, ensure_ascii=bool(seed % 2))
    if seed % 3 == 0:  # an id written with an escape
        text = text.replace('"a0"', '"\\u00610"')
    fast = read_compact(text.encode())
    assert isinstance(fast, AssignmentProblem)
    same_problem(fast, problem)
