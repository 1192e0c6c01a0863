"""Accounts of people who sign in: hashed passwords, sign-in checks."""

from __future__ import annotations

from functools import cache

from sqlmodel import Session, select
from werkzeug.security import check_password_hash, generate_password_hash

from matching.models.user import User, UserCreate
from matching.people.records import validated


@cache
def _dummy_hash() -> str:
    """Checked for unknown addresses: a wrong address costs as much as a wrong password.

    Computed at the first sign-in, not at import, so that commands start fast.
    """
    return generate_password_hash("not-a-real-password-kansrijk")


def create_user(session: Session, *, user_in: UserCreate) -> User:
    """Store a new user with a salted hash of the password."""
    checked = validated(UserCreate, user_in.model_dump())
    data = checked.model_dump(exclude={"password"})
    user = validated(User, {**data, "password_hash": generate_password_hash(checked.password)})
    session.add(user)
    session.flush()
    return user


def user_by_email(session: Session, *, email: str) -> User | None:
    """The user with this e-mail address, if any."""
    return session.exec(select(User).where(User.email == email.strip().lower())).first()


def authenticate(session: Session, *, email: str, password: str) -> User | None:
    """The active user whose password matches, else None (same cost either way)."""
    user = user_by_email(session, email=email)
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    if not check_password_hash(user.password_hash, password) or not user.active:
        return None
    return user


def password_matches(user: User, password: str) -> bool:
    """Whether the password is the user's (one hash computed)."""
    return check_password_hash(user.password_hash, password)


def set_password(session: Session, *, user: User, password: str) -> None:
    """Store a new password for the user, hashed, if the policy accepts it."""
    from matching.signin.passwords import PasswordRefused, password_problem

    problem = password_problem(password)
    if problem is not None:
        raise PasswordRefused(problem)
    user.password_hash = generate_password_hash(password)
    session.add(user)
    session.flush()
