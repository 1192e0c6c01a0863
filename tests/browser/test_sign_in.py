"""In a real browser: each demo account signs in and lands on its own home page."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import screenshot, sign_in

ACCOUNTS = [
    ("coordinator", "coordinator@kansrijk.demo", "demo-coordinator", "/coordinator/"),
    ("organisation", "alamal@kansrijk.demo", "demo-al-amal", "/organisation/"),
    ("student", "student@kansrijk.demo", "demo-student", "/student/"),
    ("volunteer", "maatje@kansrijk.demo", "demo-volunteer", "/volunteer/"),
]


@pytest.mark.browser
@pytest.mark.parametrize(("role", "email", "password", "home"), ACCOUNTS)
def test_demo_account_lands_on_its_home_page(live_server, browser, role, email, password, home):
    sign_in(browser, live_server, email, password)
    assert browser.current_url == f"{live_server.url}{home}"
    assert browser.find_element(By.TAG_NAME, "h1").text
    screenshot(browser, f"home-{role}")


@pytest.mark.browser
def test_wrong_password_stays_on_sign_in(live_server, browser):
    sign_in(browser, live_server, "coordinator@kansrijk.demo", "not-the-password")
    assert "/auth/login" in browser.current_url
    assert "Onbekend e-mailadres of onjuist wachtwoord" in browser.page_source
    screenshot(browser, "sign-in-refused")


@pytest.mark.browser
def test_student_is_refused_the_coordinator_page(live_server, browser):
    sign_in(browser, live_server, "student@kansrijk.demo", "demo-student")
    browser.get(f"{live_server.url}/coordinator/")
    assert "403" in browser.page_source
