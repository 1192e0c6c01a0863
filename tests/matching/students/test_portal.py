"""The student's own profile (a change after placement is flagged), placement and feed token."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlmodel import Session, select

from matching.models import AuditEvent, Organisation, Preschool, Student, User
from matching.people.scoping import NotOwned
from matching.people.validation import InvalidRecord
from matching.placement.problem import build_placement_instance
from matching.students.calendar_token import issue_token, revoke_token, student_by_token
from matching.students.placement import parse_hours, placements_of
from matching.students.profile import (
    own_student,
    preschool_choices,
    preschool_names,
    update_student_profile,
)
from tests.matching import placements as place
from tests.matching import stored as make


def _student(session: Session) -> tuple[Student, User, Organisation]:
    """A HU student with an account, and a preschool provider."""
    hu = make.organisation(session, "hu", "Hogeschool Utrecht", "university")
    provider = make.organisation(session, "spelenderwijs", "Spelenderwijs", "preschool_provider")
    student = make.student(
        session,
        hu,
        "Lotte Visser",
        "overvecht",
        availability=["mon_am", "wed_pm", "thu_am"],
        period_start=date(2026, 9, 1),
        period_end=date(2027, 7, 15),
    )
    user = make.user(
        session, hu, "lotte@hu.example.nl", "student", "secret-123-kansrijk", student_id=student.id
    )
    return student, user, provider


def _placed(session: Session) -> tuple[Student, User, object]:
    """The student with a confirmed placement on Monday morning and Wednesday afternoon."""
    student, user, provider = _student(session)
    school = place.preschool(session, provider, "De Regenboog", "overvecht")
    vlinders = place.group(session, school, "Vlinders", ["mon_am", "wed_pm", "thu_am"])
    chosen = place.slots((vlinders, "mon_am"), (vlinders, "wed_pm"))
    placement = place.placement(session, student, school, chosen)
    session.commit()
    return student, user, placement


def test_profile_change_before_placement_is_not_flagged(session: Session) -> None:
    """Without a placement, a change is saved and nothing is flagged."""
    student, user, _ = _student(session)
    change = update_student_profile(
        session, student=student, changes={"availability": ["tue_am", "tue_pm"]}, user=user
    )
    assert change.changed == ("availability",) and not change.flagged
    assert student.availability == ["tue_am", "tue_pm"] and not student.availability_changed
    assert session.exec(select(AuditEvent)).all() == []


def test_availability_change_after_placement_is_flagged(session: Session) -> None:
    """After placement the change is saved, flagged on the student and written to the audit."""
    student, user, placement = _placed(session)
    change = update_student_profile(
        session, student=student, changes={"availability": ["mon_am", "thu_am"]}, user=user
    )
    session.commit()
    assert change.flagged and student.availability_changed
    assert placement.status == "active"  # the placement stays until the coordinator acts
    (event,) = session.exec(select(AuditEvent)).all()
    assert (event.entity, event.entity_id, event.action) == (
        "placement",
        placement.id,
        "student_changed",
    )
    assert event.detail["fields"] == ["availability"]
    assert event.detail["before"]["availability"] == ["mon_am", "wed_pm", "thu_am"]


def test_next_run_finds_the_broken_placement(session: Session) -> None:
    """Dropping a placed half-day makes the next run's instance flag the placement."""
    student, user, placement = _placed(session)
    update_student_profile(
        session, student=student, changes={"availability": ["mon_am"]}, user=user
    )
    session.commit()
    instance = build_placement_instance(session, date(2026, 11, 26), seed=1, time_limit_s=1.0)
    broken, rule = instance.broken[student.id or 0]
    assert broken.id == placement.id and rule == "half_days"


def test_language_change_after_placement_is_not_flagged(session: Session) -> None:
    """Languages and districts do not endanger a placement: saved, not flagged."""
    student, user, _ = _placed(session)
    change = update_student_profile(
        session,
        student=student,
        changes={"languages": ["nl", "tr"], "preferred_districts": ["west"]},
        user=user,
    )
    assert change.changed == ("languages", "preferred_districts") and not change.flagged
    assert not student.availability_changed


def test_invalid_profile_changes_nothing(session: Session) -> None:
    """An unknown language or an end before the start is refused, naming the field."""
    student, user, _ = _placed(session)
    with pytest.raises(InvalidRecord) as refused:
        update_student_profile(
            session, student=student, changes={"languages": ["xx-not"]}, user=user
        )
    assert refused.value.fields == ["languages"]
    with pytest.raises(InvalidRecord) as refused:
        update_student_profile(
            session, student=student, changes={"period_end": date(2026, 8, 1)}, user=user
        )
    assert refused.value.fields == ["period_end"]
    assert student.languages == ["nl"] and student.period_end == date(2027, 7, 15)
    with pytest.raises(ValueError, match="may not change"):
        update_student_profile(session, student=student, changes={"email": "x@y.nl"}, user=user)


