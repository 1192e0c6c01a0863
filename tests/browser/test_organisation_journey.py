"""In a real browser, Al Amal's journey: register a buddy and an expecting mother, read the
ranked suggestions, assign a buddy, add a check-in, and end the trajectory."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from sqlmodel import Session, select

from matching.db import ENGINE_KEY
from matching.models import CheckIn, Family, Match, Volunteer
from matching.vocab import FamilyStatus
from tests.browser.conftest import screenshot, sign_in
from tests.browser.portal_steps import (
    click_and_load,
    set_value,
    type_into,
    wait_for,
    wait_for_path,
)

BUDDY = "Yasmina Browser"
MOTHER = "AA-BROWSER-1"


def _tick(browser, *ids: str) -> None:
    """Tick checkboxes by their ids (clicking their labels, as a person would)."""
    for box in ids:
        browser.find_element(By.CSS_SELECTOR, f"label[for='{box}']").click()


def _submit(browser, form_id: str) -> None:
    """Press the form's submit button and wait for the next page."""
    click_and_load(
        browser, browser.find_element(By.CSS_SELECTOR, f"#{form_id} button[type=submit]")
    )


def _register_buddy(browser, server) -> None:
    """Register a buddy who speaks Arabic, lives in Overvecht and has a valid VOG."""
    browser.get(f"{server.url}/organisation/")
    click_and_load(browser, wait_for(browser, "#register-buddy"))
    wait_for(browser, "#volunteer-form")
    type_into(browser, "name", BUDDY)
    browser.find_element(By.CSS_SELECTOR, "select[name=gender] option[value=female]").click()
    type_into(browser, "postcode", "3562")
    type_into(browser, "languages", "Arabisch, Nederlands")
    _tick(browser, "availability-mon_am", "availability-tue_am", "availability-thu_pm")
    set_value(browser, browser.find_element(By.NAME, "vog_valid_until"), "2031-12-31")
    _submit(browser, "volunteer-form")
    wait_for_path(browser, server.url, "/organisation/")
    assert f"{BUDDY} is aangemeld." in wait_for(browser, ".flashes").text


def _register_mother(browser, server) -> None:
    """Register an expecting mother; the form sends her on to her suggestions."""
    browser.get(f"{server.url}/organisation/")
    click_and_load(browser, wait_for(browser, "#register-mother"))
    wait_for(browser, "#family-form")
    type_into(browser, "reference", MOTHER)
    type_into(browser, "postcode", "3562 AB")
    type_into(browser, "languages", "Arabisch")
    set_value(browser, browser.find_element(By.NAME, "due_date"), "2027-03-01")
    browser.find_element(By.CSS_SELECTOR, "input[name=needs][value=pregnancy]").click()
    browser.find_element(By.CSS_SELECTOR, "input[name=needs][value=single_parent]").click()
    browser.find_element(By.CSS_SELECTOR, "input[name=buddy_gender_wish][value=female]").click()
    _tick(browser, "availability-mon_am", "availability-tue_am")
    screenshot(browser, "organisation-register-mother")
    _submit(browser, "family-form")


def _read_suggestions(browser, server):
    """The mother's suggestions page, ranked by score; returns our buddy's suggestion."""
    path = wait_for_path(browser, server.url, "/organisation/families/")
    assert path.endswith("/suggestions")
    assert f"{MOTHER} is aangemeld." in wait_for(browser, ".flashes").text
    suggestions = browser.find_elements(By.CSS_SELECTOR, "li.suggestion")
    ours = next(s for s in suggestions if BUDDY in s.find_element(By.TAG_NAME, "h3").text)
    assert "spreekt Arabisch" in ours.text and "2 dagdelen gemeenschappelijk" in ours.text
    scores = [int(s.find_element(By.CLASS_NAME, "score").text.split()[0]) for s in suggestions]
    assert scores == sorted(scores, reverse=True)
    screenshot(browser, "organisation-suggestions")
    return ours


@pytest.mark.browser
def test_organisation_journey(live_server, browser) -> None:
    """Register, read suggestions, assign, check in, end: each step as the user sees it."""
    sign_in(browser, live_server, "alamal@kansrijk.demo", "demo-al-amal")
    wait_for_path(browser, live_server.url, "/organisation/")
    _register_buddy(browser, live_server)
    _register_mother(browser, live_server)

    ours = _read_suggestions(browser, live_server)
    click_and_load(browser, ours.find_element(By.CSS_SELECTOR, "form.assign button"))
    wait_for_path(browser, live_server.url, "/organisation/trajectories/")
    assert f"{BUDDY} is nu het maatje" in wait_for(browser, ".flashes").text
    assert MOTHER in browser.find_element(By.TAG_NAME, "h1").text
    screenshot(browser, "organisation-trajectory-started")

    type_into(browser, "check_in-note", "Kennismaking bij haar thuis; de klik is goed.")
    _submit(browser, "check-in-form")
    assert "Het contactmoment is opgeslagen." in wait_for(browser, ".flashes").text
    assert "de klik is goed" in browser.find_element(By.CSS_SELECTOR, ".check-ins").text
    screenshot(browser, "organisation-check-in")

    browser.find_element(By.CSS_SELECTOR, "input[name=end-reason][value=moved]").click()
    type_into(browser, "end-note", "Verhuisd naar Nieuwegein")
    _submit(browser, "end-form")
    wait_for_path(browser, live_server.url, "/organisation/trajectories")
    assert "Het traject is beëindigd" in wait_for(browser, ".flashes").text
    ended = browser.find_element(By.ID, "ended").text
    assert MOTHER in ended and "Gezin is verhuisd: Verhuisd naar Nieuwegein" in ended
    screenshot(browser, "organisation-trajectory-ended")
    _check_stored(live_server)

    browser.get(f"{live_server.url}/organisation/waiting-list")
    assert wait_for(browser, "#places-left").text.isdigit()
    screenshot(browser, "organisation-waiting-list")


def _check_stored(server) -> None:
    """What the journey left in the database: the ended trajectory, its check-in, a free buddy."""
    with Session(server.app.extensions[ENGINE_KEY]) as session:
        mother = session.exec(select(Family).where(Family.reference == MOTHER)).one()
        buddy = session.exec(select(Volunteer).where(Volunteer.name == BUDDY)).one()
        match = session.exec(select(Match).where(Match.family_id == mother.id)).one()
        check_ins = session.exec(select(CheckIn).where(CheckIn.match_id == match.id)).all()
    assert (match.volunteer_id, match.status) == (buddy.id, "ended")
    assert (match.end_code, match.end_note) == ("moved", "Verhuisd naar Nieuwegein")
    assert mother.status == FamilyStatus.CLOSED
    assert len(check_ins) == 1 and mother.due_date is not None
