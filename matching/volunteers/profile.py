"""A volunteer keeps their own profile; a change during a match is saved and flagged.

The same rule as a student's change after placement (matching/students/profile.py): the
change is saved, ``Volunteer.profile_changed`` tells the coordinator, an audit event on the
match records what changed, and the next run finds a broken rule (if any) and proposes a
repair. The flag is cleared when a new match of the volunteer is approved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from matching.audit.trail import record_event
from matching.models import Match, User, Volunteer
from matching.models.common import require_id
from matching.people.records import update_record
from matching.people.scoping import NotOwned
from matching.privacy.visible import not_erased
from matching.vocab import AuditAction, AuditEntity, MatchStatus

# What a volunteer may change of their own record; each may break a running match.
PROFILE_FIELDS = (
    "languages",
    "availability",
    "max_travel_km",
    "preferred_districts",
    "vog_valid_until",
)


@dataclass(frozen=True)
class ProfileChange:
    """What a save changed, and whether it was flagged to the coordinator."""

    changed: tuple[str, ...]
    flagged: bool


def own_volunteer(session: Session, volunteer_id: int | None) -> Volunteer:
    """The signed-in volunteer's own record; NotOwned when the account has none."""
    volunteer = session.get(Volunteer, volunteer_id) if volunteer_id is not None else None
    if volunteer is None or volunteer.erased_at is not None:
        raise NotOwned(Volunteer, volunteer_id)
    return volunteer


def running_matches(session: Session, volunteer_id: int) -> list[Match]:
    """The volunteer's running matches, oldest first."""
    statement = (
        select(Match)
        .where(Match.volunteer_id == volunteer_id, Match.status == MatchStatus.ACTIVE)
        .order_by(col(Match.id))
    )
    return list(session.exec(statement))


def update_volunteer_profile(
    session: Session, *, volunteer: Volunteer, changes: Mapping[str, Any], user: User
) -> ProfileChange:
    """Validate and save the volunteer's changes; during a match, flag them (InvalidRecord)."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"a volunteer may not change {sorted(unknown)}")
    before = {name: getattr(volunteer, name) for name in PROFILE_FIELDS}
    update_record(session, row=volunteer, changes=changes)
    changed = tuple(name for name in PROFILE_FIELDS if getattr(volunteer, name) != before[name])
    matches = running_matches(session, require_id(volunteer))
    if not matches or not changed:
        return ProfileChange(changed, flagged=False)
    volunteer.profile_changed = True
    session.add(volunteer)
    for match in matches:
        record_event(
            session,
            actor=f"user:{user.id}",
            actor_user_id=user.id,
            entity=AuditEntity.MATCH,
            entity_id=require_id(match),
            action=AuditAction.VOLUNTEER_CHANGED,
            detail={
                "volunteer_id": volunteer.id,
                "fields": list(changed),
                "before": {name: _plain(before[name]) for name in changed},
                "after": {name: _plain(getattr(volunteer, name)) for name in changed},
            },
        )
    return ProfileChange(changed, flagged=True)


def flagged_volunteers(session: Session, organisation_id: int | None = None) -> list[Volunteer]:
    """Volunteers who changed their profile during a match, for the coordinator (or the
    organisation, when given)."""
    statement = select(Volunteer).where(col(Volunteer.profile_changed), not_erased(Volunteer))
    if organisation_id is not None:
        statement = statement.where(Volunteer.organisation_id == organisation_id)
    return list(session.exec(statement.order_by(col(Volunteer.name))))


def _plain(value: Any) -> Any:
    """A value as JSON can store it (dates as ISO text)."""
    return value.isoformat() if hasattr(value, "isoformat") else value
