"""Minimised by default: mail tells no health or situation details; volunteers and students
can be erased too, and a student's account goes with them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, select

from matching.models import OutboxMail, User, Volunteer
from matching.models.signin import RecoveryCode, TwoFactor, UserSession
from matching.privacy.codes import ErasureRefusal, PersonKind
from matching.privacy.erasure import Actor, ErasureRefused, erase_person
from matching.signin.sessions import start_session
from matching.vocab import SITUATION_TAGS
from tests.matching import stored as make
from tests.matching.partner_world import TODAY, partner, started

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def test_the_new_trajectory_mail_tells_nothing_of_the_mothers_situation(session: Session):
    p = partner(session)
    p.mother.needs = ["pregnancy", "debt", "postnatal_mental_health"]
    p.mother.postcode = "3562 QZ"
    fatima = session.exec(select(Volunteer).where(Volunteer.name == "Fatima")).one()
    fatima.email = "fatima@example.nl"
    session.add_all([p.mother, fatima])
    session.commit()
    started(session, p)
    mails = session.exec(select(OutboxMail)).all()
    assert len(mails) == 1
    text = f"{mails[0].subject} {mails[0].body}".lower()
    due = p.mother.due_date or TODAY
    forbidden = [*SITUATION_TAGS, "zwanger", "schuld", "3562 qz", due.isoformat(), "ar"]
    assert [word for word in forbidden if f" {word}" in f" {text}"] == []


def test_a_volunteer_is_erased_and_refused_while_busy(session: Session) -> None:
    p = partner(session)
    busy = session.exec(select(Volunteer).where(Volunteer.name == "Samira")).one()
    with pytest.raises(ErasureRefused) as refused:
        erase_person(session, kind=PersonKind.VOLUNTEER, person_id=busy.id or 0,
                     actor=Actor("user:1"), today=TODAY, now=NOW)  # fmt: skip
    assert refused.value.code is ErasureRefusal.ACTIVE_MATCH
    session.rollback()
    free = session.exec(select(Volunteer).where(Volunteer.name == "Hanna")).one()
    erase_person(session, kind=PersonKind.VOLUNTEER, person_id=free.id or 0,
                 actor=Actor("user:1"), today=TODAY, now=NOW)  # fmt: skip
    session.commit()
    session.refresh(free)
    assert (free.name, free.email, free.languages, free.active) == (
        f"gewist-{free.id}",
        None,
        [],
        False,
    )
    assert free.district == "noordoost" and p.org.id == free.organisation_id


def test_a_student_and_their_account_are_erased(session: Session) -> None:
    hu = make.organisation(session, "hu", "Hogeschool Utrecht", "university")
    lotte = make.student(session, hu, "Lotte Visser", "zuidwest", period_end=date(2026, 7, 1))
    user = make.user(
        session, hu, "lotte@hu.example.nl", "student", "secret-123-kansrijk", student_id=lotte.id
    )
    start_session(session, user=user, now=NOW)
    enable_two_factor_rows(session, user.id or 0)
    session.commit()
    erase_person(session, kind=PersonKind.STUDENT, person_id=lotte.id or 0,
                 actor=Actor("user:1"), today=TODAY, now=NOW)  # fmt: skip
    session.commit()
    account = session.exec(select(User).where(User.student_id == lotte.id)).one()
    assert "lotte" not in account.email and not account.active
    assert account.password_hash.startswith("gewist")
    for table in (UserSession, TwoFactor, RecoveryCode):  # nothing of the account's sign-in stays
        assert session.exec(select(table).where(table.user_id == account.id)).all() == []
    session.refresh(lotte)
    assert (lotte.name, lotte.email, lotte.programme) == (f"gewist-{lotte.id}", "", lotte.programme)


def enable_two_factor_rows(session: Session, user_id: int) -> None:
    """A two-factor secret and a recovery code for the account, as enrolment leaves them."""
    session.add(TwoFactor(user_id=user_id, secret="JBSWY3DPEHPK3PXP"))
    session.add(RecoveryCode(user_id=user_id, code_hash="0" * 64))
