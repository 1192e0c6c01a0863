"""Proposals: list, approve, reject with a reason, pin — through the domain's lifecycle."""

from __future__ import annotations

from typing import Any

from flask import current_app
from sqlmodel import Session, col, select

from matching.decisions.lifecycle import approve_proposal, pin_proposal, reject_proposal
from matching.models import Family, Match, Proposal
from matching.offers.making import OfferSettings
from web.api import bp
from web.api.bodies import BodySpec
from web.api.caller import Caller
from web.api.operations import Answer, operation
from web.api.schemas import Decision, Pin, ProposalPage, ProposalPublic, ProposalQuery, Rejection
from web.portal.dates import today

ONE = "/proposals/<int:proposal_id>"


def _public(proposal: Proposal) -> ProposalPublic:
    """A proposal as the API shows it."""
    return ProposalPublic.model_validate(proposal, from_attributes=True)


@operation(bp, "GET", "/proposals", summary="List proposals", tag="proposals",
           response=ProposalPage, query=ProposalQuery)  # fmt: skip
def list_proposals(caller: Caller, session: Session, *, query: ProposalQuery, **_: Any) -> Answer:
    """Proposals of a status and kind by id; an organisation's token sees its families' only."""
    statement = select(Proposal).where(
        Proposal.status == query.status, Proposal.kind == query.kind, col(Proposal.id) > query.after
    )
    if query.run_id is not None:
        statement = statement.where(Proposal.run_id == query.run_id)
    if caller.organisation_id is not None:
        statement = statement.join(Family, col(Family.id) == col(Proposal.family_id)).where(
            Family.organisation_id == caller.organisation_id
        )
    rows = list(session.exec(statement.order_by(col(Proposal.id)).limit(query.limit + 1)).all())
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    cursor = rows[-1].id if more else None
    return Answer(200, ProposalPage(items=[_public(p) for p in rows], next_cursor=cursor))


@operation(bp, "POST", f"{ONE}/approve", summary="Approve a proposal: it becomes a match",
           tag="proposals", response=Decision, write=True, conflicts=True)  # fmt: skip
def approve(caller: Caller, session: Session, *, proposal_id: int, **_: Any) -> Answer:
    """Approve: a buddy proposal becomes a match, a placement proposal a placement."""
    started = approve_proposal(
        session,
        proposal_id=proposal_id,
        user=caller.owner,
        today=today(),
        organisation_id=caller.organisation_id,
        offer=OfferSettings(days=current_app.config["KANSRIJK_SETTINGS"].loop.offer_days),
    )
    proposal = session.get(Proposal, proposal_id)
    assert proposal is not None  # approve_proposal found it
    is_match = isinstance(started, Match)
    return Answer(
        200,
        Decision(
            proposal=_public(proposal),
            match_id=started.id if is_match else None,
            placement_id=None if is_match else started.id,
        ),
    )


@operation(bp, "POST", f"{ONE}/reject", summary="Reject a proposal with a reason",
           tag="proposals", response=Decision, body=BodySpec(Rejection, "Rejection"),
           write=True, conflicts=True)  # fmt: skip
def reject(
    caller: Caller, session: Session, *, proposal_id: int, body: Rejection, **_: Any
) -> Answer:
    """Reject: the pair is never proposed again."""
    proposal = reject_proposal(
        session,
        proposal_id=proposal_id,
        user=caller.owner,
        reason=body.reason,
        organisation_id=caller.organisation_id,
    )
    return Answer(200, Decision(proposal=_public(proposal)))


@operation(bp, "POST", f"{ONE}/pin", summary="Pin or unpin an open proposal", tag="proposals",
           response=Decision, body=BodySpec(Pin, "Pin"), write=True, conflicts=True)  # fmt: skip
def pin(caller: Caller, session: Session, *, proposal_id: int, body: Pin, **_: Any) -> Answer:
    """Pin: the next runs keep it while the pair stays allowed."""
    proposal = pin_proposal(
        session,
        proposal_id=proposal_id,
        user=caller.owner,
        pinned=body.pinned,
        organisation_id=caller.organisation_id,
    )
    return Answer(200, Decision(proposal=_public(proposal)))
