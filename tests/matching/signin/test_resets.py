"""Password change and reset: tokens stored hashed, single use, short expiry, sessions end."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from matching.accounts import authenticate
from matching.models import AuditEvent, PasswordReset
from matching.signin import sessions
from matching.signin.passwords import PasswordProblem, PasswordRefused
from matching.signin.policy import SigninPolicy
from matching.signin.resets import change_password, complete_reset, request_reset, valid_reset
from matching.signin.tokens import token_hash
from tests.matching.signin.conftest import NOW, PASSWORD

POLICY = SigninPolicy(reset_minutes=60)
EMAIL = "carla@utrecht.example.nl"
NEW = "een-nieuw-wachtwoord"


def ask(session, at=NOW, email=EMAIL):
    found = request_reset(session, email=email, policy=POLICY, now=at)
    session.commit()
    return found


def test_a_reset_for_a_known_address_stores_only_a_hash(session, user):
    found = ask(session)
    assert found is not None
    who, token = found
    row = session.exec(select(PasswordReset)).one()
    assert who.id == user.id and row.token_hash == token_hash(token)
    assert row.expires_at.replace(tzinfo=None) == (NOW + timedelta(hours=1)).replace(tzinfo=None)


def test_unknown_and_inactive_addresses_get_no_token(session, user):
    assert ask(session, email="nobody@example.nl") is None
    user.active = False
    session.add(user)
    assert ask(session) is None
    assert session.exec(select(PasswordReset)).all() == []


def test_a_second_request_within_a_minute_sends_nothing_new(session, user):
    assert ask(session) is not None
    assert ask(session, at=NOW + timedelta(seconds=30)) is None
    assert ask(session, at=NOW + timedelta(minutes=2)) is not None


def test_a_token_works_once(session, user):
    _, token = ask(session)
    assert complete_reset(session, token=token, new=NEW, now=NOW) is not None
    session.commit()
    assert authenticate(session, email=EMAIL, password=NEW) is not None
    assert complete_reset(session, token=token, new="nog-een-ander-wachtwoord", now=NOW) is None
    assert authenticate(session, email=EMAIL, password=NEW) is not None
    actions = [event.action for event in session.exec(select(AuditEvent)).all()]
    assert actions == ["password_reset"]


def test_an_expired_token_is_refused(session, user):
    _, token = ask(session)
    assert valid_reset(session, token=token, now=NOW + timedelta(minutes=59)) is not None
    late = NOW + timedelta(minutes=60)
    assert valid_reset(session, token=token, now=late) is None
    assert complete_reset(session, token=token, new=NEW, now=late) is None
    assert authenticate(session, email=EMAIL, password=PASSWORD) is not None


def test_a_reset_ends_every_session_and_spends_other_tokens(session, user):
    token_a = sessions.start_session(session, user=user, now=NOW)
    _, first = ask(session)
    _, second = ask(session, at=NOW + timedelta(minutes=2))
    complete_reset(session, token=second, new=NEW, now=NOW + timedelta(minutes=3))
    session.commit()
    assert sessions.find_session(session, token=token_a, policy=POLICY, now=NOW) is None
    assert valid_reset(session, token=first, now=NOW + timedelta(minutes=4)) is None


def test_a_policy_refusal_keeps_the_token(session, user):
    _, token = ask(session)
    with pytest.raises(PasswordRefused) as caught:
        complete_reset(session, token=token, new="12345678", now=NOW)
    session.rollback()
    assert caught.value.code == PasswordProblem.TOO_SHORT
    assert valid_reset(session, token=token, now=NOW) is not None


def test_change_needs_the_current_password_and_keeps_only_this_session(session, user):
    here = sessions.start_session(session, user=user, now=NOW)
    there = sessions.start_session(session, user=user, now=NOW)
    with pytest.raises(PasswordRefused) as caught:
        change_password(session, user=user, current="wrong-password-1", new=NEW, keep_token=here)
    assert caught.value.code == PasswordProblem.WRONG_CURRENT
    ended = change_password(session, user=user, current=PASSWORD, new=NEW, keep_token=here)
    session.commit()
    assert ended == 1
    assert sessions.find_session(session, token=here, policy=POLICY, now=NOW) is not None
    assert sessions.find_session(session, token=there, policy=POLICY, now=NOW) is None
    assert authenticate(session, email=EMAIL, password=NEW) is not None


def test_expired_tokens_are_deleted_at_the_next_request(session, user):
    ask(session)
    ask(session, at=NOW + timedelta(minutes=61), email="nobody@example.nl")
    assert session.exec(select(PasswordReset)).all() == []
