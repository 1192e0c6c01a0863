"""Utrecht reference data shipped with the package: districts, postcodes, languages."""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from babel import Locale


@dataclass(frozen=True)
class District:
    """One of Utrecht's ten wijken."""

    code: str
    name: str
    lat: float
    lon: float
    population: int
    priority: bool


@dataclass(frozen=True)
class Postcode:
    """A four-digit postcode area with a geocoded point and the district it mostly lies in."""

    pc4: str
    district: str
    lat: float
    lon: float
    place: str
    residential: bool


@dataclass(frozen=True)
class Language:
    """A language common among Utrecht families, ranked for demo data."""

    code: str
    name_en: str
    name_nl: str
    rank: int


def _rows(name: str) -> list[dict[str, str]]:
    """Read a CSV file of the package data."""
    text = resources.files("matching.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def districts() -> dict[str, District]:
    """All districts by code, in CBS order."""
    return {
        row["code"]: District(
            code=row["code"],
            name=row["name"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            population=int(row["population"]),
            priority=row["priority"] == "1",
        )
        for row in _rows("districts.csv")
    }


@cache
def postcodes() -> dict[str, Postcode]:
    """All known Utrecht PC4 areas by their four digits."""
    return {
        row["pc4"]: Postcode(
            pc4=row["pc4"],
            district=row["district_code"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            place=row["place"],
            residential=row["residential"] == "1",
        )
        for row in _rows("postcodes.csv")
    }


@cache
def common_languages() -> tuple[Language, ...]:
    """Languages ranked by how common they are among Utrecht families (a judgement)."""
    rows = sorted(_rows("languages.csv"), key=lambda row: int(row["rank"]))
    return tuple(
        Language(row["code"], row["name_en"], row["name_nl"], int(row["rank"])) for row in rows
    )


@cache
def district_geojson() -> dict[str, Any]:
    """The simplified district boundaries (WGS84) as a GeoJSON FeatureCollection."""
    text = resources.files("matching.data").joinpath("districts.geojson").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def _babel_languages(locale: str) -> dict[str, str]:
    """Babel's language names for a locale."""
    return dict(Locale.parse(locale).languages)


def is_known_language(code: str) -> bool:
    """A language is known when Babel or the ranked list names it."""
    return code in _babel_languages("en") or any(lang.code == code for lang in common_languages())


@cache
def _common_names(locale: str) -> dict[str, str]:
    """The ranked list's names of its languages in the locale (Dutch, else English)."""
    return {
        lang.code: lang.name_nl if locale == "nl" else lang.name_en for lang in common_languages()
    }


def language_name(code: str, locale: str = "nl") -> str:
    """The language's name in the locale, falling back to the ranked list and the code."""
    found = _common_names(locale).get(code)
    return found if found is not None else _babel_languages(locale).get(code, code)


def priority_districts() -> frozenset[str]:
    """Districts where reduced groups and extra support come first (Overvecht, Zuidwest)."""
    return frozenset(code for code, district in districts().items() if district.priority)


EARTH_RADIUS_KM = 6371.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))
