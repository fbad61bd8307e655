"""A visitor subscribes to the exchange's news from the portal in a real browser (headless
chromium), on the e2e system: the footer leads to Đăng ký nhận tin, an address without its
domain is refused beside the field, then the weekly demands in medicinal herbs are asked for;
the notifications service's confirmation e-mail reaches the SMTP sink, and its link, opened in
the browser, confirms the subscription (double opt-in)."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from services.portal.domain.mail import MailView, read_mail
from tests.e2e.browsing import click_and_wait
from tests.e2e.conftest import E2ESystem

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
MAIL_TIMEOUT_SECONDS = 60.0


def confirmation_to(e2e_system: E2ESystem, address: str) -> MailView:
    """The confirmation e-mail to `address`, once the delivery worker has sent it."""
    assert e2e_system.mail is not None, e2e_system.describe()
    deadline = time.monotonic() + MAIL_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        for number, raw in enumerate(list(e2e_system.mail.messages)):
            mail = read_mail(f"{number}.eml", raw)
            if address in mail.summary.recipients:
                return mail
        time.sleep(0.5)
    raise AssertionError(f"no e-mail to {address} within {MAIL_TIMEOUT_SECONDS:.0f} s")


def test_a_journalist_subscribes_from_the_portal_and_confirms_from_the_e_mail(
    portal: str, browser: WebDriver, screenshots: Path, e2e_system: E2ESystem
) -> None:
    address = f"phongvien.{uuid.uuid4().hex[:8]}@baoquangngai.vn"
    browser.get(portal)
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Đăng ký nhận tin qua thư điện tử"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Đăng ký nhận tin"

    browser.find_element(By.ID, "subscriber_name").send_keys("Phóng viên Báo Quảng Ngãi")
    browser.find_element(By.ID, "email").send_keys("phongvien@")
    browser.find_element(By.CSS_SELECTOR, "input[name=kinds][value=demand]").click()
    browser.find_element(By.CSS_SELECTOR, "input[name=sectors][value=medicinal_herbs]").click()
    browser.find_element(By.CSS_SELECTOR, "input[name=frequency][value=weekly]").click()
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[.='Đăng ký nhận tin']"))
    browser.save_screenshot(str(screenshots / "news-refused.png"))
    error = browser.find_element(By.ID, "email-error").text
    assert error == "Địa chỉ thư điện tử dạng ten@donvi.vn."
    assert browser.find_element(By.CSS_SELECTOR, "input[value=demand]").is_selected()

    email = browser.find_element(By.ID, "email")
    email.clear()
    email.send_keys(address)
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[.='Đăng ký nhận tin']"))
    browser.save_screenshot(str(screenshots / "news-sent.png"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Kiểm tra hộp thư để xác nhận"
    feed = browser.find_element(By.LINK_TEXT, "Atom").get_attribute("href")
    assert feed is not None
    assert feed.endswith("/feeds/atom.xml?kind=demand&sector=medicinal_herbs")

    confirmation = confirmation_to(e2e_system, address)
    [confirm] = [link for link in confirmation.links if "/subscriptions/confirm" in link]
    browser.get(confirm)
    click_and_wait(browser, browser.find_element(By.TAG_NAME, "button"))
    browser.save_screenshot(str(screenshots / "news-confirmed.png"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Đã xác nhận đăng ký. Cảm ơn bạn!"
