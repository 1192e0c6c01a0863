"""The week-over-week scenario on the `utrecht` demo data, printed as before/after counts.

`python -m bench.weekly`: seed, run, approve every buddy proposal (each becomes an offer),
let volunteers answer (a seeded share declines, some never answer and their offers expire,
the rest accept), let a week pass (seed.scenario.next_week), run again, and count what the
re-optimisation kept and repaired, and that no declined or expired pair came back.
"""

from __future__ import annotations

import random
import tempfile
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlmodel import Session, SQLModel, col, select

import matching.models  # noqa: F401  (registers every table)
from matching.db import make_engine, session_scope
from matching.decisions import lifecycle
from matching.models import Match, MatchingRun, Offer, Proposal, User
from matching.offers.answers import accept_offer, decline_offer, expire_offers
from matching.runs import execution as runs
from matching.runs.stats import read_stats
from matching.vocab import MatchStatus, OfferStatus
from seed import seed_database
from seed.scenario import next_week

WEEK_1 = date(2026, 11, 23)
WEEK_2 = WEEK_1 + timedelta(days=7)
MORNING = time(9, 0, tzinfo=UTC)
DECLINE_SHARE, SILENT_SHARE = 0.15, 0.10  # of the offers; the rest are accepted
DECLINE_CODES = ("no_time", "too_far", "not_a_good_fit", "personal", "other")


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
                session,
                proposal_id=proposal_id or 0,
                user=user,
                today=today,
                now=datetime.combine(today, MORNING),
            )
    return len(ids)


def _answer_offers(engine, today: date, seed: int = 14) -> Counter[str]:
    """Volunteers answer the next day: a seeded share declines, some stay silent."""
    rng = random.Random(seed)
    answered: Counter[str] = Counter()
    moment = datetime.combine(today + timedelta(days=1), MORNING)
    with session_scope(engine) as session:
        user = session.exec(select(User).where(User.role == "coordinator")).first()
        assert user is not None
        for offer in session.exec(select(Offer).where(Offer.status == OfferStatus.OPEN)).all():
            draw = rng.random()
            if draw < DECLINE_SHARE:
                decline_offer(session, offer_id=offer.id or 0, user=user, now=moment,
                              reason=rng.choice(DECLINE_CODES))  # fmt: skip
                answered["declined"] += 1
            elif draw < DECLINE_SHARE + SILENT_SHARE:
                answered["silent"] += 1
            else:
                accept_offer(session, offer_id=offer.id or 0, user=user, now=moment)
                answered["accepted"] += 1
    return answered


def _forbidden_pairs(session: Session) -> set[tuple[int | None, int | None]]:
    """The (volunteer, family) pairs whose offer was declined or expired."""
    rows = session.exec(
        select(Offer.volunteer_id, Offer.family_id).where(
            col(Offer.status).in_(("declined", "expired"))
        )
    ).all()
    return {(v, f) for v, f in rows}


def main() -> None:
    """Print the scenario's figures."""
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'weekly.sqlite'}")
        SQLModel.metadata.create_all(engine)
        with session_scope(engine) as session:
            seed_database(session, size="utrecht", seed=7, as_of=WEEK_1)
        first = _run(engine, WEEK_1)
        approved = _approve_buddies(engine, WEEK_1)
        answers = _answer_offers(engine, WEEK_1)
        with Session(engine) as session:
            running = session.exec(select(Match).where(Match.status == MatchStatus.ACTIVE)).all()
        before = len(running)
        flagged_before = Counter(m.broken_rule for m in running if m.broken_rule)
        with session_scope(engine) as session:
            changes = next_week(session, seed=1, as_of=WEEK_2)
        with session_scope(engine) as session:
            expired = len(expire_offers(session, datetime.combine(WEEK_2, MORNING)))
        with Session(engine) as session:
            waiting = session.exec(select(Match).where(Match.status == MatchStatus.ACTIVE)).all()
        second = _run(engine, WEEK_2)
        with Session(engine) as session:
            active = session.exec(select(Match).where(Match.status == MatchStatus.ACTIVE)).all()
            repairs = session.exec(
                select(Proposal).where(
                    Proposal.status == "proposed", col(Proposal.repairs_match_id).is_not(None)
                )
            ).all()
            forbidden = _forbidden_pairs(session)
            week_2 = session.exec(select(Proposal).where(Proposal.run_id == second.id)).all()
        flagged = Counter(m.broken_rule for m in active if m.broken_rule)
        valid = {m.id for m in waiting if not m.broken_rule} - {
            m.id for m in active if m.broken_rule
        }
        kept = valid & {m.id for m in active}
        came_back = [p for p in week_2 if (p.volunteer_id, p.family_id) in forbidden]
        replaced = {m.family_id for m in active if m.id in valid} & {p.family_id for p in week_2}
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
        print(
            f"the answers: {answers['accepted']} accepted, {answers['declined']} declined "
            f"(pair forbidden, family back in the pool), {answers['silent']} not answered -> "
            f"{expired} offers expired at {WEEK_2}"
        )
        print(f"week 2 ({WEEK_2}): run {second.status}, {second.proposals_made} new proposals")
        print(
            f"  valid running matches kept {len(kept)} of {len(valid)}; new proposals for "
            f"their families {len(replaced)}; declined or expired pairs proposed again "
            f"{len(came_back)} (of {len(forbidden)} forbidden)"
        )
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
