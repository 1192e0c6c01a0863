"""A family's priority as a SQL expression, so lists can filter and count by it.

The same points as ``matching.buddies.priority`` (tests compare the two on every combination); the
date thresholds are computed here and bound as parameters, so it runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, case, or_
from sqlmodel import col

from matching.buddies.priority import DUE_SOON_DAYS, LONG_WAIT_DAYS, NEWBORN_DAYS
from matching.models import Family
from matching.vocab import MAX_PRIORITY


def priority_expression(as_of: date) -> ColumnElement[int]:
    """Urgent 2, stacked problems up to 2, due soon or newborn 1, long wait 1; capped at 5
    (the stored level of an erased family)."""
    urgent = case((col(Family.urgent).is_(True), 2), else_=0)
    stacked = case((col(Family.stacked_problems) >= 2, 2), else_=col(Family.stacked_problems))
    due = col(Family.due_date)
    born = col(Family.child_birth_date)
    due_soon = case(
        (
            or_(
                and_(due >= as_of, due <= as_of + timedelta(days=DUE_SOON_DAYS)),
                and_(born <= as_of, born >= as_of - timedelta(days=NEWBORN_DAYS)),
            ),
            1,
        ),
        else_=0,
    )
    long_wait = case(
        (col(Family.registered_on) < as_of - timedelta(days=LONG_WAIT_DAYS), 1), else_=0
    )
    total = urgent + stacked + due_soon + long_wait
    # An erased family's urgency factors are gone: its level at erasure counts instead.
    return case(
        (col(Family.priority_at_erasure).is_not(None), col(Family.priority_at_erasure)),
        (total > MAX_PRIORITY, MAX_PRIORITY),
        else_=total,
    )
