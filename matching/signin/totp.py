"""Two-factor sign-in with an authenticator app (TOTP, RFC 6238, 30-second steps, 6 digits)
and ten single-use recovery codes stored as hashes.

A code is accepted for the current step or one step either side (clock drift), and only for
a step later than the last one used, so a code cannot be replayed within its window.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime

import pyotp
from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from matching.audit.trail import record_event
from matching.models import RecoveryCode, TwoFactor, User
from matching.models.common import require_id
from matching.signin.events import SigninAction, SigninEntity
from matching.signin.tokens import token_hash

ISSUER = "Kansrijk Match"
STEP_S = 30
DRIFT_STEPS = 1
RECOVERY_CODES = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def enabled(session: Session, *, user_id: int) -> bool:
    """Whether the user signs in with a second factor."""
    row = session.get(TwoFactor, user_id)
    return row is not None and row.enabled_at is not None


def pending_secret(session: Session, *, user: User) -> TwoFactor:
    """The not-yet-confirmed secret of the user, made if there is none."""
    if user.id is None:
        raise ValueError("a user must be stored first")
    row = session.get(TwoFactor, user.id)
    if row is not None and row.enabled_at is not None:
        raise ValueError("two-factor sign-in is already on")
    if row is None:
        row = TwoFactor(user_id=user.id, secret=pyotp.random_base32())
        session.add(row)
        session.flush()
    return row


def provisioning_uri(row: TwoFactor, *, email: str) -> str:
    """The otpauth:// address an authenticator app reads (as a QR code or typed)."""
    return pyotp.TOTP(row.secret, interval=STEP_S).provisioning_uri(name=email, issuer_name=ISSUER)


def _matching_step(row: TwoFactor, code: str, now: datetime) -> int | None:
    """The time step within the drift window whose code this is, if any."""
    totp = pyotp.TOTP(row.secret, interval=STEP_S)
    current = int(now.timestamp()) // STEP_S
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.at(step * STEP_S), code):
            return step
    return None


def check_code(session: Session, *, row: TwoFactor, code: str, now: datetime) -> bool:
    """Whether the app's code is right now and not used before; a right code is spent."""
    code = code.strip().replace(" ", "")
    if not (len(code) == 6 and code.isdigit()):
        return False
    step = _matching_step(row, code, now)
    if step is None or step <= row.last_step:
        return False
    spent = session.exec(
        update(TwoFactor)
        .where(col(TwoFactor.user_id) == row.user_id, col(TwoFactor.last_step) < step)
        .values(last_step=step)
    )
    return bool(spent.rowcount == 1)  # a parallel request with the same code loses


def confirm(session: Session, *, user: User, code: str, now: datetime) -> list[str] | None:
    """Turn two-factor on once the app shows the right code; return the new recovery codes."""
    row = pending_secret(session, user=user)
    if not check_code(session, row=row, code=code, now=now):
        return None
    row.enabled_at = now
    session.add(row)
    codes = new_recovery_codes(session, user_id=row.user_id)
    record_event(
        session, actor=f"user:{user.id}", actor_user_id=user.id, entity=SigninEntity.USER,
        entity_id=require_id(user), action=SigninAction.TWO_FACTOR_ON,
    )  # fmt: skip
    return codes


def _recovery_code() -> str:
    """16 random characters (80 bits) in four groups: xxxx-xxxx-xxxx-xxxx."""
    chars = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(16))
    return "-".join(chars[i : i + 4] for i in range(0, 16, 4))


def _normal(code: str) -> str:
    """A recovery code as typed, without spaces, dashes and capitals."""
    return "".join(char for char in code.lower() if char.isalnum())


def new_recovery_codes(session: Session, *, user_id: int) -> list[str]:
    """Replace the user's recovery codes with ten new ones; only their hashes are stored."""
    session.exec(delete(RecoveryCode).where(col(RecoveryCode.user_id) == user_id))
    codes = [_recovery_code() for _ in range(RECOVERY_CODES)]
    for code in codes:
        session.add(RecoveryCode(user_id=user_id, code_hash=token_hash(_normal(code))))
    session.flush()
    return codes


def use_recovery_code(session: Session, *, user_id: int, code: str, now: datetime) -> bool:
    """Whether this is an unused recovery code of the user; it is spent at once."""
    spent = session.exec(
        update(RecoveryCode)
        .where(
            col(RecoveryCode.user_id) == user_id,
            col(RecoveryCode.code_hash) == token_hash(_normal(code)),
            col(RecoveryCode.used_at).is_(None),
        )
        .values(used_at=now)
    )
    return bool(spent.rowcount == 1)


def check_second_factor(session: Session, *, user_id: int, code: str, now: datetime) -> bool:
    """An app code or, failing that, a recovery code of the user."""
    row = session.get(TwoFactor, user_id)
    if row is None or row.enabled_at is None:
        return False
    if check_code(session, row=row, code=code, now=now):
        return True
    return len(_normal(code)) == 16 and use_recovery_code(
        session, user_id=user_id, code=code, now=now
    )


def recovery_codes_left(session: Session, *, user_id: int) -> int:
    """How many recovery codes the user has not used."""
    rows = session.exec(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user_id, col(RecoveryCode.used_at).is_(None)
        )
    ).all()
    return len(rows)


def turn_off(session: Session, *, user: User) -> None:
    """Turn two-factor off: forget the secret and the recovery codes."""
    row = session.get(TwoFactor, user.id)
    if row is not None:
        session.delete(row)
    session.exec(delete(RecoveryCode).where(col(RecoveryCode.user_id) == user.id))
    record_event(
        session, actor=f"user:{user.id}", actor_user_id=user.id, entity=SigninEntity.USER,
        entity_id=require_id(user), action=SigninAction.TWO_FACTOR_OFF,
    )  # fmt: skip
    session.flush()
