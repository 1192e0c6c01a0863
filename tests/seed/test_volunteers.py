"""Volunteers, and a matched buddy fitted to the hard rules of their family."""

from __future__ import annotations

import random
from datetime import date

from matching import reference
from matching.models import Family, Volunteer
from matching.people.records import validated
from seed.families import FamilyContext, municipal_family
from seed.places import make_cities
from seed.volunteers import (
    EXPERIENCE_EXPERT,
    MUNICIPAL_BUDDY,
    PARTNER_BUDDY,
    VolunteerContext,
    fit_to_family,
    make_volunteer,
)

AS_OF = date(2025, 3, 3)
CITY = make_cities(1, 0.6)[0]
VOLUNTEERS = VolunteerContext(CITY, organisation_id=1, prefix="t")
FAMILIES = FamilyContext(CITY, organisation_id=1, prefix="UTR-T")


def test_partner_buddies_are_women_with_one_place() -> None:
    rng = random.Random(12)
    for number in range(1, 40):
        buddy = validated(Volunteer, make_volunteer(rng, PARTNER_BUDDY, VOLUNTEERS, number, AS_OF))
        assert buddy.gender == "female" and buddy.capacity == 1 and buddy.kind == "buddy"


def test_experience_experts_have_lived_experience() -> None:
    rng = random.Random(13)
    for number in range(1, 40):
        row = make_volunteer(rng, EXPERIENCE_EXPERT, VOLUNTEERS, number, AS_OF)
        expert = validated(Volunteer, row)
        assert expert.kind == "experience_expert" and 1 <= len(expert.experience) <= 3


def test_a_fitted_buddy_passes_the_family_hard_rules() -> None:
    rng = random.Random(14)
    for number in range(1, 200):
        family = municipal_family(rng, FAMILIES, number, AS_OF, None)
        recipe = EXPERIENCE_EXPERT if number % 3 == 0 else MUNICIPAL_BUDDY
        made = make_volunteer(
            rng,
            recipe,
            VOLUNTEERS,
            number,
            AS_OF,
            district=family["district"],
            gender_wish=family["buddy_gender_wish"],
        )
        v = validated(Volunteer, fit_to_family(rng, made, family, AS_OF))
        f = validated(Family, family)
        assert set(v.languages) & set(f.languages)
        assert len(set(v.availability) & set(f.availability)) >= f.sessions_required
        assert f.buddy_gender_wish in ("any", v.gender)
        assert reference.distance_km(v.lat, v.lon, f.lat, f.lon) <= v.max_travel_km  # type: ignore[arg-type]
        assert v.vog_valid_until is not None
        if v.kind == "experience_expert" and f.needs:
            assert set(v.experience) & set(f.needs)
