"""Access on request: everything held about one family, volunteer or student, as plain data.

The web layer turns it into a ZIP of JSON and a readable HTML summary; a partner organisation
gets only its own people (``organisation_id``), an erased person is not found.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, SQLModel, col, or_, select

from matching.models import AuditEvent, CheckIn, Match, Offer, Placement, Proposal, User
from matching.people.scoping import NotOwned
from matching.privacy.codes import PersonKind
from matching.privacy.erasure import TABLES

SECTIONS = (
    "record",
    "matches",
    "check_ins",
    "placements",
    "proposals",
    "offers",
    "accounts",
    "audit_events",
)


def _dump(row: SQLModel, *, exclude: set[str] | None = None) -> dict[str, Any]:
    """A row as JSON-ready values."""
    return row.model_dump(mode="json", exclude=exclude)


def find_person(
    session: Session, kind: PersonKind, person_id: int, organisation_id: int | None = None
) -> Any:
    """The person's row (of this organisation when given); erased or absent: NotOwned."""
    table = TABLES[kind]
    row = session.get(table, person_id)
    owner = getattr(row, "organisation_id", None)
    erased = getattr(row, "erased_at", None)
    if row is None or erased is not None or organisation_id not in (None, owner):
        raise NotOwned(table, person_id)
    return row


def _rows(session: Session, kind: PersonKind, person_id: int) -> dict[str, list[Any]]:
    """The rows about the person, by section."""
    found: dict[str, list[Any]] = {name: [] for name in SECTIONS[1:-1]}
    if kind is PersonKind.STUDENT:
        found["placements"] = list(
            session.exec(select(Placement).where(Placement.student_id == person_id))
        )
        found["proposals"] = list(
            session.exec(select(Proposal).where(Proposal.student_id == person_id))
        )
        found["accounts"] = list(session.exec(select(User).where(User.student_id == person_id)))
        return found
    column = Match.family_id if kind is PersonKind.FAMILY else Match.volunteer_id
    proposal_column = Proposal.family_id if kind is PersonKind.FAMILY else Proposal.volunteer_id
    found["matches"] = list(
        session.exec(select(Match).where(column == person_id).order_by(col(Match.id)))
    )
    ids = [m.id for m in found["matches"]]
    found["check_ins"] = list(
        session.exec(
            select(CheckIn).where(col(CheckIn.match_id).in_(ids)).order_by(col(CheckIn.id))
        )
    )
    found["proposals"] = list(
        session.exec(
            select(Proposal).where(proposal_column == person_id).order_by(col(Proposal.id))
        )
    )
    offer_column = Offer.family_id if kind is PersonKind.FAMILY else Offer.volunteer_id
    found["offers"] = list(
        session.exec(select(Offer).where(offer_column == person_id).order_by(col(Offer.id)))
    )
    if kind is PersonKind.VOLUNTEER:
        found["accounts"] = list(session.exec(select(User).where(User.volunteer_id == person_id)))
    return found


def _events(session: Session, keys: dict[str, list[int]]) -> list[AuditEvent]:
    """Audit events about any of these (entity, ids)."""
    conditions = [
        (col(AuditEvent.entity) == entity) & col(AuditEvent.entity_id).in_(ids)
        for entity, ids in keys.items()
        if ids
    ]
    statement = select(AuditEvent).where(or_(*conditions)).order_by(col(AuditEvent.id))
    return list(session.exec(statement))


def person_data(
    session: Session,
    *,
    kind: PersonKind,
    person_id: int,
    now: datetime,
    organisation_id: int | None = None,
) -> dict[str, Any]:
    """Everything held about the person: the record, related rows and the audit events."""
    row = find_person(session, kind, person_id, organisation_id)
    rows = _rows(session, kind, person_id)
    keys = {
        str(kind): [person_id],
        "match": [r.id for r in rows["matches"]],
        "check_in": [r.id for r in rows["check_ins"]],
        "placement": [r.id for r in rows["placements"]],
        "proposal": [r.id for r in rows["proposals"]],
        "offer": [r.id for r in rows["offers"]],
        "user": [r.id for r in rows["accounts"]],
    }
    data: dict[str, Any] = {
        "kind": str(kind),
        "id": person_id,
        "generated_at": now.isoformat(),
        "record": _dump(row),
    }
    for name, section in rows.items():
        hidden = {"password_hash"} if name == "accounts" else None
        data[name] = [_dump(item, exclude=hidden) for item in section]
    data["audit_events"] = [_dump(event) for event in _events(session, keys)]
    return data
