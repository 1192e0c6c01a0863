"""Which notices a person can get, and turning the non-essential ones off."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session

from matching.audit.trail import user_event
from matching.models import User
from matching.models.common import require_id
from matching.outbox.texts import MailLanguage
from matching.vocab import AuditAction, AuditEntity, NoticeKind, Role

# The notices each role can receive. Every notice kind is a reminder a person may turn off:
# the essential mail (an invitation, a password reset, the offer or placement itself when
# approved, a run that failed) is not a notice and always goes out.
KINDS_BY_ROLE: dict[str, tuple[NoticeKind, ...]] = {
    Role.COORDINATOR: (NoticeKind.RUN_SUMMARY, NoticeKind.VOG_EXPIRING),
    Role.ORGANISATION: (NoticeKind.CHECK_IN_OVERDUE, NoticeKind.TRAJECTORY_ENDING),
    Role.STUDENT: (NoticeKind.PLACEMENT_ANSWER, NoticeKind.PLACEMENT_STARTING),
    Role.VOLUNTEER: (NoticeKind.OFFER_WAITING, NoticeKind.VOG_EXPIRING),
}


def kinds_for(user: User) -> tuple[NoticeKind, ...]:
    """The notices this user can receive."""
    return KINDS_BY_ROLE.get(user.role, ())


def save_preferences(session: Session, *, user: User, language: str, wanted: Iterable[str]) -> User:
    """Store the mail language and which of the user's notices stay on (the rest go off)."""
    chosen = MailLanguage(language)  # ValueError for a language we do not write in
    keep = set(wanted)
    user.language = chosen
    user.notices_off = [kind for kind in kinds_for(user) if kind not in keep]
    session.add(user)
    detail = {"language": chosen, "notices_off": list(user.notices_off)}
    user_event(session, user, AuditEntity.NOTICES, require_id(user), AuditAction.SAVED, detail)
    return user
