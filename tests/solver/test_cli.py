"""The `solve` command, through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from solver.cli import solve
from tests.solver.test_problem_file import GOOD, with_changes

PLACEMENT = {
    "kind": "placement",
    "students": [{"id": "s1", "sessions_required": 2, "available": ["mon_am", "tue_am"]}],
    "locations": [{"id": "p1"}],
    "groups": [{"id": "g1", "location": "p1", "priority": 2, "wanted": {"mon_am": 1, "tue_am": 1}}],
    "edges": [{"student": "s1", "location": "p1", "score": 80}],
}


def run(tmp_path: Path, content: str, *extra: str):
    """Write `content` to a problem file and run `solve` on it."""
    path = tmp_path / "problem.json"
    path.write_text(content)
    return CliRunner().invoke(solve, [str(path), *extra])


def test_good_file_prints_the_json_answer(tmp_path: Path) -> None:
    result = run(tmp_path, json.dumps(GOOD))
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["status"] == "OPTIMAL"
    assert answer["assignments"] == [{"agent": "v1", "task": "f1"}, {"agent": "v2", "task": "f2"}]
    assert answer["objective"]["covered_by_priority"] == {"5": 1, "3": 1}
    assert isinstance(answer["wall_s"], float)


def test_out_option_writes_the_solution_file(tmp_path: Path) -> None:
    out = tmp_path / "solution.json"
    result = run(tmp_path, json.dumps(PLACEMENT), "--out", str(out))
    assert result.exit_code == 0, result.output
    answer = json.loads(out.read_text())
    assert answer["status"] == "OPTIMAL"
    assert answer["placements"] == [
        {"student": "s1", "location": "p1", "group": "g1", "session": "mon_am"},
        {"student": "s1", "location": "p1", "group": "g1", "session": "tue_am"},
    ]
    assert answer["objective"]["priority_coverage"] == 4


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"kind": "assignment", "agents": [', "not valid JSON"),
        (json.dumps(with_changes(kind="other")), "unknown kind 'other'"),
        (
            json.dumps(with_changes(edges=[{"agent": "v1", "task": "nope", "score": 1}])),
            "unknown id 'nope'",
        ),
        (
            json.dumps(
                with_changes(pinned=[{"agent": "v1", "task": "f1"}, {"agent": "v1", "task": "f2"}])
            ),
            "2 pins but capacity 1",
        ),
        (json.dumps(with_changes(tasks=[{"id": "f1", "priority": -2}])), "at least 0"),
    ],
)
def test_bad_files_exit_non_zero_with_a_message_and_no_traceback(
    tmp_path: Path, content: str, message: str
) -> None:
    result = run(tmp_path, content)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(solve, [str(tmp_path / "absent.json")])
    assert result.exit_code == 2
    assert "does not exist" in result.output
