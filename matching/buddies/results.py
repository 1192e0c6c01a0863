"""Storing a buddy run's answer: proposals with explanations, flags on broken matches, stats.

The run's state is not changed here: matching/runs/states.py does that, once both answers
are stored."""

from __future__ import annotations

from typing import Any

import numpy as np
from sqlmodel import Session, select

from matching.audit.trail import flag_broken
from matching.buddies.diagnostics import coverage_stats, recruitment_gap, uncovered_families
from matching.buddies.explain import part_details
from matching.buddies.problem import BuddyInstance
from matching.buddies.rules import Pairs, pair_keys
from matching.buddies.scoring import PART_NAMES
from matching.models import MatchingRun, Organisation, Proposal
from matching.models.common import require_id, required_id, utcnow
from matching.models.queries import open_proposals
from matching.runs.stats import RunObjective, RunStats, write_buddy_result
from matching.vocab import AuditEntity, ProposalKind, ProposalStatus
from solver.assignment.solve import AssignmentSolution
from solver.status import USABLE


class SolverStatusError(RuntimeError):
    """The solver gave no usable answer; the message carries its status."""


def store_buddy_results(
    session: Session, run: MatchingRun, instance: BuddyInstance, solution: AssignmentSolution
) -> None:
    """Write proposals, broken-match flags and the run's figures in the caller's transaction."""
    if solution.status not in USABLE:
        raise SolverStatusError(f"the solver answered {solution.status}")
    chosen = {(int(a), int(t)) for a, t in solution.assignments}
    made = _store_proposals(session, run, instance, chosen)
    _flag_broken_matches(session, instance)
    covered = np.isin(instance.families.ids, [f for _, f in chosen])
    run.solver_status = solution.status
    objective = RunObjective(
        covered_by_priority={str(k): v for k, v in solution.covered_by_priority.items()},
        score=solution.score,
        kept_previous=solution.kept_previous,
        method=solution.method,
    )
    write_buddy_result(run, objective, _stats(session, instance, covered))
    run.wall_s = solution.wall_s
    run.proposals_made = made
    session.add(run)


def _store_proposals(
    session: Session, run: MatchingRun, instance: BuddyInstance, chosen: set[tuple[int, int]]
) -> int:
    """Keep open proposals the answer kept, supersede the rest, add the new pairs."""
    matched = {(m.volunteer_id, m.family_id) for m in instance.kept_matches}
    open_rows = session.exec(open_proposals(ProposalKind.BUDDY)).all()
    still_open = set()
    for proposal in open_rows:
        pair = (
            required_id(proposal.volunteer_id, "volunteer_id"),
            required_id(proposal.family_id, "family_id"),
        )
        if pair in chosen:
            still_open.add(pair)
        else:
            proposal.status, proposal.decided_at = ProposalStatus.SUPERSEDED, utcnow()
            proposal.reason = f"replaced by run {run.id}"
            session.add(proposal)
    new_pairs = sorted(chosen - matched - still_open)
    rows = candidate_rows(instance, new_pairs)
    for (volunteer_id, family_id), row in zip(new_pairs, rows.tolist(), strict=True):
        session.add(buddy_proposal(run, instance, volunteer_id, family_id, row))
    session.flush()
    return len(new_pairs)


def buddy_proposal(
    run: MatchingRun, instance: BuddyInstance, volunteer_id: int, family_id: int, row: int
) -> Proposal:
    """A new proposal with its score parts (the review page puts them in words)."""
    details = pair_details(instance, row)
    repairs = instance.broken_matches.get(family_id)
    return Proposal(
        run_id=run.id,
        kind=ProposalKind.BUDDY,
        volunteer_id=volunteer_id,
        family_id=family_id,
        score=sum(details["points"].values()),
        score_parts=details,
        repairs_match_id=repairs[0].id if repairs else None,
        # given, not defaulted: pydantic inspects each default factory per row (3.5x slower)
        slots=[],
        created_at=utcnow(),
    )


def candidate_rows(instance: BuddyInstance, pairs: list[tuple[int, int]]) -> np.ndarray:
    """The candidate row of each (volunteer id, family id) pair, by one sorted search."""
    keys = pair_keys(
        instance.volunteers.ids[instance.candidates.volunteer],
        instance.families.ids[instance.candidates.family],
    )
    order = np.argsort(keys, kind="stable")
    wanted = pair_keys(
        np.array([v for v, _ in pairs], dtype=np.int64),
        np.array([f for _, f in pairs], dtype=np.int64),
    )
    found = order[np.searchsorted(keys, wanted, sorter=order)] if len(pairs) else wanted
    if len(pairs) and not (keys[found] == wanted).all():
        raise LookupError("the solver chose a pair that is not a candidate")
    return found


def pair_details(instance: BuddyInstance, row: int) -> dict[str, Any]:
    """The score parts and facts of one candidate pair."""
    v, f = instance.candidates.volunteer[row], instance.candidates.family[row]
    pair = Pairs(instance.volunteers, instance.families, np.array([v]), np.array([f]))
    points = {name: int(p) for name, p in zip(PART_NAMES, instance.parts[row], strict=True)}
    first_bit = int(instance.families.first_language[f])
    return part_details(
        points,
        float(pair.distance_km()[0]),
        int(pair.common_half_days()[0]),
        instance.language_codes[first_bit],
    )


def _flag_broken_matches(session: Session, instance: BuddyInstance) -> None:
    """Flag each active match that broke a hard rule."""
    flag_broken(session, entity=AuditEntity.MATCH, broken=instance.broken_matches.values())


def _stats(session: Session, instance: BuddyInstance, covered: np.ndarray) -> RunStats:
    """The figures the dashboard charts and the unmatched page lists."""
    names = {require_id(o): o.name for o in session.exec(select(Organisation)).all()}
    stats = coverage_stats(instance.families, names, covered, instance.candidates)
    stats["uncovered"] = uncovered_families(instance.families, instance.candidates, covered)
    stats["recruitment_gap"] = recruitment_gap(instance.families, instance.language_codes, covered)
    return RunStats.model_validate(stats)
