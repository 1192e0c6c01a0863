"""A partner organisation registers and changes its own mothers (families) and buddies.

Every function takes the organisation's id and forces it onto the record: a partner user can
neither create a record for another organisation nor move one out of their own. Records of
another organisation are not found (``NotOwned``). Bad values raise ``InvalidRecord``. Every
registration and change leaves an audit event naming the user and the fields (never values).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlmodel import Session

from matching.audit.trail import record_event
from matching.models import Family, User, Volunteer
from matching.models.common import require_id
from matching.people.records import create_record, update_record
from matching.people.scoping import get_owned
from matching.vocab import AuditAction, AuditEntity, FamilyStatus

# What a partner user may set on its records; the rest (ids, organisation, status) it may not.
FAMILY_FIELDS = (
    "reference",
    "postcode",
    "languages",
    "needs",
    "availability",
    "buddy_gender_wish",
    "sessions_required",
    "urgent",
    "stacked_problems",
    "due_date",
    "child_birth_date",
    "first_name",
    "address",
    "phone",
)
VOLUNTEER_FIELDS = (
    "name",
    "email",
    "kind",
    "postcode",
    "languages",
    "gender",
    "max_travel_km",
    "availability",
    "capacity",
    "vog_valid_until",
    "experience",
    "preferred_districts",
    "active",
)


def _allowed(data: Mapping[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """Only the fields a partner user may set; anything else is an error, never ignored."""
    unknown = set(data) - set(fields)
    if unknown:
        raise ValueError(f"these fields cannot be set here: {sorted(unknown)}")
    return dict(data)


def _audit(
    session: Session,
    *,
    organisation_id: int,
    user: User | None,
    entity: str,
    row: Family | Volunteer,
    action: str,
    fields: list[str],
) -> None:
    """The trail's event of a partner's write: who, which record, which fields (no values)."""
    if action == AuditAction.UPDATED and not fields:
        return
    record_event(
        session,
        actor=f"user:{user.id}" if user is not None else f"organisation:{organisation_id}",
        actor_user_id=user.id if user is not None else None,
        entity=entity,
        entity_id=require_id(row),
        action=action,
        detail={"fields": sorted(fields), "source": "organisation"},
    )


def _changed(before: dict[str, Any], row: Family | Volunteer) -> list[str]:
    """The fields whose value a change altered."""
    after = row.model_dump()
    return [name for name, value in after.items() if before.get(name) != value]


def register_family(
    session: Session,
    *,
    organisation_id: int,
    data: Mapping[str, Any],
    today: date,
    user: User | None = None,
) -> Family:
    """Register an expecting mother (or a family) of the organisation, waiting from today."""
    values = _allowed(data, FAMILY_FIELDS)
    values.update(organisation_id=organisation_id, registered_on=today, status=FamilyStatus.WAITING)
    family = create_record(session, table=Family, data=values)
    _audit(session, organisation_id=organisation_id, user=user, entity=AuditEntity.FAMILY,
           row=family, action=AuditAction.CREATED, fields=list(data))  # fmt: skip
    return family


def update_family(
    session: Session,
    *,
    organisation_id: int,
    family_id: int,
    changes: Mapping[str, Any],
    user: User | None = None,
) -> Family:
    """Change one of the organisation's families."""
    family = get_owned(session, table=Family, row_id=family_id, organisation_id=organisation_id)
    before = family.model_dump()
    update_record(session, row=family, changes=_allowed(changes, FAMILY_FIELDS))
    _audit(session, organisation_id=organisation_id, user=user, entity=AuditEntity.FAMILY,
           row=family, action=AuditAction.UPDATED, fields=_changed(before, family))  # fmt: skip
    return family


def register_volunteer(
    session: Session,
    *,
    organisation_id: int,
    data: Mapping[str, Any],
    user: User | None = None,
) -> Volunteer:
    """Register a buddy or experience expert of the organisation."""
    values = _allowed(data, VOLUNTEER_FIELDS)
    values["organisation_id"] = organisation_id
    volunteer = create_record(session, table=Volunteer, data=values)
    _audit(session, organisation_id=organisation_id, user=user, entity=AuditEntity.VOLUNTEER,
           row=volunteer, action=AuditAction.CREATED, fields=list(data))  # fmt: skip
    return volunteer


def update_volunteer(
    session: Session,
    *,
    organisation_id: int,
    volunteer_id: int,
    changes: Mapping[str, Any],
    user: User | None = None,
) -> Volunteer:
    """Change one of the organisation's volunteers."""
    volunteer = get_owned(
        session, table=Volunteer, row_id=volunteer_id, organisation_id=organisation_id
    )
    before = volunteer.model_dump()
    update_record(session, row=volunteer, changes=_allowed(changes, VOLUNTEER_FIELDS))
    _audit(session, organisation_id=organisation_id, user=user, entity=AuditEntity.VOLUNTEER,
           row=volunteer, action=AuditAction.UPDATED,
           fields=_changed(before, volunteer))  # fmt: skip
    return volunteer
