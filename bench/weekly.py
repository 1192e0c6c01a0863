"""The week-over-week scenario on the `utrecht` demo data, printed as before/after counts.

`python -m bench.weekly`: seed, run, approve every buddy proposal, let a week pass
(seed.scenario.next_week), run again, and count what the re-optimisation kept and repaired.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from sqlmodel import Session, SQLModel, col, select

import matching.models  # noqa: F401  (registers every table)
from matching.db import make_engine, session_scope
from matching.decisions import lifecycle
from matching.models import Match, MatchingRun, Proposal, User
from matching.runs import execution as runs
from matching.runs.stats import read_stats
from seed import seed_database
from seed.scenario import next_week

WEEK_1 = date(2026, 11, 23)
WEEK_2 = WEEK_1 + timedelta(days=7)


def _run(engine, as_of: date) -> MatchingRun:
    with session_scope(engine) as session:
        requested = runs.request_run(session, trigger="schedule", as_of=as_of)
    return runs.execute_run(engine, requested.id or 0)


def _approve_buddies(engine, today: date) -> int:
    with session_scope(engine) as session:
        user = session.exec(select(User).where(User.role == "coordinator")).first()
        assert user is not None
        ids = session.exec(
            select(Proposal.id).where(Proposal.status == "proposed", Proposal.kind == "buddy")
        ).all()
        for proposal_id in ids:
            lifecycle.approve_proposal(
                session, proposal_id=proposal_id or 0, user=user, today=today
            )
    return len(ids)


def main() -> None:
    """Print the scenario's figures."""
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'weekly.sqlite'}")
        SQLModel.metadata.create_all(engine)
        with session_scope(engine) as session:
            seed_database(session, size="utrecht", seed=7, as_of=WEEK_1)
        first = _run(engine, WEEK_1)
        approved = _approve_buddies(engine, WEEK_1)
        with Session(engine) as session:
            running = session.exec(select(Match).where(Match.status == "active")).all()
        before = len(running)
        flagged_before = Counter(m.broken_rule for m in running if m.broken_rule)
        with session_scope(engine) as session:
            changes = next_week(session, seed=1, as_of=WEEK_2)
        second = _run(engine, WEEK_2)
        with Session(engine) as session:
            active = session.exec(select(Match).where(Match.status == "active")).all()
            repairs = session.exec(
                select(Proposal).where(
                    Proposal.status == "proposed", col(Proposal.repairs_match_id).is_not(None)
                )
            ).all()
        flagged = Counter(m.broken_rule for m in active if m.broken_rule)
        print(
            f"week 1 ({WEEK_1}): run {first.status}, {first.proposals_made} proposals, "
            f"{approved} buddy proposals approved -> {before} active matches, "
            f"flagged {dict(flagged_before)}"
        )
        print(
            f"the week: {len(changes.stopped_volunteers)} volunteers stopped, "
            f"{len(changes.expired_vog)} VOGs expired, {len(changes.moved_families)} family moved, "
            f"{len(changes.new_families)} new families"
        )
        print(f"week 2 ({WEEK_2}): run {second.status}, {second.proposals_made} new proposals")
        print(
            f"  active matches before {before}, after {len(active)}; kept unflagged "
            f"{len(active) - sum(flagged.values())}; flagged {dict(flagged)}; "
            f"repair proposals {len(repairs)}"
        )
        stats = read_stats(second)
        print(f"  families covered {stats.covered} of {stats.families}")
        engine.dispose()


if __name__ == "__main__":
    main()
