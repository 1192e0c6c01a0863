"""A family's priority 0–5, computed against the run's as-of date."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from matching.vocab import MAX_PRIORITY

DUE_SOON_DAYS = 12 * 7
NEWBORN_DAYS = 91
LONG_WAIT_DAYS = 8 * 7


class Prioritised(Protocol):
    """The urgency factors of a family."""

    urgent: bool
    stacked_problems: int
    due_date: date | None
    child_birth_date: date | None
    registered_on: date


def urgency_points(family: Prioritised) -> int:
    """Two points when the referrer marks the family urgent."""
    return 2 if family.urgent else 0


def stacked_problem_points(family: Prioritised) -> int:
    """One point per stacked problem (debt, housing, …), at most two."""
    return min(family.stacked_problems, 2)


def due_soon_points(family: Prioritised, as_of: date) -> int:
    """One point when the baby is due within 12 weeks or was born less than 3 months ago."""
    if family.due_date is not None and 0 <= (family.due_date - as_of).days <= DUE_SOON_DAYS:
        return 1
    born = family.child_birth_date
    return 1 if born is not None and 0 <= (as_of - born).days <= NEWBORN_DAYS else 0


def long_wait_points(family: Prioritised, as_of: date) -> int:
    """One point when the family has waited more than 8 weeks."""
    return 1 if (as_of - family.registered_on).days > LONG_WAIT_DAYS else 0


def priority(family: Prioritised, as_of: date) -> int:
    """The sum of the urgency points, capped at 5; an erased family keeps its level then."""
    stored: int | None = getattr(family, "priority_at_erasure", None)
    if stored is not None:
        return stored
    points = (
        urgency_points(family)
        + stacked_problem_points(family)
        + due_soon_points(family, as_of)
        + long_wait_points(family, as_of)
    )
    return min(points, MAX_PRIORITY)
