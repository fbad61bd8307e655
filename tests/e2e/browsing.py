"""Driving the portal in a real browser: Debian's headless chromium through its chromedriver,
the portal as a real process in front of the e2e system, and a click that waits for the page
it leads to. The fixtures themselves are in `conftest.py` (shared by every browser test)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.wait import WebDriverWait

from deploy.local.stack import ServiceProcess

if TYPE_CHECKING:
    from tests.e2e.conftest import E2ESystem

PAGE_LOAD_SECONDS = 30


def click_and_wait(browser: WebDriver, element: WebElement) -> None:
    """Click what submits a form or follows a link, and wait until the next page replaced this
    one and finished loading (a click returns before the browser has navigated)."""
    page = browser.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(browser, PAGE_LOAD_SECONDS).until(_replaced(page))


def _replaced(old: WebElement) -> Callable[[WebDriver], bool]:
    def check(driver: WebDriver) -> bool:
        try:
            old.is_enabled()
        except StaleElementReferenceException:
            return driver.execute_script("return document.readyState") == "complete"
        except WebDriverException:
            # Mid-navigation chromedriver may answer "node does not belong to the document"
            # instead of "stale": not decided yet, ask again.
            return False
        return False

    return check


def sign_in_as(browser: WebDriver, portal: str, button_text: str) -> None:
    """The development sign-in: the demo user whose button names `button_text`."""
    browser.get(f"{portal}/dang-nhap")
    button = browser.find_element(By.XPATH, f"//button[contains(., '{button_text}')]")
    click_and_wait(browser, button)


def sign_out(browser: WebDriver) -> None:
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[contains(., 'Đăng xuất')]"))


def portal_process(system: E2ESystem, logs: Path, ready_timeout: float) -> ServiceProcess:
    """The portal in front of the e2e system's services, started and ready."""
    env = {
        "STX_PORTAL_HTTP_PORT": str(system.portal_port),
        "STX_PORTAL_LISTINGS_URL": system.services["listings"].url,
        "STX_PORTAL_MATCHING_URL": system.services["matching"].url,
        "STX_PORTAL_FEEDS_URL": system.services["notifications"].url,
        "STX_PORTAL_NOTIFICATIONS_URL": system.services["notifications"].url,
        "STX_PORTAL_AWARDS_URL": system.services["awards"].url,
        "STX_LOG_FORMAT": "json",
        "STX_GRACEFUL_TIMEOUT_SECONDS": "5",
    }
    service = ServiceProcess("portal", system.portal_port, env, echo=False)
    service.output_path = logs / "portal.log"
    service.start(wait=False)
    service.wait_ready(ready_timeout)
    return service


def chromium() -> Iterator[WebDriver]:
    """One person's browser, closed at the end."""
    binary, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
    assert binary, "make browser-tools installs chromium"
    assert chromedriver, "make browser-tools installs chromium-driver"
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--window-size=1280,1000")
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    driver.set_page_load_timeout(PAGE_LOAD_SECONDS)
    try:
        yield driver
    finally:
        driver.quit()
