"""The coordinator's week in a real browser: import with a bad row, run, read, reject, approve,
see the map and who stays unmatched, export; a screenshot of every page (laptop and phone)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import AS_OF, LiveServer, screenshot, sign_in
from tests.browser.mail import Inbox, smtp_inbox
from tests.browser.portal_steps import click_and_load

FAMILIES_CSV = (
    "kenmerk;organisatie;postcode;talen;beschikbaarheid;aangemeld op\r\n"
    "UTR-NIEUW-1;gemeente-utrecht;3526 KL;nl, ar;mon_am, tue_am, wed_am;02-11-2026\r\n"
    "UTR-NIEUW-2;gemeente-utrecht;9999 ZZ;nl;mon_am;02-11-2026\r\n"
    "UTR-NIEUW-3;gemeente-utrecht;3562;tr, nl;mon_am, thu_pm;02-11-2026\r\n"
)


@pytest.fixture(scope="module")
def inbox(live_server: LiveServer) -> Iterator[Inbox]:
    """A local SMTP server the app mails to; the executor is stopped when the module ends."""
    with smtp_inbox(live_server, KANSRIJK_TODAY=AS_OF) as handler:
        yield handler


def text(driver: object, css: str) -> str:
    return str(driver.find_element(By.CSS_SELECTOR, css).text)  # type: ignore[attr-defined]


def flashed(driver: object, needle: str) -> None:
    """Wait until the next page's messages say ``needle``."""

    def shows(_driver: object) -> bool:
        found = driver.find_elements(By.CSS_SELECTOR, ".flashes")  # type: ignore[attr-defined]
        try:
            return any(needle in element.text for element in found)
        except StaleElementReferenceException:
            return False

    WebDriverWait(driver, 30).until(shows)


def import_with_a_bad_row(driver: object, server: LiveServer, folder: Path) -> None:
    """People → families → import: the bad line is listed, the good rows are imported."""
    driver.get(f"{server.url}/coordinator/people/families/")  # type: ignore[attr-defined]
    screenshot(driver, "coordinator-people-families")
    click_and_load(driver, driver.find_element(By.LINK_TEXT, "CSV importeren"))  # type: ignore[arg-type,attr-defined]
    path = folder / "nieuwe-gezinnen.csv"
    path.write_bytes(FAMILIES_CSV.encode("cp1252"))
    driver.find_element(By.NAME, "file").send_keys(str(path))  # type: ignore[attr-defined]
    screenshot(driver, "coordinator-import")
    click_and_load(driver, driver.find_element(By.CSS_SELECTOR, "form[enctype] button"))  # type: ignore[arg-type,attr-defined]
    problem = text(driver, 'tr[data-line="3"]')
    assert "postcode" in problem and "9999 is geen postcodegebied van Utrecht." in problem
    assert text(driver, '[data-count="good"]') == "2"
    screenshot(driver, "coordinator-import-check")
    click_and_load(driver, driver.find_element(By.ID, "confirm-import"))  # type: ignore[arg-type,attr-defined]
    assert text(driver, '[data-count="created"]') == "2"
    screenshot(driver, "coordinator-import-done")


def run_matching(driver: object, server: LiveServer) -> None:
    """Overview → run now: the run page follows the run until its result shows."""
    driver.get(f"{server.url}/coordinator/")  # type: ignore[attr-defined]
    driver.find_element(By.ID, "start-run").click()  # type: ignore[attr-defined]
    WebDriverWait(driver, 30).until(ec.url_contains("/coordinator/runs/"))
    screenshot(driver, "coordinator-run-started")
    WebDriverWait(driver, 120).until(ec.presence_of_element_located((By.ID, "run-result")))
    assert "Klaar" in text(driver, "#run-state")
    screenshot(driver, "coordinator-run-done")


