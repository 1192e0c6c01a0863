"""The notices tick: run every rule, keep what is new and wanted, mail it once per event.

Each (kind, event, recipient) becomes one ``Notice`` row, inserted in its own savepoint: the
table's unique key refuses a second one, so a restart or two ticks at once never mail an event
twice. The new notices of one recipient and kind go out as one mail (a coordinator with five
VOGs ending gets one message with five lines), in the recipient's language, through the outbox
in the caller's transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from matching.models import Notice, Student, User
from matching.models.common import require_id
from matching.notices.due import Due
from matching.notices.links import LinkTarget, NoticePage, sign_link
from matching.notices.rules import RULES, Rule
from matching.notices.settings import NoticeSettings
from matching.outbox.queue import enqueue_mail
from matching.outbox.texts import MailLanguage, MailTemplate, mail_language, render_mail
from matching.vocab import NoticeKind

log = logging.getLogger(__name__)


def wanted(due: Due) -> bool:
    """The recipient can sign in and did not turn this kind of notice off."""
    return due.recipient.active and due.kind not in set(due.recipient.notices_off)


def _already(session: Session, due: Sequence[Due]) -> set[tuple[str, str, int]]:
    """(kind, event key, recipient) of the notices among ``due`` that were mailed before."""
    keys = {d.event_key for d in due}
    if not keys:
        return set()
    rows = session.exec(
        select(Notice.kind, Notice.event_key, Notice.recipient_id).where(
            col(Notice.event_key).in_(keys)
        )
    ).all()
    return {(kind, key, user_id) for kind, key, user_id in rows}


def _claim(session: Session, due: Due, now: datetime) -> Notice | None:
    """Insert the notice row; None when another tick (or an earlier one) has it already."""
    notice = Notice(
        kind=due.kind,
        event_key=due.event_key,
        recipient_id=require_id(due.recipient),
        created_at=now,
    )
    try:
        with session.begin_nested():
            session.add(notice)
    except IntegrityError:
        return None
    return notice


def language_of(session: Session, user: User) -> MailLanguage:
    """The user's chosen mail language; else a student's languages; else Dutch."""
    if user.language in set(MailLanguage):
        return MailLanguage(user.language)
    if user.student_id is not None:
        student = session.get(Student, user.student_id)
        if student is not None:
            return mail_language(student.languages)
    return MailLanguage.NL


def _mail(
    session: Session,
    user: User,
    kind: NoticeKind,
    items: list[Due],
    settings: NoticeSettings,
    secret_key: str,
) -> int:
    """Queue the one mail that tells ``user`` about these events of one kind; its id."""

    def link(page: NoticePage, record_id: int) -> str:
        token = sign_link(secret_key, LinkTarget(page, record_id, require_id(user)))
        return f"{settings.base_url}/n/{token}"

    lines = [{**item.params, "link": link(item.page, item.record_id)} for item in items]
    text = render_mail(
        MailTemplate(f"notice_{kind}"),
        language_of(session, user),
        name=user.name,
        items=lines,
        preferences=link(NoticePage.PREFERENCES, require_id(user)),
    )
    mail = enqueue_mail(session, recipient=user.email, subject=text.subject, body=text.body)
    session.flush()
    return require_id(mail)


def send_notices(
    session: Session,
    *,
    now: datetime,
    settings: NoticeSettings,
    secret_key: str,
    rules: Iterable[Rule] = RULES,
) -> int:
    """Mail every notice that is due, new and wanted; return how many notices went out."""
    due = [item for rule in rules for item in rule(session, now, settings) if wanted(item)]
    seen = _already(session, due)
    groups: dict[tuple[int, NoticeKind], list[tuple[Due, Notice]]] = {}
    for item in due:
        mark = (str(item.kind), item.event_key, require_id(item.recipient))
        if mark in seen:
            continue
        seen.add(mark)
        notice = _claim(session, item, now)
        if notice is not None:
            groups.setdefault((require_id(item.recipient), item.kind), []).append((item, notice))
    for (_user_id, kind), claimed in groups.items():
        user = claimed[0][0].recipient
        mail_id = _mail(session, user, kind, [d for d, _ in claimed], settings, secret_key)
        for _due, notice in claimed:
            notice.mail_id = mail_id
            session.add(notice)
    count = sum(len(claimed) for claimed in groups.values())
    if count:
        log.info("notices: %d event(s) in %d mail(s)", count, len(groups))
    return count
