"""Preschool locations and groups: reduced groups where the need is largest."""

from __future__ import annotations

import random

from matching import reference, vocab
from matching.models.preschool import GroupBase
from matching.people.records import validated
from seed.organisations import PROVIDERS
from seed.preschools import group_counts, make_group, preschool_plan, reduced_slots
from seed.sizes import SMALL, UTRECHT


def test_the_plan_uses_every_provider_and_the_priority_districts() -> None:
    plan = preschool_plan(random.Random(15), UTRECHT)
    assert len(plan) == UTRECHT.preschools
    assert {provider.code for _, provider in plan} == {p.code for p in PROVIDERS}
    in_priority = sum(district in reference.priority_districts() for district, _ in plan)
    assert in_priority > UTRECHT.preschools * 0.3
    small_plan = preschool_plan(random.Random(15), SMALL)
    assert {d for d, _ in small_plan} & reference.priority_districts()


def test_groups_are_spread_over_the_locations() -> None:
    counts = group_counts(random.Random(16), 140, 70)
    assert sum(counts) == 140 and set(counts) == {2}
    counts = group_counts(random.Random(16), 8, 5)
    assert sum(counts) == 8 and set(counts) <= {1, 2}


def test_reduced_groups_are_mostly_in_the_priority_districts() -> None:
    districts = ["overvecht"] * 30 + ["zuidwest"] * 20 + ["oost"] * 90
    chosen = reduced_slots(random.Random(17), UTRECHT, districts)
    assert len(chosen) == UTRECHT.reduced_groups
    assert sum(districts[i] in {"overvecht", "zuidwest"} for i in chosen) > len(chosen) / 2


def test_a_reduced_group_has_at_most_twelve_children() -> None:
    rng = random.Random(18)
    for reduced in (True, False) * 50:
        group = validated(GroupBase, make_group(rng, 1, "zuidwest", "Vlinders", reduced))
        assert group.children_count <= (12 if reduced else vocab.MAX_GROUP_SIZE)
        assert 2 <= len(group.sessions) <= 4 and 1 <= group.students_wanted <= 2
        assert 1 <= len(group.home_languages) <= 4
