"""The demo sizes: every number and the assumption behind it.

Counts are per city. ``small`` and ``utrecht`` have one city, Utrecht. ``large`` has five
cities of Utrecht's size (DESIGN.md: national scale, each its own geography). The reference
data only knows Utrecht, so the four other cities are fictional copies of Utrecht: the same
postcodes and districts, with every coordinate moved north by ``city_lat_offset`` degrees per
city (0.6° ≈ 67 km, far beyond any travel distance), so that no one is ever in reach of
another city. Their organisations are their own; HU, UU and the five preschool providers
are shared by all cities.
"""

from __future__ import annotations

from dataclasses import dataclass

DAYS_PER_YEAR = 365


@dataclass(frozen=True)
class SeedSize:
    """How many of each kind of record one city gets, and how many cities there are."""

    name: str
    cities: int
    # Students of one school year (the seeds: 80 of HU and UU in 2022 and 2023).
    students_hu: int
    students_uu: int
    # Preschool locations and groups (preschools_note.md: ≈ 70 locations of 5 providers;
    # ≈ 2 groups a location is our assumption; reduced groups ≤ 12 children, mostly in
    # Overvecht and Kanaleneiland, the share below is our assumption).
    preschools: int
    groups: int
    reduced_groups: int
    reduced_in_priority_share: float
    # The buddy partner (Stichting Al Amal): new expecting mothers a year and how long a
    # trajectory lasts (the seeds: 15 a year, 2.5 years ≈ 913 days); mothers registered but
    # not yet matched; buddies beyond those in a running trajectory (assumptions).
    partner_yearly: int
    partner_trajectory_days: int
    partner_waiting: int
    partner_free_buddies: int
    # The municipal pool: buddies, experience experts, families referred by the district
    # birth-care networks, and the running municipal trajectories (≈ 1 year, assumed).
    municipal_buddies: int
    experience_experts: int
    municipal_families: int
    municipal_active: int
    municipal_trajectory_days: int
    # Taal Doet Meer: language home-visit volunteers and the families JGZ flags at
    # 14 months; a visit trajectory runs until voorschool at 2.5 years (≈ 16 months).
    language_volunteers: int
    language_families: int
    language_active: int
    language_trajectory_days: int
    # Degrees of latitude between the copies of Utrecht (only ``large`` has copies).
    city_lat_offset: float = 0.6

    @property
    def partner_active(self) -> int:
        """Running partner trajectories: yearly starts times the years a trajectory lasts."""
        return self.partner_yearly * self.partner_trajectory_days // DAYS_PER_YEAR

    @property
    def students(self) -> int:
        """Students of one city, HU and UU together."""
        return self.students_hu + self.students_uu


SMALL = SeedSize(
    # A few dozen people for tests: every kind of record, every organisation, seconds apart.
    name="small",
    cities=1,
    students_hu=3,
    students_uu=3,
    preschools=5,
    groups=8,
    reduced_groups=3,
    reduced_in_priority_share=0.7,
    partner_yearly=2,  # 2 × 913 / 365 → 5 running trajectories
    partner_trajectory_days=913,
    partner_waiting=2,
    partner_free_buddies=2,
    municipal_buddies=10,
    experience_experts=4,
    municipal_families=14,
    municipal_active=4,
    municipal_trajectory_days=365,
    language_volunteers=4,
    language_families=5,
    language_active=2,
    language_trajectory_days=487,
)

UTRECHT = SeedSize(
    # DESIGN.md "Demo utrecht size": the seeds' figures where they give one, else ours.
    name="utrecht",
    cities=1,
    students_hu=40,  # 80 students split evenly: the seeds do not give the split
    students_uu=40,
    preschools=70,
    groups=140,
    reduced_groups=30,
    reduced_in_priority_share=0.75,
    partner_yearly=15,  # 15 × 913 / 365 → 37 running trajectories
    partner_trajectory_days=913,
    partner_waiting=6,  # about five months of new mothers not yet matched
    partner_free_buddies=8,  # so the buddies number 37 + 8 = 45
    municipal_buddies=300,
    experience_experts=80,
    municipal_families=400,
    municipal_active=80,  # a fifth of the referred families already has a buddy
    municipal_trajectory_days=365,
    language_volunteers=40,
    language_families=60,
    language_active=15,
    language_trajectory_days=487,  # 30 − 14 months
)

LARGE = SeedSize(
    # Five cities; each has the per-city density of the benchmark's ``xl`` (50,000
    # volunteers × 40,000 families over 25 cities): a matured programme drawing on a
    # city's whole volunteer pool, ≈ 2,000 volunteers and ≈ 1,600 families a city.
    name="large",
    cities=5,
    students_hu=40,
    students_uu=40,
    preschools=70,
    groups=140,
    reduced_groups=30,
    reduced_in_priority_share=0.75,
    partner_yearly=15,
    partner_trajectory_days=913,
    partner_waiting=6,
    partner_free_buddies=8,
    municipal_buddies=1520,
    experience_experts=360,
    municipal_families=1500,
    municipal_active=300,
    municipal_trajectory_days=365,
    language_volunteers=100,
    language_families=80,
    language_active=25,
    language_trajectory_days=487,
)

SIZES: dict[str, SeedSize] = {size.name: size for size in (SMALL, UTRECHT, LARGE)}


def get_size(name: str) -> SeedSize:
    """The size of this name, or a ValueError naming the sizes there are."""
    try:
        return SIZES[name]
    except KeyError:
        raise ValueError(f"unknown size {name!r}: use one of {', '.join(SIZES)}") from None
