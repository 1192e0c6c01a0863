"""A buddy run end to end on a real database, including the faults it must survive."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from matching.buddies import results as buddy_results
from matching.errors import ProgressStep
from matching.models import Family, Match, MatchingRun, Organisation, Proposal, Volunteer
from matching.people.records import create_record
from matching.runs import execution as runs

AS_OF = date(2026, 11, 26)


@pytest.fixture
def people(engine):
    """Two volunteers, three families (one urgent) in one organisation; one other organisation."""
    with Session(engine) as session:
        org = create_record(
            session, table=Organisation, data={"code": "m", "name": "M", "kind": "municipality"}
        )
        other = create_record(
            session, table=Organisation, data={"code": "p", "name": "P", "kind": "partner"}
        )
        base_v = {
            "organisation_id": org.id,
            "postcode": "3526 KL",
            "availability": ["mon_am", "tue_am"],
            "max_travel_km": 6,
            "vog_valid_until": date(2027, 6, 1),
            "gender": "female",
        }
        for name, langs in [("Amina", ["ar", "nl"]), ("Bram", ["nl"])]:
            create_record(
                session, table=Volunteer, data={**base_v, "name": name, "languages": langs}
            )
        base_f = {
            "organisation_id": org.id,
            "postcode": "3527 AB",
            "availability": ["mon_am", "tue_am"],
            "registered_on": date(2026, 11, 1),
        }
        for ref, langs, urgent in [
            ("F1", ["ar"], False),
            ("F2", ["nl"], True),
            ("F3", ["nl"], False),
        ]:
            create_record(
                session,
                table=Family,
                data={**base_f, "reference": ref, "languages": langs, "urgent": urgent},
            )
        create_record(
            session,
            table=Family,
            data={**base_f, "reference": "X1", "organisation_id": other.id, "languages": ["nl"]},
        )
        session.commit()
    return engine


def run_once(engine, **kwargs):
    with Session(engine) as session:
        run = runs.request_run(session, trigger="cli", as_of=AS_OF, seed=0)
        session.commit()
        run_id = run.id
    return runs.execute_run(engine, run_id, **kwargs)


def open_pairs(engine):
    with Session(engine) as session:
        rows = session.exec(select(Proposal).where(Proposal.status == "proposed")).all()
        names = {v.id: v.name for v in session.exec(select(Volunteer)).all()}
        refs = {f.id: f.reference for f in session.exec(select(Family)).all()}
        return {(names[p.volunteer_id], refs[p.family_id]) for p in rows}


def test_run_proposes_the_best_pairs_with_explanations(people):
    run = run_once(people)
    assert run.status == "succeeded", run.error
    assert run.solver_status == "OPTIMAL"
    # Amina is the only one speaking Arabic (F1); Bram goes to the urgent F2, not F3.
    assert open_pairs(people) == {("Amina", "F1"), ("Bram", "F2")}
    with Session(people) as session:
        proposal = session.exec(select(Proposal)).first()
        assert proposal.score_parts["distance_km"] >= 0 and proposal.score_parts["common_half_days"]
        assert set(proposal.score_parts["points"]) >= {"distance", "half_days", "first_language"}
        stored = session.get(MatchingRun, run.id)
        assert stored.stats["covered"] == 2
        uncovered = {row["family_id"] for row in stored.stats["uncovered"]}
        assert len(uncovered) == 2  # F3 and the other organisation's family
        assert stored.stats["recruitment_gap"]


def test_uncovered_family_explains_its_funnel(people):
    run = run_once(people)
    with Session(people) as session:
        stored = session.get(MatchingRun, run.id)
        x1 = session.exec(select(Family).where(Family.reference == "X1")).one()
        row = next(r for r in stored.stats["uncovered"] if r["family_id"] == x1.id)
        assert row["funnel"]["organisation"] == 2
        assert "another organisation" in row["reason"]


def test_a_second_run_with_nothing_changed_proposes_nothing_new(people):
    run_once(people)
    before = open_pairs(people)
    second = run_once(people)
    assert second.status == "succeeded"
    assert second.proposals_made == 0
    assert open_pairs(people) == before


def test_a_rejected_pair_is_never_proposed_again(people):
    run_once(people)
    with Session(people) as session:
        bram = session.exec(select(Volunteer).where(Volunteer.name == "Bram")).one()
        proposal = session.exec(select(Proposal).where(Proposal.volunteer_id == bram.id)).one()
        proposal.status = "rejected"
        session.add(proposal)
        session.commit()
    run_once(people)
    assert ("Bram", "F2") not in open_pairs(people)
    assert ("Bram", "F3") in open_pairs(people)


def test_an_active_match_that_broke_a_rule_is_flagged_and_repaired(people):
    with Session(people) as session:
        amina = session.exec(select(Volunteer).where(Volunteer.name == "Amina")).one()
        f1 = session.exec(select(Family).where(Family.reference == "F1")).one()
        session.add(
            Match(
                volunteer_id=amina.id,
                family_id=f1.id,
                organisation_id=amina.organisation_id,
                start_date=date(2025, 1, 1),
            )
        )
        amina.vog_valid_until = date(2026, 1, 1)
        session.add(amina)
        session.commit()
    run = run_once(people)
    assert run.status == "succeeded", run.error
    with Session(people) as session:
        match = session.exec(select(Match)).one()
        assert match.status == "active"
        assert match.broken_rule == "vog"


def test_a_valid_active_match_is_kept(people):
    with Session(people) as session:
        bram = session.exec(select(Volunteer).where(Volunteer.name == "Bram")).one()
        f3 = session.exec(select(Family).where(Family.reference == "F3")).one()
        session.add(
            Match(
                volunteer_id=bram.id,
                family_id=f3.id,
                organisation_id=bram.organisation_id,
                start_date=date(2025, 1, 1),
            )
        )
        session.commit()
    run = run_once(people)
    assert run.status == "succeeded", run.error
    # Bram's capacity is taken by his running match, so Amina (who speaks Dutch too) goes to
    # the urgent F2 rather than to F1: priority comes before score.
    assert open_pairs(people) == {("Amina", "F2")}


def snapshot(engine):
    with Session(engine) as session:
        return sorted(
            (p.volunteer_id, p.family_id, p.status) for p in session.exec(select(Proposal)).all()
        )


@pytest.mark.parametrize("where", ["solve", "store", "placement"])
def test_a_fault_leaves_everything_as_it_was(people, monkeypatch, where):
    run_once(people)
    before = snapshot(people)

    def boom(*_args, **_kwargs):
        raise RuntimeError(f"injected fault in {where}")

    if where == "solve":
        monkeypatch.setattr(runs, "solve_assignment", boom)
    elif where == "placement":  # after the buddy proposals were written in the same transaction
        monkeypatch.setattr(runs, "store_placement_results", boom)
    else:
        original = buddy_results._flag_broken_matches

        def store_then_fail(session, instance):
            original(session, instance)
            session.flush()
            boom()

        monkeypatch.setattr(buddy_results, "_flag_broken_matches", store_then_fail)
    failed = run_once(people)
    assert failed.status == "failed"
    assert "injected fault" in failed.error
    assert snapshot(people) == before


def test_a_database_error_marks_the_run_failed(people, monkeypatch):
    from sqlalchemy.exc import OperationalError

    def db_down(*_args, **_kwargs):
        raise OperationalError("SELECT", {}, Exception("database went away"))

    monkeypatch.setattr(runs, "build_instance", db_down)
    failed = run_once(people)
    assert failed.status == "failed"
    assert "OperationalError" in failed.error


def test_a_second_run_is_refused_while_one_runs(people):
    with Session(people) as session:
        first = runs.request_run(session, trigger="cli", as_of=AS_OF)
        second = runs.request_run(session, trigger="cli", as_of=AS_OF)
        session.commit()
        first_id, second_id = first.id, second.id
    runs.take_lease(people, first_id)
    with pytest.raises(runs.RunRefused, match="still running"):
        runs.take_lease(people, second_id)


def test_progress_is_reported_on_the_run_and_to_the_caller(people):
    said = []
    run = run_once(people, progress=said.append)
    assert said[0] == "reading people and finding candidates"
    assert said[-1] == "storing proposals"
    with Session(people) as session:
        stored = session.get(MatchingRun, run.id)
        assert stored.progress == ProgressStep.STORING
        assert stored.heartbeat_at is not None


def test_pending_runs_are_listed_oldest_first(people):
    with Session(people) as session:
        first = runs.request_run(session, trigger="schedule", as_of=AS_OF)
        second = runs.request_run(session, trigger="user", as_of=AS_OF)
        session.commit()
        assert runs.pending_runs(session) == [first.id, second.id]


def test_a_failed_run_mails_the_coordinators(people, monkeypatch):
    from matching.accounts import create_user
    from matching.models import OutboxMail
    from matching.models.user import UserCreate

    with Session(people) as session:
        org = session.exec(select(Organisation).where(Organisation.code == "m")).one()
        data = {
            "email": "coord@example.org",
            "name": "C",
            "role": "coordinator",
            "organisation_id": org.id,
            "password": "long enough, really",
        }
        create_user(session, user_in=UserCreate.model_validate(data))
        session.commit()

    def boom(*_args, **_kwargs):
        raise RuntimeError("solver exploded")

    monkeypatch.setattr(runs, "solve_assignment", boom)
    failed = run_once(people)
    with Session(people) as session:
        mail = session.exec(select(OutboxMail)).one()
    assert mail.recipient == "coord@example.org"
    assert str(failed.id) in mail.subject
    assert "solver exploded" in mail.body


def test_a_pinned_proposal_is_kept_even_when_a_more_urgent_family_appears(people):
    run_once(people)
    with Session(people) as session:
        bram = session.exec(select(Volunteer).where(Volunteer.name == "Bram")).one()
        pinned = session.exec(select(Proposal).where(Proposal.volunteer_id == bram.id)).one()
        pinned.pinned = True
        f3 = session.exec(select(Family).where(Family.reference == "F3")).one()
        f3.urgent, f3.stacked_problems = True, 2  # now more urgent than F2
        session.add_all([pinned, f3])
        session.commit()
        pinned_id = pinned.id
    run_once(people)
    with Session(people) as session:
        assert session.get(Proposal, pinned_id).status == "proposed"
    assert ("Bram", "F2") in open_pairs(people)
