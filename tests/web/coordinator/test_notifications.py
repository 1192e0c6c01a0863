"""Approval mail through a real SMTP server (aiosmtpd), sent by the executor thread; a failing
server keeps the approval, shows the failure, and the mail goes out when retried."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from dataclasses import replace
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from matching.models import Family, Match, OutboxMail, Proposal, Volunteer
from matching.outbox.queue import MailSettings
from scheduler.background import EXECUTOR_KEY
from tests.support import wait_until
from tests.web.conftest import built_app
from tests.web.coordinator.conftest import config, engine_of, seed_demo, sign_in_demo


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, _server: object, _session: object, envelope: object) -> str:
        self.messages.append(message_from_bytes(envelope.content))  # type: ignore[attr-defined]
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_smtp(port: int) -> tuple[Controller, Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, inbox


@pytest.fixture
def mail_app(database_url: str, tmp_path: Path) -> Iterator[tuple[Flask, int]]:
    """The demo app whose executor thread starts on demand and mails to a port of ours."""
    seed_demo(database_url)
    port = free_port()
    with built_app(database_url, **config(tmp_path, KANSRIJK_EXECUTOR_AUTOSTART=True)) as app:
        settings = app.config["KANSRIJK_SETTINGS"]
        mail = MailSettings(host="127.0.0.1", port=port, timeout_s=5)
        app.config["KANSRIJK_SETTINGS"] = replace(settings, mail=mail)
        yield app, port
        executor = app.extensions.get(EXECUTOR_KEY)
        if executor is not None:
            executor.stop()
            executor.join(10)


def wait_for(app: Flask, done: Callable[[], object]) -> None:
    """Let the executor work until ``done()`` holds (a bound for a loaded machine)."""
    assert app.extensions[EXECUTOR_KEY].is_alive()
    wait_until(done, what="the executor's work")


def outbox_status(engine: Engine, recipient: str | None) -> str | None:
    """The status of the one mail to this recipient, if there is one."""
    with Session(engine) as session:
        mail = session.exec(select(OutboxMail).where(OutboxMail.recipient == recipient)).first()
        return mail.status if mail is not None else None


def approve_first(app: Flask) -> tuple[Proposal, Volunteer, Family]:
    """Run matching through the pages, approve the first buddy proposal; its pair."""
    client = sign_in_demo(app)
    assert client.post("/coordinator/runs/").status_code == 302
    with Session(engine_of(app)) as session:
        wait_for(app, lambda: session.exec(select(Proposal).where(Proposal.run_id == 1)).first())
        proposal = session.exec(
            select(Proposal).where(Proposal.run_id == 1, Proposal.kind == "buddy")
        ).first()
        assert proposal is not None
        volunteer = session.get(Volunteer, proposal.volunteer_id)
        family = session.get(Family, proposal.family_id)
    assert volunteer is not None and family is not None
    assert client.post(f"/coordinator/proposals/{proposal.id}/approve").status_code == 302
    return proposal, volunteer, family


def test_the_volunteer_gets_an_email_when_approved(mail_app: tuple[Flask, int]) -> None:
    app, port = mail_app
    controller, inbox = start_smtp(port)
    try:
        _proposal, volunteer, family = approve_first(app)
        wait_for(app, lambda: any(m["To"] == volunteer.email for m in inbox.messages))
    finally:
        controller.stop()
    message = next(m for m in inbox.messages if m["To"] == volunteer.email)
    assert message["Subject"] == "Kansrijk Match: nieuw traject"
    assert "noreply@kansrijk.localhost" in message["From"]
    body = message.get_payload(decode=True).decode()
    assert f"Beste {volunteer.name}" in body and family.reference in body


def test_a_failing_server_keeps_the_approval_and_the_mail_is_retried(
    mail_app: tuple[Flask, int],
) -> None:
    app, port = mail_app
    proposal, volunteer, _family = approve_first(app)
    engine = engine_of(app)

    def failed() -> bool:
        with Session(engine) as session:
            mail = session.exec(select(OutboxMail).where(OutboxMail.recipient == volunteer.email))
            found = mail.first()
            return found is not None and found.attempts >= 1

    wait_for(app, failed)
    with Session(engine) as session:
        assert session.exec(select(Match).where(Match.proposal_id == proposal.id)).one()
        mail = session.exec(select(OutboxMail).where(OutboxMail.recipient == volunteer.email)).one()
        assert mail.status == "queued" and "Connection" in (mail.last_error or "")
    client = sign_in_demo(app)
    assert 'id="mail-notice"' in client.get("/coordinator/").text
    outbox = client.get("/coordinator/outbox").text
    assert volunteer.email in outbox and "ConnectionRefusedError" in outbox
    controller, inbox = start_smtp(port)
    try:
        assert client.post("/coordinator/outbox/retry").status_code == 302
        # Received, and then marked sent in the executor's transaction: wait for both.
        wait_for(app, lambda: any(m["To"] == volunteer.email for m in inbox.messages))
        wait_for(app, lambda: outbox_status(engine, volunteer.email) == "sent")
    finally:
        controller.stop()
    with Session(engine) as session:
        mail = session.exec(select(OutboxMail).where(OutboxMail.recipient == volunteer.email)).one()
        assert mail.status == "sent" and mail.sent_at is not None
    assert 'id="mail-notice"' not in client.get("/coordinator/").text
