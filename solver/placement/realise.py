"""Half-days and groups for students whose locations are chosen: one min-cost flow (the
last step of the pattern MIP, solver/placement/mip.py)."""

from __future__ import annotations

from ortools.graph.python import min_cost_flow

from solver.placement.options import Options
from solver.placement.problem import PlacementProblem

Placement = tuple[str, str, str, str]  # (student, location, group, session)


def realise(
    problem: PlacementProblem, options: Options, locations: dict[str, str]
) -> list[Placement] | None:
    """Given each placed student's location, choose half-days and groups by one min-cost
    flow (student -> student half-day -> group session): most priority coverage, then most
    previous triples kept; pins first. None when the students cannot all get their sessions."""
    placements: list[Placement] = []
    need = {s: problem.student[s].sessions_required for s in locations}
    at = {loc for loc in locations.values()}
    room = {(g.id, h): n for g in problem.groups if g.location in at for h, n in g.runs().items()}
    taken: set[tuple[str, str]] = set()
    for s, g, h in problem.pinned:
        if s in locations:
            placements.append((s, locations[s], g, h))
            need[s] -= 1
            room[g, h] -= 1
            taken.add((s, h))
    previous = set(problem.previous)
    weight = len(problem.previous) + 1  # coverage first, then kept
    flow = min_cost_flow.SimpleMinCostFlow()
    nodes: dict[tuple[str, ...], int] = {}

    def node(*key: str) -> int:
        return nodes.setdefault(key, len(nodes) + 2)  # 0 is the source, 1 the sink

    arcs = []
    demand = 0
    for s in sorted(locations):
        loc = locations[s]
        if need[s] <= 0:
            continue
        demand += need[s]
        flow.add_arc_with_capacity_and_unit_cost(0, node("s", s), need[s], 0)
        sessions = [(g, h) for g, h in options.sessions[s, loc] if (s, h) not in taken]
        for h in sorted({h for _, h in sessions}):
            flow.add_arc_with_capacity_and_unit_cost(node("s", s), node("sh", s, h), 1, 0)
        for g, h in sessions:
            cost = -(problem.group[g].priority * weight + ((s, g, h) in previous))
            arc = flow.add_arc_with_capacity_and_unit_cost(
                node("sh", s, h), node("gh", g, h), 1, cost
            )
            arcs.append((arc, s, loc, g, h))
    for key, index in list(nodes.items()):
        if key[0] == "gh":
            flow.add_arc_with_capacity_and_unit_cost(index, 1, max(room[key[1], key[2]], 0), 0)
    if demand == 0:
        return placements
    flow.set_node_supply(0, demand)
    flow.set_node_supply(1, -demand)
    if flow.solve_max_flow_with_min_cost() != flow.OPTIMAL or flow.maximum_flow() != demand:
        return None
    placements += [(s, loc, g, h) for arc, s, loc, g, h in arcs if flow.flow(arc)]
    return placements
