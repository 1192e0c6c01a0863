"""The tick: the unique key stops a second mailing even past the first check; one mail per
recipient and kind; the recipient's language; opt-outs; rules that see nothing due."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from matching.models import Notice, OutboxMail, Student, Volunteer
from matching.notices.due import Due
from matching.notices.links import NoticePage
from matching.notices.rules import vog_expiring
from matching.notices.settings import NoticeSettings
from matching.notices.tick import _claim, language_of, send_notices
from matching.outbox.texts import MailLanguage
from matching.vocab import NoticeKind
from tests.matching.notices.world import NOW, SECRET, TODAY, World, build

SETTINGS = NoticeSettings(base_url="https://kansrijk.example")


@pytest.fixture
def world(session: Session) -> World:
    return build(session)


def test_a_notice_claimed_elsewhere_is_not_claimed_again(session, world) -> None:
    """Another round committed the same event after this one looked: the insert is refused
    in its savepoint and the rest of the transaction goes on."""
    due = Due(NoticeKind.RUN_SUMMARY, "run:1", world.coordinator, NoticePage.RUN, 1)
    assert _claim(session, due, NOW) is not None
    session.commit()
    assert _claim(session, due, NOW) is None
    other = Due(NoticeKind.RUN_SUMMARY, "run:2", world.coordinator, NoticePage.RUN, 2)
    assert _claim(session, other, NOW) is not None
    session.commit()
    keys = session.exec(select(Notice.event_key).order_by(Notice.event_key)).all()
    assert keys == ["run:1", "run:2"]


def test_several_events_of_a_kind_go_in_one_mail(session, world) -> None:
    second = session.exec(select(Volunteer).where(Volunteer.name == "Hiba")).one()
    second.vog_valid_until = TODAY + timedelta(days=10)
    session.add(second)
    session.commit()
    count = send_notices(
        session, now=NOW, settings=SETTINGS, secret_key=SECRET, rules=(vog_expiring,)
    )
    session.commit()
    assert count == 3  # two VOGs for Carla, Anna's own for Anna
    (carla,) = session.exec(
        select(OutboxMail).where(OutboxMail.recipient == "carla@utrecht.nl")
    ).all()
    assert "Anna de Wit: geldig tot 2026-12-31" in carla.body
    assert "Hiba: geldig tot 2026-12-11" in carla.body
    again = send_notices(
        session,
        now=NOW + timedelta(hours=1),
        settings=SETTINGS,
        secret_key=SECRET,
        rules=(vog_expiring,),
    )
    assert again == 0


def test_a_renewed_vog_is_a_new_event(session, world) -> None:
    send_notices(session, now=NOW, settings=SETTINGS, secret_key=SECRET, rules=(vog_expiring,))
    anna = session.exec(select(Volunteer).where(Volunteer.name == "Anna de Wit")).one()
    anna.vog_valid_until = TODAY + timedelta(days=20)  # a new date, inside the window again
    session.add(anna)
    count = send_notices(
        session, now=NOW, settings=SETTINGS, secret_key=SECRET, rules=(vog_expiring,)
    )
    assert count == 2
    anna.vog_valid_until = TODAY + timedelta(days=400)  # renewed for good: nothing due
    session.add(anna)
    assert list(vog_expiring(session, NOW, SETTINGS)) == []


def test_an_inactive_account_gets_nothing(session, world) -> None:
    world.coordinator.active = False
    session.add(world.coordinator)
    send_notices(session, now=NOW, settings=SETTINGS, secret_key=SECRET, rules=(vog_expiring,))
    recipients = session.exec(select(OutboxMail.recipient)).all()
    assert "carla@utrecht.nl" not in recipients and "anna@example.nl" in recipients


def test_the_mail_language(session, world) -> None:
    assert language_of(session, world.coordinator) == MailLanguage.NL
    world.coordinator.language = "en"
    assert language_of(session, world.coordinator) == MailLanguage.EN
    # A student without a choice: their record's languages decide (English only if no Dutch).
    student = session.get(Student, world.sanne.student_id)
    student.languages = ["en", "ar"]
    session.add(student)
    assert language_of(session, world.sanne) == MailLanguage.EN