def review(driver: object, inbox: Inbox) -> None:
    """Read an explanation, reject one proposal with a reason, approve two together."""
    click_and_load(driver, driver.find_element(By.LINK_TEXT, "Voorstellen beoordelen"))  # type: ignore[arg-type,attr-defined]
    proposals = driver.find_elements(By.CSS_SELECTOR, "article.proposal")  # type: ignore[attr-defined]
    assert len(proposals) >= 3
    reasons = proposals[0].find_element(By.CSS_SELECTOR, ".reasons").text
    assert "km verderop" in reasons and "dagdelen" in reasons
    screenshot(driver, "coordinator-proposals")
    rejected = proposals[0].get_attribute("data-proposal")
    proposals[0].find_element(By.CSS_SELECTOR, "details.reject summary").click()
    proposals[0].find_element(By.NAME, "reason").send_keys("Woont te ver voor deze vrijwilliger")
    proposals[0].find_element(By.CSS_SELECTOR, '[data-action="reject"]').click()
    flashed(driver, "Afgewezen")
    assert not driver.find_elements(By.ID, f"proposal-{rejected}")  # type: ignore[attr-defined]
    picks = driver.find_elements(By.CSS_SELECTOR, 'input[name="proposal_ids"]')  # type: ignore[attr-defined]
    picks[0].click()
    picks[1].click()
    driver.find_element(By.ID, "approve-selected").click()  # type: ignore[attr-defined]
    flashed(driver, "Goedgekeurd: 2.")
    screenshot(driver, "coordinator-proposals-approved")
    WebDriverWait(driver, 60).until(lambda _driver: len(inbox.messages) >= 1)


def export_csv(driver: object, server: LiveServer) -> str:
    """Fetch an export link with the browser's own session; the text Excel would open."""
    script = (
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'})"
        ".then(r => r.arrayBuffer()).then(b => done(Array.from(new Uint8Array(b))));"
    )
    url = f"{server.url}/coordinator/exports/matches.csv"
    data = bytes(driver.execute_async_script(script, url))  # type: ignore[attr-defined]
    assert data.startswith(b"\xef\xbb\xbf")
    return data.decode("utf-8-sig")


@pytest.mark.browser
def test_the_coordinators_week(
    live_server: LiveServer, browser: object, inbox: Inbox, tmp_path: Path
) -> None:
    sign_in(browser, live_server, "coordinator@kansrijk.demo", "demo-coordinator")
    screenshot(browser, "coordinator-dashboard")
    import_with_a_bad_row(browser, live_server, tmp_path)
    run_matching(browser, live_server)
    review(browser, inbox)
    assert any("nieuw traject" in str(m["Subject"]) for m in inbox.messages)
    browser.get(f"{live_server.url}/coordinator/")  # type: ignore[attr-defined]
    areas = browser.find_elements(By.CSS_SELECTOR, "svg.district-map path.area")  # type: ignore[attr-defined]
    assert len(areas) == 10
    shaded = [a for a in areas if "shade-none" not in (a.get_attribute("class") or "")]
    assert len(shaded) >= 5
    assert browser.find_elements(By.CSS_SELECTOR, "svg.coverage-chart circle.dot")  # type: ignore[attr-defined]
    browser.find_element(By.ID, "coverage-map").location_once_scrolled_into_view  # type: ignore[attr-defined]  # noqa: B018
    screenshot(browser, "coordinator-map")
    browser.get(f"{live_server.url}/coordinator/unmatched")  # type: ignore[attr-defined]
    assert "Waarom geen maatje" in browser.page_source  # type: ignore[attr-defined]
    screenshot(browser, "coordinator-unmatched")
    exported = export_csv(browser, live_server)
    assert exported.splitlines()[0].startswith("match_id;status;organisation")
    browser.get(f"{live_server.url}/coordinator/audit")  # type: ignore[attr-defined]
    assert "Woont te ver voor deze vrijwilliger" in browser.page_source  # type: ignore[attr-defined]
    screenshot(browser, "coordinator-audit")
    browser.get(f"{live_server.url}/coordinator/runs/")  # type: ignore[attr-defined]
    screenshot(browser, "coordinator-runs")


@pytest.mark.browser
def test_the_pages_fit_a_phone(live_server: LiveServer, browser: object, inbox: Inbox) -> None:
    sign_in(browser, live_server, "coordinator@kansrijk.demo", "demo-coordinator")
    browser.set_window_size(390, 844)  # type: ignore[attr-defined]
    try:
        for name, path in (("dashboard", "/"), ("proposals", "/proposals/"),
                           ("volunteers", "/people/volunteers/")):  # fmt: skip
            browser.get(f"{live_server.url}/coordinator{path}")  # type: ignore[attr-defined]
            width = browser.execute_script("return document.documentElement.scrollWidth")  # type: ignore[attr-defined]
            assert width <= 390, (name, width)
            screenshot(browser, f"coordinator-{name}-phone")
    finally:
        browser.set_window_size(1280, 900)  # type: ignore[attr-defined]
