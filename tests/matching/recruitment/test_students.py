"""One more student, or one more half-day: the options' gains equal a run on stored data."""

from __future__ import annotations

import statistics
from datetime import date

from sqlmodel import Session, select

from matching.models import Organisation, Preschool, Student
from matching.people.records import create_record
from matching.placement.problem import build_placement_instance
from matching.recruitment.students import StudentChange, student_gains
from matching.vocab import OrganisationKind
from seed import seed_database
from solver.placement.solve import solve_placement
from solver.status import SolveStatus

AS_OF = date(2026, 11, 26)


def priority_places(session: Session) -> int:
    """Group half-days of priority > 0 filled by a full placement run on the stored data."""
    instance = build_placement_instance(session, AS_OF, 0, 30.0)
    answer = solve_placement(instance.problem)
    priority = {g.id: g.priority for g in instance.problem.groups}
    return sum(1 for _, _, group, _ in answer.placements if priority[group] > 0)


def test_each_option_fills_what_a_run_with_the_change_stored_fills(session: Session) -> None:
    seed_database(session, size="small", seed=7, as_of=AS_OF)
    session.commit()
    gains = student_gains(session, AS_OF, per_kind=1)
    assert {o.change for o in gains.options} == set(StudentChange)
    assert gains.priority_places == priority_places(session)
    assert gains.open_priority_places > 0
    students = list(build_placement_instance(session, AS_OF, 0, 30.0).students)
    for option in gains.options:
        assert option.status == SolveStatus.OPTIMAL and option.priority_places > 0
        if option.change == StudentChange.EXTRA_HALF_DAY:
            stored = session.get(Student, option.student_id)
            assert stored is not None
            stored.sessions_required += 1
        else:
            stored = new_student(session, students, option.district, option.half_days)
        session.add(stored)
        session.flush()
        assert priority_places(session) == gains.priority_places + option.priority_places
        session.rollback()


def new_student(
    session: Session, students: list[Student], district: str, half_days: tuple[str, ...]
) -> Student:
    """A stored student of the option: at the mean point of the district's preschools."""
    schools = session.exec(select(Preschool).where(Preschool.district == district)).all()
    university = session.exec(
        select(Organisation).where(Organisation.kind == OrganisationKind.UNIVERSITY)
    ).first()
    assert university is not None
    return create_record(
        session,
        table=Student,
        data={
            "name": "New Student",
            "email": "new@student.example.nl",
            "organisation_id": university.id,
            "institution": "HU",
            "programme": "Pedagogiek",
            "postcode": schools[0].postcode,
            "lat": statistics.fmean(s.lat or 0.0 for s in schools),
            "lon": statistics.fmean(s.lon or 0.0 for s in schools),
            "district": district,
            "languages": ["nl"],
            "availability": list(half_days),
            "sessions_required": len(half_days),
            "max_travel_km": statistics.median(s.max_travel_km for s in students),
            "preferred_districts": [district],
            "period_start": date(2026, 9, 1),
            "period_end": date(2027, 6, 30),
        },
    )
