"""Each urgency rule adds its points; the total is capped at 5."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from matching.buddies import priority as p

AS_OF = date(2026, 11, 26)


@dataclass
class Factors:
    urgent: bool = False
    stacked_problems: int = 0
    due_date: date | None = None
    child_birth_date: date | None = None
    registered_on: date = AS_OF


def test_nothing_urgent_is_priority_zero():
    assert p.priority(Factors(), AS_OF) == 0


def test_urgent_adds_two():
    assert p.urgency_points(Factors(urgent=True)) == 2
    assert p.urgency_points(Factors()) == 0


def test_stacked_problems_count_up_to_two():
    assert p.stacked_problem_points(Factors(stacked_problems=1)) == 1
    assert p.stacked_problem_points(Factors(stacked_problems=5)) == 2


def test_due_within_twelve_weeks_adds_one():
    assert p.due_soon_points(Factors(due_date=AS_OF + timedelta(weeks=12)), AS_OF) == 1
    assert p.due_soon_points(Factors(due_date=AS_OF + timedelta(weeks=13)), AS_OF) == 0


def test_newborn_adds_one_but_an_older_child_does_not():
    assert p.due_soon_points(Factors(child_birth_date=AS_OF - timedelta(days=30)), AS_OF) == 1
    assert p.due_soon_points(Factors(child_birth_date=AS_OF - timedelta(days=200)), AS_OF) == 0


def test_long_wait_adds_one():
    assert p.long_wait_points(Factors(registered_on=AS_OF - timedelta(weeks=9)), AS_OF) == 1
    assert p.long_wait_points(Factors(registered_on=AS_OF - timedelta(weeks=8)), AS_OF) == 0


def test_priority_is_capped_at_five():
    everything = Factors(
        urgent=True,
        stacked_problems=4,
        due_date=AS_OF + timedelta(days=10),
        registered_on=AS_OF - timedelta(weeks=20),
    )
    assert p.priority(everything, AS_OF) == 5


def test_priority_depends_on_the_as_of_date():
    family = Factors(due_date=date(2027, 3, 1))
    assert p.priority(family, date(2026, 11, 1)) == 0
    assert p.priority(family, date(2027, 1, 1)) == 1
