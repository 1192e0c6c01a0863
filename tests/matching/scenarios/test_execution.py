"""A scenario goes through the executor and the one-at-a-time lease of real runs, stores only
its results, and a failure changes nothing but the scenario."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, func, select

from matching.db import session_scope
from matching.models import MatchingRun, Proposal, Volunteer
from matching.models.common import utcnow
from matching.runs import execution as runs
from matching.runs.execution import RunRefused
from matching.scenarios.execution import execute_scenario
from matching.scenarios.figures import ScenarioResults
from matching.vocab import RunStatus, ScenarioStatus
from scheduler.executor import execute_pending_scenarios
from tests.matching.scenarios.conftest import AS_OF, Seeded, requested, snapshot, stored

TRAVEL = {"kind": "raise_travel", "km": 1}


def running_run(seeded: Seeded, *, beat_minutes_ago: int = 0) -> int:
    """A real run that holds the lease (its heartbeat that many minutes old)."""
    with session_scope(seeded.engine) as session:
        run = runs.request_run(session, trigger="cli", as_of=AS_OF)
        run.status = RunStatus.RUNNING
        run.started_at = run.heartbeat_at = utcnow() - timedelta(minutes=beat_minutes_ago)
        session.add(run)
        session.flush()
        assert run.id is not None
        return run.id


def proposals(seeded: Seeded) -> list[tuple[object, ...]]:
    """Every proposal's content, to compare before and after."""
    with Session(seeded.engine) as session:
        rows = session.exec(select(Proposal).order_by(Proposal.id)).all()  # type: ignore[arg-type]
        return [tuple(p.model_dump().values()) for p in rows]


def test_a_scenario_waits_while_a_run_holds_the_lease(seeded: Seeded) -> None:
    """Refused while a live run runs: it stays requested, the executor tries again later."""
    running_run(seeded)
    scenario_id = requested(seeded.engine, TRAVEL)
    with pytest.raises(RunRefused, match=r"run \d+ is still running"):
        execute_scenario(seeded.engine, scenario_id)
    assert execute_pending_scenarios(seeded.engine) == []
    assert stored(seeded.engine, scenario_id).status == ScenarioStatus.REQUESTED


def test_a_stale_run_is_failed_and_the_scenario_runs(seeded: Seeded) -> None:
    """A run whose process died (old heartbeat) no longer blocks the scenario."""
    run_id = running_run(seeded, beat_minutes_ago=30)
    scenario_id = requested(seeded.engine, TRAVEL)
    assert execute_pending_scenarios(seeded.engine) == [scenario_id]
    with Session(seeded.engine) as session:
        assert session.get(MatchingRun, run_id).status == RunStatus.FAILED  # type: ignore[union-attr]
    assert stored(seeded.engine, scenario_id).status == ScenarioStatus.SUCCEEDED


def test_a_run_waits_while_a_scenario_runs(seeded: Seeded) -> None:
    """The lease is shared: a real run is refused while a live scenario holds it."""
    scenario_id = requested(seeded.engine, TRAVEL)
    with session_scope(seeded.engine) as session:
        from matching.models import Scenario
        from matching.scenarios import states

        scenario = session.get(Scenario, scenario_id)
        assert scenario is not None
        states.start(scenario)
        session.add(scenario)
        run_id = runs.request_run(session, trigger="cli", as_of=AS_OF).id
    assert run_id is not None
    with pytest.raises(RunRefused, match=f"scenario {scenario_id} is still running"):
        runs.take_lease(seeded.engine, run_id)


def test_results_are_stored_and_no_proposal_is_made(seeded: Seeded) -> None:
    """The executor runs it; the results are on the scenario; proposals are the same rows."""
    before = proposals(seeded)
    scenario_id = requested(seeded.engine, TRAVEL)
    assert execute_pending_scenarios(seeded.engine) == [scenario_id]
    done = stored(seeded.engine, scenario_id)
    assert done.status == ScenarioStatus.SUCCEEDED and done.error is None
    results = ScenarioResults.model_validate(done.results)
    assert results.base_run_id == seeded.run_id and results.as_of == AS_OF.isoformat()
    assert results.base.families == results.scenario.families > 0
    assert (
        sum(c.families for c in results.scenario.by_district.values()) == results.scenario.families
    )
    assert sum(c.covered for c in results.scenario.by_priority.values()) == results.scenario.covered
    assert results.placement_from_run and results.base.placed == results.scenario.placed
    assert proposals(seeded) == before


def test_a_failure_changes_only_the_scenario(seeded: Seeded) -> None:
    """A volunteer removed from the data after composing: failed with why, nothing else moves."""
    with Session(seeded.engine) as session:
        volunteer_id = session.exec(select(Volunteer.id).where(Volunteer.active)).first()
    scenario_id = requested(
        seeded.engine, {"kind": "remove_volunteer", "volunteer_id": volunteer_id}
    )
    with session_scope(seeded.engine) as session:
        volunteer = session.get(Volunteer, volunteer_id)
        assert volunteer is not None
        volunteer.active = False
        session.add(volunteer)
    before = snapshot(seeded.engine)
    done = execute_scenario(seeded.engine, scenario_id)
    assert done.status == ScenarioStatus.FAILED
    assert "unknown_volunteer" in (done.error or "")
    assert done.results == {}
    assert snapshot(seeded.engine) == before
    with Session(seeded.engine) as session:
        assert session.exec(select(func.count()).select_from(Proposal)).one() > 0
