"""In a real browser: forgot the password, read the mail from a real SMTP server, set a new
password through its link, sign in with it; the link does not work a second time."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import LiveServer, screenshot, sign_in
from tests.browser.mail import Inbox, smtp_inbox
from tests.browser.portal_steps import click_and_load, type_into, wait_for_path

STUDENT = "student@kansrijk.demo"
NEW_PASSWORD = "mijn-nieuwe-wachtwoord-7"


@pytest.fixture(scope="module")
def inbox(live_server: LiveServer) -> Iterator[Inbox]:
    """A local SMTP server the app mails to; the executor is stopped when the module ends."""
    with smtp_inbox(live_server) as handler:
        yield handler


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
