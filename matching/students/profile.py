"""A student keeps their own profile; a change after placement is saved and flagged.

DESIGN ("Settled details"): a student's availability change after placement is saved and
flagged; the placement stays until the coordinator acts. The flag is
``Student.availability_changed`` with an audit event; the next matching run then finds the
placement's broken rule (if any) and proposes a repair.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from matching.audit.trail import record_event
from matching.errors import FieldProblem, FieldRefused
from matching.models import Placement, Preschool, Student, User
from matching.models.common import require_id
from matching.people.records import update_record
from matching.people.scoping import NotOwned
from matching.people.validation import FieldError, InvalidRecord, check_preschool_ids
from matching.vocab import AuditAction, AuditEntity, PlacementStatus

# What a student may change of their own record.
PROFILE_FIELDS = (
    "languages",
    "preferred_districts",
    "preferred_preschools",
    "availability",
    "period_start",
    "period_end",
)
# Changes that may break a running placement, and so are flagged to the coordinator.
PLACEMENT_FIELDS = ("availability", "period_start", "period_end")


@dataclass(frozen=True)
class ProfileChange:
    """What a save changed, and whether it was flagged to the coordinator."""

    changed: tuple[str, ...]
    flagged: bool


def own_student(session: Session, student_id: int | None) -> Student:
    """The signed-in student's own record; NotOwned when the account has none."""
    student = session.get(Student, student_id) if student_id is not None else None
    if student is None:
        raise NotOwned(Student, student_id)
    return student


def active_placement(session: Session, student_id: int) -> Placement | None:
    """The student's running placement, if any (the newest when there are several)."""
    statement = (
        select(Placement)
        .where(Placement.student_id == student_id, Placement.status == PlacementStatus.ACTIVE)
        .order_by(col(Placement.period_start).desc(), col(Placement.id).desc())
    )
    return session.exec(statement).first()


def update_student_profile(
    session: Session, *, student: Student, changes: Mapping[str, Any], user: User
) -> ProfileChange:
    """Validate and save the student's changes; after placement, flag them (InvalidRecord)."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"a student may not change {sorted(unknown)}")
    check_preschools_exist(session, changes.get("preferred_preschools", []))
    before = {name: getattr(student, name) for name in PROFILE_FIELDS}
    update_record(session, row=student, changes=changes)
    changed = tuple(name for name in PROFILE_FIELDS if getattr(student, name) != before[name])
    placement = active_placement(session, require_id(student))
    risky = [name for name in changed if name in PLACEMENT_FIELDS]
    if placement is None or not risky:
        return ProfileChange(changed, flagged=False)
    student.availability_changed = True
    session.add(student)
    record_event(
        session,
        actor=f"user:{user.id}",
        actor_user_id=user.id,
        entity=AuditEntity.PLACEMENT,
        entity_id=require_id(placement),
        action=AuditAction.STUDENT_CHANGED,
        detail={
            "student_id": student.id,
            "fields": risky,
            "before": {name: _plain(before[name]) for name in risky},
            "after": {name: _plain(getattr(student, name)) for name in risky},
        },
    )
    return ProfileChange(changed, flagged=True)


def check_preschools_exist(session: Session, ids: Any) -> None:
    """Preferred preschools must be at most five active preschools (InvalidRecord naming
    the field); checked before anything is changed."""
    try:
        wanted = check_preschool_ids(list(ids))
    except FieldRefused as error:
        problem = FieldError("preferred_preschools", ids, str(error), error.code, error.params)
        raise InvalidRecord([problem]) from error
    found = set(
        session.exec(
            select(Preschool.id).where(col(Preschool.id).in_(wanted), col(Preschool.active))
        ).all()
    )
    missing = [i for i in wanted if i not in found]
    if missing:
        reason, code = "is not an active preschool", FieldProblem.PRESCHOOL_NOT_ACTIVE
        raise InvalidRecord([FieldError("preferred_preschools", missing[0], reason, code)])


def preschool_names(session: Session, ids: list[int]) -> list[str]:
    """The names of these preschools, in the order given (unknown ids left out)."""
    rows = session.exec(select(Preschool).where(col(Preschool.id).in_(ids))).all() if ids else []
    names = {p.id: p.name for p in rows}
    return [names[i] for i in ids if i in names]


def preschool_choices(session: Session) -> list[tuple[int, str, str]]:
    """Every active preschool as (id, name, district code), in id order."""
    rows = session.exec(select(Preschool).where(col(Preschool.active)).order_by(col(Preschool.id)))
    return [(require_id(p), p.name, p.district) for p in rows.all()]


def _plain(value: Any) -> Any:
    """A value as JSON can store it (dates as ISO text)."""
    return value.isoformat() if hasattr(value, "isoformat") else value
