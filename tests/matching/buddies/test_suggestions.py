"""Buddy suggestions by the run's own rules and scores, and assigning one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from matching.buddies.explain import sentence
from matching.buddies.suggestions import suggest_buddies
from matching.models import AuditEvent, Proposal, Volunteer
from matching.people.partner import update_family
from matching.people.scoping import NotOwned
from matching.trajectories.actions import (
    TrajectoryError,
    assign_buddy,
)
from tests.matching.partner_world import TODAY, best_buddy, partner, started


def test_suggestions_rank_free_eligible_buddies(session: Session) -> None:
    """Only own, free buddies passing every hard rule, best score first, with the sentence."""
    p = partner(session)
    found = suggest_buddies(session, organisation_id=p.org.id, family_id=p.mother.id, as_of=TODAY)
    assert [s.name for s in found.ranked] == ["Fatima", "Hanna"]
    best, second = found.ranked
    assert best.score > second.score and best.details["distance_km"] < second.details["distance_km"]
    assert best.details["points"]["first_language"] == 15
    assert best.details["common_half_days"] == 3
    assert best.sentence == sentence(best.details) and "speaks Arabic" in best.sentence
    assert found.busy == 1  # Samira meets every rule but has no free place
    assert found.funnel["vog"] == 1 and found.funnel["organisation"] == 0  # Noor; Joke unseen
    assert found.volunteers == 4


def test_suggestions_respect_the_gender_wish_and_rejections(session: Session) -> None:
    """A wish for a man leaves no one; a rejected pair is not suggested again."""
    p = partner(session)
    fatima = best_buddy(session, p)
    session.add(
        Proposal(
            kind="buddy",
            status="rejected",
            volunteer_id=fatima.volunteer_id,
            family_id=p.mother.id,
            reason="no click at the first meeting",
        )
    )
    session.commit()
    found = suggest_buddies(session, organisation_id=p.org.id, family_id=p.mother.id, as_of=TODAY)
    assert [s.name for s in found.ranked] == ["Hanna"] and found.funnel["rejected_before"] == 1
    update_family(
        session,
        organisation_id=p.org.id,
        family_id=p.mother.id,
        changes={"buddy_gender_wish": "male"},
    )
    found = suggest_buddies(session, organisation_id=p.org.id, family_id=p.mother.id, as_of=TODAY)
    assert found.ranked == () and found.funnel["gender_wish"] == 3  # Samira too


def test_suggestions_for_another_organisations_family_are_not_found(session: Session) -> None:
    """Another organisation's family id is NotOwned (the web shows 404)."""
    p = partner(session)
    with pytest.raises(NotOwned):
        suggest_buddies(session, organisation_id=p.org.id, family_id=p.other_family.id, as_of=TODAY)


def test_assign_starts_a_trajectory_through_an_approved_proposal(session: Session) -> None:
    """Assigning makes a buddy proposal approved by the user; the match ends ≈ 2.5 years on."""
    p = partner(session)
    fatima = best_buddy(session, p)
    match = started(session, p, fatima)
    proposal = session.get(Proposal, match.proposal_id)
    assert (proposal.kind, proposal.status, proposal.decided_by_id) == (
        "buddy",
        "approved",
        p.user.id,
    )
    assert proposal.score_parts == fatima.details and proposal.score == fatima.score
    assert match.start_date == TODAY and match.expected_end == TODAY + timedelta(days=913)
    assert p.mother.status == "matched"
    actions = {(e.entity, e.action) for e in session.exec(select(AuditEvent)).all()}
    assert {("proposal", "approved"), ("match", "created")} <= actions


def test_assign_refuses_what_is_not_a_current_suggestion(session: Session) -> None:
    """A busy, ineligible or foreign buddy, a matched family or a far start are refused."""
    p = partner(session)
    by_name = {v.name: v.id for v in session.exec(select(Volunteer)).all()}
    for name in ("Samira", "Noor", "Joke"):
        with pytest.raises(TrajectoryError) as refused:
            assign_buddy(
                session,
                organisation_id=p.org.id,
                family_id=p.mother.id,
                volunteer_id=by_name[name],
                user=p.user,
                start=TODAY,
                today=TODAY,
            )
        assert refused.value.code == "not_suggested", name
    with pytest.raises(TrajectoryError) as refused:
        assign_buddy(
            session,
            organisation_id=p.org.id,
            family_id=p.mother.id,
            volunteer_id=by_name["Fatima"],
            user=p.user,
            start=TODAY + timedelta(days=200),
            today=TODAY,
        )
    assert refused.value.code == "start_out_of_range"


def test_only_a_waiting_family_gets_a_buddy(session: Session) -> None:
    """Once matched, a second assignment is refused; the first trajectory stays."""
    p = partner(session)
    first = started(session, p)
    hanna = next(v for v in session.exec(select(Volunteer)).all() if v.name == "Hanna")
    with pytest.raises(TrajectoryError) as refused:
        assign_buddy(
            session,
            organisation_id=p.org.id,
            family_id=p.mother.id,
            volunteer_id=hanna.id or 0,
            user=p.user,
            start=TODAY,
            today=TODAY,
        )
    assert refused.value.code == "family_not_waiting" and first.status == "active"
