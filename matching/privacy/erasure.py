"""Erasure ("forget this person"): personal fields emptied or coarsened, statistics kept.

What each field becomes is the register's ``erase`` mode. District, organisation, programme
and the priority level at the time stay, dates become the first of their month; every run's
stored statistics are left as they are. Values that derived text repeats (audit details,
mail, free-text notes and reasons, waiting uploads) are scrubbed there too. The trail records
that an erasure happened and by whom, and nothing of what was erased.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, SQLModel, col, select

from matching.audit.trail import record_event
from matching.buddies.priority import priority
from matching.models import (
    AuditEvent,
    CheckIn,
    Family,
    Match,
    Offer,
    Placement,
    Proposal,
    Student,
    User,
    Volunteer,
)
from matching.models.api import ApiExternalReference
from matching.models.signin import PasswordReset, RecoveryCode, TwoFactor, UserSession
from matching.privacy.blanking import blank_row, free_text, remove_uploads, scrub_text
from matching.privacy.codes import ErasureRefusal, PersonKind, PrivacyAction
from matching.vocab import FamilyStatus, MatchStatus, PlacementStatus, ProposalStatus

log = logging.getLogger(__name__)

TABLES: dict[PersonKind, type[SQLModel]] = {
    PersonKind.FAMILY: Family,
    PersonKind.VOLUNTEER: Volunteer,
    PersonKind.STUDENT: Student,
}


class ErasureRefused(Exception):
    """The person cannot be erased now; ``code`` says why, ``params`` what blocks it."""

    def __init__(self, code: ErasureRefusal, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(f"{code}: {params}")


@dataclass(frozen=True)
class Erased:
    """What an erasure did: the person, and how many other rows and uploads it cleaned."""

    kind: PersonKind
    person_id: int
    related_rows: int
    scrubbed_rows: int
    uploads_removed: int


@dataclass(frozen=True)
class Actor:
    """Who erases: a user, or the retention job."""

    name: str
    user_id: int | None = None


def erasable(session: Session, kind: PersonKind, person_id: int) -> SQLModel:
    """The person's row if it can be erased now; else ErasureRefused with the reason."""
    row = session.get(TABLES[kind], person_id)
    if row is None or getattr(row, "erased_at", None) is not None:
        raise ErasureRefused(ErasureRefusal.NOT_FOUND, kind=kind, id=person_id)
    if kind is PersonKind.STUDENT:
        running = select(Placement.id).where(
            Placement.student_id == person_id, Placement.status == PlacementStatus.ACTIVE
        )
        if session.exec(running).first() is not None:
            raise ErasureRefused(ErasureRefusal.ACTIVE_PLACEMENT, kind=kind, id=person_id)
        return row
    column = Match.family_id if kind is PersonKind.FAMILY else Match.volunteer_id
    active = select(Match.id).where(column == person_id, Match.status == MatchStatus.ACTIVE)
    if session.exec(active).first() is not None:
        raise ErasureRefused(ErasureRefusal.ACTIVE_MATCH, kind=kind, id=person_id)
    return row


def _related(session: Session, kind: PersonKind, person_id: int) -> list[tuple[str, SQLModel]]:
    """The rows about this person that the register's erase modes apply to, by table."""
    if kind is PersonKind.FAMILY:
        matches = list(session.exec(select(Match).where(Match.family_id == person_id)))
        ids = [m.id for m in matches]
        checks = session.exec(select(CheckIn).where(col(CheckIn.match_id).in_(ids))).all()
        proposals = session.exec(select(Proposal).where(Proposal.family_id == person_id)).all()
        family_offers = session.exec(select(Offer).where(Offer.family_id == person_id)).all()
        return [
            *(("match", m) for m in matches),
            *(("check_in", c) for c in checks),
            *(("proposal", p) for p in proposals),
            *(("offer", o) for o in family_offers),
        ]
    if kind is PersonKind.VOLUNTEER:
        offers = session.exec(select(Proposal).where(Proposal.volunteer_id == person_id)).all()
        answers = session.exec(select(Offer).where(Offer.volunteer_id == person_id)).all()
        accounts = session.exec(select(User).where(User.volunteer_id == person_id)).all()
        return [
            *(("proposal", p) for p in offers),
            *(("offer", o) for o in answers),
            *(("user", u) for u in accounts),
        ]
    placements = session.exec(select(Placement).where(Placement.student_id == person_id)).all()
    proposals = session.exec(select(Proposal).where(Proposal.student_id == person_id)).all()
    users = session.exec(select(User).where(User.student_id == person_id)).all()
    return [
        *(("placement", p) for p in placements),
        *(("proposal", p) for p in proposals),
        *(("user", u) for u in users),
    ]


