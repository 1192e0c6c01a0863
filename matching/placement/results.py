"""Storing a placement run's answer: proposals per student with their half-days and reasons."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlmodel import Session

from matching.audit.trail import flag_broken
from matching.models import MatchingRun, Proposal
from matching.models.common import required_id, utcnow
from matching.models.queries import open_proposals
from matching.placement.problem import PlacementInstance
from matching.runs.stats import PlacementStats, UnplacedStudent
from matching.vocab import HALF_DAYS, AuditEntity, ProposalKind, ProposalStatus
from solver.placement.answer import PlacementSolution
from solver.status import USABLE

Slots = tuple[tuple[int, str], ...]


class PlacementStatusError(RuntimeError):
    """The placement solver gave no usable answer."""


def chosen_slots(solution: PlacementSolution) -> dict[int, tuple[int, Slots]]:
    """Per student id: the preschool id and the sorted (group id, half-day) slots."""
    found: dict[int, list[tuple[int, str]]] = defaultdict(list)
    location: dict[int, int] = {}
    for student, loc, group, session in solution.placements:
        found[int(student)].append((int(group), session))
        location[int(student)] = int(loc)
    return {s: (location[s], _in_week_order(slots)) for s, slots in found.items()}


def _in_week_order(slots: list[tuple[int, str]] | Slots) -> Slots:
    """Slots sorted by half-day in the week, then group."""
    return tuple(sorted(slots, key=lambda slot: (HALF_DAYS.index(slot[1]), slot[0])))


def _slots_of(proposal_slots: list[dict[str, Any]]) -> Slots:
    """Stored slots as sorted tuples."""
    return _in_week_order([(int(x["group_id"]), str(x["half_day"])) for x in proposal_slots])


def store_placement_results(
    session: Session, run: MatchingRun, instance: PlacementInstance, solution: PlacementSolution
) -> int:
    """Keep unchanged open proposals, supersede the rest, add new ones; return how many new."""
    if solution.status not in USABLE:
        raise PlacementStatusError(f"the placement solver answered {solution.status}")
    chosen = chosen_slots(solution)
    kept = {p.student_id: (p.preschool_id, _slots_of(p.slots)) for p in instance.kept}
    still_open: set[int] = set()
    for proposal in session.exec(open_proposals(ProposalKind.PLACEMENT)).all():
        sid = required_id(proposal.student_id, "student_id")
        if chosen.get(sid) == (proposal.preschool_id, _slots_of(proposal.slots)):
            still_open.add(sid)
        else:
            proposal.status, proposal.decided_at = ProposalStatus.SUPERSEDED, utcnow()
            proposal.reason = f"replaced by run {run.id}"
            session.add(proposal)
    new = [s for s in sorted(chosen) if s not in still_open and chosen[s] != kept.get(s)]
    for sid in new:
        session.add(_proposal(run, instance, sid, *chosen[sid]))
    flag_broken(session, entity=AuditEntity.PLACEMENT, broken=instance.broken.values())
    session.flush()
    return len(new)


def _proposal(
    run: MatchingRun, instance: PlacementInstance, student_id: int, preschool_id: int, slots: Slots
) -> Proposal:
    """A placement proposal with its score parts and half-days."""
    points = instance.parts[(student_id, preschool_id)]
    broken = instance.broken.get(student_id)
    return Proposal(
        run_id=run.id,
        kind=ProposalKind.PLACEMENT,
        student_id=student_id,
        preschool_id=preschool_id,
        slots=[{"group_id": g, "half_day": h} for g, h in slots],
        score=sum(points.values()),
        score_parts={"points": points, "half_days": [h for _, h in slots]},
        repairs_placement_id=broken[0].id if broken else None,
        created_at=utcnow(),  # given, not defaulted: pydantic inspects default factories per row
    )


def placement_stats(instance: PlacementInstance, solution: PlacementSolution) -> PlacementStats:
    """Placed and unplaced students, and the group half-days left without a student."""
    filled = {(int(g), h) for _, _, g, h in solution.placements}
    open_sessions = [
        {"group_id": g.id, "preschool_id": site.preschool.id, "half_day": h, "reduced": g.reduced}
        for site in instance.sites
        for g in site.groups
        if g.students_wanted > 0
        for h in g.sessions
        if (g.id, h) not in filled
    ]
    return PlacementStats(
        students=len(instance.students),
        placed=len({s for s, *_ in solution.placements}),
        unplaced=[UnplacedStudent(student_id=int(s), reason=r) for s, r in solution.unplaced],
        uncovered_sessions=len(open_sessions),
        uncovered_reduced_sessions=sum(1 for s in open_sessions if s["reduced"]),
        objective=solution.objective,
        tier_status=dict(solution.tier_status),
    )
