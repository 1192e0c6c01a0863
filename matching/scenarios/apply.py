"""Applying a scenario's changes to a copy of what a run reads: one named function per kind.

The rows read from the database are never changed: lists are copied, a changed person is a
new unsaved object, and the reading session is rolled back without a write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from statistics import median
from typing import Any

from matching.buddies.problem import BuddyInputs
from matching.errors import ScenarioProblem, ScenarioRefused
from matching.models import Group, Volunteer
from matching.placement.problem import PlacementInputs
from matching.reference import districts, postcodes
from matching.scenarios.changes import (
    AddGroup,
    AddVolunteers,
    Change,
    CloseGroup,
    FamilyPriority,
    OrganisationCapacity,
    RaiseTravel,
    RemoveVolunteer,
)
from matching.vocab import ChangeKind

DEFAULT_TRAVEL_KM = 5.0  # a volunteer's default maximum travel (models/volunteer.py)
PLACEMENT_KINDS = frozenset({ChangeKind.ADD_GROUP, ChangeKind.CLOSE_GROUP})


@dataclass(eq=False)
class World:
    """A scenario's input: the run's input copied, and what the changes added to it."""

    as_of: date
    buddies: BuddyInputs
    placement: PlacementInputs
    organisations: dict[int, int | None]  # organisation id -> yearly capacity
    started: dict[int, int]  # organisation id -> trajectories started this calendar year
    caps: dict[int, int] = field(default_factory=dict)  # org id -> new trajectories allowed
    recruits: dict[int, int] = field(default_factory=dict)  # new volunteer id -> change index
    new_groups: dict[int, int] = field(default_factory=dict)  # new group id -> change index


def copy_world(world: World) -> World:
    """A copy whose lists and dicts can change without touching the original's."""
    buddies = replace(
        world.buddies,
        volunteers=list(world.buddies.volunteers),
        families=list(world.buddies.families),
        priorities=dict(world.buddies.priorities),
    )
    placement = replace(world.placement, groups=list(world.placement.groups))
    return replace(
        world,
        buddies=buddies,
        placement=placement,
        caps=dict(world.caps),
        recruits=dict(world.recruits),
        new_groups=dict(world.new_groups),
    )


def apply_changes(world: World, changes: list[Change]) -> World:
    """A copy of the world with every change applied in order (the original stays as it was)."""
    changed = copy_world(world)
    for index, change in enumerate(changes):
        APPLY[change.kind](change, changed, index)
    return changed


def capacity_caps(world: World, organisation_ids: set[int]) -> dict[int, int]:
    """New trajectories each named organisation may still start this year, by today's limits."""
    caps: dict[int, int] = {}
    for org in organisation_ids:
        limit = world.organisations.get(org)
        if limit is not None:
            caps[org] = max(limit - world.started.get(org, 0), 0)
    return caps


def add_volunteers(change: AddVolunteers, world: World, index: int) -> None:
    """N new volunteers at the profile's home point, VOG valid, capacity one each."""
    _organisation(world, change.organisation_id, "organisation_id")
    lat, lon = _home(change)
    travel = change.max_travel_km or _median_travel(world, change.organisation_id)
    next_id = min([0, *(int(v.id or 0) for v in world.buddies.volunteers)]) - 1
    for n in range(change.count):
        volunteer = Volunteer(
            id=next_id - n,
            name=f"recruit {n + 1}",
            organisation_id=change.organisation_id,
            kind=change.volunteer_kind,
            languages=list(change.languages),
            availability=list(change.half_days),
            postcode="",
            district=change.district,
            lat=lat,
            lon=lon,
            max_travel_km=travel,
            capacity=1,
            vog_valid_until=world.as_of + timedelta(days=365),
            gender=change.gender,
            experience=[],
            preferred_districts=[],
            active=True,
        )
        world.buddies.volunteers.append(volunteer)
        world.recruits[next_id - n] = index


def _home(change: AddVolunteers) -> tuple[float, float]:
    """The postcode area's point, or the district's centre without an area."""
    if change.postcode_area:
        area = postcodes()[change.postcode_area]
        return area.lat, area.lon
    centre = districts()[change.district]
    return centre.lat, centre.lon


