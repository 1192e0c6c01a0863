"""The coordinator's dashboard figures beyond the district table: priorities, runs, mail."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import exists, or_
from sqlmodel import Session, col, func, select

from matching import reference
from matching.buddies.priority_sql import priority_expression
from matching.models import Family, MatchingRun, OutboxMail, Placement, Student
from matching.models.queries import full_runs
from matching.runs.stats import stored_figure
from matching.vocab import MAX_PRIORITY, FamilyStatus, OutboxStatus, PlacementStatus, RunStatus

PRIORITIES = tuple(range(MAX_PRIORITY, -1, -1))


@dataclass(frozen=True)
class PriorityTable:
    """Waiting families per district (rows) and priority (columns, most urgent first)."""

    counts: dict[str, dict[int, int]]
    by_priority: dict[int, int]
    total: int

    def rows(self) -> list[tuple[str, dict[int, int], int]]:
        """(district code, counts by priority, row total) for every district, in CBS order."""
        return [
            (code, self.counts.get(code, {}), sum(self.counts.get(code, {}).values()))
            for code in reference.districts()
        ]


def waiting_by_priority(session: Session, as_of: date) -> PriorityTable:
    """Waiting families counted per district and priority (priority as of the date)."""
    level = priority_expression(as_of).label("priority")
    statement = (
        select(Family.district, level, func.count(col(Family.id)))
        .where(Family.status == FamilyStatus.WAITING)
        .group_by(col(Family.district), level)
    )
    counts: dict[str, dict[int, int]] = defaultdict(dict)
    by_priority: dict[int, int] = defaultdict(int)
    for district, priority, count in session.exec(statement).all():
        counts[district][int(priority)] = int(count)
        by_priority[int(priority)] += int(count)
    return PriorityTable(dict(counts), dict(by_priority), sum(by_priority.values()))


def free_students(session: Session) -> int:
    """Active students without an active placement."""
    placed = exists().where(
        col(Placement.student_id) == col(Student.id),
        col(Placement.status) == PlacementStatus.ACTIVE,
    )
    statement = select(func.count(col(Student.id))).where(col(Student.active).is_(True), ~placed)
    return int(session.exec(statement).one())


def latest_coverage(session: Session) -> tuple[int | None, dict[str, Any]]:
    """The last succeeded run's id and its coverage per district (only that part of its stats)."""
    statement = (
        select(MatchingRun.id, stored_figure("by_district").as_json())
        .where(MatchingRun.status == RunStatus.SUCCEEDED, full_runs())
        .order_by(col(MatchingRun.id).desc())
        .limit(1)
    )
    row = session.exec(statement).first()
    if row is None:
        return None, {}
    run_id, by_district = row
    return run_id, dict(by_district or {})


def mail_problems(session: Session) -> int:
    """Messages that failed for good, or wait for a retry after a failed attempt."""
    statement = select(func.count(col(OutboxMail.id))).where(
        or_(
            col(OutboxMail.status) == OutboxStatus.FAILED,
            (col(OutboxMail.status) == OutboxStatus.QUEUED) & (col(OutboxMail.attempts) > 0),
        )
    )
    return int(session.exec(statement).one())
