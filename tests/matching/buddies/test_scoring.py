"""Each score part: points where the pair earns them, none where it does not."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.buddies import scoring
from matching.buddies.rules import pair_keys
from tests.matching.factories import family, one_pair, volunteer

NO_MATCHES = scoring.ScoreContext(active_keys=np.zeros(0, dtype=np.int64))


def points(part, v, f, ctx=NO_MATCHES) -> int:
    return int(part(one_pair(v, f), ctx)[0])


def test_distance_points_fall_with_distance():
    near = points(scoring.distance_points, volunteer(postcode="3527"), family(postcode="3527"))
    far = points(scoring.distance_points, volunteer(postcode="3526"), family(postcode="3523"))
    assert near == scoring.DISTANCE_POINTS
    assert 0 <= far < near


def test_half_day_points_count_common_half_days():
    v = volunteer(availability=["mon_am", "tue_am", "wed_am"])
    assert points(scoring.half_day_points, v, family(availability=["mon_am", "tue_am"])) == 8
    assert points(scoring.half_day_points, v, family(availability=["mon_am"])) == 4


def test_first_language_points_only_for_the_first_language():
    assert (
        points(
            scoring.first_language_points,
            volunteer(languages=["ar"]),
            family(languages=["ar", "nl"]),
        )
        == 15
    )
    assert (
        points(
            scoring.first_language_points,
            volunteer(languages=["nl"]),
            family(languages=["ar", "nl"]),
        )
        == 0
    )


def test_experience_points_only_for_experience_experts():
    needs = {"needs": ["single_parent", "debt"]}
    expert = volunteer(kind="experience_expert", experience=["single_parent", "debt"])
    buddy = volunteer(kind="buddy", experience=["single_parent", "debt"])
    assert points(scoring.experience_points, expert, family(**needs)) == 10
    assert points(scoring.experience_points, buddy, family(**needs)) == 0


def test_district_points_for_a_preferred_district():
    f = family(postcode="3527")  # zuidwest
    assert points(scoring.district_points, volunteer(preferred_districts=["zuidwest"]), f) == 10
    assert points(scoring.district_points, volunteer(preferred_districts=["oost"]), f) == 0


def test_continuity_points_for_an_active_match():
    ctx = scoring.ScoreContext(active_keys=pair_keys(np.array([1]), np.array([1])))
    assert points(scoring.continuity_points, volunteer(id=1), family(id=1), ctx) == 10
    assert points(scoring.continuity_points, volunteer(id=1), family(id=2), ctx) == 0


def test_score_parts_are_named_and_documented():
    parts = scoring.score_parts(one_pair(volunteer(), family()), NO_MATCHES)
    assert parts.shape == (1, len(scoring.PART_NAMES))
    assert all(part.__doc__ for _, part in scoring.SCORE_PARTS)


@pytest.mark.parametrize("name", scoring.PART_NAMES)
def test_every_part_is_never_negative(name):
    part = dict(scoring.SCORE_PARTS)[name]
    assert points(part, volunteer(postcode="3451", max_travel_km=2), family()) >= 0


@settings(deadline=None, max_examples=200)
@given(
    st.lists(st.integers(-(2**40), 2**40), max_size=40),
    st.lists(st.integers(-(2**40), 2**40), max_size=10),
)
def test_among_is_np_isin(keys: list[int], values: list[int]) -> None:
    keys_array = np.asarray(keys, dtype=np.int64)
    values_array = np.asarray(values + keys[:2], dtype=np.int64)
    expected = np.isin(keys_array, values_array)
    assert scoring.among(keys_array, values_array).tolist() == expected.tolist()
