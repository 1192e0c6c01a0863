"""Seeded generators of Utrecht-like benchmark instances (assignment and placement).

Assignment: each "municipality" is a 14 km square far from the others, so pairs form only
inside one. Volunteers travel 1-3.2 km; a pair needs a shared language and a common
half-day. Languages are sparse beyond Dutch, priorities 0-5 skewed low.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from solver.assignment.problem import AssignmentProblem
from solver.placement.problem import Group, PlacementProblem, Student

# size -> (municipalities, volunteers per municipality, families per municipality)
ASSIGNMENT_SIZES = {
    "small": (1, 200, 150),
    "utrecht": (1, 2000, 1500),
    "large": (5, 2000, 1600),
    "xl": (25, 2000, 1600),
}
LANGUAGE_SHARE = np.array([0.55, 0.12, 0.10, 0.06, 0.05, 0.03, 0.03, 0.02, 0.02, 0.02])
PRIORITY_SHARE = np.array([0.35, 0.25, 0.18, 0.12, 0.07, 0.03])
HALF_DAYS = tuple(f"d{day}_{part}" for day in range(1, 6) for part in ("am", "pm"))


@dataclass(frozen=True)
class People:
    """One side of a municipality: positions (km), language and half-day bit masks."""

    x: np.ndarray
    y: np.ndarray
    languages: np.ndarray
    first_language: np.ndarray
    half_days: np.ndarray


def _people(rng: np.random.Generator, n: int, dutch_share: float, extra_share: float) -> People:
    """Draw `n` people in a 14 km square with sparse languages and 2-6 free half-days."""
    first = rng.choice(len(LANGUAGE_SHARE), size=n, p=LANGUAGE_SHARE)
    extra = rng.choice(len(LANGUAGE_SHARE), size=n, p=LANGUAGE_SHARE)
    languages = (1 << first) | np.where(rng.random(n) < dutch_share, 1, 0)
    languages |= np.where(rng.random(n) < extra_share, 1 << extra, 0)
    counts = rng.integers(2, 7, size=n)
    keys = rng.random((n, len(HALF_DAYS)))
    ranks = keys.argsort(axis=1).argsort(axis=1)
    half_days = ((ranks < counts[:, None]) << np.arange(len(HALF_DAYS))).sum(axis=1)
    return People(rng.uniform(0, 14, n), rng.uniform(0, 14, n), languages, first, half_days)


def _municipality_edges(rng: np.random.Generator, n_vol: int, n_fam: int) -> tuple[np.ndarray, ...]:
    """Return (volunteer, family, score) arrays of the candidate pairs of one municipality."""
    vol = _people(rng, n_vol, dutch_share=0.85, extra_share=0.35)
    fam = _people(rng, n_fam, dutch_share=0.30, extra_share=0.10)
    reach = rng.uniform(1.0, 3.2, n_vol)
    dist = np.hypot(vol.x[:, None] - fam.x[None, :], vol.y[:, None] - fam.y[None, :])
    common = np.bitwise_count(vol.half_days[:, None] & fam.half_days[None, :])
    ok = (dist <= reach[:, None]) & ((vol.languages[:, None] & fam.languages[None, :]) != 0)
    ok &= common >= 1
    v, f = np.nonzero(ok)
    same_first = vol.first_language[v] == fam.first_language[f]
    score = (50 * (1 - dist[v, f] / reach[v])).astype(np.int64)
    score += 10 * np.minimum(common[v, f], 3) + 20 * same_first
    return v, f, score


def assignment_instance(size: str, seed: int = 7) -> AssignmentProblem:
    """Return the seeded assignment instance of a named size."""
    towns, n_vol, n_fam = ASSIGNMENT_SIZES[size]
    rng = np.random.default_rng(seed)
    parts = [_municipality_edges(rng, n_vol, n_fam) for _ in range(towns)]
    edge_agent = np.concatenate([v + i * n_vol for i, (v, _, _) in enumerate(parts)])
    edge_task = np.concatenate([f + i * n_fam for i, (_, f, _) in enumerate(parts)])
    edge_score = np.concatenate([s for _, _, s in parts])
    n_agents, n_tasks = towns * n_vol, towns * n_fam
    capacity = rng.choice([1, 2, 3], size=n_agents, p=[0.8, 0.15, 0.05])
    priority = rng.choice(len(PRIORITY_SHARE), size=n_tasks, p=PRIORITY_SHARE)
    agent_ids = tuple(f"v{i}" for i in range(n_agents))
    task_ids = tuple(f"f{i}" for i in range(n_tasks))
    pinned, forbidden, previous = _pairs(rng, edge_agent, edge_task, edge_score, capacity)
    return AssignmentProblem(
        agent_ids=agent_ids,
        agent_capacity=capacity,
        task_ids=task_ids,
        task_priority=priority,
        edge_agent=edge_agent,
        edge_task=edge_task,
        edge_score=edge_score,
        pinned=tuple((agent_ids[a], task_ids[t]) for a, t in pinned),
        forbidden=tuple((agent_ids[a], task_ids[t]) for a, t in forbidden),
        previous=tuple((agent_ids[a], task_ids[t]) for a, t in previous),
    )


def _pairs(
    rng: np.random.Generator,
    agents: np.ndarray,
    tasks: np.ndarray,
    scores: np.ndarray,
    capacity: np.ndarray,
) -> tuple[list[tuple[int, int]], ...]:
    """Pin a few tasks to an edge, forbid a few edges, make a task's best edge previous."""
    order = rng.permutation(len(agents))
    best = np.zeros(int(tasks.max()) + 1 if len(tasks) else 0, dtype=np.int64)
    by_score = np.lexsort((scores, tasks))
    best[tasks[by_score]] = by_score  # the last write per task is its best-scoring edge
    pinned, forbidden, previous = [], [], []
    load = np.zeros(len(capacity), dtype=np.int64)
    seen_tasks: set[int] = set()
    for e in order[: len(order) // 10].tolist():
        a, t = int(agents[e]), int(tasks[e])
        draw = rng.random()
        if t in seen_tasks:
            continue
        seen_tasks.add(t)
        if draw < 0.04 and load[a] < capacity[a]:
            load[a] += 1
            pinned.append((a, t))
        elif draw < 0.10:
            forbidden.append((a, t))
        elif draw < 0.40:
            previous.append((int(agents[best[t]]), t))
    return pinned, forbidden, previous


def placement_instance(
    seed: int = 11, n_students: int = 80, n_locations: int = 70, time_limit_s: float = 30.0
) -> PlacementProblem:
    """Return a seeded placement instance: two groups per location, ~30 priority groups."""
    rng = np.random.default_rng(seed)
    loc_xy = rng.uniform(0, 12, (n_locations, 2))
    priority_area = (np.hypot(*(loc_xy - [9.5, 9.5]).T) < 3.0) | (
        np.hypot(*(loc_xy - [2.5, 3]).T) < 3.0
    )
    locations = tuple(f"p{i}" for i in range(n_locations))
    groups = [
        _preschool_group(rng, locations[i], j, bool(priority_area[i]))
        for i in range(n_locations)
        for j in range(2)
    ]
    students, edges = [], []
    for i in range(n_students):
        xy = rng.uniform(0, 12, 2)
        free = rng.permutation(HALF_DAYS)[: rng.integers(4, 9)].tolist()
        students.append(Student(f"s{i}", int(rng.choice([2, 2, 3])), frozenset(free)))
        dist = np.hypot(*(loc_xy - xy).T)
        for j in np.flatnonzero(dist < 3.5):
            score = int(
                60 * (1 - dist[j] / 3.5) + 20 * (rng.random() < 0.3) + 20 * (rng.random() < 0.2)
            )
            edges.append((f"s{i}", locations[j], score))
    return PlacementProblem(
        students=tuple(students),
        locations=locations,
        groups=tuple(groups),
        edges=tuple(edges),
        previous=_previous(students, groups, edges, rng),
        time_limit_s=time_limit_s,
    )


def _preschool_group(rng: np.random.Generator, location: str, j: int, priority_area: bool) -> Group:
    """A group running all mornings and some afternoons; reduced or not, priority area or not."""
    reduced = rng.random() < (0.55 if priority_area else 0.12)
    sessions = [h for h in HALF_DAYS if h.endswith("am") or rng.random() < 0.4]
    wanted = tuple(sorted((h, int(rng.choice([1, 1, 2]))) for h in sessions))
    return Group(f"{location}g{j}", location, int(reduced) + int(reduced and priority_area), wanted)


def _previous(
    students: list[Student],
    groups: list[Group],
    edges: list[tuple[str, str, int]],
    rng: np.random.Generator,
) -> tuple[tuple[str, str, str], ...]:
    """Last period's triples for a third of the students: their best location's first group."""
    best: dict[str, tuple[int, str]] = {}
    for s, loc, score in edges:
        best[s] = max(best.get(s, (-1, "")), (score, loc))
    triples = []
    for student in students:
        if student.id not in best or rng.random() > 0.33:
            continue
        group = next(g for g in groups if g.location == best[student.id][1])
        free = sorted(h for h in group.runs() if h in student.available)
        triples += [(student.id, group.id, h) for h in free[: student.sessions_required]]
    return tuple(triples)


# The seeded demo's placement problem, measured: 80 students, 70 locations of two groups
# each, 85 % of groups running mornings on 4 (80 %), 3 or 2 weekdays with 1 or 2 places;
# 40 % of locations in a priority district (+1), reduced groups (+2) mostly there; students
# need 2 (74 %), 3 or 4 half-days, free on 1-5 mornings and 0-4 afternoons, and reach
# most locations (scores 10-50).
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def demo_placement_instance(
    seed: int = 5, n_students: int = 80, n_locations: int = 70, time_limit_s: float = 30.0
) -> PlacementProblem:
    """Return a seeded placement instance shaped like the seeded demo's (see above)."""
    rng = np.random.default_rng(seed)
    loc_xy = rng.uniform(0, 12, (n_locations, 2))
    district = rng.random(n_locations) < 0.4
    locations = tuple(f"p{i}" for i in range(n_locations))
    groups = []
    for i, loc in enumerate(locations):
        for j in range(2):
            reduced = rng.random() < (0.4 if district[i] else 0.1)
            part = "am" if rng.random() < 0.85 else "pm"
            days = rng.permutation(WEEKDAYS)[: rng.choice([4, 3, 2], p=[0.8, 0.1, 0.1])]
            wanted = int(rng.choice([1, 2]))
            sessions = tuple(sorted((f"{day}_{part}", wanted) for day in days))
            priority = 2 * int(reduced) + int(district[i])
            groups.append(Group(f"{loc}g{j}", loc, priority, sessions))
    students, edges = [], []
    for i in range(n_students):
        required = int(rng.choice([2, 3, 4], p=[0.74, 0.22, 0.04]))
        while True:
            mornings = rng.choice([1, 2, 3, 4, 5], p=[0.06, 0.2, 0.39, 0.31, 0.04])
            afternoons = rng.choice([0, 1, 2, 3, 4], p=[0.15, 0.22, 0.44, 0.15, 0.04])
            if mornings + afternoons >= required:
                break
        free = [f"{d}_am" for d in rng.permutation(WEEKDAYS)[:mornings]]
        free += [f"{d}_pm" for d in rng.permutation(WEEKDAYS)[:afternoons]]
        students.append(Student(f"s{i}", required, frozenset(free)))
        xy, reach = rng.uniform(0, 12, 2), rng.uniform(5.0, 16.0)
        dist = np.hypot(*(loc_xy - xy).T)
        for near in np.flatnonzero(dist < reach):
            score = 10 + int(30 * (1 - dist[near] / reach)) + 10 * int(rng.random() < 0.25)
            edges.append((f"s{i}", locations[near], score))
    return PlacementProblem(
        students=tuple(students),
        locations=locations,
        groups=tuple(groups),
        edges=tuple(edges),
        time_limit_s=time_limit_s,
        seed=seed,
    )
