"""Students into stage A's counts, by a transportation problem: an answer for tiers 0-1 when
stage B of the pattern model (solver/placement/mip.py) finds none in its time.

Stage A fixes how many students take each slot (location, tracked half-days, plain
half-days). Which student takes which slot is then a transportation problem: each student
at most one slot among their columns, each slot exactly its count. Its polytope is integral
and stage A's own (possibly fractional) columns are a solution of it, so a min-cost flow
finds integral columns that fill every count: the same placed students and coverage, with
the best location scores (pinned students first). Tiers 2-3 are then not proven.
"""

from __future__ import annotations

from ortools.graph.python import min_cost_flow

from solver.placement.patterns import PatternModel, Slot
from solver.placement.problem import PlacementProblem

SOURCE, SINK = 0, 1


def columns_from_counts(
    problem: PlacementProblem, m: PatternModel, counts: dict[Slot, int]
) -> list[int] | None:
    """A 0/1 value per column of `m` that fills every slot's count, best scores first; None
    when the counts cannot be filled (they were not stage A's)."""
    pinned = {s for s, _, _ in problem.pinned}
    # Above any difference in total score, so every pinned student that can be is placed.
    pin_bonus = (max((score for _, _, score in problem.edges), default=0) + 1) * len(m.columns)
    flow = min_cost_flow.SimpleMinCostFlow()
    nodes: dict[tuple[str, object], int] = {}

    def node(key: tuple[str, object]) -> int:
        return nodes.setdefault(key, len(nodes) + 2)

    arcs = []
    for j, (s, loc, pattern) in enumerate(m.columns):
        slot = (loc, pattern, problem.student[s].sessions_required - len(pattern))
        if counts.get(slot, 0) <= 0:
            continue
        cost = -(problem.score[s, loc] + pin_bonus * (s in pinned))
        arcs.append(
            (
                j,
                flow.add_arc_with_capacity_and_unit_cost(
                    node(("s", s)), node(("t", slot)), 1, cost
                ),
            )
        )
    for key, index in list(nodes.items()):
        if key[0] == "s":
            flow.add_arc_with_capacity_and_unit_cost(SOURCE, index, 1, 0)
        else:
            flow.add_arc_with_capacity_and_unit_cost(index, SINK, counts[key[1]], 0)  # type: ignore[index]
    demand = sum(n for n in counts.values() if n > 0)
    flow.set_node_supply(SOURCE, demand)
    flow.set_node_supply(SINK, -demand)
    if demand and flow.solve() != flow.OPTIMAL:
        return None
    values = [0] * len(m.columns)
    for j, arc in arcs:
        values[j] = int(flow.flow(arc))
    return values
