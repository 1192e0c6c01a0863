"""The filters written again and again: open proposals, running matches and placements."""

from __future__ import annotations

from sqlalchemy import ColumnElement
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from matching.models.match import Match
from matching.models.placement import Placement
from matching.models.proposal import Proposal
from matching.models.run import MatchingRun
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


def full_runs() -> ColumnElement[bool]:
    """Runs over everyone (not a "fill now" repair of one family): the ones reports read."""
    return col(MatchingRun.family_id).is_(None)
