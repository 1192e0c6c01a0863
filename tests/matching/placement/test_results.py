"""Placement rules one by one, and a placement run on a real database."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from matching.models import (
    Group,
    MatchingRun,
    Organisation,
    Placement,
    Preschool,
    Proposal,
    Student,
)
from matching.people.records import create_record, update_record, validated
from matching.placement.rules import (
    Site,
    enough_free_sessions,
    first_broken_placement_rule,
    group_priority,
    placement_score_parts,
    within_student_travel,
)
from matching.runs import execution as runs
from matching.vocab import RunStatus
from solver.placement.answer import PlacementSolution
from web.coordinator.labels import PLACEMENT_PART_LABELS

AS_OF = date(2026, 11, 26)


def student(**changes) -> Student:
    data = {
        "id": 1,
        "name": "Sanne",
        "email": "s@example.org",
        "organisation_id": 1,
        "institution": "HU",
        "programme": "Pabo",
        "languages": ["nl", "ar"],
        "postcode": "3526",
        "availability": ["mon_am", "tue_am"],
        "sessions_required": 2,
        "period_start": date(2026, 9, 1),
        "period_end": date(2027, 6, 30),
        "max_travel_km": 5,
    }
    data.update(changes)
    return validated(Student, data)


def site(postcode="3527", reduced=True, sessions=("mon_am", "tue_am"), languages=("ar",)) -> Site:
    school = validated(
        Preschool,
        {
            "id": 1,
            "name": "De Vlinder",
            "organisation_id": 1,
            "address": "Straat 1",
            "postcode": postcode,
        },
    )
    group = validated(
        Group,
        {
            "id": 1,
            "preschool_id": 1,
            "name": "Rups",
            "children_count": 12,
            "reduced": reduced,
            "sessions": list(sessions),
            "home_languages": list(languages),
            "students_wanted": 1,
        },
    )
    return Site(school, (group,))


def test_a_clean_pair_passes_both_rules():
    assert first_broken_placement_rule(student(), site()) is None


def test_a_preschool_beyond_travel_breaks_the_distance_rule():
    assert not within_student_travel(student(max_travel_km=1), site(postcode="3451"))
    assert (
        first_broken_placement_rule(student(max_travel_km=1), site(postcode="3451")) == "distance"
    )


def test_too_few_free_half_days_break_the_half_day_rule():
    assert not enough_free_sessions(student(availability=["mon_am"]), site())
    assert enough_free_sessions(student(), site())


def test_reduced_groups_in_priority_districts_weigh_most():
    in_zuidwest = site(postcode="3527")
    assert group_priority(in_zuidwest.groups[0], in_zuidwest.preschool) == 3
    oost = site(postcode="3581", reduced=False)
    assert group_priority(oost.groups[0], oost.preschool) == 0


def test_home_language_spoken_earns_points():
    assert placement_score_parts(student(), site(languages=("ar",)))["home_languages"] == 10
    assert placement_score_parts(student(), site(languages=("tr",)))["home_languages"] == 0


def test_a_preferred_preschool_earns_points_and_a_word():
    assert placement_score_parts(student(preferred_preschools=[1]), site())["preschool"] == 15
    assert placement_score_parts(student(preferred_preschools=[2]), site())["preschool"] == 0
    # The word: the review page labels the score part (the English sentence that a proposal
    # once stored, and no page showed, is gone with Proposal.explanation).
    assert PLACEMENT_PART_LABELS["preschool"]._args == ("Preferred preschool",)


@pytest.fixture
def school_world(engine):
    with Session(engine) as session:
        hu = create_record(
            session, table=Organisation, data={"code": "hu", "name": "HU", "kind": "university"}
        )
        koko = create_record(
            session,
            table=Organisation,
            data={"code": "koko", "name": "KOKO", "kind": "preschool_provider"},
        )
        near = create_record(
            session,
            table=Preschool,
            data={
                "name": "Dichtbij",
                "organisation_id": koko.id,
                "address": "A 1",
                "postcode": "3527 AA",
            },
        )
        far = create_record(
            session,
            table=Preschool,
            data={
                "name": "Veraf",
                "organisation_id": koko.id,
                "address": "B 2",
                "postcode": "3561 BB",
            },
        )
        for school, reduced in ((near, True), (far, False)):
            create_record(
                session,
                table=Group,
                data={
                    "preschool_id": school.id,
                    "name": "Groep",
                    "children_count": 12,
                    "reduced": reduced,
                    "sessions": ["mon_am", "tue_am", "wed_am"],
                    "students_wanted": 1,
                },
            )
        for name in ("Sanne", "Youssef"):
            create_record(
                session,
                table=Student,
                data={
                    "name": name,
                    "email": f"{name}@hu.nl",
                    "organisation_id": hu.id,
                    "institution": "HU",
                    "programme": "Pabo",
                    "languages": ["nl"],
                    "postcode": "3526",
                    "availability": ["mon_am", "tue_am", "wed_am"],
                    "sessions_required": 2,
                    "period_start": date(2026, 9, 1),
                    "period_end": date(2027, 6, 30),
                    "max_travel_km": 10,
                },
            )
        session.commit()
    return engine


def run_once(engine) -> MatchingRun:
    with Session(engine) as session:
        run = runs.request_run(session, trigger="cli", as_of=AS_OF)
        session.commit()
        run_id = run.id
    return runs.execute_run(engine, run_id)


def test_a_run_places_every_student_with_their_half_days(school_world):
    done = run_once(school_world)
    assert done.status == RunStatus.SUCCEEDED, done.error
    assert done.stats["placement"]["placed"] == 2
    with Session(school_world) as session:
        proposals = session.exec(select(Proposal).where(Proposal.kind == "placement")).all()
    assert len(proposals) == 2
    for proposal in proposals:
        assert len(proposal.slots) == 2
        assert proposal.score_parts["half_days"] == [s["half_day"] for s in proposal.slots]
    # The reduced group in Zuidwest (weight 3) has three places a week for four half-days of
    # work: one student fills two of them, the other goes to Overvecht (weight 1).
    assert sorted(p.preschool_id for p in proposals) == [1, 2]
    assert done.stats["placement"]["objective"]["priority_coverage"] == 2 * 3 + 2 * 1


def test_an_availability_change_flags_the_placement(school_world):
    with Session(school_world) as session:
        sanne = session.exec(select(Student).where(Student.name == "Sanne")).one()
        session.add(
            Placement(
                student_id=sanne.id,
                preschool_id=1,
                period_start=date(2026, 9, 1),
                period_end=date(2027, 6, 30),
                confirmed=True,
                slots=[
                    {"group_id": 1, "half_day": "mon_am"},
                    {"group_id": 1, "half_day": "tue_am"},
                ],
            )
        )
        update_record(session, row=sanne, changes={"availability": ["mon_am", "wed_am"]})
        session.commit()
    done = run_once(school_world)
    assert done.status == RunStatus.SUCCEEDED, done.error
    with Session(school_world) as session:
        placement = session.exec(select(Placement)).one()
        assert placement.status == "active"
        assert placement.broken_rule == "half_days"
        repair = session.exec(
            select(Proposal).where(Proposal.repairs_placement_id == placement.id)
        ).one()
        assert repair.student_id == placement.student_id


def test_a_rejected_preschool_is_not_proposed_again(school_world):
    run_once(school_world)
    with Session(school_world) as session:
        first = session.exec(select(Proposal).where(Proposal.preschool_id == 1)).one()
        first.status, first.reason = "rejected", "too far by bike"
        session.add(first)
        session.commit()
        rejected_student = first.student_id
    run_once(school_world)
    with Session(school_world) as session:
        again = session.exec(
            select(Proposal).where(
                Proposal.status == "proposed", Proposal.student_id == rejected_student
            )
        ).all()
    assert [p.preschool_id for p in again] == [2]


def test_a_placement_without_answer_in_time_leaves_placements_alone(school_world, monkeypatch):
    first = run_once(school_world)
    with Session(school_world) as session:
        before = sorted((p.id, p.status) for p in session.exec(select(Proposal)))
    unknown = PlacementSolution("UNKNOWN", (), (), {}, {}, {}, 30.0)

    class NoAnswerInTime:
        """A started placement (solver.placement.solve.PendingPlacement) with no answer."""

        def __init__(self, problem):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            pass

        def result(self):
            return unknown

    monkeypatch.setattr(runs, "start_placement", NoAnswerInTime)
    second = run_once(school_world)
    assert second.status == "succeeded"
    assert second.solver_status == "UNKNOWN"
    assert second.stats["placement"]["status"] == "UNKNOWN"
    with Session(school_world) as session:
        after = sorted((p.id, p.status) for p in session.exec(select(Proposal)))
    assert after == before
    assert first.stats["placement"]["placed"] == 2
