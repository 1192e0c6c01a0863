"""The filters written again and again: open proposals, running matches and placements."""

from __future__ import annotations

from sqlmodel import select
from sqlmodel.sql.expression import SelectOfScalar

from matching.models.match import Match
from matching.models.placement import Placement
from matching.models.proposal import Proposal
from matching.vocab import MatchStatus, PlacementStatus, ProposalKind, ProposalStatus


def open_proposals(kind: ProposalKind) -> SelectOfScalar[Proposal]:
    """Proposals of a kind still waiting for a decision (add more conditions with .where)."""
    return select(Proposal).where(Proposal.kind == kind, Proposal.status == ProposalStatus.PROPOSED)


def active_matches() -> SelectOfScalar[Match]:
    """Running trajectories."""
    return select(Match).where(Match.status == MatchStatus.ACTIVE)


def active_placements() -> SelectOfScalar[Placement]:
    """Students' placements that have not ended."""
    return select(Placement).where(Placement.status == PlacementStatus.ACTIVE)
