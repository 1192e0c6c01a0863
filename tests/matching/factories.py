"""Tiny in-memory people for rule, candidate and score tests (no database needed)."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np

from matching.buddies.population import (
    Families,
    LanguageCodes,
    Volunteers,
    family_arrays,
    volunteer_arrays,
)
from matching.buddies.rules import Pairs, pair_keys
from matching.models import Family, Volunteer
from matching.people.records import validated

AS_OF = date(2026, 11, 26)


def volunteer(id: int = 1, **changes: Any) -> Volunteer:
    """A volunteer who passes every hard rule with ``family()``, changed as given."""
    data = {
        "id": id,
        "name": f"V{id}",
        "organisation_id": 1,
        "languages": ["nl", "ar"],
        "postcode": "3526",
        "availability": ["mon_am", "tue_am", "wed_am"],
        "max_travel_km": 5.0,
        "vog_valid_until": date(2027, 6, 1),
        "gender": "female",
    }
    data.update(changes)
    return validated(Volunteer, data)


def family(id: int = 1, **changes: Any) -> Family:
    """A waiting family near ``volunteer()``, changed as given."""
    data = {
        "id": id,
        "reference": f"F{id}",
        "organisation_id": 1,
        "languages": ["ar"],
        "postcode": "3527",
        "availability": ["mon_am", "tue_am"],
        "registered_on": date(2026, 10, 1),
    }
    data.update(changes)
    return validated(Family, data)


def arrays(volunteers: list[Volunteer], families: list[Family]) -> tuple[Volunteers, Families]:
    """The run arrays of these people on AS_OF."""
    codes = LanguageCodes([v.languages for v in volunteers] + [f.languages for f in families])
    return volunteer_arrays(volunteers, codes, AS_OF), family_arrays(families, codes, AS_OF)


def one_pair(v: Volunteer, f: Family, rejected: tuple[tuple[int, int], ...] = ()) -> Pairs:
    """A block of the single pair (v, f), with the given pairs rejected before."""
    vols, fams = arrays([v], [f])
    keys = pair_keys(
        np.array([a for a, _ in rejected], dtype=np.int64),
        np.array([b for _, b in rejected], dtype=np.int64),
    )
    return Pairs(vols, fams, np.array([0]), np.array([0]), keys)
