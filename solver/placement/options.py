"""Which placement choices are possible at all, why a student cannot be placed, components."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from solver.placement.problem import PlacementProblem
from solver.unplaced import UnplacedReason

NO_EDGE = UnplacedReason.NO_EDGE
ALL_FORBIDDEN = UnplacedReason.ALL_FORBIDDEN
TOO_FEW_SESSIONS = UnplacedReason.TOO_FEW_SESSIONS
TAKEN = UnplacedReason.TAKEN
NOT_SOLVED = UnplacedReason.NOT_SOLVED


@dataclass(frozen=True)
class Options:
    """The feasible choices: locations per student, and (group, session)s per student-location."""

    locations: dict[str, list[str]]  # student -> feasible locations, in problem order
    sessions: dict[tuple[str, str], list[tuple[str, str]]]  # (student, location) -> (group, h)
    unplaceable: dict[str, UnplacedReason]  # student -> reason no placement can exist


def placement_options(problem: PlacementProblem) -> Options:
    """Keep the (student, location) edges that are allowed and run enough fitting sessions."""
    groups_at: dict[str, list[tuple[str, dict[str, int]]]] = defaultdict(list)
    for group in problem.groups:
        groups_at[group.location].append((group.id, group.runs()))
    forbidden = set(problem.forbidden)
    pinned_at = {s: problem.group[g].location for s, g, _ in problem.pinned}
    edges: dict[str, list[str]] = defaultdict(list)
    for student_id, location, _ in problem.edges:
        edges[student_id].append(location)
    locations: dict[str, list[str]] = {}
    sessions: dict[tuple[str, str], list[tuple[str, str]]] = {}
    unplaceable: dict[str, UnplacedReason] = {}
    for student in problem.students:
        allowed = [
            loc
            for loc in edges[student.id]
            if (student.id, loc) not in forbidden and pinned_at.get(student.id, loc) == loc
        ]
        feasible = []
        for location in allowed:
            fitting = [
                (g, h) for g, runs in groups_at[location] for h in runs if h in student.available
            ]
            if len({h for _, h in fitting}) >= student.sessions_required:
                feasible.append(location)
                sessions[student.id, location] = fitting
        locations[student.id] = feasible
        if not feasible:
            unplaceable[student.id] = (
                NO_EDGE
                if not edges[student.id]
                else ALL_FORBIDDEN
                if not allowed
                else TOO_FEW_SESSIONS
            )
    return Options(locations, sessions, unplaceable)


def components(problem: PlacementProblem, options: Options) -> list[list[str]]:
    """Split the placeable students into groups that share no feasible location."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        """Return the representative of `node`, compressing the path."""
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for student_id, feasible in options.locations.items():
        for location in feasible:
            parent[root("s:" + student_id)] = root("l:" + location)
    parts: dict[str, list[str]] = defaultdict(list)
    for student in problem.students:
        if options.locations[student.id]:
            parts[root("s:" + student.id)].append(student.id)
    return list(parts.values())
