"""The `solve` command, through click's CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.placement_instances import cities_instance
from solver.cli import solve
from solver.problem_file import placement_to_json
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


@pytest.mark.slow
def test_a_solve_that_hits_its_time_limit_exits_0_with_no_solver_left_running(
    tmp_path: Path,
) -> None:
    # A native HiGHS thread still running at exit used to abort the process (status 134).
    problem = cities_instance(2, seed=3, n_students=80, time_limit_s=1.0)
    path = tmp_path / "national.json"
    path.write_text(json.dumps(placement_to_json(problem)))
    kansrijk = Path(sys.executable).with_name("kansrijk")
    command = (
        [str(kansrijk), "solve"]
        if kansrijk.exists()
        else [sys.executable, "-c", "from solver.cli import solve; solve()"]
    )
    done = subprocess.run(
        [*command, str(path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "terminate called" not in done.stderr
    answer = json.loads(done.stdout)
    assert answer["status"] in {"FEASIBLE", "OPTIMAL"}
    assert len({row["student"] for row in answer["placements"]}) > 100


@pytest.mark.slow
def test_the_same_input_seed_and_limit_give_the_same_answer_and_bounds(tmp_path: Path) -> None:
    problem = cities_instance(2, seed=4, n_students=12, time_limit_s=60.0)
    path = tmp_path / "cities.json"
    path.write_text(json.dumps(placement_to_json(problem)))
    answers = []
    for _ in range(2):
        result = CliRunner().invoke(solve, [str(path)])
        assert result.exit_code == 0, result.output
        answer = json.loads(result.output)
        assert answer["status"] == "OPTIMAL"  # the limit was not reached
        answers.append({key: answer[key] for key in ("placements", "objective", "bound")})
    assert answers[0] == answers[1]
