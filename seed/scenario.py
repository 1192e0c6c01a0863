"""A week in the life of the programme, for the re-optimisation scenario and its figures.

Starting from seeded data with running matches, ``next_week`` makes the changes a real week
brings: some volunteers stop, some certificates of conduct (VOG) expire, a family moves
across town, and new families are referred. Deterministic for a seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from matching.models import Family, Match, Volunteer
from matching.models.common import require_id
from matching.people.records import validated
from matching.vocab import FamilyStatus, MatchStatus


@dataclass(frozen=True)
class WeekChanges:
    """What changed, by id."""

    stopped_volunteers: tuple[int, ...]
    expired_vog: tuple[int, ...]
    moved_families: tuple[int, ...]
    new_families: tuple[int, ...]


def _matched_volunteers(session: Session) -> list[Volunteer]:
    """Volunteers with a running match, in id order."""
    ids = set(
        session.exec(select(Match.volunteer_id).where(Match.status == MatchStatus.ACTIVE)).all()
    )
    rows = session.exec(select(Volunteer).order_by(col(Volunteer.id))).all()
    return [v for v in rows if v.id in ids]


def next_week(
    session: Session, *, seed: int, as_of: date, stop: int = 2, expire: int = 2, new: int = 10
) -> WeekChanges:
    """Apply a week of changes in the caller's transaction; ``as_of`` is the new week's date."""
    rng = random.Random(seed)
    matched = _matched_volunteers(session)
    picked = rng.sample(matched, min(stop + expire, len(matched)))
    for volunteer in picked[:stop]:
        volunteer.active = False
    for volunteer in picked[stop:]:
        volunteer.vog_valid_until = as_of - timedelta(days=1)
    session.add_all(picked)
    moved = _move_a_family(session, rng)
    added = _refer_families(session, rng, as_of, new)
    session.flush()
    return WeekChanges(
        stopped_volunteers=tuple(require_id(v) for v in picked[:stop]),
        expired_vog=tuple(require_id(v) for v in picked[stop:]),
        moved_families=moved,
        new_families=tuple(require_id(f) for f in added),
    )


def _move_a_family(session: Session, rng: random.Random) -> tuple[int, ...]:
    """A matched family in the east moves to Vleuten, out of its buddy's reach."""
    matched = session.exec(
        select(Family)
        .join(Match, col(Match.family_id) == col(Family.id))
        .where(Match.status == MatchStatus.ACTIVE, col(Family.district).in_(["oost", "noordoost"]))
        .order_by(col(Family.id))
    ).all()
    if not matched:
        return ()
    family = rng.choice(list(matched))
    family.postcode, family.district, family.lat, family.lon = "3451 AB", "", None, None
    moved = validated(Family, family.model_dump())
    family.district, family.lat, family.lon = moved.district, moved.lat, moved.lon
    session.add(family)
    return (require_id(family),)


def _refer_families(session: Session, rng: random.Random, as_of: date, count: int) -> list[Family]:
    """New referrals, each like a family already known (same area, languages, needs)."""
    known = session.exec(select(Family).order_by(col(Family.id))).all()
    added = []
    for number, model in enumerate(rng.sample(list(known), min(count, len(known))), start=1):
        data = model.model_dump(exclude={"id", "created_at", "reference", "status"})
        data.update(reference=f"NEW-{as_of.isoformat()}-{number:03d}", registered_on=as_of)
        data.update(status=FamilyStatus.WAITING, due_date=None, urgent=rng.random() < 0.2)
        family = validated(Family, data)
        session.add(family)
        added.append(family)
    return added
