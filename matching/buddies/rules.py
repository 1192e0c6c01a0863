"""Who *may* be matched: the hard rules, each a named function over a block of pairs.

Every rule takes a ``Pairs`` block (volunteer and family indices into the run's arrays) and
returns a boolean mask: True where the pair satisfies the rule. ``HARD_RULES`` lists them in
the fixed order of the diagnostic funnel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from matching.buddies.population import Families, Volunteers


@dataclass(frozen=True, eq=False)
class Pairs:
    """A block of candidate pairs: ``volunteer[k]`` with ``family[k]``."""

    volunteers: Volunteers
    families: Families
    volunteer: np.ndarray
    family: np.ndarray
    rejected: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def distance_km(self) -> np.ndarray:
        """Home-to-home distance of each pair in km."""
        dx = self.volunteers.x[self.volunteer] - self.families.x[self.family]
        dy = self.volunteers.y[self.volunteer] - self.families.y[self.family]
        return np.hypot(dx, dy)

    def common_half_days(self) -> np.ndarray:
        """How many half-days both sides of each pair are available."""
        both = (
            self.volunteers.availability[self.volunteer] & self.families.availability[self.family]
        )
        return popcount(both)


_BITS_IN = np.array([bin(n).count("1") for n in range(1 << 10)], dtype=np.int64)


def popcount(values: np.ndarray) -> np.ndarray:
    """Number of set bits of each 10-bit mask (half-days, situations) by table look-up."""
    return _BITS_IN[values]


def same_organisation(pairs: Pairs) -> np.ndarray:
    """A volunteer serves only families of their own organisation."""
    own = pairs.volunteers.organisation[pairs.volunteer]
    return own == pairs.families.organisation[pairs.family]


def within_travel_distance(pairs: Pairs) -> np.ndarray:
    """The family lives within the volunteer's maximum travel distance from home."""
    return pairs.distance_km() <= pairs.volunteers.max_travel_km[pairs.volunteer]


def shared_language(pairs: Pairs) -> np.ndarray:
    """Volunteer and family share at least one language."""
    both = pairs.volunteers.languages[pairs.volunteer] & pairs.families.languages[pairs.family]
    return np.asarray(both.any(axis=1))


def enough_common_half_days(pairs: Pairs) -> np.ndarray:
    """They are both free on at least as many half-days as the family needs visits a week."""
    return pairs.common_half_days() >= pairs.families.sessions_required[pairs.family]


def vog_valid(pairs: Pairs) -> np.ndarray:
    """The volunteer's certificate of conduct (VOG) is valid on the run's date."""
    return pairs.volunteers.vog_ok[pairs.volunteer]


def gender_wish_met(pairs: Pairs) -> np.ndarray:
    """The family's wish on the buddy's gender, if any, is met."""
    wish = pairs.families.gender_wish[pairs.family]
    return (wish < 0) | (wish == pairs.volunteers.gender[pairs.volunteer])


def not_rejected_before(pairs: Pairs) -> np.ndarray:
    """A coordinator has not rejected this pair before."""
    keys = pair_keys(pairs.volunteers.ids[pairs.volunteer], pairs.families.ids[pairs.family])
    return ~np.isin(keys, pairs.rejected)


def pair_keys(volunteer_ids: np.ndarray, family_ids: np.ndarray) -> np.ndarray:
    """One int64 per (volunteer id, family id) pair, for fast set look-ups."""
    return volunteer_ids.astype(np.int64) * (1 << 32) + family_ids.astype(np.int64)


Rule = Callable[[Pairs], np.ndarray]

HARD_RULES: tuple[tuple[str, Rule], ...] = (
    ("organisation", same_organisation),
    ("distance", within_travel_distance),
    ("language", shared_language),
    ("half_days", enough_common_half_days),
    ("vog", vog_valid),
    ("gender_wish", gender_wish_met),
    ("rejected_before", not_rejected_before),
)
RULE_NAMES = tuple(name for name, _ in HARD_RULES)


def first_broken_rule(pairs: Pairs) -> list[str | None]:
    """For each pair, the first hard rule it breaks, or None when it may be matched."""
    broken: list[str | None] = [None] * len(pairs.volunteer)
    for name, rule in HARD_RULES:
        for k in np.flatnonzero(~rule(pairs)):
            if broken[k] is None:
                broken[k] = name
    return broken
