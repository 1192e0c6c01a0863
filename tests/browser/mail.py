"""A real SMTP server (aiosmtpd) on a free loopback port that the live app mails to."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

from matching.outbox.queue import MailSettings
from scheduler.background import EXECUTOR_KEY
from tests.browser.conftest import LiveServer
from tests.support import wait_until


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, _server: object, _session: object, envelope: object) -> str:
        content = envelope.content  # type: ignore[attr-defined]
        self.messages.append(message_from_bytes(content, policy=policy.default))  # type: ignore[arg-type]
        return "250 OK"

    def wait_for(self, recipient: str, timeout_s: float = 30) -> EmailMessage:
        """The first message to this address, once it has arrived."""
        return wait_until(
            lambda: next((m for m in self.messages if m["To"] == recipient), None),
            what=f"a mail to {recipient}",
            timeout=timeout_s,
        )


@contextmanager
def smtp_inbox(live_server: LiveServer, **config: Any) -> Iterator[Inbox]:
    """The live app mails to a fresh inbox (with ``config`` set on the app) until the block
    ends; then the server and the app's executor are stopped."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    app_config = live_server.app.config  # type: ignore[attr-defined]
    app_config["KANSRIJK_SETTINGS"] = replace(
        app_config["KANSRIJK_SETTINGS"], mail=MailSettings(host="127.0.0.1", port=port)
    )
    app_config.update(config)
    try:
        yield handler
    finally:
        controller.stop()
        executor = live_server.app.extensions.get(EXECUTOR_KEY)  # type: ignore[attr-defined]
        if executor is not None:
            executor.stop()
            executor.join(30)
