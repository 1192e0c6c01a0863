"""Steps the portal journeys share: waiting for a page, filling dates, downloading a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from tests.support import wait_until

WAIT_S = 15


def wait_for(driver: WebDriver, css: str) -> WebElement:
    """The first element matching the selector, once it is on the page."""
    return WebDriverWait(driver, WAIT_S).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css))
    )


def click_and_load(driver: WebDriver, element: WebElement, wait_s: float = WAIT_S) -> None:
    """Click something that loads a page, and wait until the next page has loaded.

    The old window gets a marker that only a new document lacks. (Waiting for the old
    element to go stale is racy: Chromium may answer a half-torn-down page with "Node with
    given id does not belong to the document" instead of a stale-element error.)"""
    driver.execute_script("window.__kansrijkOldPage = true;")
    element.click()
    WebDriverWait(driver, wait_s).until(_new_page_loaded)


def _new_page_loaded(driver: WebDriver) -> bool:
    """Whether the window holds a fully loaded document other than the marked one."""
    return bool(
        driver.execute_script(
            "return window.__kansrijkOldPage === undefined && document.readyState === 'complete';"
        )
    )


def wait_for_path(driver: WebDriver, server_url: str, prefix: str) -> str:
    """Wait until the browser is on a page whose path starts with the prefix; return the path."""
    WebDriverWait(driver, WAIT_S).until(lambda d: d.current_url.startswith(server_url + prefix))
    return str(driver.current_url).removeprefix(server_url)


def set_value(driver: WebDriver, element: WebElement, value: Any) -> None:
    """Set an input's value directly (date inputs type differently per locale)."""
    driver.execute_script("arguments[0].value = arguments[1];", element, str(value))


def type_into(driver: WebDriver, name: str, text: str) -> None:
    """Clear the named field and type the text."""
    field = driver.find_element(By.NAME, name)
    field.clear()
    field.send_keys(text)


def allow_downloads(driver: WebDriver, folder: Path) -> None:
    """Let headless Chromium save downloads into the folder."""
    driver.execute_cdp_cmd(  # type: ignore[attr-defined]
        "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)}
    )


def downloaded(folder: Path, suffix: str) -> Path:
    """The finished download with this suffix, once Chromium has written it."""

    def finished() -> Path | None:
        done = [p for p in folder.glob(f"*{suffix}") if p.stat().st_size > 0]
        return done[0] if done and not list(folder.glob("*.crdownload")) else None

    return wait_until(finished, what=f"a {suffix} download in {folder}", timeout=WAIT_S)
