"""Volunteers: Al Amal's buddies, the municipal pool, experience experts, language visitors."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from matching import reference, vocab
from matching.vocab import Gender, VolunteerKind
from seed import languages
from seed.languages import LanguageProfile
from seed.names import email_local_part, person_name
from seed.places import City, locate, location_fields, pick_district, population_weights
from seed.traits import count_between, gender, half_days, situations, vog_valid_until

VOLUNTEER_DISTRICTS = population_weights()
COMMUNITY_DISTRICTS = population_weights({"overvecht": 1.6, "zuidwest": 1.6, "noordwest": 1.2})
TRAVEL_KM = (3.0, 4.0, 5.0, 6.0, 8.0, 10.0)  # by bike; most say 5 km or less
TRAVEL_WEIGHTS = (2, 3, 5, 3, 2, 1)
EMAIL_SHARE = 0.7  # volunteers are records; most left an e-mail address


@dataclass(frozen=True)
class VolunteerContext:
    """Where a group of volunteers belongs: the city and the organisation."""

    city: City
    organisation_id: int
    prefix: str  # makes the synthetic e-mail addresses unique


@dataclass(frozen=True)
class Recipe:
    """What sets one kind of volunteer apart."""

    kind: str
    profile: LanguageProfile
    female: float
    male: float
    districts: Mapping[str, float]
    second_place_share: float  # chance of capacity 2 rather than 1
    experience_tags: tuple[int, int] = (0, 0)  # how many lived-experience tags, low … high


PARTNER_BUDDY = Recipe(
    VolunteerKind.BUDDY, languages.PARTNER_VOLUNTEER, 1.0, 0.0, COMMUNITY_DISTRICTS, 0.0
)
MUNICIPAL_BUDDY = Recipe(
    VolunteerKind.BUDDY, languages.VOLUNTEER, 0.72, 0.24, VOLUNTEER_DISTRICTS, 0.15
)
EXPERIENCE_EXPERT = Recipe(
    VolunteerKind.EXPERIENCE_EXPERT,
    languages.VOLUNTEER,
    0.82,
    0.15,
    COMMUNITY_DISTRICTS,
    0.3,
    (1, 3),
)
LANGUAGE_VISITOR = Recipe(
    VolunteerKind.BUDDY, languages.LANGUAGE_VOLUNTEER, 0.75, 0.22, COMMUNITY_DISTRICTS, 0.35
)


def make_volunteer(
    rng: random.Random,
    recipe: Recipe,
    ctx: VolunteerContext,
    number: int,
    as_of: date,
    *,
    district: str | None = None,
    gender_wish: str = "any",
) -> dict[str, Any]:
    """One volunteer of the recipe, in the district and of the gender given, else drawn."""
    home = locate(rng, ctx.city, district or pick_district(rng, recipe.districts))
    spoken = languages.pick_languages(rng, recipe.profile)
    who = gender(rng, female=recipe.female, male=recipe.male)
    if gender_wish in vocab.GENDERS:
        who = Gender(gender_wish)
    name = person_name(rng, gender=who, language=spoken[0])
    email = f"{email_local_part(name)}.{ctx.prefix}{number}@vrijwilligers.example"
    low, high = recipe.experience_tags
    return {
        **location_fields(home),
        "name": name,
        "email": email if rng.random() < EMAIL_SHARE else None,
        "organisation_id": ctx.organisation_id,
        "kind": recipe.kind,
        "languages": spoken,
        "max_travel_km": rng.choices(TRAVEL_KM, weights=TRAVEL_WEIGHTS)[0],
        "availability": half_days(rng, count_between(rng, 2, 6, (2, 3, 3, 2, 1))),
        "capacity": 2 if rng.random() < recipe.second_place_share else 1,
        "vog_valid_until": vog_valid_until(rng, as_of),
        "gender": who,
        "experience": situations(rng, rng.randint(low, high)) if high else [],
        "preferred_districts": [home.district] if rng.random() < 0.35 else [],
    }


def fit_to_family(
    rng: random.Random, volunteer: dict[str, Any], family: Mapping[str, Any], as_of: date
) -> dict[str, Any]:
    """The volunteer adjusted to pass the family's hard rules (a VOG may since have lapsed)."""
    fitted = dict(volunteer)
    if not set(fitted["languages"]) & set(family["languages"]):
        fitted["languages"] = [*fitted["languages"], family["languages"][0]]
    fitted["availability"] = _enough_common(rng, fitted["availability"], family)
    needs = family["needs"]
    if (
        fitted["kind"] == VolunteerKind.EXPERIENCE_EXPERT
        and needs
        and not set(fitted["experience"]) & set(needs)
    ):
        fitted["experience"] = [*fitted["experience"], rng.choice(needs)]
    if fitted["vog_valid_until"] is None:
        fitted["vog_valid_until"] = vog_valid_until(rng, as_of, required=True)
    km = reference.distance_km(fitted["lat"], fitted["lon"], family["lat"], family["lon"])
    fitted["max_travel_km"] = max(fitted["max_travel_km"], float(math.ceil(km) + 1))
    return fitted


def _enough_common(rng: random.Random, own: list[str], family: Mapping[str, Any]) -> list[str]:
    """The volunteer's half-days, with some of the family's added until enough are common."""
    wanted = family["sessions_required"] - len(set(own) & set(family["availability"]))
    if wanted <= 0:
        return own
    extra = rng.sample(sorted(set(family["availability"]) - set(own)), wanted)
    chosen = set(own) | set(extra)
    return [code for code in vocab.HALF_DAYS if code in chosen]
