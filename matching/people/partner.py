"""A partner organisation registers and changes its own mothers (families) and buddies.

Every function takes the organisation's id and forces it onto the record: a partner user can
neither create a record for another organisation nor move one out of their own. Records of
another organisation are not found (``NotOwned``). Bad values raise ``InvalidRecord``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlmodel import Session

from matching.models import Family, Volunteer
from matching.people.records import create_record, update_record
from matching.people.scoping import get_owned
from matching.vocab import FamilyStatus

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


def register_family(
    session: Session, *, organisation_id: int, data: Mapping[str, Any], today: date
) -> Family:
    """Register an expecting mother (or a family) of the organisation, waiting from today."""
    values = _allowed(data, FAMILY_FIELDS)
    values.update(organisation_id=organisation_id, registered_on=today, status=FamilyStatus.WAITING)
    return create_record(session, table=Family, data=values)


def update_family(
    session: Session, *, organisation_id: int, family_id: int, changes: Mapping[str, Any]
) -> Family:
    """Change one of the organisation's families."""
    family = get_owned(session, table=Family, row_id=family_id, organisation_id=organisation_id)
    return update_record(session, row=family, changes=_allowed(changes, FAMILY_FIELDS))


def register_volunteer(
    session: Session, *, organisation_id: int, data: Mapping[str, Any]
) -> Volunteer:
    """Register a buddy or experience expert of the organisation."""
    values = _allowed(data, VOLUNTEER_FIELDS)
    values["organisation_id"] = organisation_id
    return create_record(session, table=Volunteer, data=values)


def update_volunteer(
    session: Session, *, organisation_id: int, volunteer_id: int, changes: Mapping[str, Any]
) -> Volunteer:
    """Change one of the organisation's volunteers."""
    volunteer = get_owned(
        session, table=Volunteer, row_id=volunteer_id, organisation_id=organisation_id
    )
    return update_record(session, row=volunteer, changes=_allowed(changes, VOLUNTEER_FIELDS))