def _drop_external_references(session: Session, kind: PersonKind, person_id: int) -> None:
    """The id another system knows the person by points at nobody once they are forgotten."""
    session.exec(
        delete(ApiExternalReference).where(
            col(ApiExternalReference.entity) == str(kind),
            col(ApiExternalReference.row_id) == person_id,
        )
    )


def _end_sign_in(session: Session, user_ids: list[int]) -> None:
    """An erased person's accounts keep no sessions, reset links or two-factor secrets."""
    for table in (UserSession, PasswordReset, RecoveryCode, TwoFactor):
        session.exec(delete(table).where(col(table.user_id).in_(user_ids)))


def _audit_keys(
    kind: PersonKind, person_id: int, related: list[tuple[str, SQLModel]]
) -> set[tuple[str, int]]:
    """The (entity, id) pairs whose audit events are about this person."""
    keys = {(str(kind), person_id)}
    keys.update((table, getattr(row, "id", 0) or 0) for table, row in related)
    return keys


def _thin_events(session: Session, keys: set[tuple[str, int]]) -> int:
    """Empty the details of every audit event about the person (the events stay)."""
    by_entity: dict[str, list[int]] = {}
    for entity, row_id in keys:
        by_entity.setdefault(entity, []).append(row_id)
    thinned = 0
    for entity, ids in sorted(by_entity.items()):
        events = session.exec(
            select(AuditEvent).where(
                AuditEvent.entity == entity, col(AuditEvent.entity_id).in_(ids)
            )
        ).all()
        for event in events:
            if event.detail:
                event.detail = {}
                session.add(event)
                thinned += 1
    return thinned


def erase_person(
    session: Session,
    *,
    kind: PersonKind,
    person_id: int,
    actor: Actor,
    today: date,
    now: datetime,
    upload_dir: Path | None = None,
    action: PrivacyAction = PrivacyAction.ERASED,
) -> Erased:
    """Forget the person in the caller's transaction; refused while a match or placement runs."""
    row = erasable(session, kind, person_id)
    if isinstance(row, Family):
        row.priority_at_erasure = priority(row, today)
        row.status = FamilyStatus.CLOSED
        row.closed_on = row.closed_on or today
    if isinstance(row, Volunteer):
        row.closed_on = row.closed_on or today
    related = _related(session, kind, person_id)
    held = blank_row(row, str(kind))
    for table, other in related:
        held += free_text(blank_row(other, table))
        if isinstance(other, Proposal) and other.status == ProposalStatus.PROPOSED:
            other.status = ProposalStatus.SUPERSEDED
        session.add(other)
    _drop_external_references(session, kind, person_id)
    _end_sign_in(session, [o.id for _t, o in related if isinstance(o, User) and o.id])
    row.erased_at = now
    session.add(row)
    thinned = _thin_events(session, _audit_keys(kind, person_id, related))
    scrubbed = scrub_text(session, held)
    removed = remove_uploads(upload_dir, held)
    record_event(
        session,
        actor=actor.name,
        actor_user_id=actor.user_id,
        entity=str(kind),
        entity_id=person_id,
        action=str(action),
    )
    session.flush()
    log.info("%s %s %s: %s related rows", action, kind, person_id, len(related))
    return Erased(kind, person_id, len(related), thinned + scrubbed, removed)
