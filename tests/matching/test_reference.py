"""The shipped reference data is complete and consistent."""

from __future__ import annotations

import pytest

from matching import reference


def test_ten_districts_with_two_priority_districts():
    districts = reference.districts()
    assert len(districts) == 10
    assert reference.priority_districts() == {"overvecht", "zuidwest"}


def test_every_postcode_lies_in_a_known_district():
    codes = reference.districts().keys()
    assert len(reference.postcodes()) == 47
    assert all(area.district in codes for area in reference.postcodes().values())


def test_map_has_a_feature_per_district():
    features = reference.district_geojson()["features"]
    assert {f["properties"]["code"] for f in features} == set(reference.districts())


def test_languages_known_from_babel_and_the_ranked_list():
    assert reference.is_known_language("ti")
    assert reference.is_known_language("ber")  # only in the ranked list
    assert not reference.is_known_language("xx")
    assert reference.language_name("ar") == "Arabisch"
    assert reference.language_name("ar", "en") == "Arabic"
    assert reference.language_name("ti") == "Tigrinya"


def test_distance_between_overvecht_and_kanaleneiland():
    overvecht, zuidwest = reference.districts()["overvecht"], reference.districts()["zuidwest"]
    km = reference.distance_km(overvecht.lat, overvecht.lon, zuidwest.lat, zuidwest.lon)
    assert km == pytest.approx(5.6, abs=0.8)
    assert reference.distance_km(52.0, 5.0, 52.0, 5.0) == 0
