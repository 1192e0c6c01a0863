"""Who speaks what: languages drawn from the ranked list of data/languages.csv.

A language of rank r (Dutch is rank 1) has the base weight 1 / (r - 1) among the languages
other than Dutch (a Zipf skew over the judgement-ranked list); a profile multiplies some of
them (Arabic, Tamazight and Turkish in Overvecht and Zuidwest, English among volunteers).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from matching import reference

DUTCH = "nl"
HERITAGE_BOOSTS: Mapping[str, float] = {"ar": 2.0, "ber": 2.0, "tr": 1.6, "so": 1.5, "ti": 1.5}


@dataclass(frozen=True)
class LanguageProfile:
    """The chances that shape one group's languages."""

    dutch_first: float  # the first language is Dutch
    boosts: Mapping[str, float] = field(default_factory=dict)  # on other first languages
    dutch_also: float = 0.0  # Dutch as well, when the first language is another
    second: float = 0.0  # one more language besides these
    second_boosts: Mapping[str, float] = field(default_factory=dict)


# Families referred in most districts: two in three speak Dutch at home first.
CITY_FAMILY = LanguageProfile(dutch_first=0.62, dutch_also=0.45, second=0.08)
# Families in Overvecht and Zuidwest: heritage languages first for most.
PRIORITY_FAMILY = LanguageProfile(dutch_first=0.3, boosts=HERITAGE_BOOSTS, dutch_also=0.45)
# Al Amal's expecting mothers: mostly Arabic, Tamazight, Somali and Tigrinya speakers.
PARTNER_FAMILY = LanguageProfile(
    dutch_first=0.15, boosts={"ar": 3.0, "ber": 3.0, "so": 2.0, "ti": 2.0}, dutch_also=0.35
)
# Families flagged for a risk of language delay: a home language other than Dutch.
LANGUAGE_FAMILY = LanguageProfile(dutch_first=0.0, boosts=HERITAGE_BOOSTS, dutch_also=0.2)
# Municipal buddies and experience experts: Dutch for most, often bilingual.
VOLUNTEER = LanguageProfile(
    dutch_first=0.88, dutch_also=0.9, second=0.45, second_boosts={"en": 4.0}
)
# Al Amal's buddies: Dutch, and Arabic or Tamazight for most.
PARTNER_VOLUNTEER = LanguageProfile(
    dutch_first=0.6,
    boosts={"ar": 4.0, "ber": 4.0},
    dutch_also=1.0,
    second=0.7,
    second_boosts={"ar": 6.0, "ber": 6.0},
)
# Taal Doet Meer's volunteers speak a family's home language as well as Dutch.
LANGUAGE_VOLUNTEER = LanguageProfile(dutch_first=0.0, boosts=HERITAGE_BOOSTS, dutch_also=1.0)
# Students: Dutch first (the placements are in Dutch), English for many.
STUDENT = LanguageProfile(
    dutch_first=1.0, second=0.65, second_boosts={"en": 6.0, "ar": 1.5, "tr": 1.5}
)


@cache
def _base_weights() -> dict[str, float]:
    """The rank weights of the languages other than Dutch."""
    return {
        lang.code: 1.0 / (lang.rank - 1)
        for lang in reference.common_languages()
        if lang.code != DUTCH
    }


def _draw(rng: random.Random, boosts: Mapping[str, float], exclude: list[str]) -> str:
    """One language other than Dutch and the excluded ones, by boosted rank weight."""
    weights = {
        code: weight * boosts.get(code, 1.0)
        for code, weight in _base_weights().items()
        if code not in exclude
    }
    codes = list(weights)
    return rng.choices(codes, weights=[weights[code] for code in codes])[0]


def pick_languages(rng: random.Random, profile: LanguageProfile) -> list[str]:
    """The languages of one person, the first language first."""
    if rng.random() < profile.dutch_first:
        spoken = [DUTCH]
    else:
        spoken = [_draw(rng, profile.boosts, [])]
        if rng.random() < profile.dutch_also:
            spoken.append(DUTCH)
    if rng.random() < profile.second:
        spoken.append(_draw(rng, profile.second_boosts, spoken))
    return spoken


def family_profile(district: str) -> LanguageProfile:
    """The profile of families referred in this district."""
    return PRIORITY_FAMILY if district in reference.priority_districts() else CITY_FAMILY
