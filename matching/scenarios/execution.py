"""Running a scenario: the same lease and executor as a real run, the run's input read as of
its date, the changes applied to a copy, both solved with the run's solver code, and only the
scenario's results stored (never a proposal, never a change to a person, group or match)."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from matching.buddies.problem import assemble_instance, read_buddy_inputs
from matching.db import session_scope
from matching.models import MatchingRun, Organisation, Scenario
from matching.models.common import require_id, utcnow
from matching.placement.problem import assemble_placement, read_placement_inputs
from matching.runs.execution import STALE_AFTER, RunRefused, refuse_while_busy, take_run_lock
from matching.runs.stats import PlacementStats, read_stats
from matching.scenarios import states
from matching.scenarios.apply import PLACEMENT_KINDS, World, apply_changes, capacity_caps
from matching.scenarios.changes import Change, OrganisationCapacity, parse_changes
from matching.scenarios.figures import (
    ScenarioResults,
    Side,
    buddy_outcome,
    buddy_side,
    compare,
    new_group_sessions,
    recruit_covers,
    with_placement,
    with_run_placement,
)
from matching.trajectories.capacity import started_in_year
from matching.vocab import ScenarioStatus
from solver.assignment.solve import solve_assignment
from solver.placement.solve import solve_placement
from solver.status import USABLE

log = logging.getLogger(__name__)
Beat = Callable[[], None]


def pending_scenarios(session: Session) -> list[int]:
    """Ids of the scenarios waiting for an executor, oldest first."""
    query = select(Scenario.id).where(Scenario.status == ScenarioStatus.REQUESTED)
    return [i for i in session.exec(query.order_by(col(Scenario.id))).all() if i is not None]


def take_scenario_lease(
    engine: Engine, scenario_id: int, stale_after: timedelta = STALE_AFTER
) -> None:
    """Mark the scenario running, unless a run or another scenario holds the lease."""
    with session_scope(engine) as session:
        take_run_lock(session, f"scenario {scenario_id} pid {os.getpid()}")
        now = utcnow()
        refuse_while_busy(session, now, stale_after, scenario_id=scenario_id)
        scenario = session.get(Scenario, scenario_id)
        if scenario is None or scenario.status != ScenarioStatus.REQUESTED:
            raise RunRefused(f"scenario {scenario_id} is not waiting to run")
        states.start(scenario, now)
        session.add(scenario)


def execute_scenario(engine: Engine, scenario_id: int, *, time_limit_s: float = 30.0) -> Scenario:
    """Run the scenario; on any failure only the scenario changes, marked failed with why."""
    take_scenario_lease(engine, scenario_id)
    try:
        with Session(engine, expire_on_commit=False) as session:
            scenario = _get(session, scenario_id)
            run = session.get(MatchingRun, scenario.base_run_id)
            if run is None:
                raise LookupError(f"no matching run {scenario.base_run_id}")
            changes = parse_changes(scenario.changes)
            world = read_world(session, run.as_of)
            base_run_id, seed, stored = require_id(run), run.seed, read_stats(run).placement
            session.close()  # read only: nothing written; closing keeps what was read loaded
        settings = Settings(seed, time_limit_s, stored, _heartbeat(engine, scenario_id))
        results = solve_scenario(world, changes, settings)
        results.base_run_id = base_run_id
        with session_scope(engine) as session:
            scenario = _get(session, scenario_id)
            scenario.results = results.model_dump(mode="json")
            states.succeed(scenario)
            session.add(scenario)
    except Exception as exc:
        log.exception("scenario %s failed", scenario_id)
        return mark_scenario_failed(engine, scenario_id, exc)
    with session_scope(engine) as session:
        return _get(session, scenario_id)


def read_world(session: Session, as_of: date) -> World:
    """What a run as of this date reads, and the organisations' yearly capacities."""
    organisations = session.exec(select(Organisation)).all()
    return World(
        as_of=as_of,
        buddies=read_buddy_inputs(session),
        placement=read_placement_inputs(session, as_of),
        organisations={require_id(o): o.yearly_capacity for o in organisations},
        started={
            require_id(o): started_in_year(session, organisation_id=require_id(o), year=as_of.year)
            for o in organisations
            if o.yearly_capacity is not None
        },
    )


