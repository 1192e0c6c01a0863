"""Inviting a volunteer to sign in: an account without a usable password, and a single-use,
expiring link to choose one (the password-reset token machinery), mailed through the outbox.

Volunteers never register themselves: a coordinator invites any volunteer, an organisation
user only its own (``organisation_id``).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select
from werkzeug.security import generate_password_hash

from matching.accounts import user_by_email
from matching.audit.trail import user_event
from matching.errors import DomainError, InviteProblem
from matching.models import PasswordReset, User, Volunteer
from matching.models.common import require_id
from matching.outbox.queue import enqueue_mail
from matching.outbox.texts import MailTemplate, mail_language, render_mail
from matching.people.scoping import NotOwned
from matching.signin.tokens import new_token, token_hash
from matching.vocab import AuditAction, AuditEntity, Role


class InviteError(DomainError):
    """A volunteer who cannot be invited; ``code`` says why, ``field`` names the field."""

    field = "email"


@dataclass(frozen=True)
class Invited:
    """The volunteer invited and their account (the token went out by mail only)."""

    volunteer: Volunteer
    user: User


@dataclass(frozen=True)
class Refused:
    """A volunteer of a bulk invitation who was not invited, and why."""

    volunteer_id: int
    name: str
    code: str


def _volunteer(session: Session, volunteer_id: int, organisation_id: int | None) -> Volunteer:
    """The volunteer to invite, within the organisation when one is given (else NotOwned)."""
    volunteer = session.get(Volunteer, volunteer_id)
    if volunteer is None or volunteer.erased_at is not None:
        raise NotOwned(Volunteer, volunteer_id)
    if organisation_id is not None and volunteer.organisation_id != organisation_id:
        raise NotOwned(Volunteer, volunteer_id)
    return volunteer


def _account(session: Session, volunteer: Volunteer) -> User:
    """The volunteer's account, made now without a usable password when there is none."""
    found = session.exec(select(User).where(User.volunteer_id == volunteer.id)).first()
    if found is not None:
        if not found.active:
            raise InviteError(InviteProblem.INACTIVE, "account inactive", name=volunteer.name)
        return found
    email = (volunteer.email or "").strip().lower()
    if user_by_email(session, email=email) is not None:
        raise InviteError(InviteProblem.EMAIL_TAKEN, "email: in use", name=volunteer.name)
    # A random secret nobody knows: the account signs in only once the link set a password.
    # Cheap hashing suffices for 256 random bits, and keeps a bulk invitation fast.
    placeholder = generate_password_hash(secrets.token_urlsafe(32), method="pbkdf2:sha256:1000")
    user = User(
        email=email,
        name=volunteer.name,
        role=Role.VOLUNTEER,
        organisation_id=volunteer.organisation_id,
        volunteer_id=require_id(volunteer),
        password_hash=placeholder,
    )
    session.add(user)
    session.flush()
    return user


def invite_volunteer(
    session: Session,
    *,
    volunteer_id: int,
    inviter: User,
    now: datetime,
    hours: int,
    link_for: Callable[[str], str],
    organisation_id: int | None = None,
) -> Invited:
    """Invite one volunteer: an account, a link valid for ``hours`` (``link_for(token)``)
    mailed to them, and an audit event. InviteError when they have no e-mail address."""
    volunteer = _volunteer(session, volunteer_id, organisation_id)
    if not volunteer.active:
        raise InviteError(InviteProblem.INACTIVE, "volunteer inactive", name=volunteer.name)
    if not (volunteer.email or "").strip():
        raise InviteError(InviteProblem.NO_EMAIL, "email: missing", name=volunteer.name)
    user = _account(session, volunteer)
    token = new_token()
    expires = now + timedelta(hours=hours)
    session.add(
        PasswordReset(
            token_hash=token_hash(token),
            user_id=require_id(user),
            created_at=now,
            expires_at=expires,
        )
    )
    text = render_mail(
        MailTemplate.VOLUNTEER_INVITE,
        mail_language(volunteer.languages),
        name=volunteer.name,
        inviter=inviter.name,
        hours=hours,
        link=link_for(token),
    )
    enqueue_mail(session, recipient=user.email, subject=text.subject, body=text.body)
    detail = {"user_id": user.id, "expires_at": expires.isoformat()}
    user_event(
        session, inviter, AuditEntity.VOLUNTEER, require_id(volunteer), AuditAction.INVITED, detail
    )
    return Invited(volunteer, user)


def invite_many(
    session: Session,
    *,
    volunteer_ids: Iterable[int],
    inviter: User,
    now: datetime,
    hours: int,
    link_for: Callable[[str], str],
    organisation_id: int | None = None,
) -> tuple[list[Invited], list[Refused]]:
    """Invite each volunteer; one who cannot be invited is reported, the others go ahead
    (every check comes before that volunteer's first write)."""
    invited: list[Invited] = []
    refused: list[Refused] = []
    for volunteer_id in sorted(set(volunteer_ids)):
        try:
            invited.append(
                invite_volunteer(
                    session,
                    volunteer_id=volunteer_id,
                    inviter=inviter,
                    now=now,
                    hours=hours,
                    link_for=link_for,
                    organisation_id=organisation_id,
                )
            )
        except InviteError as error:
            refused.append(Refused(volunteer_id, str(error.params.get("name", "")), error.code))
    return invited, refused


def invited_ids(session: Session, volunteer_ids: Iterable[int]) -> set[int]:
    """Which of these volunteers have an account (invited before)."""
    ids = list(volunteer_ids)
    if not ids:
        return set()
    rows = session.exec(select(User.volunteer_id).where(col(User.volunteer_id).in_(ids))).all()
    return {int(v) for v in rows if v is not None}
