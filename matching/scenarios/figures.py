"""What a scenario found, beside the same input unchanged: covered families per priority and
district, placements, the families it covers more or less, and whom each recruit covers."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel, Field

from matching.buddies.problem import BuddyInstance
from matching.placement.problem import PlacementInstance
from matching.runs.stats import Coverage, PlacementStats
from solver.assignment.solve import AssignmentSolution
from solver.placement.answer import PlacementSolution


class Side(BaseModel):
    """The figures of one solve: the base (unchanged) or the scenario."""

    buddy_status: str = ""
    families: int = 0
    covered: int = 0
    by_priority: dict[str, Coverage] = Field(default_factory=dict)
    by_district: dict[str, Coverage] = Field(default_factory=dict)
    placement_status: str = ""
    students: int = 0
    placed: int = 0
    uncovered_sessions: int = 0  # group half-days that want a student and get none
    uncovered_reduced_sessions: int = 0


class RecruitCover(BaseModel):
    """One added volunteer (by the change that added them) and the family they would cover."""

    change: int
    family_id: int | None = None
    priority: int | None = None


class ScenarioResults(BaseModel):
    """A scenario's stored results (the ``results`` JSON of its row)."""

    base_run_id: int
    as_of: str
    base: Side
    scenario: Side
    newly_covered: list[int] = Field(default_factory=list)  # family ids, most urgent first
    lost: list[int] = Field(default_factory=list)
    recruits: list[RecruitCover] = Field(default_factory=list)
    new_group_sessions: dict[str, int] = Field(default_factory=dict)  # change index -> filled
    placement_from_run: bool = False  # the base's placement figures are the run's own
    placement_changed: bool = False  # a change touched placement: the scenario's was solved
    wall_s: float = 0.0


@dataclass(frozen=True)
class BuddyOutcome:
    """The families a buddy solve covers, and by whom, after the organisations' caps."""

    instance: BuddyInstance
    solution: AssignmentSolution
    chosen: dict[int, int]  # family id -> volunteer id

    def covered(self) -> np.ndarray:
        """A mask over the instance's families."""
        return np.isin(self.instance.families.ids, list(self.chosen))


def buddy_outcome(
    instance: BuddyInstance, solution: AssignmentSolution, caps: dict[int, int]
) -> BuddyOutcome:
    """The solve's pairs, keeping for a capped organisation only its most urgent new
    trajectories (continued matches and repairs use no new place).

    Exact on tier 1: the sets of families that can be covered together form a matroid, so the
    most urgent ``cap`` of an optimal set's new families are an optimal set under the cap."""
    chosen = {int(f): int(v) for v, f in solution.assignments}
    if not caps:
        return BuddyOutcome(instance, solution, chosen)
    families = instance.families
    position = {int(f): i for i, f in enumerate(families.ids)}
    continuing = {m.family_id for m in instance.kept_matches} | set(instance.broken_matches)
    for org, cap in caps.items():
        new = [
            f
            for f in chosen
            if int(families.organisation[position[f]]) == org and f not in continuing
        ]
        new.sort(key=lambda f: (-int(families.priority[position[f]]), f))
        for family_id in new[cap:]:
            del chosen[family_id]
    return BuddyOutcome(instance, solution, chosen)


def buddy_side(outcome: BuddyOutcome) -> Side:
    """Covered families in all, per priority level and per district."""
    families, covered = outcome.instance.families, outcome.covered()
    return Side(
        buddy_status=outcome.solution.status,
        families=len(families),
        covered=int(covered.sum()),
        by_priority=_coverage([str(int(p)) for p in families.priority], covered),
        by_district=_coverage(list(families.district), covered),
    )


def with_placement(side: Side, instance: PlacementInstance, solution: PlacementSolution) -> Side:
    """The side with the placement's figures added."""
    filled = {(int(g), h) for _, _, g, h in solution.placements}
    wanted = [
        (int(g.id or 0), h, g.reduced)
        for site in instance.sites
        for g in site.groups
        if g.students_wanted > 0
        for h in g.sessions
    ]
    return side.model_copy(
        update={
            "placement_status": solution.status,
            "students": len(instance.students),
            "placed": len({s for s, *_ in solution.placements}),
            "uncovered_sessions": sum(1 for g, h, _ in wanted if (g, h) not in filled),
            "uncovered_reduced_sessions": sum(
                1 for g, h, reduced in wanted if reduced and (g, h) not in filled
            ),
        }
    )


def with_run_placement(side: Side, stored: PlacementStats) -> Side:
    """The side with the base run's stored placement figures (no change touched placement)."""
    return side.model_copy(
        update={
            "placement_status": stored.status or "",
            "students": stored.students or 0,
            "placed": stored.placed,
            "uncovered_sessions": stored.uncovered_sessions,
            "uncovered_reduced_sessions": stored.uncovered_reduced_sessions,
        }
    )


def compare(base: BuddyOutcome, scenario: BuddyOutcome) -> tuple[list[int], list[int]]:
    """Families the scenario covers that the base does not, and those it no longer covers."""
    priority = _priorities(base) | _priorities(scenario)
    more = sorted(set(scenario.chosen) - set(base.chosen), key=lambda f: (-priority[f], f))
    less = sorted(set(base.chosen) - set(scenario.chosen), key=lambda f: (-priority[f], f))
    return more, less


def recruit_covers(scenario: BuddyOutcome, recruits: dict[int, int]) -> list[RecruitCover]:
    """For every added volunteer, the family the scenario gives them (or none)."""
    by_volunteer = {v: f for f, v in scenario.chosen.items()}
    priority = _priorities(scenario)
    rows = []
    for volunteer_id, change in sorted(recruits.items(), key=lambda item: -item[0]):
        family = by_volunteer.get(volunteer_id)
        rows.append(
            RecruitCover(
                change=change,
                family_id=family,
                priority=priority[family] if family is not None else None,
            )
        )
    return rows


def new_group_sessions(solution: PlacementSolution, new_groups: dict[int, int]) -> dict[str, int]:
    """Per added group (by its change), the half-days the scenario gives a student."""
    counts = {str(change): 0 for change in new_groups.values()}
    for _, _, group, _ in solution.placements:
        if int(group) in new_groups:
            counts[str(new_groups[int(group)])] += 1
    return counts


def _priorities(outcome: BuddyOutcome) -> dict[int, int]:
    """Family id -> priority level in this solve."""
    families = outcome.instance.families
    return dict(zip(families.ids.tolist(), families.priority.tolist(), strict=True))


def _coverage(keys: list[str], covered: np.ndarray) -> dict[str, Coverage]:
    """Families and covered families per key."""
    out: dict[str, Coverage] = {}
    for key, is_covered in zip(keys, covered.tolist(), strict=True):
        entry = out.setdefault(str(key), Coverage())
        entry.families += 1
        entry.covered += int(is_covered)
    return out
