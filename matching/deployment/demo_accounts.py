"""The demo accounts and their public passwords, so production can refuse them.

The demo data (``seed/``) creates its accounts under ``DEMO_DOMAIN`` with ``DEMO_PASSWORDS``;
both live here so that ``matching`` can recognise them without importing ``seed``. The domain
check is one query (run at every production start); checking every account's hash against
the demo passwords costs a password hash per account and password, so only
``kansrijk check-deploy`` does that.
"""

from __future__ import annotations

from sqlalchemy import func
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlmodel import Session, col, select
from werkzeug.security import check_password_hash

from matching.models.user import User

DEMO_DOMAIN = "kansrijk.demo"
# Printed by ``kansrijk seed`` and in the README: public, so never valid in production.
DEMO_PASSWORDS = {
    "coordinator": "demo-coordinator",
    "partner": "demo-al-amal",
    "language_partner": "demo-taaldoetmeer",
    "student": "demo-student",
    "volunteer": "demo-volunteer",
}


def demo_domain_accounts(session: Session) -> list[str]:
    """E-mail addresses of active accounts under the demo domain (none when no user table)."""
    pattern = f"%@{DEMO_DOMAIN}"
    statement = select(User.email).where(
        col(User.active), func.lower(col(User.email)).like(pattern)
    )
    try:
        return list(session.exec(statement).all())
    except (OperationalError, ProgrammingError):  # not migrated yet: no accounts at all
        session.rollback()
        return []


def demo_password_accounts(session: Session) -> list[str]:
    """E-mail addresses of active accounts whose password is one of the demo passwords."""
    try:
        users = session.exec(select(User).where(col(User.active))).all()
    except (OperationalError, ProgrammingError):
        session.rollback()
        return []
    return [
        user.email
        for user in users
        if any(check_password_hash(user.password_hash, pw) for pw in DEMO_PASSWORDS.values())
    ]
