"""How *well* a pair fits: named score parts, each 0 to its maximum, summed into the score."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from matching.buddies.rules import Pairs, pair_keys, popcount

DISTANCE_POINTS = 30
HALF_DAY_POINTS = 4
HALF_DAY_CAP = 5
FIRST_LANGUAGE_POINTS = 15
EXPERIENCE_POINTS = 5
EXPERIENCE_CAP = 3
DISTRICT_POINTS = 10
CONTINUITY_POINTS = 10


@dataclass(frozen=True, eq=False)
class ScoreContext:
    """What the score parts need beyond the pairs: the current matches as pair keys."""

    active_keys: np.ndarray


def distance_points(pairs: Pairs, _ctx: ScoreContext) -> np.ndarray:
    """Up to 30 points, fewer the further the family lives within the volunteer's reach."""
    share = 1.0 - pairs.distance_km() / pairs.volunteers.max_travel_km[pairs.volunteer]
    return np.rint(DISTANCE_POINTS * np.clip(share, 0.0, 1.0)).astype(np.int64)


def half_day_points(pairs: Pairs, _ctx: ScoreContext) -> np.ndarray:
    """4 points per common half-day, up to five half-days."""
    return np.minimum(pairs.common_half_days(), HALF_DAY_CAP).astype(np.int64) * HALF_DAY_POINTS


def first_language_points(pairs: Pairs, _ctx: ScoreContext) -> np.ndarray:
    """15 points when the volunteer speaks the family's first language."""
    bit = pairs.families.first_language[pairs.family]
    words = pairs.volunteers.languages[pairs.volunteer, bit // 64]
    speaks = (words >> (bit % 64).astype(np.uint64)) & np.uint64(1)
    return speaks.astype(np.int64) * FIRST_LANGUAGE_POINTS


def experience_points(pairs: Pairs, _ctx: ScoreContext) -> np.ndarray:
    """5 points per situation an experience expert has lived through themselves, up to 3."""
    shared = pairs.volunteers.experience[pairs.volunteer] & pairs.families.needs[pairs.family]
    points = np.minimum(popcount(shared), EXPERIENCE_CAP).astype(np.int64) * EXPERIENCE_POINTS
    return np.where(pairs.volunteers.is_expert[pairs.volunteer], points, 0)


def district_points(pairs: Pairs, _ctx: ScoreContext) -> np.ndarray:
    """10 points when the family lives in a district the volunteer prefers."""
    preferred = pairs.volunteers.preferred_districts[pairs.volunteer]
    lives = pairs.families.district_bit[pairs.family]
    return np.where(preferred & lives, DISTRICT_POINTS, 0).astype(np.int64)


def continuity_points(pairs: Pairs, ctx: ScoreContext) -> np.ndarray:
    """10 points when the pair already works together (an active match)."""
    keys = pair_keys(pairs.volunteers.ids[pairs.volunteer], pairs.families.ids[pairs.family])
    return among(keys, ctx.active_keys).astype(np.int64) * CONTINUITY_POINTS


def among(keys: np.ndarray, values: np.ndarray) -> np.ndarray:
    """True where a key is one of `values` (np.isin, but faster for few values).

    A search in the few sorted values, where np.isin sorts the millions of keys too.
    """
    if not len(values) or not len(keys):
        return np.zeros(len(keys), dtype=bool)
    ordered = np.sort(values)
    at = np.minimum(np.searchsorted(ordered, keys), len(ordered) - 1)
    found: np.ndarray = ordered[at] == keys
    return found


ScorePart = Callable[[Pairs, ScoreContext], np.ndarray]

SCORE_PARTS: tuple[tuple[str, ScorePart], ...] = (
    ("distance", distance_points),
    ("half_days", half_day_points),
    ("first_language", first_language_points),
    ("experience", experience_points),
    ("district", district_points),
    ("continuity", continuity_points),
)
PART_NAMES = tuple(name for name, _ in SCORE_PARTS)


def score_parts(pairs: Pairs, ctx: ScoreContext) -> np.ndarray:
    """An (pairs, parts) array of points, columns in the order of SCORE_PARTS."""
    # Column by column into one array, each column contiguous (column_stack copies twice).
    points = np.empty((len(SCORE_PARTS), len(pairs.volunteer)), dtype=np.int64)
    for row, (_, part) in enumerate(SCORE_PARTS):
        points[row] = part(pairs, ctx)
    return points.T
