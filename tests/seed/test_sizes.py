"""The sizes carry the figures of the seeds and DESIGN.md."""

from __future__ import annotations

import pytest

from seed.sizes import LARGE, SIZES, SMALL, UTRECHT, SeedSize, get_size


def volunteers(size: SeedSize) -> int:
    """All volunteers the size seeds, every city together."""
    per_city = (
        size.partner_active
        + size.partner_free_buddies
        + size.municipal_buddies
        + size.experience_experts
        + size.language_volunteers
    )
    return per_city * size.cities


def families(size: SeedSize) -> int:
    """All families the size seeds, every city together."""
    per_city = (
        size.partner_active
        + size.partner_waiting
        + size.municipal_families
        + size.language_families
    )
    return per_city * size.cities


def test_utrecht_has_the_seeds_figures() -> None:
    assert UTRECHT.cities == 1
    assert UTRECHT.students == 80 and UTRECHT.students_hu > 0 and UTRECHT.students_uu > 0
    assert UTRECHT.partner_yearly == 15
    assert UTRECHT.partner_active == 37  # 15 a year × 2.5 years
    assert (UTRECHT.preschools, UTRECHT.groups, UTRECHT.reduced_groups) == (70, 140, 30)
    assert (UTRECHT.municipal_buddies, UTRECHT.experience_experts) == (300, 80)
    assert UTRECHT.municipal_families == 400


def test_large_is_national_scale() -> None:
    assert LARGE.cities == 5
    assert volunteers(LARGE) >= 10_000
    assert families(LARGE) >= 8_000


def test_small_is_a_few_dozen_people() -> None:
    assert 20 <= volunteers(SMALL) + families(SMALL) + SMALL.students <= 100


@pytest.mark.parametrize("size", SIZES.values(), ids=list(SIZES))
def test_every_size_is_consistent(size: SeedSize) -> None:
    assert size.reduced_groups <= size.groups
    assert size.preschools <= size.groups
    assert size.municipal_active <= size.municipal_families
    assert size.language_active <= size.language_families
    assert size.municipal_active <= size.municipal_buddies + size.experience_experts
    assert size.language_active <= size.language_volunteers
    assert 0.5 < size.reduced_in_priority_share <= 1


def test_get_size_names_the_sizes_for_an_unknown_one() -> None:
    assert get_size("utrecht") is UTRECHT
    with pytest.raises(ValueError, match="small, utrecht, large"):
        get_size("xl")
