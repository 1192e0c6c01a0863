"""Who receives a notice: coordinators, organisation users, a student's or volunteer's account."""

from __future__ import annotations

from sqlmodel import Session, col, select

from matching.models import User
from matching.vocab import Role


def coordinators(session: Session) -> list[User]:
    """Every active coordinator."""
    query = select(User).where(User.role == Role.COORDINATOR, col(User.active))
    return list(session.exec(query.order_by(col(User.id))).all())


def organisation_users(session: Session) -> dict[int, list[User]]:
    """Active organisation users by their organisation's id."""
    query = select(User).where(User.role == Role.ORGANISATION, col(User.active))
    found: dict[int, list[User]] = {}
    for user in session.exec(query.order_by(col(User.id))).all():
        found.setdefault(user.organisation_id, []).append(user)
    return found


def student_users(session: Session) -> dict[int, User]:
    """Active student accounts by the student's id."""
    query = select(User).where(
        User.role == Role.STUDENT, col(User.active), col(User.student_id).is_not(None)
    )
    return {user.student_id: user for user in session.exec(query).all() if user.student_id}


def volunteer_users(session: Session) -> dict[int, User]:
    """Active volunteer accounts by the volunteer's id."""
    query = select(User).where(
        User.role == Role.VOLUNTEER, col(User.active), col(User.volunteer_id).is_not(None)
    )
    return {user.volunteer_id: user for user in session.exec(query).all() if user.volunteer_id}
