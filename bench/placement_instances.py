"""More placement instances: varied cities, and many cities in one problem (national).

`varied_placement_instance` draws its shape from the seed, so that a run over many seeds
sees what one generator alone would not: previous placements for many students or none,
preferred locations (a score boost), groups open on many half-days or few, and supply of
places tight or loose against the students' needs. `cities_instance` puts independent
cities (each one of the generators, its ids prefixed) into one problem file, as a
national run would: no student can reach another city's locations.
"""

from __future__ import annotations

import numpy as np

from bench.instances import demo_placement_instance, placement_instance
from solver.placement.problem import Group, PlacementProblem, Student

HALF_DAYS = tuple(f"{d}_{p}" for d in ("mon", "tue", "wed", "thu", "fri") for p in ("am", "pm"))


def varied_placement_instance(
    seed: int, n_students: int = 80, n_locations: int = 70, time_limit_s: float = 30.0
) -> PlacementProblem:
    """A seeded city whose shape (previous share, preferences, opening, supply) varies."""
    rng = np.random.default_rng(seed)
    open_share = rng.uniform(0.3, 0.9)  # of half-days a group runs
    places = rng.choice([1, 1, 2]) if rng.random() < 0.5 else 1  # tight or loose supply
    loc_xy = rng.uniform(0, 12, (n_locations, 2))
    locations = tuple(f"p{i}" for i in range(n_locations))
    groups = []
    for loc in locations:
        for j in range(int(rng.integers(1, 4))):
            runs = [h for h in HALF_DAYS if rng.random() < open_share] or [HALF_DAYS[0]]
            wanted = tuple((h, int(rng.integers(1, places + 1))) for h in sorted(runs))
            groups.append(Group(f"{loc}g{j}", loc, int(rng.choice([0, 0, 1, 2, 3])), wanted))
    students, edges = _students(rng, n_students, loc_xy, locations)
    return PlacementProblem(
        students=tuple(students),
        locations=locations,
        groups=tuple(groups),
        edges=tuple(edges),
        previous=_previous(rng, students, groups, edges, rng.uniform(0.0, 0.8)),
        time_limit_s=time_limit_s,
        seed=seed,
    )


def _students(
    rng: np.random.Generator, n: int, loc_xy: np.ndarray, locations: tuple[str, ...]
) -> tuple[list[Student], list[tuple[str, str, int]]]:
    """Students with 2-4 needed half-days among 3-10 free ones, and their edges (scores
    fall with distance; a preferred location adds 30)."""
    students, edges = [], []
    reach = rng.uniform(3.0, 12.0)
    for i in range(n):
        required = int(rng.choice([2, 2, 3, 4]))
        free = rng.permutation(HALF_DAYS)[: int(rng.integers(required + 1, 11))].tolist()
        students.append(Student(f"s{i}", required, frozenset(free)))
        dist = np.hypot(*(loc_xy - rng.uniform(0, 12, 2)).T)
        near = np.flatnonzero(dist < reach)
        preferred = set(rng.choice(near, size=min(len(near), 2), replace=False).tolist())
        for j in near.tolist():
            score = 10 + int(40 * (1 - dist[j] / reach)) + 30 * int(j in preferred)
            edges.append((f"s{i}", locations[j], score))
    return students, edges


def _previous(
    rng: np.random.Generator,
    students: list[Student],
    groups: list[Group],
    edges: list[tuple[str, str, int]],
    share: float,
) -> tuple[tuple[str, str, str], ...]:
    """Last period's triples for `share` of the students, at one of their locations."""
    at: dict[str, list[Group]] = {}
    for group in groups:
        at.setdefault(group.location, []).append(group)
    reachable: dict[str, list[str]] = {}
    for s, loc, _ in edges:
        reachable.setdefault(s, []).append(loc)
    triples = []
    for student in students:
        if student.id not in reachable or rng.random() > share:
            continue
        options = reachable[student.id]
        group = at[options[int(rng.integers(len(options)))]][0]
        free = sorted(h for h in group.runs() if h in student.available)
        triples += [(student.id, group.id, h) for h in free[: student.sessions_required]]
    return tuple(triples)


SHAPES = {
    "demo": demo_placement_instance,
    "benchmark": placement_instance,
    "varied": varied_placement_instance,
}


def cities_instance(
    n_cities: int,
    seed: int = 0,
    n_students: int = 80,
    time_limit_s: float = 60.0,
    shapes: tuple[str, ...] = ("demo", "benchmark"),
) -> PlacementProblem:
    """`n_cities` independent cities in one problem, `shapes` in turn (the national run:
    Utrecht-shaped, demo and benchmark), each with its own seed and about 70 locations per
    80 students."""
    makers = [SHAPES[name] for name in shapes]
    n_locations = max(2, round(n_students * 70 / 80))
    cities = [
        makers[c % len(makers)](
            seed=seed * 1000 + c, n_students=n_students, n_locations=n_locations
        )
        for c in range(n_cities)
    ]
    return merge_cities(cities, time_limit_s, seed)


def merge_cities(
    cities: list[PlacementProblem], time_limit_s: float, seed: int
) -> PlacementProblem:
    """One problem of independent cities: every id prefixed with its city's number."""
    students, locations, groups, edges, previous = [], [], [], [], []
    for c, city in enumerate(cities):
        p = f"c{c}:"
        students += [Student(p + s.id, s.sessions_required, s.available) for s in city.students]
        locations += [p + loc for loc in city.locations]
        groups += [Group(p + g.id, p + g.location, g.priority, g.wanted) for g in city.groups]
        edges += [(p + s, p + loc, n) for s, loc, n in city.edges]
        previous += [(p + s, p + g, h) for s, g, h in city.previous]
    return PlacementProblem(
        students=tuple(students),
        locations=tuple(locations),
        groups=tuple(groups),
        edges=tuple(edges),
        previous=tuple(previous),
        time_limit_s=time_limit_s,
        seed=seed,
    )
