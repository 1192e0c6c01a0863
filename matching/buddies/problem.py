"""Building the buddy assignment problem from the database, and reading its answer back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from sqlmodel import Session, col, select

from matching.buddies.candidates import Candidates, find_candidates
from matching.buddies.population import (
    Families,
    LanguageCodes,
    Volunteers,
    family_arrays,
    volunteer_arrays,
)
from matching.buddies.rules import Pairs, first_broken_rule, pair_keys
from matching.buddies.scoring import ScoreContext, score_parts
from matching.models import Family, Match, Proposal, Volunteer
from matching.models.queries import active_matches, open_proposals
from matching.privacy.visible import not_erased
from matching.vocab import FORBIDDING_PROPOSAL_STATUSES, FamilyStatus, ProposalKind
from solver.assignment.problem import AssignmentProblem


@dataclass(frozen=True, eq=False)
class BuddyInstance:
    """Everything one buddy run knows: people, candidates, scores and the solver's problem."""

    volunteers: Volunteers
    families: Families
    candidates: Candidates
    parts: np.ndarray  # (candidate pairs, score parts)
    problem: AssignmentProblem
    kept_matches: tuple[Match, ...]
    broken_matches: dict[int, tuple[Match, str]]  # family id -> (match, broken rule)
    language_codes: dict[int, str]  # language bit -> ISO code


def load_people(session: Session) -> tuple[list[Volunteer], list[Family]]:
    """Active volunteers and the families still in the programme, in id order."""
    volunteers = session.exec(
        select(Volunteer)
        .where(col(Volunteer.active), not_erased(Volunteer))
        .order_by(col(Volunteer.id))
    ).all()
    families = session.exec(
        select(Family)
        .where(Family.status != FamilyStatus.CLOSED, not_erased(Family))
        .order_by(col(Family.id))
    ).all()
    return list(volunteers), list(families)


def rejected_keys(session: Session) -> np.ndarray:
    """The pairs rejected, declined or let expire before, as pair keys."""
    rows = session.exec(
        select(Proposal.volunteer_id, Proposal.family_id).where(
            col(Proposal.status).in_(FORBIDDING_PROPOSAL_STATUSES),
            Proposal.kind == ProposalKind.BUDDY,
        )
    ).all()
    return pair_keys(
        np.array([v for v, _ in rows], dtype=np.int64),
        np.array([f for _, f in rows], dtype=np.int64),
    )


def split_active_matches(
    session: Session, volunteers: Volunteers, families: Families, rejected: np.ndarray
) -> tuple[list[Match], dict[int, tuple[Match, str]]]:
    """Active matches that still satisfy every hard rule (kept), and the broken ones by family."""
    matches = session.exec(active_matches().order_by(col(Match.id)))
    v_pos = {int(v): i for i, v in enumerate(volunteers.ids)}
    f_pos = {int(f): i for i, f in enumerate(families.ids)}
    kept: list[Match] = []
    broken: dict[int, tuple[Match, str]] = {}
    for match in matches:
        if match.volunteer_id not in v_pos or match.family_id not in f_pos:
            broken[match.family_id] = (match, "inactive")
            continue
        pair = Pairs(
            volunteers,
            families,
            np.array([v_pos[match.volunteer_id]]),
            np.array([f_pos[match.family_id]]),
            rejected,
        )
        rule = first_broken_rule(pair)[0]
        if rule is None:
            kept.append(match)
        else:
            broken[match.family_id] = (match, rule)
    return kept, broken


