"""The coordinator's week on the `small` demo: ask for a run, review, approve many, read why."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from werkzeug.security import generate_password_hash

from matching import accounts
from matching.audit.listing import audit_page
from matching.decisions.bulk_approval import approve_selected
from matching.decisions.lifecycle import LifecycleError
from matching.decisions.review import (
    ReviewFilter,
    buddy_review,
    group_names,
    open_counts,
    placement_review,
)
from matching.errors import LifecycleProblem
from matching.models import Match, MatchingRun, OutboxMail, Proposal, User, Volunteer
from matching.outbox.status import problem_mails, retry_now, status_counts
from matching.reports.overview import (
    free_students,
    latest_coverage,
    mail_problems,
    waiting_by_priority,
)
from matching.reports.unmatched import last_succeeded_run, open_sessions, uncovered_families
from matching.runs.execution import execute_run
from matching.runs.requests import (
    RunBusy,
    active_run,
    last_finished_run,
    request_user_run,
    run_history,
)
from matching.runs.stats import read_stats
from matching.vocab import ProposalKind, ProposalStatus
from seed import seed_database

AS_OF = date(2026, 11, 26)


@pytest.fixture
def demo(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """The `small` demo (cheap password hashes), and one run asked for by its coordinator."""
    monkeypatch.setattr(
        accounts,
        "generate_password_hash",
        lambda password: generate_password_hash(password, method="pbkdf2:sha256:1000"),
    )
    with Session(engine) as session:
        seed_database(session, size="small", seed=7, as_of=AS_OF)
        session.commit()
    return engine


def coordinator(session: Session) -> User:
    return session.exec(select(User).where(User.email == "coordinator@kansrijk.demo")).one()


def run_now(engine: Engine) -> MatchingRun:
    with Session(engine) as session:
        run = request_user_run(session, user=coordinator(session), as_of=AS_OF)
        session.commit()
        run_id = run.id or 0
    return execute_run(engine, run_id)


def test_a_second_request_is_refused_while_one_waits(demo: Engine) -> None:
    with Session(demo) as session:
        first = request_user_run(session, user=coordinator(session), as_of=AS_OF)
        session.commit()
        with pytest.raises(RunBusy) as refused:
            request_user_run(session, user=coordinator(session), as_of=AS_OF)
        assert refused.value.run_id == first.id
        assert active_run(session) is not None and last_finished_run(session) is None
    execute_run(demo, first.id or 0)
    with Session(demo) as session:
        assert active_run(session) is None
        history = run_history(session)
        assert [(row.run.status, row.requested_by) for row in history.rows] == [
            ("succeeded", "Coördinator Gemeente Utrecht")
        ]
        second = request_user_run(session, user=coordinator(session), as_of=AS_OF)
        assert second.id != first.id and second.trigger == "user"


def test_two_requests_at_the_same_moment_give_one_run(demo: Engine) -> None:
    # The first request has written its run but not committed; a second request in another
    # connection must wait for it and then be refused, not add a second waiting run.
    outcome: list[object] = []

    def second_request() -> None:
        with Session(demo) as other:
            try:
                outcome.append(request_user_run(other, user=coordinator(other), as_of=AS_OF))
                other.commit()
            except RunBusy as busy:
                outcome.append(busy)

    with Session(demo) as session:
        first = request_user_run(session, user=coordinator(session), as_of=AS_OF)
        second = threading.Thread(target=second_request)
        second.start()
        second.join(1.0)
        assert second.is_alive(), "the second request did not wait for the first"
        session.commit()
        first_id = first.id
    second.join(30.0)
    assert len(outcome) == 1 and isinstance(outcome[0], RunBusy)
    assert outcome[0].run_id == first_id
    with Session(demo) as session:
        assert len(session.exec(select(MatchingRun)).all()) == 1


def test_review_groups_by_family_and_preschool_most_urgent_first(demo: Engine) -> None:
    run_now(demo)
    with Session(demo) as session:
        buddies = buddy_review(session, ReviewFilter(), AS_OF)
        assert buddies.total == open_counts(session)["buddy"] > 0
        priorities = [group.priority for group in buddies.rows]
        assert priorities == sorted(priorities, reverse=True)
        for group in buddies.rows:
            assert all(p.family_id == group.family.id for p, _v in group.proposals)
            assert all(p.score_parts["points"] for p, _v in group.proposals)
        places = placement_review(session, ReviewFilter(kind="placement"))
        assert places.total == open_counts(session)["placement"] > 0
        proposals = [p for group in places.rows for p, _s in group.proposals]
        assert all(p.preschool_id == g.preschool.id for g in places.rows for p, _s in g.proposals)
        assert set(group_names(session, proposals)) == {
            slot["group_id"] for p in proposals for slot in p.slots
        }
        district = buddies.rows[0].family.district
        only = buddy_review(session, ReviewFilter(district=district), AS_OF)
        assert {g.family.district for g in only.rows} == {district}


def test_approve_selected_keeps_going_past_a_refusal(demo: Engine) -> None:
    run_now(demo)
    with Session(demo, expire_on_commit=False) as session:
        open_ids = session.exec(
            select(Proposal.id).where(
                Proposal.status == ProposalStatus.PROPOSED, Proposal.kind == ProposalKind.BUDDY
            )
        ).all()
        decided = session.exec(select(Proposal.id).where(Proposal.status == "approved")).first()
        chosen = [open_ids[0], decided, open_ids[1]]
        result = approve_selected(
            session, proposal_ids=chosen, user=coordinator(session), today=AS_OF
        )
        assert result.approved == [open_ids[0], open_ids[1]]
        assert [pid for pid, _ in result.refused] == [decided]
        refusal = result.refused[0][1]
        assert isinstance(refusal, LifecycleError) and refusal.code == LifecycleProblem.NOT_OPEN
        assert "not open" in str(refusal)
    with Session(demo) as session:
        made = session.exec(select(Match).where(col(Match.proposal_id).in_(open_ids[:2]))).all()
        assert len(made) == 2
        assert status_counts(session)["queued"] >= 1
        events = audit_page(session, entity="match").rows
        assert events[0].user_name == "Coördinator Gemeente Utrecht"
        assert audit_page(session, entity="proposal", entity_id=open_ids[0]).total == 1


def test_dashboard_figures_and_what_stays_uncovered(demo: Engine) -> None:
    run = run_now(demo)
    with Session(demo) as session:
        table = waiting_by_priority(session, AS_OF)
        assert table.total == sum(sum(counts.values()) for _c, counts, _t in table.rows()) > 0
        assert free_students(session) == 6
        run_id, by_district = latest_coverage(session)
        assert run_id == run.id and by_district == run.stats["by_district"]
        latest = last_succeeded_run(session)
        assert latest is not None and latest.id == run.id
        rows = read_stats(latest).uncovered
        assert [r.family_id for r in rows] == [r["family_id"] for r in latest.stats["uncovered"]]
        found = uncovered_families(session, rows)
        assert [item.family.id for item in found if item.family] == [r.family_id for r in rows]
        sessions = open_sessions(session)
        assert sessions and all(s.needed > 0 for s in sessions)
        assert all(sum(s.funnel[k] for k in ("distance", "half_day")) <= s.funnel["students"]
                   for s in sessions)  # fmt: skip


def test_failed_mail_is_listed_and_queued_again(demo: Engine) -> None:
    with Session(demo) as session:
        session.add(OutboxMail(recipient="a@example.nl", subject="s", body="b", attempts=2,
                               last_error="ConnectionRefusedError"))  # fmt: skip
        session.add(OutboxMail(recipient="b@example.nl", subject="s", body="b", status="sent"))
        session.commit()
        assert mail_problems(session) == 1
        assert [m.recipient for m in problem_mails(session)] == ["a@example.nl"]
        assert retry_now(session, user=coordinator(session)) == 1
        session.commit()
        mail = session.exec(select(OutboxMail).where(OutboxMail.recipient == "a@example.nl")).one()
        assert (mail.status, mail.attempts) == ("queued", 0)
        assert audit_page(session, entity="mail").total == 1


def test_the_approval_mail_is_in_the_volunteers_language(demo: Engine) -> None:
    run_now(demo)
    with Session(demo, expire_on_commit=False) as session:
        open_buddy = select(Proposal).where(
            Proposal.status == ProposalStatus.PROPOSED, Proposal.kind == ProposalKind.BUDDY
        )
        by_volunteer = {p.volunteer_id: p for p in session.exec(open_buddy).all()}
        proposals = list(by_volunteer.values())[:2]  # two different volunteers
        volunteers = [session.get(Volunteer, p.volunteer_id) for p in proposals]
        for volunteer, spoken in zip(volunteers, (["en", "ar"], ["ar", "nl"]), strict=True):
            assert volunteer is not None and volunteer.email
            volunteer.languages = spoken
            session.add(volunteer)
        approve_selected(
            session, proposal_ids=[p.id for p in proposals], user=coordinator(session), today=AS_OF
        )
        session.commit()
        subjects = [
            session.exec(select(OutboxMail.subject).where(OutboxMail.recipient == v.email)).one()
            for v in volunteers
            if v is not None
        ]
    assert subjects == ["Kansrijk Match: new trajectory", "Kansrijk Match: nieuw traject"]
