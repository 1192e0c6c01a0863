"""Week over week: the re-optimisation keeps valid matches and repairs the broken ones."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, select

from matching.db import session_scope
from matching.decisions import lifecycle
from matching.models import Match, MatchingRun, Proposal, User
from matching.runs import execution as runs
from matching.vocab import EndReason, MatchStatus, RunStatus
from seed import seed_database
from seed.scenario import next_week

WEEK_1 = date(2026, 11, 23)
WEEK_2 = WEEK_1 + timedelta(days=7)


def run(engine, as_of: date) -> MatchingRun:
    with session_scope(engine) as session:
        requested = runs.request_run(session, trigger="schedule", as_of=as_of)
    done = runs.execute_run(engine, requested.id)
    assert done.status == RunStatus.SUCCEEDED, done.error
    return done


def approve_all_buddy_proposals(engine, today: date) -> int:
    with session_scope(engine) as session:
        coordinator = session.exec(select(User).where(User.role == "coordinator")).first()
        open_ids = session.exec(
            select(Proposal.id).where(Proposal.status == "proposed", Proposal.kind == "buddy")
        ).all()
        for proposal_id in open_ids:
            lifecycle.approve_proposal(
                session, proposal_id=proposal_id, user=coordinator, today=today
            )
    return len(open_ids)


def active_matches(engine) -> dict[int, Match]:
    with Session(engine) as session:
        active = select(Match).where(Match.status == MatchStatus.ACTIVE)
        return {m.id: m for m in session.exec(active)}


def test_week_over_week(engine):
    with session_scope(engine) as session:
        seed_database(session, size="small", seed=7, as_of=WEEK_1)
    run(engine, WEEK_1)
    assert approve_all_buddy_proposals(engine, WEEK_1) > 0
    before = active_matches(engine)

    with session_scope(engine) as session:
        changes = next_week(session, seed=1, as_of=WEEK_2, new=5)
    second = run(engine, WEEK_2)
    after = active_matches(engine)

    assert after.keys() == before.keys()  # nothing is broken off silently
    touched = set(changes.stopped_volunteers) | set(changes.expired_vog)
    with Session(engine) as session:
        repairs = {
            p.repairs_match_id: p
            for p in session.exec(select(Proposal).where(Proposal.status == "proposed"))
            if p.repairs_match_id
        }
        new_refs = {
            p.family_id for p in session.exec(select(Proposal).where(Proposal.run_id == second.id))
        }
    for match in after.values():
        if match.volunteer_id in changes.stopped_volunteers:
            assert match.broken_rule == "inactive"
        elif match.volunteer_id in changes.expired_vog:
            assert match.broken_rule == "vog"
        elif match.family_id not in changes.moved_families:
            assert match.broken_rule is None, match  # still valid: kept, not flagged
            assert match.id not in repairs
    broken = [m for m in after.values() if m.broken_rule]
    assert len(broken) >= len(touched)
    uncovered = {row["family_id"] for row in second.stats["uncovered"]}
    for match in broken:  # a repair is proposed, or the family is listed with its reasons
        assert match.id in repairs or match.family_id in uncovered
    for family_id in changes.new_families:
        assert family_id in new_refs or family_id in uncovered

    # Approving a repair ends the broken match with the rule that broke.
    match_id, proposal = next(iter(repairs.items()))
    with session_scope(engine) as session:
        coordinator = session.exec(select(User).where(User.role == "coordinator")).first()
        lifecycle.approve_proposal(session, proposal_id=proposal.id, user=coordinator, today=WEEK_2)
    with Session(engine) as session:
        old = session.get(Match, match_id)
        assert old.status == "ended"
        assert old.end_code == EndReason.REPAIRED and old.end_note


def test_a_week_with_nothing_changed_proposes_nothing_new(engine):
    with session_scope(engine) as session:
        seed_database(session, size="small", seed=7, as_of=WEEK_1)
    run(engine, WEEK_1)
    again = run(engine, WEEK_1)
    assert again.proposals_made == 0
