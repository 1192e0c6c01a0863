"""Every state change of a scenario: draft → requested → running → succeeded | failed, and
back to draft when its changes are edited after a run."""

from __future__ import annotations

from datetime import datetime

from matching.models import Scenario
from matching.models.common import utcnow
from matching.vocab import ScenarioStatus

NEXT: dict[ScenarioStatus, frozenset[ScenarioStatus]] = {
    ScenarioStatus.DRAFT: frozenset({ScenarioStatus.REQUESTED}),
    ScenarioStatus.REQUESTED: frozenset({ScenarioStatus.RUNNING, ScenarioStatus.FAILED}),
    ScenarioStatus.RUNNING: frozenset({ScenarioStatus.SUCCEEDED, ScenarioStatus.FAILED}),
    ScenarioStatus.SUCCEEDED: frozenset({ScenarioStatus.DRAFT, ScenarioStatus.REQUESTED}),
    ScenarioStatus.FAILED: frozenset({ScenarioStatus.DRAFT, ScenarioStatus.REQUESTED}),
}
EDITABLE = frozenset({ScenarioStatus.DRAFT, ScenarioStatus.SUCCEEDED, ScenarioStatus.FAILED})


class ScenarioStateError(RuntimeError):
    """A state change the scenario's lifecycle does not allow (a programming error)."""


def _move(scenario: Scenario, to: ScenarioStatus) -> None:
    """Change the status after checking the lifecycle allows the step."""
    if to not in NEXT[ScenarioStatus(scenario.status)]:
        raise ScenarioStateError(f"scenario {scenario.id} cannot go from {scenario.status} to {to}")
    scenario.status = to


def edit(scenario: Scenario) -> None:
    """Its changes were edited: back to a draft, the old results dropped."""
    if scenario.status != ScenarioStatus.DRAFT:
        _move(scenario, ScenarioStatus.DRAFT)
    scenario.results, scenario.error = {}, None


def request(scenario: Scenario) -> None:
    """Asked to run: an executor picks it up."""
    _move(scenario, ScenarioStatus.REQUESTED)
    scenario.requested_at, scenario.error = utcnow(), None
    scenario.started_at = scenario.finished_at = scenario.heartbeat_at = None


def start(scenario: Scenario, now: datetime | None = None) -> None:
    """The executor took it: running, with its first heartbeat."""
    moment = now or utcnow()
    _move(scenario, ScenarioStatus.RUNNING)
    scenario.started_at = scenario.heartbeat_at = moment


def succeed(scenario: Scenario) -> None:
    """Its results are stored."""
    _move(scenario, ScenarioStatus.SUCCEEDED)
    scenario.finished_at = scenario.heartbeat_at = utcnow()


def fail(scenario: Scenario, error: str) -> None:
    """It failed (or its process died); the error says why."""
    _move(scenario, ScenarioStatus.FAILED)
    scenario.error, scenario.finished_at = error[:2000], utcnow()
