"""Checking placements against every hard rule of the placement problem."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from solver.placement.problem import PlacementProblem

Placement = tuple[str, str, str, str]  # (student, location, group, session)


def placement_violations(problem: PlacementProblem, placements: Iterable[Placement]) -> list[str]:
    """Return every hard rule the placements break, in words; empty when they obey all."""
    rows = list(placements)
    problems = [f"{row!r} is listed twice" for row, n in Counter(rows).items() if n > 1]
    forbidden = set(problem.forbidden)
    for s, loc, g, h in rows:
        if s not in problem.student or g not in problem.group:
            problems.append(f"{(s, loc, g, h)!r} names an unknown student or group")
            continue
        if problem.group[g].location != loc:
            problems.append(f"group {g!r} is not at {loc!r}")
        if (s, loc) not in problem.score or (s, loc) in forbidden:
            problems.append(f"{loc!r} is not an allowed location of {s!r}")
        if h not in problem.student[s].available:
            problems.append(f"{s!r} is not available in {h!r}")
        if h not in problem.group[g].runs():
            problems.append(f"group {g!r} takes no student in {h!r}")
    if problems:
        return problems
    return _counting_violations(problem, rows)


def _counting_violations(problem: PlacementProblem, rows: list[Placement]) -> list[str]:
    """One location and the exact sessions per student, one group per half-day, places per
    group session, pins kept."""
    problems = []
    locations: dict[str, set[str]] = {}
    for s, loc, _, _ in rows:
        locations.setdefault(s, set()).add(loc)
    problems += [
        f"{s!r} is at {len(locs)} locations" for s, locs in locations.items() if len(locs) > 1
    ]
    sessions = Counter(s for s, _, _, _ in rows)
    problems += [
        f"{s!r} has {n} sessions, needs {problem.student[s].sessions_required}"
        for s, n in sessions.items()
        if n != problem.student[s].sessions_required
    ]
    per_half_day = Counter((s, h) for s, _, _, h in rows)
    problems += [f"{s!r} is in {n} groups in {h!r}" for (s, h), n in per_half_day.items() if n > 1]
    per_session = Counter((g, h) for _, _, g, h in rows)
    problems += [
        f"group {g!r} has {n} students in {h!r}, wants {problem.group[g].runs()[h]}"
        for (g, h), n in per_session.items()
        if n > problem.group[g].runs()[h]
    ]
    triples = {(s, g, h) for s, _, g, h in rows}
    problems += [f"pin {pin!r} is not kept" for pin in problem.pinned if pin not in triples]
    return problems
