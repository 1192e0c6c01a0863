"""What a student sees of their placement: the preschool, groups, half-days with hours, period.

A placement is *confirmed* when it is an active ``Placement``, *proposed* while it is an open
placement ``Proposal`` of a run. A student may see both at once: the running placement and a
proposed repair of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from matching.models import Group, Placement, Preschool, Proposal, Student
from matching.models.common import require_id
from matching.vocab import (
    HALF_DAYS,
    PlacementAnswer,
    PlacementStage,
    PlacementStatus,
    ProposalKind,
    ProposalStatus,
)


@dataclass(frozen=True)
class PlacementSlot:
    """One weekly half-day: when it starts and ends, and the group(s) helped."""

    half_day: str
    day: str
    part: str
    start: time
    end: time
    groups: tuple[str, ...]


@dataclass(frozen=True)
class PlacementView:
    """A confirmed or proposed placement as the student reads it."""

    status: PlacementStage
    record_id: int  # the placement's id (confirmed) or the proposal's id (proposed)
    preschool_name: str
    address: str
    postcode: str
    district: str
    contact: str
    slots: tuple[PlacementSlot, ...]
    period_start: date
    period_end: date
    broken_rule: str | None
    created_at: datetime
    answer: str = PlacementAnswer.CONFIRMED  # the student's answer (a PlacementAnswer)
    answer_due: datetime | None = None  # until when a pending answer can be given

    @property
    def location(self) -> str:
        """The address with the postcode, once (some addresses already end with it)."""
        if self.postcode and self.postcode.replace(" ", "") in self.address.replace(" ", ""):
            return self.address
        return f"{self.address}, {self.postcode}" if self.postcode else self.address


def parse_hours(hours: str) -> tuple[time, time]:
    """``'08:30-12:30'`` as (start, end); an end not after the start is an error."""
    start_text, _, end_text = hours.partition("-")
    start, end = time.fromisoformat(start_text.strip()), time.fromisoformat(end_text.strip())
    if end <= start:
        raise ValueError(f"hours {hours!r} end before they start")
    return start, end


def session_hours(preschool: Preschool, part: str) -> tuple[time, time]:
    """The preschool's hours of a morning (``am``) or afternoon (``pm``)."""
    return parse_hours(preschool.morning_hours if part == "am" else preschool.afternoon_hours)


def placement_slots(
    preschool: Preschool, slots: Sequence[dict[str, Any]], groups: dict[int, Group]
) -> tuple[PlacementSlot, ...]:
    """Stored ``{"group_id", "half_day"}`` slots as one entry per half-day, in week order."""
    by_half_day: dict[str, list[str]] = {}
    for slot in slots:
        group = groups.get(int(slot["group_id"]))
        names = by_half_day.setdefault(str(slot["half_day"]), [])
        if group is not None and group.name not in names:
            names.append(group.name)
    found = []
    for half_day in (code for code in HALF_DAYS if code in by_half_day):
        day, part = half_day.split("_")
        start, end = session_hours(preschool, part)
        found.append(
            PlacementSlot(half_day, day, part, start, end, tuple(sorted(by_half_day[half_day])))
        )
    return tuple(found)


def _groups(session: Session, slot_lists: Sequence[Sequence[dict[str, Any]]]) -> dict[int, Group]:
    """The groups named in these slots, by id."""
    ids = {int(slot["group_id"]) for slots in slot_lists for slot in slots}
    if not ids:
        return {}
    rows = session.exec(select(Group).where(col(Group.id).in_(ids))).all()
    return {require_id(row): row for row in rows}


def _view(
    status: PlacementStage,
    record: Placement | Proposal,
    preschool: Preschool,
    groups: dict[int, Group],
    period: tuple[date, date],
) -> PlacementView:
    """One placement or proposal as the student reads it."""
    return PlacementView(
        status=status,
        record_id=require_id(record),
        preschool_name=preschool.name,
        address=preschool.address,
        postcode=preschool.postcode,
        district=preschool.district,
        contact=preschool.contact,
        slots=placement_slots(preschool, record.slots, groups),
        period_start=period[0],
        period_end=period[1],
        broken_rule=record.broken_rule if isinstance(record, Placement) else None,
        created_at=record.created_at,
        answer=record.answer if isinstance(record, Placement) else PlacementAnswer.PENDING,
        answer_due=record.answer_due if isinstance(record, Placement) else None,
    )


# Built once: they run on every visit of a student's home page.
_CONFIRMED = (
    select(Placement, Preschool)
    .join(Preschool, col(Preschool.id) == col(Placement.preschool_id))
    .where(
        col(Placement.student_id) == bindparam("student_id"),
        col(Placement.status) == PlacementStatus.ACTIVE,
    )
    .order_by(col(Placement.period_start), col(Placement.id))
)
_PROPOSED = (
    select(Proposal, Preschool)
    .join(Preschool, col(Preschool.id) == col(Proposal.preschool_id))
    .where(
        col(Proposal.student_id) == bindparam("student_id"),
        col(Proposal.kind) == ProposalKind.PLACEMENT,
        col(Proposal.status) == ProposalStatus.PROPOSED,
    )
    .order_by(col(Proposal.id))
)


def placements_of(session: Session, student: Student) -> list[PlacementView]:
    """The student's confirmed placements, then their open placement proposals.

    Each record is read with its preschool in one query: the page runs on every student's
    visit, so two queries and the groups' one rather than one more per placement."""
    wanted = {"student_id": student.id}
    confirmed = session.exec(_CONFIRMED, params=wanted).all()
    proposed = session.exec(_PROPOSED, params=wanted).all()
    groups = _groups(session, [p.slots for p, _ in confirmed] + [p.slots for p, _ in proposed])
    views = [
        _view(PlacementStage.CONFIRMED, row, school, groups, (row.period_start, row.period_end))
        for row, school in confirmed
    ]
    period = (student.period_start, student.period_end)
    views += [
        _view(PlacementStage.PROPOSED, row, school, groups, period) for row, school in proposed
    ]
    return views
