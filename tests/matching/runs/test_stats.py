"""The typed run contract: stored JSON reads back unchanged, states move only forward."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from matching.models import MatchingRun
from matching.runs import states
from matching.runs.stats import (
    PlacementStats,
    RunObjective,
    RunStats,
    read_objective,
    read_stats,
    stored_figure,
    write_buddy_result,
    write_placement,
)
from matching.vocab import RunStatus

# A run row as the service stored it before the typed models (shape of the JSON columns).
OLD_STATS = {
    "by_district": {"overvecht": {"families": 3, "covered": 2}},
    "by_priority": {"5": {"families": 1, "covered": 1}},
    "by_organisation": {"Al Amal": {"families": 3, "covered": 2}},
    "funnel_totals": {"distance": 4, "language": 1},
    "families": 3,
    "covered": 2,
    "uncovered": [
        {
            "family_id": 7,
            "priority": 4,
            "district": "overvecht",
            "funnel": {"distance": 2},
            "eligible_taken": 1,
            "reason": "2 volunteers live beyond their travel distance",
        }
    ],
    "recruitment_gap": [
        {"language": "ar", "district": "overvecht", "half_day": "mon_am", "families": 1}
    ],
    "placement": {
        "students": 2,
        "placed": 1,
        "unplaced": [{"student_id": 4, "reason": "no allowed location"}],
        "uncovered_sessions": 3,
        "uncovered_reduced_sessions": 1,
        "objective": {"placed": 1},
        "tier_status": {"placed": "OPTIMAL"},
    },
}
OLD_OBJECTIVE = {"covered_by_priority": {"5": 1}, "score": 40, "kept_previous": 0, "method": "x"}


def _run() -> MatchingRun:
    return MatchingRun(as_of=date(2026, 11, 26))


def test_an_old_row_reads_typed_and_writes_back_the_same_json() -> None:
    """Rows written before the models read into them, and a rewrite keeps every key."""
    run = _run()
    run.stats, run.objective = copy.deepcopy(OLD_STATS), copy.deepcopy(OLD_OBJECTIVE)
    stats, objective = read_stats(run), read_objective(run)
    assert stats.uncovered[0].family_id == 7 and stats.by_district["overvecht"].covered == 2
    assert stats.placement is not None and stats.placement.unplaced[0].student_id == 4
    assert objective.score == 40
    write_buddy_result(run, objective, stats)
    assert run.stats == OLD_STATS and run.objective == OLD_OBJECTIVE


def test_a_placement_without_answer_stores_only_its_status() -> None:
    """An UNKNOWN placement adds just status and note, as runs always stored it."""
    run = _run()
    write_buddy_result(run, RunObjective(score=1), RunStats(families=1, covered=1))
    write_placement(run, PlacementStats(status="UNKNOWN", note="no answer in time"))
    assert run.stats == {
        "families": 1,
        "covered": 1,
        "placement": {"status": "UNKNOWN", "note": "no answer in time"},
    }
    assert run.objective == {"score": 1}
    write_placement(run, PlacementStats(students=2, placed=2), {"placed": 2})
    assert run.objective == {"score": 1, "placement": {"placed": 2}}


def test_a_figure_the_runs_do_not_store_is_refused() -> None:
    """A report cannot ask the database for a figure that no run writes."""
    with pytest.raises(KeyError):
        stored_figure("coverd")


def test_a_run_moves_only_forward() -> None:
    """requested → running → succeeded | failed, and nothing after the end."""
    run = _run()
    assert run.status == RunStatus.REQUESTED
    with pytest.raises(states.RunStateError):
        states.succeed(run)
    states.start(run)
    assert run.status == RunStatus.RUNNING and run.started_at is not None
    states.succeed(run)
    assert run.status == RunStatus.SUCCEEDED and run.finished_at is not None
    with pytest.raises(states.RunStateError):
        states.fail(run, "too late")
    other = _run()
    states.fail(other, "x" * 3000)
    assert other.status == RunStatus.FAILED and len(other.error or "") == 2000