@dataclass(frozen=True)
class Settings:
    """How to solve: the base run's seed, the time limit, its stored placement figures (used
    when no change touches placement) and a heartbeat for the lease."""

    seed: int = 0
    time_limit_s: float = 30.0
    run_placement: PlacementStats | None = None
    beat: Beat = lambda: None


def solve_scenario(world: World, changes: list[Change], settings: Settings) -> ScenarioResults:
    """Solve the unchanged input and the changed copy; the figures of both and the difference."""
    started = time.perf_counter()
    named = {c.organisation_id for c in changes if isinstance(c, OrganisationCapacity)}
    world.caps = capacity_caps(world, named)  # the base keeps today's limits of those named
    changed = apply_changes(world, changes)
    outcomes = []
    for side in (world, changed):
        instance = assemble_instance(side.buddies, side.as_of, settings.seed, settings.time_limit_s)
        solution = solve_assignment(instance.problem)
        if solution.status not in USABLE:
            raise RuntimeError(f"the buddy solve answered {solution.status}")
        outcomes.append(buddy_outcome(instance, solution, side.caps))
        settings.beat()
    touched = any(c.kind in PLACEMENT_KINDS for c in changes)
    base, scenario, new_groups = _placement(
        (world, changed), (buddy_side(outcomes[0]), buddy_side(outcomes[1])), touched, settings
    )
    stored = settings.run_placement
    more, less = compare(outcomes[0], outcomes[1])
    return ScenarioResults(
        base_run_id=0,
        as_of=world.as_of.isoformat(),
        base=base,
        scenario=scenario,
        newly_covered=more,
        lost=less,
        recruits=recruit_covers(outcomes[1], changed.recruits),
        new_group_sessions=new_groups,
        placement_from_run=stored is not None and stored.students is not None,
        placement_changed=touched,
        wall_s=round(time.perf_counter() - started, 3),
    )


def _placement(
    worlds: tuple[World, World], sides: tuple[Side, Side], touched: bool, settings: Settings
) -> tuple[Side, Side, dict[str, int]]:
    """Both sides with their placement figures, and the half-days each new group gets.

    The base's placement is the run's own (the same input, already solved); it is solved here
    only for a run that stored no placement figures. The scenario's is solved again only when
    a change touches placement; otherwise it is the base's."""
    (world, changed), (base, scenario) = worlds, sides
    stored = settings.run_placement
    if stored is not None and stored.students is not None:
        base = with_run_placement(base, stored)
    else:
        place = assemble_placement(world.placement, settings.seed, settings.time_limit_s)
        base = with_placement(base, place, solve_placement(place.problem))
        settings.beat()
    if not touched:
        return base, scenario.model_copy(update=_placement_fields(base)), {}
    place = assemble_placement(changed.placement, settings.seed, settings.time_limit_s)
    answer = solve_placement(place.problem)
    scenario = with_placement(scenario, place, answer)
    return base, scenario, new_group_sessions(answer, changed.new_groups)


def _placement_fields(side: Side) -> dict[str, Any]:
    """The placement figures of a side (no change touched placement: the same on both)."""
    names = ("placement_status", "students", "placed", "uncovered_sessions")
    return {name: getattr(side, name) for name in (*names, "uncovered_reduced_sessions")}


def mark_scenario_failed(engine: Engine, scenario_id: int, exc: BaseException) -> Scenario:
    """Record the failure on the scenario row (in its own transaction)."""
    with session_scope(engine) as session:
        scenario = _get(session, scenario_id)
        states.fail(scenario, f"{type(exc).__name__}: {exc}")
        session.add(scenario)
    return scenario


def _heartbeat(engine: Engine, scenario_id: int) -> Beat:
    """Keep the lease alive between the solves (from its own connection)."""

    def beat() -> None:
        with session_scope(engine) as session:
            scenario = _get(session, scenario_id)
            scenario.heartbeat_at = utcnow()
            session.add(scenario)

    return beat


def _get(session: Session, scenario_id: int) -> Scenario:
    """The scenario row, or a clear error."""
    scenario = session.get(Scenario, scenario_id)
    if scenario is None:
        raise LookupError(f"no scenario {scenario_id}")
    return scenario