def build_instance(session: Session, as_of: date, seed: int, time_limit_s: float) -> BuddyInstance:
    """Read the database and build the problem: valid matches pinned, rejected pairs forbidden."""
    vol_rows, fam_rows = load_people(session)
    codes = LanguageCodes([v.languages for v in vol_rows] + [f.languages for f in fam_rows])
    volunteers = volunteer_arrays(vol_rows, codes, as_of)
    families = family_arrays(fam_rows, codes, as_of)
    rejected = rejected_keys(session)
    kept, broken = split_active_matches(session, volunteers, families, rejected)
    candidates = find_candidates(volunteers, families, rejected)
    active = pair_keys(
        np.array([m.volunteer_id for m in kept], dtype=np.int64),
        np.array([m.family_id for m in kept], dtype=np.int64),
    )
    pairs = Pairs(volunteers, families, candidates.volunteer, candidates.family, rejected)
    parts = score_parts(pairs, ScoreContext(active))
    # Built once with its settings: a dataclasses.replace would validate 5 M pairs again.
    problem = _problem(
        session, volunteers, families, candidates, parts, (kept, broken), (seed, time_limit_s)
    )
    languages = {bit: code for code, bit in codes.bit.items()}
    return BuddyInstance(
        volunteers, families, candidates, parts, problem, tuple(kept), broken, languages
    )


def _problem(
    session: Session,
    volunteers: Volunteers,
    families: Families,
    candidates: Candidates,
    parts: np.ndarray,
    matches: tuple[list[Match], dict[int, tuple[Match, str]]],
    settings: tuple[int, float],
) -> AssignmentProblem:
    """The solver's problem; ids are the database ids as text. `matches`: the kept and the
    broken matches; `settings`: the seed and the time limit."""
    kept, broken = matches
    capacity = volunteers.capacity.copy()
    position = {int(v): i for i, v in enumerate(volunteers.ids)}
    for match, _rule in broken.values():
        if match.volunteer_id in position:  # still busy until the repair is approved
            capacity[position[match.volunteer_id]] -= 1
    usable = capacity > 0
    keep_edge = usable[candidates.volunteer]
    remap = np.cumsum(usable) - 1
    pinned = [(str(m.volunteer_id), str(m.family_id)) for m in kept]
    pinned += [
        pair
        for pair in _allowed(
            _pinned_proposals(session), volunteers, families, candidates, keep_edge
        )
        if pair not in pinned
    ]
    return AssignmentProblem(
        agent_ids=tuple(str(int(v)) for v in volunteers.ids[usable]),
        agent_capacity=capacity[usable],
        task_ids=tuple(str(int(f)) for f in families.ids),
        task_priority=families.priority,
        edge_agent=remap[candidates.volunteer[keep_edge]],
        edge_task=candidates.family[keep_edge],
        edge_score=parts.sum(axis=1)[keep_edge],
        pinned=tuple(pinned),
        previous=_open_proposals(session),
        seed=settings[0],
        time_limit_s=settings[1],
    )


def _allowed(
    pairs: list[tuple[str, str]],
    volunteers: Volunteers,
    families: Families,
    candidates: Candidates,
    keep_edge: np.ndarray,
) -> list[tuple[str, str]]:
    """The pairs that are still edges of the problem (a pin on a pair no longer allowed lapses)."""
    if not pairs:
        return []
    edge_keys = pair_keys(
        volunteers.ids[candidates.volunteer[keep_edge]],
        families.ids[candidates.family[keep_edge]],
    )
    wanted = pair_keys(
        np.array([int(v) for v, _ in pairs], dtype=np.int64),
        np.array([int(f) for _, f in pairs], dtype=np.int64),
    )
    found = np.isin(wanted, edge_keys)
    return [pair for pair, ok in zip(pairs, found.tolist(), strict=True) if ok]


def _pinned_proposals(session: Session) -> list[tuple[str, str]]:
    """Open proposals a coordinator pinned (kept only while the pair is still allowed)."""
    rows = session.exec(open_proposals(ProposalKind.BUDDY).where(col(Proposal.pinned))).all()
    return [(str(p.volunteer_id), str(p.family_id)) for p in rows]


def _open_proposals(session: Session) -> tuple[tuple[str, str], ...]:
    """Proposals not yet decided: the previous answer that tier 3 keeps where it can."""
    rows = session.exec(open_proposals(ProposalKind.BUDDY)).all()
    return tuple((str(p.volunteer_id), str(p.family_id)) for p in rows)
