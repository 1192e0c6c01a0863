"""A live server on a seeded SQLite database and a headless Debian Chromium to drive it.

Screenshots go to ``test-artifacts/`` (kept by CI as test artefacts).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from matching.db import ENGINE_KEY, session_scope
from scheduler.background import EXECUTOR_KEY
from seed import seed_database
from tests.support import missing
from web.app import create_app
from web.migrate import upgrade

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
AS_OF = date(2026, 11, 26)


@dataclass
class LiveServer:
    """The running app: its URL and the app object (for its engine)."""

    url: str
    app: object


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app with the `small` demo data, served from a thread on a free local port."""
    url = f"sqlite:///{tmp_path_factory.mktemp('live') / 'live.sqlite'}"
    upgrade(url)
    app = create_app(
        {"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "browser-tests-0123456789abcdefghij"}
    )
    with session_scope(app.extensions[ENGINE_KEY]) as session:
        seed_database(session, size="small", seed=7, as_of=AS_OF)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{server.server_port}", app)
    server.shutdown()
    thread.join(10)
    executor = app.extensions.get(EXECUTOR_KEY)  # started by a page that asked for a run
    if executor is not None:
        executor.stop()
        executor.join(10)


def _chromium_options():
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        "--lang=nl",
    ):
        options.add_argument(flag)
    return options


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Headless Debian Chromium via its chromedriver (nothing downloaded)."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        missing("Debian chromium and chromium-driver are not installed (/usr/bin/chromium)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = _chromium_options()
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(10)  # find_element waits for the next page, even under load
    yield driver
    driver.quit()


def screenshot(driver: object, name: str) -> Path:
    """Save a PNG of the current page under test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))  # type: ignore[attr-defined]
    return path


def sign_in(driver: object, server: LiveServer, email: str, password: str) -> None:
    """Sign in through the form, starting from a clean session; waits for the next page."""
    from selenium.webdriver.common.by import By

    from tests.browser.portal_steps import click_and_load

    driver.delete_all_cookies()  # type: ignore[attr-defined]
    driver.get(f"{server.url}/auth/login")  # type: ignore[attr-defined]
    driver.find_element(By.NAME, "email").send_keys(email)  # type: ignore[attr-defined]
    driver.find_element(By.NAME, "password").send_keys(password)  # type: ignore[attr-defined]
    button = driver.find_element(By.CSS_SELECTOR, "form[action$='/auth/login'] button")  # type: ignore[attr-defined]
    click_and_load(driver, button, wait_s=30)  # type: ignore[arg-type]
