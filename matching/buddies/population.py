"""The people of one run as parallel numpy arrays, so rules and scores see many pairs at once."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from matching.buddies.priority import priority
from matching.models import Family, Volunteer
from matching.reference import districts
from matching.vocab import HALF_DAYS, SITUATION_TAGS, VolunteerKind

KM_PER_DEGREE_LAT = 111.32
REFERENCE_LAT = 52.09
GENDER_CODES = {"unknown": 0, "female": 1, "male": 2, "other": 3}
WISH_CODES = {"any": -1, "female": 1, "male": 2}


def half_day_mask(half_days: Sequence[str]) -> int:
    """A 10-bit mask of the half-days, bit i for HALF_DAYS[i]."""
    return sum(1 << HALF_DAYS.index(code) for code in half_days)


def project_km(lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Equirectangular x/y in km around Utrecht's latitude; good to metres at city scale."""
    x = lon * KM_PER_DEGREE_LAT * math.cos(math.radians(REFERENCE_LAT))
    return x, lat * KM_PER_DEGREE_LAT


class LanguageCodes:
    """Gives each language of a run a bit; masks span as many 64-bit words as needed."""

    def __init__(self, lists: Sequence[Sequence[str]]) -> None:
        codes = sorted({code for languages in lists for code in languages})
        self.bit = {code: i for i, code in enumerate(codes)}
        self.words = max(1, math.ceil(len(codes) / 64))

    def masks(self, lists: Sequence[Sequence[str]]) -> np.ndarray:
        """An (n, words) uint64 array of language masks."""
        out = np.zeros((len(lists), self.words), dtype=np.uint64)
        for row, languages in enumerate(lists):
            for code in languages:
                bit = self.bit[code]
                out[row, bit // 64] |= np.uint64(1 << (bit % 64))
        return out


@dataclass(frozen=True, eq=False)
class Volunteers:
    """Active volunteers of a run, as arrays indexed like ``ids``."""

    ids: np.ndarray
    organisation: np.ndarray
    x: np.ndarray
    y: np.ndarray
    max_travel_km: np.ndarray
    languages: np.ndarray
    first_language: np.ndarray
    availability: np.ndarray
    vog_ok: np.ndarray
    gender: np.ndarray
    experience: np.ndarray
    preferred_districts: np.ndarray
    capacity: np.ndarray
    is_expert: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, eq=False)
class Families:
    """Families of a run, as arrays indexed like ``ids``."""

    ids: np.ndarray
    organisation: np.ndarray
    x: np.ndarray
    y: np.ndarray
    district: tuple[str, ...]
    district_bit: np.ndarray
    languages: np.ndarray
    first_language: np.ndarray
    availability: np.ndarray
    sessions_required: np.ndarray
    gender_wish: np.ndarray
    needs: np.ndarray
    priority: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


def situation_mask(tags: Sequence[str]) -> int:
    """A bit per situation tag, in the order of vocab.SITUATION_TAGS."""
    return sum(1 << SITUATION_TAGS.index(tag) for tag in tags if tag in SITUATION_TAGS)


def district_mask(codes: Sequence[str]) -> int:
    """A bit per district, in the order of the reference data."""
    order = list(districts())
    return sum(1 << order.index(code) for code in codes if code in order)


def _first_language(lists: Sequence[Sequence[str]], codes: LanguageCodes) -> np.ndarray:
    """The bit of each person's first language."""
    return np.array([codes.bit[langs[0]] for langs in lists], dtype=np.int32)


def volunteer_arrays(rows: Sequence[Volunteer], codes: LanguageCodes, as_of: date) -> Volunteers:
    """Arrays of the volunteers; VOG counts as valid when it runs at least to the as-of date."""
    lists = [row.languages for row in rows]
    x, y = project_km(_floats([row.lat for row in rows]), _floats([row.lon for row in rows]))
    return Volunteers(
        ids=np.array([row.id for row in rows], dtype=np.int64),
        organisation=np.array([row.organisation_id for row in rows], dtype=np.int64),
        x=x,
        y=y,
        max_travel_km=_floats([row.max_travel_km for row in rows]),
        languages=codes.masks(lists),
        first_language=_first_language(lists, codes),
        availability=np.array([half_day_mask(r.availability) for r in rows], dtype=np.int64),
        vog_ok=np.array([_vog_ok(row.vog_valid_until, as_of) for row in rows], dtype=bool),
        gender=np.array([GENDER_CODES[row.gender] for row in rows], dtype=np.int8),
        experience=np.array([situation_mask(row.experience) for row in rows], dtype=np.int64),
        preferred_districts=np.array(
            [district_mask(row.preferred_districts) for row in rows], dtype=np.int64
        ),
        capacity=np.array([row.capacity for row in rows], dtype=np.int64),
        is_expert=np.array(
            [row.kind == VolunteerKind.EXPERIENCE_EXPERT for row in rows], dtype=bool
        ),
    )


def family_arrays(rows: Sequence[Family], codes: LanguageCodes, as_of: date) -> Families:
    """Arrays of the families, with each family's priority on the as-of date."""
    lists = [row.languages for row in rows]
    x, y = project_km(_floats([row.lat for row in rows]), _floats([row.lon for row in rows]))
    return Families(
        ids=np.array([row.id for row in rows], dtype=np.int64),
        organisation=np.array([row.organisation_id for row in rows], dtype=np.int64),
        x=x,
        y=y,
        district=tuple(row.district for row in rows),
        district_bit=np.array([district_mask([row.district]) for row in rows], dtype=np.int64),
        languages=codes.masks(lists),
        first_language=_first_language(lists, codes),
        availability=np.array([half_day_mask(r.availability) for r in rows], dtype=np.int64),
        sessions_required=np.array([row.sessions_required for row in rows], dtype=np.int64),
        gender_wish=np.array([WISH_CODES[row.buddy_gender_wish] for row in rows], dtype=np.int8),
        needs=np.array([situation_mask(row.needs) for row in rows], dtype=np.int64),
        priority=np.array([priority(row, as_of) for row in rows], dtype=np.int64),
    )


def _vog_ok(valid_until: date | None, as_of: date) -> bool:
    """A certificate of conduct is valid on the as-of date."""
    return valid_until is not None and valid_until >= as_of


def _floats(values: Sequence[float | None]) -> np.ndarray:
    """A float array; a missing coordinate is an error, never a silent zero."""
    if any(value is None for value in values):
        raise ValueError("a person without coordinates reached the matching")
    return np.array(values, dtype=np.float64)
