"""Preschool locations of the five providers and their groups, reduced ones mostly where
the need is largest."""

from __future__ import annotations

import csv
import random
from functools import cache
from importlib import resources
from typing import Any

from sqlmodel import Session

from matching import reference, vocab
from matching.models import Group, Preschool
from seed import languages
from seed.bulk import insert_validated
from seed.names import split_names
from seed.organisations import PROVIDERS, Provider
from seed.places import City, apportion, locate, location_fields, population_weights
from seed.sizes import SeedSize

# More voorschool locations where more children need support (our assumption).
PRESCHOOL_DISTRICTS = population_weights(
    {"overvecht": 2.5, "zuidwest": 2.5, "noordwest": 1.5, "oost": 0.6, "binnenstad": 0.5}
)
LOCATION_NAMES = split_names(
    "De Regenboog|Het Kompas|De Zonnebloem|'t Kabouterhuis|De Speeltuin|Het Palet|De Boomhut|"
    "De Ster|Het Vogelnest|De Tovertuin|De Vuurtoren|Het Klavertje|De Wereldboom|Het Bolwerk|"
    "De Pinguïn|Het Avontuur|De Kleine Reus|De Bijenkorf|Het Zonnetje|De Eikenboom"
)
GROUP_NAMES = split_names(
    "Vlinders|Egeltjes|Uiltjes|Kikkers|Bijtjes|Vosjes|Lieveheersbeestjes|Konijntjes|Eekhoorns|"
    "Zonnetjes|Sterretjes|Beertjes"
)
STREETS = split_names(
    "Schoolstraat|Kastanjelaan|Merelstraat|Lindelaan|Beukenlaan|Zonnebloemstraat|Julianalaan|"
    "Vondellaan|Prinses Irenestraat|Kerkweg|Molenweg|Dorpsstraat|Populierenlaan|Wilgenhof"
)
MORNING_HOURS = ("08:30-12:30", "08:15-12:15", "08:45-12:45")
SESSION_COUNTS = (4, 3, 2)  # 16 hours a week is typically 4 half-days (preschools_note.md)
SESSION_COUNT_WEIGHTS = (80, 10, 10)
MORNING_GROUP_SHARE = 0.85  # groups run mostly in the morning (preschools_note.md)


@cache
def neighbourhoods(district: str) -> tuple[str, ...]:
    """The notable neighbourhoods of a district, from the package's districts.csv."""
    text = resources.files("matching.data").joinpath("districts.csv").read_text("utf-8")
    for row in csv.DictReader(text.splitlines()):
        if row["code"] == district:
            return tuple(row["notable_neighbourhoods"].split(";"))
    raise ValueError(f"unknown district {district!r}")


def preschool_plan(rng: random.Random, size: SeedSize) -> list[tuple[str, Provider]]:
    """(district, provider) of each location: districts by need, providers by their share."""
    per_district = apportion(size.preschools, PRESCHOOL_DISTRICTS)
    per_provider = apportion(size.preschools, {p.code: p.share for p in PROVIDERS})
    districts = [code for code, count in per_district.items() for _ in range(count)]
    providers = [p for p in PROVIDERS for _ in range(per_provider[p.code])]
    rng.shuffle(providers)
    return list(zip(districts, providers, strict=True))


def make_preschool(
    rng: random.Random, city: City, district: str, provider: Provider, org_id: int, number: int
) -> dict[str, Any]:
    """One location: a name, an address in the district and its hours."""
    site = locate(rng, city, district)
    label = f"{rng.choice(LOCATION_NAMES)} ({rng.choice(neighbourhoods(district))})"
    suffix = "" if city.is_utrecht else f", {city.name}"
    return {
        **location_fields(site),
        "name": f"{provider.short} {label}{suffix}",
        "organisation_id": org_id,
        "address": f"{rng.choice(STREETS)} {rng.randint(1, 180)}, {site.postcode} {site.place}",
        "contact": f"locatie{number}.{city.slug}@{provider.code}.example",
        "morning_hours": rng.choices(MORNING_HOURS, weights=(70, 15, 15))[0],
    }


def group_counts(rng: random.Random, groups: int, preschools: int) -> list[int]:
    """How many groups each location has: ``groups`` spread as evenly as possible."""
    base, extra = divmod(groups, preschools)
    bigger = set(rng.sample(range(preschools), extra))
    return [base + (1 if index in bigger else 0) for index in range(preschools)]


def reduced_slots(rng: random.Random, size: SeedSize, districts: list[str]) -> set[int]:
    """Which groups (by index) are reduced: the given share in the priority districts."""
    priority = reference.priority_districts()
    inside = [i for i, district in enumerate(districts) if district in priority]
    outside = [i for i, district in enumerate(districts) if district not in priority]
    wanted_inside = min(len(inside), round(size.reduced_groups * size.reduced_in_priority_share))
    wanted_outside = min(len(outside), size.reduced_groups - wanted_inside)
    chosen = rng.sample(inside, wanted_inside) + rng.sample(outside, wanted_outside)
    return set(chosen)


def _sessions(rng: random.Random) -> list[str]:
    """A group's half-days: mostly four mornings."""
    count = rng.choices(SESSION_COUNTS, weights=SESSION_COUNT_WEIGHTS)[0]
    part = "am" if rng.random() < MORNING_GROUP_SHARE else "pm"
    days = sorted(rng.sample(range(len(vocab.DAYS)), count))
    return [f"{vocab.DAYS[day]}_{part}" for day in days]


def _home_languages(rng: random.Random, district: str) -> list[str]:
    """The home languages in a group: those of a few children of the district."""
    spoken: list[str] = []
    for _ in range(rng.randint(2, 5)):
        spoken += languages.pick_languages(rng, languages.family_profile(district))
    return list(dict.fromkeys(spoken))[:4]


def make_group(
    rng: random.Random, preschool_id: int, district: str, name: str, reduced: bool
) -> dict[str, Any]:
    """One group: its size (reduced groups at most 12), languages, half-days, students."""
    top = vocab.MAX_REDUCED_GROUP_SIZE if reduced else vocab.MAX_GROUP_SIZE
    return {
        "preschool_id": preschool_id,
        "name": f"Groep {name}",
        "children_count": rng.randint(top - 4, top),
        "reduced": reduced,
        "home_languages": _home_languages(rng, district),
        "sessions": _sessions(rng),
        "students_wanted": 2 if rng.random() < (0.6 if reduced else 0.3) else 1,
    }


def seed_preschools(
    session: Session, rng: random.Random, size: SeedSize, city: City, providers: dict[str, int]
) -> None:
    """Insert a city's preschool locations and their groups."""
    plan = preschool_plan(rng, size)
    rows = [
        make_preschool(rng, city, district, provider, providers[provider.code], number)
        for number, (district, provider) in enumerate(plan, start=1)
    ]
    sites = insert_validated(session, Preschool, rows)
    counts = group_counts(rng, size.groups, len(sites))
    slots = [
        (site, name)
        for site, count in zip(sites, counts, strict=True)
        for name in rng.sample(GROUP_NAMES, count)
    ]
    reduced = reduced_slots(rng, size, [site.district for site, _ in slots])
    groups = [
        make_group(rng, _site_id(site), site.district, name, index in reduced)
        for index, (site, name) in enumerate(slots)
    ]
    insert_validated(session, Group, groups)


def _site_id(site: Preschool) -> int:
    """The id of a flushed preschool."""
    if site.id is None:
        raise ValueError("preschools must be flushed before their groups")
    return site.id
