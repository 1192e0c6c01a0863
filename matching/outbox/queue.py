"""The mail outbox: enqueue in the caller's transaction; send later, retrying failures."""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from matching.db import session_scope
from matching.models import OutboxMail
from matching.models.common import utcnow
from matching.vocab import OutboxStatus

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=1)


@dataclass(frozen=True)
class MailSettings:
    """Where outgoing mail goes (from SMTP_* and MAIL_FROM)."""

    host: str = "localhost"
    port: int = 25
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    sender: str = "Kansrijk Match <noreply@kansrijk.localhost>"
    timeout_s: float = 10.0


def enqueue_mail(session: Session, *, recipient: str, subject: str, body: str) -> OutboxMail:
    """Queue a message; it is sent only if the caller's transaction commits."""
    mail = OutboxMail(recipient=recipient, subject=subject[:200], body=body)
    session.add(mail)
    return mail


def _send(settings: MailSettings, mail: OutboxMail) -> None:
    """Deliver one message over SMTP."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = (
        settings.sender,
        mail.recipient,
        mail.subject,
    )
    message.set_content(mail.body)
    with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout_s) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.user:
            smtp.login(settings.user, settings.password or "")
        smtp.send_message(message)


def retry_delay(attempts: int) -> timedelta:
    """Wait 1, 2, 4, … minutes between attempts."""
    return FIRST_RETRY * (2 ** max(attempts - 1, 0))


def send_pending(engine: Engine, settings: MailSettings, now: datetime | None = None) -> int:
    """Send every queued message that is due; failures are kept with the error and retried."""
    moment = now or utcnow()
    with session_scope(engine) as session:
        due = session.exec(
            select(OutboxMail)
            .where(
                OutboxMail.status == OutboxStatus.QUEUED, col(OutboxMail.next_attempt_at) <= moment
            )
            .order_by(col(OutboxMail.id))
        ).all()
        sent = 0
        for mail in due:
            sent += _attempt(settings, mail, moment)
            session.add(mail)
    return sent


def _attempt(settings: MailSettings, mail: OutboxMail, moment: datetime) -> int:
    """Try one message; record the outcome on it. Returns 1 when sent."""
    mail.attempts += 1
    try:
        _send(settings, mail)
    except (OSError, smtplib.SMTPException) as exc:
        mail.last_error = f"{type(exc).__name__}: {exc}"[:500]
        mail.next_attempt_at = moment + retry_delay(mail.attempts)
        if mail.attempts >= MAX_ATTEMPTS:
            mail.status = OutboxStatus.FAILED
        log.warning("mail %s not sent (attempt %s): %s", mail.id, mail.attempts, type(exc).__name__)
        return 0
    mail.status, mail.sent_at, mail.last_error = OutboxStatus.SENT, moment, None
    return 1
