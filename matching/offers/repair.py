"""What the executor does with a "fill now" run: one proposal for one family.

It reads everyone with the same hard rules and forbidden pairs as the weekly run (so a
declined or expired pair is never proposed again), and proposes the family's best candidate
among the volunteers with room left after their running matches and the open proposals for
other families: for one family that is the optimum, and nothing else changes.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from sqlmodel import Session

from matching.buddies.problem import build_instance
from matching.buddies.results import buddy_proposal  # the same rows as a weekly run
from matching.models import MatchingRun, Proposal
from matching.models.common import utcnow
from matching.models.queries import active_matches, open_proposals
from matching.vocab import ProposalKind, ProposalStatus


def execute_fill(session: Session, run: MatchingRun, time_limit_s: float) -> int:
    """Propose the family's best candidate with room left; the number of proposals made."""
    family_id = _family_of(run)
    instance = build_instance(session, run.as_of, run.seed, time_limit_s)
    rows = np.flatnonzero(instance.families.ids[instance.candidates.family] == family_id)
    load = _load(session, family_id)
    volunteers = instance.volunteers
    capacity = dict(zip(volunteers.ids.tolist(), volunteers.capacity.tolist(), strict=True))
    best: tuple[int, int, int] | None = None  # (score, -volunteer id, row): ties by lower id
    for row in rows.tolist():
        volunteer_id = int(volunteers.ids[instance.candidates.volunteer[row]])
        if load[volunteer_id] >= capacity[volunteer_id]:
            continue
        key = (int(instance.parts[row].sum()), -volunteer_id, row)
        best = key if best is None or key > best else best
    _supersede_family_proposals(session, run, family_id)
    if best is None:
        return 0
    session.add(buddy_proposal(run, instance, -best[1], family_id, best[2]))
    session.flush()
    return 1


def _family_of(run: MatchingRun) -> int:
    """The family a repair run is for."""
    if run.family_id is None:
        raise ValueError(f"run {run.id} is not a repair for one family")
    return run.family_id


def _load(session: Session, family_id: int) -> Counter[int]:
    """Per volunteer: running matches plus open buddy proposals for other families."""
    load: Counter[int] = Counter()
    for match in session.exec(active_matches()).all():
        load[match.volunteer_id] += 1
    for proposal in session.exec(open_proposals(ProposalKind.BUDDY)).all():
        if proposal.family_id != family_id and proposal.volunteer_id is not None:
            load[proposal.volunteer_id] += 1
    return load


def _supersede_family_proposals(session: Session, run: MatchingRun, family_id: int) -> None:
    """The family's open proposals give way to the repair's."""
    rows = session.exec(
        open_proposals(ProposalKind.BUDDY).where(Proposal.family_id == family_id)
    ).all()
    for proposal in rows:
        proposal.status, proposal.decided_at = ProposalStatus.SUPERSEDED, utcnow()
        proposal.reason = f"replaced by run {run.id}"
        session.add(proposal)