def test_preferred_preschools_are_saved_without_a_flag(session: Session) -> None:
    """Preferring a preschool never endangers a placement, so it is not flagged."""
    student, user, _ = _placed(session)
    school = session.exec(select(Preschool)).one()
    change = update_student_profile(
        session, student=student, changes={"preferred_preschools": [school.id]}, user=user
    )
    assert change.changed == ("preferred_preschools",) and not change.flagged
    assert student.preferred_preschools == [school.id]
    assert preschool_names(session, [school.id, 99_999]) == ["De Regenboog"]


@pytest.mark.parametrize(
    ("ids", "reason"),
    [
        ([99_999], "is not an active preschool"),
        ([1, 2, 3, 4, 5, 6], "at most 5"),
        (["De Regenboog"], "a whole number"),
        ([0], "a whole number"),
    ],
)
def test_bad_preferred_preschools_are_refused_and_nothing_changes(
    session: Session, ids: list[object], reason: str
) -> None:
    student, user, _ = _placed(session)
    with pytest.raises(InvalidRecord) as refused:
        update_student_profile(
            session, student=student, changes={"preferred_preschools": ids}, user=user
        )
    assert refused.value.fields == ["preferred_preschools"]
    assert reason in str(refused.value)
    assert student.preferred_preschools == []


def test_an_inactive_preschool_cannot_be_preferred(session: Session) -> None:
    student, user, _ = _placed(session)
    school = session.exec(select(Preschool)).one()
    school.active = False
    session.add(school)
    session.flush()
    with pytest.raises(InvalidRecord, match="is not an active preschool"):
        update_student_profile(
            session, student=student, changes={"preferred_preschools": [school.id]}, user=user
        )
    assert preschool_choices(session) == []


def test_placement_and_proposal_as_the_student_reads_them(session: Session) -> None:
    """Confirmed placement first with hours per half-day, then an open proposal."""
    student, _user, placement = _placed(session)
    provider = session.exec(select(Organisation).where(Organisation.code == "spelenderwijs")).one()
    late = place.preschool(session, provider, "De Uil", "zuidwest", morning_hours="09:00-12:00")
    uilen = place.group(session, late, "Uilen", ["thu_am"])
    place.proposal(session, student, late, place.slots((uilen, "thu_am")))
    session.commit()
    confirmed, proposed = placements_of(session, student)
    assert (confirmed.status, confirmed.record_id, confirmed.preschool_name) == (
        "confirmed",
        placement.id,
        "De Regenboog",
    )
    assert [(s.half_day, s.start, s.end, s.groups) for s in confirmed.slots] == [
        ("mon_am", time(8, 30), time(12, 30), ("Vlinders",)),
        ("wed_pm", time(13, 0), time(16, 30), ("Vlinders",)),
    ]
    assert confirmed.address == "Kastanjelaan 12" and confirmed.contact.startswith("Meryem")
    assert proposed.status == "proposed" and proposed.preschool_name == "De Uil"
    assert [(s.half_day, s.start) for s in proposed.slots] == [("thu_am", time(9, 0))]
    assert (proposed.period_start, proposed.period_end) == (
        student.period_start,
        student.period_end,
    )


def test_own_student_and_hours(session: Session) -> None:
    """An account without a student record finds none; hours that end first are refused."""
    with pytest.raises(NotOwned):
        own_student(session, None)
    with pytest.raises(NotOwned):
        own_student(session, 999)
    with pytest.raises(ValueError, match="end before"):
        parse_hours("12:30-08:30")


def test_calendar_token_issue_renew_revoke(session: Session) -> None:
    """A token finds its student; a renewed one replaces it; a revoked one finds nobody."""
    student, user, _ = _placed(session)
    first = issue_token(session, student=student, user=user)
    session.commit()
    assert len(first) >= 40 and student_by_token(session, first) == student
    second = issue_token(session, student=student, user=user)
    session.commit()
    assert second != first
    assert student_by_token(session, first) is None
    assert student_by_token(session, second) == student
    revoke_token(session, student=student, user=user)
    session.commit()
    assert student.calendar_token is None and student_by_token(session, second) is None
    actions = [e.action for e in session.exec(select(AuditEvent).order_by(AuditEvent.id)).all()]
    assert actions == ["calendar_issued", "calendar_renewed", "calendar_revoked"]
    assert all(second not in str(e.detail) for e in session.exec(select(AuditEvent)).all())


def test_wrong_tokens_find_nobody(session: Session) -> None:
    """A near miss (same selector), a malformed token or an inactive student: None alike."""
    student, user, _ = _placed(session)
    token = issue_token(session, student=student, user=user)
    session.commit()
    near_miss = token[:-1] + ("A" if token[-1] != "A" else "B")
    for wrong in (near_miss, "short", "../../etc/passwd", token + "x" * 40, ""):
        assert student_by_token(session, wrong) is None, wrong
    student.active = False
    session.commit()
    assert student_by_token(session, token) is None
