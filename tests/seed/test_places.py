"""Where people live: real postcodes, jitter, the copies of Utrecht, apportioning."""

from __future__ import annotations

import random

import pytest

from matching import reference
from matching.people.validation import normalise_postcode
from seed.places import (
    MAX_JITTER_M,
    UNUSED_LETTER_PAIRS,
    apportion,
    jitter,
    locate,
    make_cities,
    postcode_letters,
    residential_postcodes,
)


def test_apportion_splits_the_total_by_weight() -> None:
    assert apportion(10, {"a": 1, "b": 1}) == {"a": 5, "b": 5}
    assert apportion(7, {"a": 3, "b": 1}) == {"a": 5, "b": 2}
    assert sum(apportion(70, {"a": 0.3, "b": 1.7, "c": 2.9}).values()) == 70


def test_jitter_stays_within_the_radius() -> None:
    rng = random.Random(1)
    for _ in range(500):
        lat, lon = jitter(rng, 52.09, 5.12)
        assert reference.distance_km(52.09, 5.12, lat, lon) * 1000 <= MAX_JITTER_M + 1


def test_postcode_letters_are_issued_ones() -> None:
    rng = random.Random(2)
    for _ in range(300):
        pair = postcode_letters(rng)
        assert pair not in UNUSED_LETTER_PAIRS
        assert not set(pair) & set("FIOQUY")


def test_a_home_has_a_valid_residential_postcode_in_its_district() -> None:
    rng = random.Random(3)
    utrecht = make_cities(1, 0.6)[0]
    for district in reference.districts():
        home = locate(rng, utrecht, district)
        assert normalise_postcode(home.postcode) == home.postcode
        area = reference.postcodes()[home.postcode[:4]]
        assert area.residential and area.district == district == home.district


def test_copies_of_utrecht_are_moved_north() -> None:
    cities = make_cities(5, 0.6)
    assert [city.lat_offset for city in cities] == [0.0, 0.6, 1.2, 1.8, 2.4]
    assert cities[0].is_utrecht and not cities[1].is_utrecht
    home = locate(random.Random(4), cities[2], "overvecht")
    assert home.lat > 53.0 and home.place == cities[2].name


def test_make_cities_refuses_more_than_it_has_names() -> None:
    with pytest.raises(ValueError, match="cities must be"):
        make_cities(6, 0.6)


def test_every_district_has_a_residential_postcode() -> None:
    for district in reference.districts():
        assert residential_postcodes(district)
