"""Families: dates relative to as-of, the partner's mothers, JGZ's 14-month flags."""

from __future__ import annotations

import random
from datetime import date, timedelta

from matching.models import Family
from matching.people.records import validated
from seed.families import (
    FLAG_AGE_DAYS,
    FamilyContext,
    born_or_due,
    language_family,
    municipal_family,
    partner_family,
)
from seed.places import make_cities

AS_OF = date(2025, 3, 3)
CONTEXT = FamilyContext(make_cities(1, 0.6)[0], organisation_id=1, prefix="UTR-T")


def test_a_baby_due_before_as_of_is_born_around_the_due_date() -> None:
    rng = random.Random(7)
    due, born = born_or_due(rng, AS_OF - timedelta(days=60), AS_OF)
    assert due is None and born is not None and abs((born - AS_OF).days + 60) <= 14
    due, born = born_or_due(rng, AS_OF + timedelta(days=60), AS_OF)
    assert due == AS_OF + timedelta(days=60) and born is None


def test_waiting_mothers_came_expecting_and_wish_a_female_buddy() -> None:
    rng = random.Random(8)
    for number in range(1, 50):
        row = partner_family(rng, CONTEXT, number, AS_OF, None)
        family = validated(Family, row)
        assert family.status == "waiting" and family.buddy_gender_wish == "female"
        assert family.registered_on <= AS_OF and "single_parent" in family.needs
        if family.due_date is not None:  # still expecting, at most 32 weeks from registering
            assert family.due_date > AS_OF - timedelta(days=11)  # at most 10 days overdue
            assert "pregnancy" in family.needs
            assert (family.due_date - family.registered_on).days <= 32 * 7
        else:  # born since she registered
            assert family.child_birth_date is not None
            assert family.registered_on < family.child_birth_date <= AS_OF


def test_matched_mothers_registered_before_their_start() -> None:
    rng = random.Random(9)
    start = AS_OF - timedelta(days=700)
    family = validated(Family, partner_family(rng, CONTEXT, 1, AS_OF, start))
    assert family.status == "matched" and family.registered_on < start
    assert family.child_birth_date is not None and family.due_date is None
    assert "pregnancy" not in family.needs


def test_language_families_were_flagged_at_fourteen_months() -> None:
    rng = random.Random(10)
    for number in range(1, 50):
        family = validated(Family, language_family(rng, CONTEXT, number, AS_OF, None))
        assert family.child_birth_date is not None
        assert abs((family.registered_on - family.child_birth_date).days - FLAG_AGE_DAYS) <= 20
        assert "language_barrier" in family.needs


def test_referrals_carry_their_district_network() -> None:
    rng = random.Random(11)
    networks = {"overvecht": 5, "zuidwest": 6}
    ctx = FamilyContext(
        CONTEXT.city, 1, "UTR-G", {**dict.fromkeys(_all_districts(), 9), **networks}
    )
    for number in range(1, 60):
        family = validated(Family, municipal_family(rng, ctx, number, AS_OF, None))
        assert family.network_id == ctx.networks[family.district]  # type: ignore[index]
        assert family.reference == f"UTR-G-{number:05d}"


def _all_districts() -> list[str]:
    """Every district code."""
    from matching import reference

    return list(reference.districts())
