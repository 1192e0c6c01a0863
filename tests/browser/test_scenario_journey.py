"""The coordinator's what-if in a real browser: open the recruitment plan, build a scenario
that adds the top recruit, run it, see the family it would cover — and the live proposals
are the same rows with the same content as before."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait
from sqlmodel import Session, select

from matching.db import ENGINE_KEY
from matching.models import Family, Proposal, Scenario
from matching.scenarios.figures import ScenarioResults
from scheduler.background import EXECUTOR_KEY
from tests.browser.conftest import AS_OF, LiveServer, screenshot, sign_in
from tests.browser.portal_steps import click_and_load


@pytest.fixture(scope="module")
def server(live_server: LiveServer) -> Iterator[LiveServer]:
    """The live app on a fixed day; its executor (started by the first run) stopped after."""
    live_server.app.config["KANSRIJK_TODAY"] = AS_OF  # type: ignore[attr-defined]
    yield live_server
    executor = live_server.app.extensions.get(EXECUTOR_KEY)  # type: ignore[attr-defined]
    if executor is not None:
        executor.stop()
        executor.join(30)


def proposals(server: LiveServer) -> list[tuple[Any, ...]]:
    """Every proposal row's content, in id order."""
    engine = server.app.extensions[ENGINE_KEY]  # type: ignore[attr-defined]
    with Session(engine) as session:
        rows = session.exec(select(Proposal).order_by(Proposal.id)).all()  # type: ignore[arg-type]
        return [tuple(p.model_dump().values()) for p in rows]


def stored_results(server: LiveServer, scenario_id: int) -> tuple[ScenarioResults, dict[int, str]]:
    """The scenario's stored results and the references of the families it newly covers."""
    engine = server.app.extensions[ENGINE_KEY]  # type: ignore[attr-defined]
    with Session(engine) as session:
        scenario = session.get(Scenario, scenario_id)
        assert scenario is not None
        results = ScenarioResults.model_validate(scenario.results)
        refs = {f: session.get(Family, f).reference for f in results.newly_covered}  # type: ignore[union-attr]
    return results, refs


def run_matching(driver: Any, server: LiveServer) -> None:
    """Overview → run now, and wait for the run's result."""
    driver.get(f"{server.url}/coordinator/")
    driver.find_element(By.ID, "start-run").click()
    WebDriverWait(driver, 30).until(ec.url_contains("/coordinator/runs/"))
    WebDriverWait(driver, 120).until(ec.presence_of_element_located((By.ID, "run-result")))


@pytest.mark.browser
def test_a_scenario_from_the_plan(server: LiveServer, browser: Any) -> None:
    sign_in(browser, server, "coordinator@kansrijk.demo", "demo-coordinator")
    run_matching(browser, server)
    before = proposals(server)
    assert before, "the run made proposals to compare"

    browser.get(f"{server.url}/coordinator/unmatched")
    plan = browser.find_element(By.ID, "recruitment-plan")
    top = plan.find_element(By.CSS_SELECTOR, 'tr[data-step="1"]')
    screenshot(browser, "scenario-plan")
    click_and_load(browser, top.find_element(By.CSS_SELECTOR, "[data-try-step='1']"))
    assert "/coordinator/scenarios/" in browser.current_url
    scenario_id = int(browser.current_url.rstrip("/").split("/")[-1])
    change = browser.find_element(By.CSS_SELECTOR, '#scenario-changes li[data-change="0"]')
    assert "Voeg 1 × toe" in change.text and "sprekend" in change.text
    screenshot(browser, "scenario-composed")

    click_and_load(browser, browser.find_element(By.ID, "run-scenario"))
    WebDriverWait(browser, 120).until(ec.presence_of_element_located((By.ID, "scenario-results")))
    assert browser.find_element(By.ID, "scenario-state").text == "Klaar"
    screenshot(browser, "scenario-result")

    results, refs = stored_results(server, scenario_id)
    assert results.scenario.covered == results.base.covered + 1
    listed = browser.find_elements(By.CSS_SELECTOR, "#newly-covered li[data-family]")
    assert {int(li.get_attribute("data-family")) for li in listed} == set(results.newly_covered)
    newly = browser.find_element(By.ID, "newly-covered").text
    assert refs and all(ref in newly for ref in refs.values())
    total = browser.find_element(By.CSS_SELECTOR, '#compare-priority tr[data-priority="all"]')
    assert total.text.split()[-1] == "+1"

    assert proposals(server) == before  # count and content: the scenario proposed nothing
