"""Composing a scenario: make one on the last run, add and remove changes, ask to run it.

Every change is checked when added: its fields (matching/scenarios/changes.py) and that the
people, groups and organisations it names are in the run's input."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from matching.errors import ScenarioProblem, ScenarioRefused
from matching.models import (
    Family,
    Group,
    MatchingRun,
    Organisation,
    Preschool,
    Scenario,
    User,
    Volunteer,
)
from matching.models.common import require_id
from matching.scenarios import states
from matching.scenarios.changes import (
    AddGroup,
    AddVolunteers,
    Change,
    CloseGroup,
    FamilyPriority,
    OrganisationCapacity,
    RemoveVolunteer,
    change_json,
    parse_change,
)
from matching.vocab import FamilyStatus, RunStatus


def base_run(session: Session) -> MatchingRun | None:
    """The newest run that succeeded: what a new scenario starts from."""
    statement = (
        select(MatchingRun)
        .where(MatchingRun.status == RunStatus.SUCCEEDED)
        .order_by(col(MatchingRun.id).desc())
    )
    return session.exec(statement.limit(1)).first()


def create_scenario(session: Session, *, name: str, author: User) -> Scenario:
    """A new draft scenario on the last succeeded run; refused without such a run."""
    run = base_run(session)
    if run is None:
        raise ScenarioRefused(ScenarioProblem.NO_BASE_RUN)
    cleaned = name.strip()[:120]
    if not cleaned:
        raise ScenarioRefused(ScenarioProblem.REQUIRED, "name")
    scenario = Scenario(name=cleaned, author_id=author.id, base_run_id=require_id(run))
    session.add(scenario)
    session.flush()
    return scenario


def add_change(session: Session, scenario: Scenario, data: dict[str, Any]) -> Change:
    """Check a change and add it to the scenario (back to a draft, old results dropped)."""
    _editable(scenario)
    change = parse_change(data)
    check_names(session, change)
    scenario.changes = [*scenario.changes, change_json(change)]
    states.edit(scenario)
    session.add(scenario)
    return change


def remove_change(session: Session, scenario: Scenario, index: int) -> None:
    """Drop one change by its place in the list."""
    _editable(scenario)
    if not 0 <= index < len(scenario.changes):
        raise ScenarioRefused(
            ScenarioProblem.OUT_OF_RANGE, "index", low=0, high=len(scenario.changes) - 1
        )
    scenario.changes = [c for i, c in enumerate(scenario.changes) if i != index]
    states.edit(scenario)
    session.add(scenario)


def request_scenario(session: Session, scenario: Scenario) -> None:
    """Ask an executor to run it; it waits while a run or another scenario holds the lease."""
    _editable(scenario)
    if not scenario.changes:
        raise ScenarioRefused(ScenarioProblem.NO_CHANGES)
    states.request(scenario)
    session.add(scenario)


def check_names(session: Session, change: Change) -> None:
    """The people, group, preschool or organisation a change names exist and take part."""
    if isinstance(change, AddVolunteers | OrganisationCapacity):
        if session.get(Organisation, change.organisation_id) is None:
            org = change.organisation_id
            _unknown(ScenarioProblem.UNKNOWN_ORGANISATION, "organisation_id", org)
    elif isinstance(change, RemoveVolunteer):
        volunteer = session.get(Volunteer, change.volunteer_id)
        if volunteer is None or not volunteer.active or volunteer.erased_at:
            _unknown(ScenarioProblem.UNKNOWN_VOLUNTEER, "volunteer_id", change.volunteer_id)
    elif isinstance(change, FamilyPriority):
        family = session.get(Family, change.family_id)
        if family is None or family.status == FamilyStatus.CLOSED or family.erased_at:
            _unknown(ScenarioProblem.UNKNOWN_FAMILY, "family_id", change.family_id)
    elif isinstance(change, CloseGroup):
        group = session.get(Group, change.group_id)
        if group is None or not group.active:
            _unknown(ScenarioProblem.UNKNOWN_GROUP, "group_id", change.group_id)
    elif isinstance(change, AddGroup):
        school = session.get(Preschool, change.preschool_id)
        if school is None or not school.active:
            _unknown(ScenarioProblem.UNKNOWN_PRESCHOOL, "preschool_id", change.preschool_id)


def _unknown(code: ScenarioProblem, field: str, value: int) -> None:
    """Refuse a change naming something the run does not know."""
    raise ScenarioRefused(code, field, value=value)


def _editable(scenario: Scenario) -> None:
    """Refuse to change a scenario that waits or runs."""
    if scenario.status not in states.EDITABLE:
        raise ScenarioRefused(ScenarioProblem.NOT_EDITABLE, status=scenario.status)


def scenarios(session: Session) -> list[Scenario]:
    """Every scenario, newest first."""
    return list(session.exec(select(Scenario).order_by(col(Scenario.id).desc())).all())
