"""Where people live: real districts and postcodes, fictional copies of Utrecht for ``large``."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from matching import reference

# Letters of the postcode's letter part; F, I, O, Q, U and Y are not issued, nor SA, SD, SS.
POSTCODE_LETTERS = "ABCEGHJKLMNPRSTVWXZ"
UNUSED_LETTER_PAIRS = frozenset({"SA", "SD", "SS"})
MAX_JITTER_M = 550.0
METRES_PER_DEGREE = 111_320.0

# The first city is Utrecht itself; the others are fictional copies of its geography.
CITY_NAMES = ("Utrecht", "Rijnstede", "Eemhoven", "Linghaven", "Vechtdorp")


@dataclass(frozen=True)
class City:
    """Utrecht or one of its fictional copies, ``lat_offset`` degrees to the north."""

    index: int
    name: str
    slug: str
    lat_offset: float

    @property
    def is_utrecht(self) -> bool:
        """The first city is Utrecht itself, with the real organisations' names."""
        return self.index == 0


@dataclass(frozen=True)
class Location:
    """A full postcode, its district and a point near the postcode's point."""

    postcode: str
    district: str
    lat: float
    lon: float
    place: str


def make_cities(count: int, lat_offset: float) -> list[City]:
    """Utrecht and ``count - 1`` copies, each ``lat_offset`` degrees further north."""
    if not 1 <= count <= len(CITY_NAMES):
        raise ValueError(f"cities must be 1 … {len(CITY_NAMES)}, got {count}")
    return [
        City(index, name, name.lower(), round(index * lat_offset, 6))
        for index, name in enumerate(CITY_NAMES[:count])
    ]


@cache
def residential_postcodes(district: str) -> tuple[reference.Postcode, ...]:
    """The residential PC4 areas of a district, in postcode order."""
    found = tuple(
        area
        for area in reference.postcodes().values()
        if area.district == district and area.residential
    )
    if not found:
        raise ValueError(f"district {district!r} has no residential postcode")
    return found


def population_weights(boosts: Mapping[str, float] | None = None) -> dict[str, float]:
    """Each district's population, times its boost where one is given."""
    boosts = boosts or {}
    return {
        code: district.population * boosts.get(code, 1.0)
        for code, district in reference.districts().items()
    }


def pick_district(rng: random.Random, weights: Mapping[str, float]) -> str:
    """A district drawn in proportion to its weight."""
    codes = list(weights)
    return rng.choices(codes, weights=[weights[code] for code in codes])[0]


def postcode_letters(rng: random.Random) -> str:
    """Two letters as issued in Dutch postcodes."""
    while True:
        pair = rng.choice(POSTCODE_LETTERS) + rng.choice(POSTCODE_LETTERS)
        if pair not in UNUSED_LETTER_PAIRS:
            return pair


def jitter(rng: random.Random, lat: float, lon: float) -> tuple[float, float]:
    """A point uniformly within MAX_JITTER_M metres of (lat, lon), rounded to about 1 m."""
    radius = MAX_JITTER_M * math.sqrt(rng.random())
    angle = rng.uniform(0.0, 2 * math.pi)
    dlat = radius * math.cos(angle) / METRES_PER_DEGREE
    dlon = radius * math.sin(angle) / (METRES_PER_DEGREE * math.cos(math.radians(lat)))
    return round(lat + dlat, 5), round(lon + dlon, 5)


def locate(rng: random.Random, city: City, district: str) -> Location:
    """A home in the district: a residential postcode with letters and a jittered point."""
    area = rng.choice(residential_postcodes(district))
    lat, lon = jitter(rng, area.lat + city.lat_offset, area.lon)
    place = area.place if city.is_utrecht else city.name
    return Location(f"{area.pc4} {postcode_letters(rng)}", district, lat, lon, place)


def locate_by_weight(rng: random.Random, city: City, weights: Mapping[str, float]) -> Location:
    """A home in a district drawn by weight."""
    return locate(rng, city, pick_district(rng, weights))


def location_fields(location: Location) -> dict[str, object]:
    """The located fields of a record (postcode, district, lat, lon)."""
    return {
        "postcode": location.postcode,
        "district": location.district,
        "lat": location.lat,
        "lon": location.lon,
    }


def apportion(total: int, weights: Mapping[str, float]) -> dict[str, int]:
    """Split ``total`` over the keys in proportion to the weights (largest remainder)."""
    whole = sum(weights.values())
    exact = {key: total * weight / whole for key, weight in weights.items()}
    shares = {key: math.floor(value) for key, value in exact.items()}
    by_remainder = sorted(exact, key=lambda key: (shares[key] - exact[key], key))
    for key in by_remainder[: total - sum(shares.values())]:
        shares[key] += 1
    return shares
