"""In a real browser: forgot the password, read the mail from a real SMTP server, set a new
password through its link, sign in with it; the link does not work a second time."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from dataclasses import replace
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from selenium.webdriver.common.by import By

from matching.outbox.queue import MailSettings
from scheduler.background import EXECUTOR_KEY
from tests.browser.conftest import LiveServer, screenshot, sign_in
from tests.browser.portal_steps import click_and_load, type_into, wait_for_path
from tests.support import wait_until

STUDENT = "student@kansrijk.demo"
NEW_PASSWORD = "mijn-nieuwe-wachtwoord-7"


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


@pytest.fixture(scope="module")
def inbox(live_server: LiveServer) -> Iterator[Inbox]:
    """A local SMTP server the app mails to; the executor is stopped when the module ends."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    config = live_server.app.config  # type: ignore[attr-defined]
    config["KANSRIJK_SETTINGS"] = replace(
        config["KANSRIJK_SETTINGS"], mail=MailSettings(host="127.0.0.1", port=port)
    )
    yield handler
    controller.stop()
    executor = live_server.app.extensions.get(EXECUTOR_KEY)  # type: ignore[attr-defined]
    if executor is not None:
        executor.stop()
        executor.join(30)


def flash_text(driver: object) -> str:
    return str(driver.find_element(By.CSS_SELECTOR, ".flashes").text)  # type: ignore[attr-defined]


@pytest.mark.browser
def test_forgotten_password_journey(live_server: LiveServer, browser: object, inbox: Inbox) -> None:
    browser.delete_all_cookies()  # type: ignore[attr-defined]
    browser.get(f"{live_server.url}/auth/login")  # type: ignore[attr-defined]
    click_and_load(browser, browser.find_element(By.ID, "forgot-password"))  # type: ignore[arg-type,attr-defined]
    type_into(browser, "email", STUDENT)  # type: ignore[arg-type]
    screenshot(browser, "password-reset-request")
    button = browser.find_element(By.CSS_SELECTOR, "form[action$='/auth/reset'] button")  # type: ignore[attr-defined]
    click_and_load(browser, button)  # type: ignore[arg-type]
    assert "link onderweg" in flash_text(browser)

    mail = inbox.wait_for(STUDENT)
    assert "nieuw wachtwoord" in str(mail["Subject"])
    body = mail.get_content()
    link = re.search(r"(http://127\.0\.0\.1:\d+/auth/reset/[A-Za-z0-9_-]+)", body)
    assert link, body
    browser.get(link.group(1))  # type: ignore[attr-defined]
    type_into(browser, "new_password", NEW_PASSWORD)  # type: ignore[arg-type]
    type_into(browser, "confirm", NEW_PASSWORD)  # type: ignore[arg-type]
    screenshot(browser, "password-reset-new")
    click_and_load(browser, browser.find_element(By.CSS_SELECTOR, "main form button"))  # type: ignore[arg-type,attr-defined]
    wait_for_path(browser, live_server.url, "/auth/login")  # type: ignore[arg-type]
    assert "Je nieuwe wachtwoord is ingesteld" in flash_text(browser)

    sign_in(browser, live_server, STUDENT, "demo-student")
    assert "/auth/login" in browser.current_url  # type: ignore[attr-defined]
    sign_in(browser, live_server, STUDENT, NEW_PASSWORD)
    assert browser.current_url == f"{live_server.url}/student/"  # type: ignore[attr-defined]
    screenshot(browser, "password-reset-signed-in")

    browser.get(link.group(1))  # type: ignore[attr-defined]
    assert "Link niet geldig" in browser.page_source  # type: ignore[attr-defined]
