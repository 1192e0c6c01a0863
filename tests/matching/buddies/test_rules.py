"""Each hard rule: one pair that breaks it and one clean pair."""

from __future__ import annotations

from datetime import date

import pytest

from matching.buddies import rules
from tests.matching.factories import family, one_pair, volunteer


def holds(rule, pair) -> bool:
    return bool(rule(pair)[0])


def test_clean_pair_passes_every_rule():
    pair = one_pair(volunteer(), family())
    assert all(holds(rule, pair) for _, rule in rules.HARD_RULES)
    assert rules.first_broken_rule(pair) == [None]


@pytest.mark.parametrize(
    ("rule", "volunteer_changes", "family_changes"),
    [
        (rules.same_organisation, {"organisation_id": 2}, {}),
        (rules.within_travel_distance, {"postcode": "3451", "max_travel_km": 3}, {}),
        (rules.shared_language, {"languages": ["nl", "tr"]}, {}),
        (rules.enough_common_half_days, {"availability": ["fri_pm"]}, {}),
        (rules.enough_common_half_days, {}, {"sessions_required": 3}),
        (rules.vog_valid, {"vog_valid_until": date(2026, 1, 1)}, {}),
        (rules.vog_valid, {"vog_valid_until": None}, {}),
        (rules.gender_wish_met, {"gender": "male"}, {"buddy_gender_wish": "female"}),
    ],
)
def test_rule_is_broken(rule, volunteer_changes, family_changes):
    pair = one_pair(volunteer(**volunteer_changes), family(**family_changes))
    assert not holds(rule, pair)
    name = dict((r, n) for n, r in rules.HARD_RULES)[rule]
    assert rules.first_broken_rule(pair) == [name]


def test_rejected_pair_breaks_the_last_rule():
    pair = one_pair(volunteer(id=4), family(id=9), rejected=[(4, 9)])
    assert not holds(rules.not_rejected_before, pair)
    assert rules.first_broken_rule(pair) == ["rejected_before"]
    other = one_pair(volunteer(id=4), family(id=8), rejected=[(4, 9)])
    assert holds(rules.not_rejected_before, other)


def test_gender_wish_any_accepts_everyone():
    pair = one_pair(volunteer(gender="male"), family(buddy_gender_wish="any"))
    assert holds(rules.gender_wish_met, pair)


def test_rules_are_in_funnel_order_and_documented():
    assert rules.RULE_NAMES == (
        "organisation",
        "distance",
        "language",
        "half_days",
        "vog",
        "gender_wish",
        "rejected_before",
    )
    assert all(rule.__doc__ for _, rule in rules.HARD_RULES)


def test_distance_is_home_to_home():
    pair = one_pair(volunteer(postcode="3526"), family(postcode="3561"))
    assert pair.distance_km()[0] == pytest.approx(5.8, abs=0.6)
