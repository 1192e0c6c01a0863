"""What the audit trail records of signing in: the kinds of record and the actions."""

from __future__ import annotations

from enum import StrEnum


class SigninEntity(StrEnum):
    """The records that sign-in events are about."""

    USER = "user"
    LOGIN_THROTTLE = "login_throttle"


class SigninAction(StrEnum):
    """What happened to them."""

    LOCK_LIFTED = "lock_lifted"
    PASSWORD_CHANGED = "password_changed"
    PASSWORD_RESET = "password_reset"
    TWO_FACTOR_ON = "two_factor_on"
    TWO_FACTOR_OFF = "two_factor_off"
