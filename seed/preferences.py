"""Students' preferred preschools, drawn after the preschools exist.

They come from a random stream of their own (`preference_rng`), so adding them left every
other seeded value as it was.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from sqlmodel import Session, col, select

from matching.models import Preschool, Student
from matching.models.common import require_id
from matching.people.records import update_record
from matching.reference import distance_km

PREFERS_PRESCHOOL = 0.2  # share of students who name preschools they would like (assumed)
NEAREST = 6  # they choose among the preschools nearest their home


def preference_rng(seed: int) -> random.Random:
    """The random stream of the preferences, apart from the main one."""
    return random.Random(f"preferred-preschools-{seed}")


def seed_preschool_preferences(session: Session, rng: random.Random) -> None:
    """About one student in five prefers one or two of the preschools nearest home, within
    their travel distance."""
    preschools = session.exec(select(Preschool).order_by(col(Preschool.id))).all()
    for student in session.exec(select(Student).order_by(col(Student.id))).all():
        if rng.random() >= PREFERS_PRESCHOOL:
            continue
        near = _nearest(student, preschools)
        if near:
            chosen = rng.sample(near, k=min(len(near), rng.choice((1, 2))))
            update_record(session, row=student, changes={"preferred_preschools": sorted(chosen)})


def _nearest(student: Student, preschools: Sequence[Preschool]) -> list[int]:
    """The ids of the preschools nearest the student's home that they would travel to."""
    reach = [
        (
            distance_km(student.lat or 0.0, student.lon or 0.0, p.lat or 0.0, p.lon or 0.0),
            require_id(p),
        )
        for p in preschools
    ]
    return [pid for km, pid in sorted(reach) if km <= student.max_travel_km][:NEAREST]
