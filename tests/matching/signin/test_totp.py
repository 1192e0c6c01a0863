"""TOTP with a frozen clock: now's code works, an old one does not, no code twice, and
recovery codes work once."""

from __future__ import annotations

from datetime import timedelta

import pyotp
from sqlmodel import select

from matching.models import RecoveryCode, TwoFactor
from matching.signin import totp
from tests.matching.signin.conftest import NOW


def code_at(row, moment):
    return pyotp.TOTP(row.secret).at(moment)


def enrol(session, user):
    row = totp.pending_secret(session, user=user)
    codes = totp.confirm(session, user=user, code=code_at(row, NOW), now=NOW)
    session.commit()
    return row, codes


def check(session, user, code, at):
    ok = totp.check_second_factor(session, user_id=user.id, code=code, now=at)
    session.commit()
    return ok


def test_the_secret_is_offered_as_an_otpauth_address(session, user):
    row = totp.pending_secret(session, user=user)
    uri = totp.provisioning_uri(row, email=user.email)
    assert uri.startswith("otpauth://totp/Kansrijk%20Match:carla%40utrecht.example.nl?secret=")
    assert totp.pending_secret(session, user=user).secret == row.secret
    assert not totp.enabled(session, user_id=user.id)


def test_a_wrong_code_does_not_turn_it_on(session, user):
    row = totp.pending_secret(session, user=user)
    wrong = f"{(int(code_at(row, NOW)) + 1) % 1_000_000:06d}"
    assert totp.confirm(session, user=user, code=wrong, now=NOW) is None
    assert not totp.enabled(session, user_id=user.id)


def test_enrolment_gives_ten_recovery_codes_stored_hashed(session, user):
    _, codes = enrol(session, user)
    assert totp.enabled(session, user_id=user.id)
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = {row.code_hash for row in session.exec(select(RecoveryCode)).all()}
    assert len(stored) == 10 and not set(codes) & stored


def test_a_code_for_now_works_and_cannot_be_replayed(session, user):
    row, _ = enrol(session, user)
    later = NOW + timedelta(minutes=5)
    code = code_at(row, later)
    assert check(session, user, code, later)
    assert not check(session, user, code, later)  # same code, same 30 s window
    assert not check(session, user, code, later + timedelta(seconds=20))


def test_one_step_of_drift_is_allowed_but_an_old_code_is_refused(session, user):
    row, _ = enrol(session, user)
    later = NOW + timedelta(minutes=5)
    assert not check(session, user, code_at(row, later - timedelta(seconds=90)), later)
    assert not check(session, user, code_at(row, later - timedelta(minutes=2)), later)
    assert check(session, user, code_at(row, later - timedelta(seconds=30)), later)
    assert session.get(TwoFactor, user.id).last_step == int(later.timestamp()) // 30 - 1


def test_the_enrolment_code_cannot_sign_in_again(session, user):
    row, _ = enrol(session, user)
    assert not check(session, user, code_at(row, NOW), NOW + timedelta(seconds=10))


def test_recovery_codes_are_single_use(session, user):
    _, codes = enrol(session, user)
    at = NOW + timedelta(minutes=1)
    assert check(session, user, codes[0].upper().replace("-", " "), at)
    assert not check(session, user, codes[0], at)
    assert totp.recovery_codes_left(session, user_id=user.id) == 9
    assert check(session, user, codes[1], at)
    assert not check(session, user, "aaaa-bbbb-cccc-dddd", at)


def test_turning_off_forgets_the_secret_and_codes(session, user):
    enrol(session, user)
    totp.turn_off(session, user=user)
    session.commit()
    assert not totp.enabled(session, user_id=user.id)
    assert session.exec(select(RecoveryCode)).all() == []
