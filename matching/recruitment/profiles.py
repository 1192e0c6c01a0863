"""Candidate volunteer profiles, made from the families that wait, and the families each fits.

A profile is one language, one home postcode area (and its district), the half-days a
waiting family needs, an organisation and, where the family wishes one, a gender. Its
eligible families come from the run's own hard rules (`find_candidates`), applied to a
volunteer of that profile living at the area's point with the organisation's median
maximum travel distance: no rule is written twice. Every profile is a buddy: no hard rule
reads the kind (an experience expert only scores higher, tier 2), so an expert of the same
profile would cover exactly the same families.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from matching.buddies.candidates import find_candidates
from matching.buddies.population import GENDER_CODES, Families, Volunteers, half_day_mask
from matching.buddies.problem import BuddyInstance
from matching.vocab import HALF_DAYS, Gender, VolunteerKind

DEFAULT_TRAVEL_KM = 5.0  # the volunteer model's default, for an organisation without any
WISH_GENDER = {-1: Gender.UNKNOWN, 1: Gender.FEMALE, 2: Gender.MALE}


@dataclass(frozen=True, order=True)
class Profile:
    """A volunteer to recruit, in the terms a recruiter uses."""

    organisation_id: int
    district: str
    postcode_area: str
    languages: tuple[str, ...]
    half_days: tuple[str, ...]
    gender: str = Gender.UNKNOWN  # UNKNOWN: any gender will do
    kind: str = VolunteerKind.BUDDY


def candidate_profiles(
    instance: BuddyInstance, covered: np.ndarray, postcodes: Mapping[int, str]
) -> list[Profile]:
    """One profile per waiting family and language of theirs (duplicates merged), sorted.

    `postcodes` maps family ids to their postcode; the profile's area is its first four
    characters. The half-days are the `sessions_required` of the family's own half-days
    that most waiting families of its organisation and district share.
    """
    families = instance.families
    waiting = np.flatnonzero(~covered)
    popular = _popular_half_days(families, waiting)
    found: set[Profile] = set()
    for f in waiting.tolist():
        days = _half_days(
            families, f, popular[(int(families.organisation[f]), families.district[f])]
        )
        if days is None:
            continue
        for language in _languages(families, f, instance.language_codes):
            found.add(
                Profile(
                    organisation_id=int(families.organisation[f]),
                    district=families.district[f],
                    postcode_area=postcodes.get(int(families.ids[f]), "")[:4],
                    languages=(language,),
                    half_days=days,
                    gender=WISH_GENDER[int(families.gender_wish[f])],
                )
            )
    return sorted(found)


def _popular_half_days(
    families: Families, waiting: np.ndarray
) -> dict[tuple[int, str], Counter[str]]:
    """Per (organisation, district): how many waiting families are free on each half-day."""
    counts: dict[tuple[int, str], Counter[str]] = {}
    for f in waiting.tolist():
        key = (int(families.organisation[f]), families.district[f])
        counter = counts.setdefault(key, Counter())
        counter.update(d for i, d in enumerate(HALF_DAYS) if families.availability[f] >> i & 1)
    return counts


def _half_days(families: Families, f: int, popular: Counter[str]) -> tuple[str, ...] | None:
    """The family's half-days a recruit should offer (None when it has too few for its visits)."""
    own = [d for i, d in enumerate(HALF_DAYS) if families.availability[f] >> i & 1]
    need = int(families.sessions_required[f])
    if len(own) < need:
        return None
    ranked = sorted(own, key=lambda d: (-popular[d], HALF_DAYS.index(d)))[:need]
    return tuple(sorted(ranked, key=HALF_DAYS.index))


def _languages(families: Families, f: int, codes: Mapping[int, str]) -> list[str]:
    """The family's language codes."""
    row = families.languages[f]
    return sorted(code for bit, code in codes.items() if int(row[bit // 64]) >> (bit % 64) & 1)


def profile_edges(
    instance: BuddyInstance, profiles: Sequence[Profile], postcodes: Mapping[int, str]
) -> list[np.ndarray]:
    """Per profile: the positions of the families (= the problem's tasks) it may be matched to."""
    recruits = recruit_arrays(instance, profiles, postcodes)
    found = find_candidates(recruits, instance.families)
    order = np.argsort(found.volunteer, kind="stable")
    cuts = np.searchsorted(found.volunteer[order], np.arange(1, len(profiles)))
    return [np.sort(part) for part in np.split(found.family[order], cuts)]


def recruit_arrays(
    instance: BuddyInstance, profiles: Sequence[Profile], postcodes: Mapping[int, str]
) -> Volunteers:
    """The profiles as volunteers of capacity 1 with a valid VOG, at their area's point."""
    families, volunteers = instance.families, instance.volunteers
    bits = {code: bit for bit, code in instance.language_codes.items()}
    words = families.languages.shape[1]
    languages = np.zeros((len(profiles), words), dtype=np.uint64)
    for row, profile in enumerate(profiles):
        for code in profile.languages:
            languages[row, bits[code] // 64] |= np.uint64(1 << (bits[code] % 64))
    x, y = _area_points(families, profiles, postcodes)
    n = len(profiles)
    return Volunteers(
        ids=-np.arange(1, n + 1, dtype=np.int64),  # never a real volunteer's id
        organisation=np.array([p.organisation_id for p in profiles], dtype=np.int64),
        x=x,
        y=y,
        max_travel_km=np.array([_travel(volunteers, p.organisation_id) for p in profiles]),
        languages=languages,
        first_language=np.array([bits[p.languages[0]] for p in profiles], dtype=np.int32),
        availability=np.array([half_day_mask(p.half_days) for p in profiles], dtype=np.int64),
        vog_ok=np.ones(n, dtype=bool),
        gender=np.array([GENDER_CODES[p.gender] for p in profiles], dtype=np.int8),
        experience=np.zeros(n, dtype=np.int64),
        preferred_districts=np.zeros(n, dtype=np.int64),
        capacity=np.ones(n, dtype=np.int64),
        is_expert=np.array([p.kind == VolunteerKind.EXPERIENCE_EXPERT for p in profiles]),
    )


def _travel(volunteers: Volunteers, organisation: int) -> float:
    """The median maximum travel distance of the organisation's volunteers."""
    own = volunteers.max_travel_km[volunteers.organisation == organisation]
    return float(np.median(own)) if len(own) else DEFAULT_TRAVEL_KM


def _area_points(
    families: Families, profiles: Sequence[Profile], postcodes: Mapping[int, str]
) -> tuple[np.ndarray, np.ndarray]:
    """Each profile's home point: the mean point of the families of its postcode area
    (the families' points are their postcode area's, so this is the area's point)."""
    area = np.array([postcodes.get(int(i), "")[:4] for i in families.ids.tolist()])
    x = np.zeros(len(profiles))
    y = np.zeros(len(profiles))
    for row, profile in enumerate(profiles):
        members = (area == profile.postcode_area) & (
            families.organisation == profile.organisation_id
        )
        x[row], y[row] = families.x[members].mean(), families.y[members].mean()
    return x, y
