"""Each tier's value of a set of placements, and their lexicographic comparison."""

from __future__ import annotations

from collections.abc import Iterable

from solver.placement.model import TIER_NAMES
from solver.placement.problem import PlacementProblem

Placement = tuple[str, str, str, str]  # (student, location, group, session)


def placement_objective(
    problem: PlacementProblem, placements: Iterable[Placement]
) -> dict[str, int]:
    """Return each tier's value for a set of placements."""
    rows = list(placements)
    at = {(s, loc) for s, loc, _, _ in rows}
    triples = {(s, g, h) for s, _, g, h in rows}
    values = (
        len({s for s, _ in at}),
        sum(problem.group[g].priority for _, _, g, _ in rows),
        sum(problem.score[key] for key in at) + problem.spread_bonus * len({loc for _, loc in at}),
        sum(1 for t in problem.previous if t in triples),
    )
    return dict(zip(TIER_NAMES, values, strict=True))


def tier_vector(objective: dict[str, int]) -> tuple[int, ...]:
    """The tiers' values in order: compare two answers lexicographically."""
    return tuple(objective[name] for name in TIER_NAMES)
