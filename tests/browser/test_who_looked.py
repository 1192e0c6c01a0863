"""In a real browser: Al Amal opens and changes a mother's record; the coordinator's audit
page then answers "who looked at this family?", the partner's edit included."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from sqlmodel import Session, col, select

from matching.db import ENGINE_KEY
from matching.models import Family, Organisation
from tests.browser.conftest import LiveServer, screenshot, sign_in
from tests.browser.portal_steps import click_and_load, type_into, wait_for


def _al_amal_family(server: LiveServer) -> Family:
    """One of Al Amal's waiting mothers in the demo data."""
    with Session(server.app.extensions[ENGINE_KEY]) as session:  # type: ignore[attr-defined]
        org = session.exec(select(Organisation).where(Organisation.code == "al-amal")).one()
        return session.exec(
            select(Family).where(Family.organisation_id == org.id).order_by(col(Family.id))
        ).first()


def test_who_looked_at_this_family(live_server: LiveServer, browser) -> None:
    family = _al_amal_family(live_server)
    sign_in(browser, live_server, "alamal@kansrijk.demo", "demo-al-amal")
    browser.get(f"{live_server.url}/organisation/families/{family.id}")
    wait_for(browser, "#access-download")
    browser.get(f"{live_server.url}/organisation/families/{family.id}/edit")
    type_into(browser, "sessions_required", "2" if family.sessions_required != 2 else "3")
    click_and_load(
        browser, browser.find_element(By.CSS_SELECTOR, "#family-form button[type=submit]")
    )

    sign_in(browser, live_server, "coordinator@kansrijk.demo", "demo-coordinator")
    browser.get(f"{live_server.url}/coordinator/audit")
    Select(browser.find_element(By.ID, "entity")).select_by_value("family")
    type_into(browser, "entity_id", str(family.id))
    click_and_load(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button"))
    rows = browser.find_elements(By.CSS_SELECTOR, "#audit tbody tr")
    seen = {
        (r.get_attribute("data-action"), r.find_elements(By.TAG_NAME, "td")[1].text) for r in rows
    }
    screenshot(browser, "who-looked-at-this-family")
    organisation_user = {who for action, who in seen if action == "viewed"}
    assert organisation_user, seen
    assert ("updated", next(iter(organisation_user))) in seen
    assert all(r.get_attribute("data-entity") == "family" for r in rows)

    Select(browser.find_element(By.ID, "action")).select_by_value("viewed")
    click_and_load(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button"))
    viewers = {r.find_elements(By.TAG_NAME, "td")[1].text
               for r in browser.find_elements(By.CSS_SELECTOR, "#audit tbody tr")}  # fmt: skip
    assert viewers == organisation_user