def _median_travel(world: World, organisation_id: int) -> float:
    """How far the organisation's volunteers travel (the median), as the plan assumes."""
    own = [
        v.max_travel_km for v in world.buddies.volunteers if v.organisation_id == organisation_id
    ]
    return float(median(own)) if own else DEFAULT_TRAVEL_KM


def remove_volunteer(change: RemoveVolunteer, world: World, index: int) -> None:
    """The volunteer is left out; their matches become repairs, their open proposals lapse."""
    before = len(world.buddies.volunteers)
    world.buddies.volunteers = [v for v in world.buddies.volunteers if v.id != change.volunteer_id]
    if len(world.buddies.volunteers) == before:
        raise ScenarioRefused(
            ScenarioProblem.UNKNOWN_VOLUNTEER, "volunteer_id", value=change.volunteer_id
        )
    gone = str(change.volunteer_id)
    world.buddies.previous = tuple(p for p in world.buddies.previous if p[0] != gone)
    world.buddies.pinned = [p for p in world.buddies.pinned if p[0] != gone]


def raise_travel(change: RaiseTravel, world: World, index: int) -> None:
    """Every volunteer's maximum travel grows by the change's kilometres (copies, not rows)."""
    world.buddies.volunteers = [
        Volunteer(**{**v.model_dump(), "max_travel_km": v.max_travel_km + change.km})
        for v in world.buddies.volunteers
    ]


def organisation_capacity(change: OrganisationCapacity, world: World, index: int) -> None:
    """The organisation may start only the places its new yearly capacity leaves this year."""
    _organisation(world, change.organisation_id, "organisation_id")
    started = world.started.get(change.organisation_id, 0)
    world.caps[change.organisation_id] = max(change.yearly_capacity - started, 0)


def add_group(change: AddGroup, world: World, index: int) -> None:
    """A new group at an active preschool, wanting students on its half-days."""
    if change.preschool_id not in {p.id for p in world.placement.preschools}:
        raise ScenarioRefused(
            ScenarioProblem.UNKNOWN_PRESCHOOL, "preschool_id", value=change.preschool_id
        )
    next_id = min([0, *(int(g.id or 0) for g in world.placement.groups)]) - 1
    world.placement.groups.append(
        Group(
            id=next_id,
            preschool_id=change.preschool_id,
            name=f"new group {index + 1}",
            children_count=change.children_count,
            reduced=change.reduced,
            home_languages=[],
            sessions=list(change.half_days),
            students_wanted=change.students_wanted,
            active=True,
        )
    )
    world.new_groups[next_id] = index


def close_group(change: CloseGroup, world: World, index: int) -> None:
    """The group is left out; its placements become repairs, its open proposals lapse."""
    before = len(world.placement.groups)
    world.placement.groups = [g for g in world.placement.groups if g.id != change.group_id]
    if len(world.placement.groups) == before:
        raise ScenarioRefused(ScenarioProblem.UNKNOWN_GROUP, "group_id", value=change.group_id)
    closed = str(change.group_id)
    world.placement.previous = tuple(t for t in world.placement.previous if t[1] != closed)


def family_priority(change: FamilyPriority, world: World, index: int) -> None:
    """The family's priority level is the one given instead of the computed one."""
    if change.family_id not in {f.id for f in world.buddies.families}:
        raise ScenarioRefused(ScenarioProblem.UNKNOWN_FAMILY, "family_id", value=change.family_id)
    world.buddies.priorities[change.family_id] = change.priority


def _organisation(world: World, organisation_id: int, field_name: str) -> None:
    """Refuse an organisation the run does not know."""
    if organisation_id not in world.organisations:
        raise ScenarioRefused(
            ScenarioProblem.UNKNOWN_ORGANISATION, field_name, value=organisation_id
        )


APPLY: dict[ChangeKind, Callable[[Any, World, int], None]] = {
    ChangeKind.ADD_VOLUNTEERS: add_volunteers,
    ChangeKind.REMOVE_VOLUNTEER: remove_volunteer,
    ChangeKind.RAISE_TRAVEL: raise_travel,
    ChangeKind.ORGANISATION_CAPACITY: organisation_capacity,
    ChangeKind.ADD_GROUP: add_group,
    ChangeKind.CLOSE_GROUP: close_group,
    ChangeKind.FAMILY_PRIORITY: family_priority,
}
