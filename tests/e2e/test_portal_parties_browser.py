"""Browser test 2 of the portal, on the real system: two people at once.

A newcomer signs up its institute (a bad tax code is refused in Vietnamese beside the field),
a broker at the Department verifies it from the queue, the institute posts an offer (a TRL out
of range refused beside its field), sends it and the broker approves it; matching proposes it
to the cooperative's demand for cold drying; both answer "interested" on their proposals page
and both see the introduction; the e-mail the institute received links to its proposals page,
which opens. Screenshots of each step are kept under the test's output directory.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.wait import WebDriverWait

from services.portal.domain.mail import read_mail
from tests.e2e.browsing import click_and_wait, sign_in_as, sign_out
from tests.e2e.conftest import PROPOSAL_TIMEOUT, E2ESystem
from tests.integration.listings.flows import valid_tax_code

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
DEMAND = "Cần công nghệ sấy lạnh dược liệu giữ hoạt chất"
"""The demo seed's demand of the Măng Đen cooperative (a demo user of the sign-in page)."""
COOPERATIVE = "Hợp tác xã Nông nghiệp Dược liệu Măng Đen"


def type_into(browser: WebDriver, field_id: str, text: str) -> None:
    field = browser.find_element(By.ID, field_id)
    field.clear()
    field.send_keys(text)


def submit(browser: WebDriver, action: str) -> None:
    click_and_wait(
        browser, browser.find_element(By.CSS_SELECTOR, f"form[action='{action}'] button")
    )


def eventually(browser: WebDriver, url: str, seen: Callable[[WebDriver], bool]) -> None:
    """Reload `url` until `seen` (what another service does after an event takes a moment)."""

    def reloaded(driver: WebDriver) -> bool:
        driver.get(url)
        return seen(driver)

    WebDriverWait(browser, PROPOSAL_TIMEOUT, poll_frequency=2).until(reloaded)


def answer_interested(browser: WebDriver, offer: str, demand: str) -> None:
    """Say "interested" on the proposal of this offer for this demand (an organisation may have
    several proposals naming one of them)."""
    about = "".join(f"[.//a[contains(., '{title}')]]" for title in (offer, demand))
    proposal = browser.find_element(By.XPATH, f"//article[@data-match]{about}")
    click_and_wait(browser, proposal.find_element(By.XPATH, ".//button[contains(., 'Quan tâm')]"))
    assert "xong=" in browser.current_url


def test_a_new_institute_signs_up_offers_and_is_introduced_to_a_cooperative(
    portal: str,
    browser: WebDriver,
    second_browser: WebDriver,
    screenshots: Path,
    e2e_system: E2ESystem,
) -> None:
    suffix = uuid.uuid4().hex[:6]
    institute = f"Viện Cơ điện Nông nghiệp Sấy lạnh {suffix}"
    email = f"say-lanh-{suffix}@vien-codien.vn"
    offer = f"Máy sấy lạnh bơm nhiệt cho dược liệu, giữ hoạt chất ({suffix})"

    # the newcomer signs up; a bad tax code is refused beside its field
    browser.get(f"{portal}/dang-nhap")
    type_into(browser, "newcomer-name", "Phạm Văn Sấy")
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[contains(., 'tổ chức mới')]"))
    assert browser.current_url.endswith("/dang-ky")
    browser.find_element(By.CSS_SELECTOR, "#kind option[value=research_institute]").click()
    type_into(browser, "name", institute)
    type_into(browser, "tax_code", "0123")
    browser.find_element(By.CSS_SELECTOR, "#commune_code option[value='23425']").click()
    type_into(browser, "contact_name", "TS. Phạm Văn Sấy")
    type_into(browser, "email", email)
    submit(browser, "/dang-ky")
    error = browser.find_element(By.ID, "tax_code-error")
    browser.save_screenshot(str(screenshots / "sign-up-refused.png"))
    assert error.text.startswith("Mã số thuế gồm 10 chữ số")
    assert browser.find_element(By.ID, "name").get_attribute("value") == institute
    type_into(browser, "tax_code", valid_tax_code())
    submit(browser, "/dang-ky")
    assert "Đã gửi đăng ký" in browser.find_element(By.TAG_NAME, "h1").text

    # a broker verifies it from the queue
    sign_in_as(second_browser, portal, "môi giới")
    second_browser.get(f"{portal}/moi-gioi/to-chuc")
    second_browser.save_screenshot(str(screenshots / "verification-queue.png"))
    click_and_wait(
        second_browser,
        second_browser.find_element(By.XPATH, f"//button[contains(., 'Xác minh {institute}')]"),
    )
    assert "Đã xác minh" in second_browser.page_source

    # the institute's offer: a TRL out of range refused beside its field, then sent
    browser.get(f"{portal}/to-chuc/tin/moi?kind=offer")
    type_into(browser, "title", offer)
    type_into(
        browser, "summary", "Sấy lạnh 35–45 °C bằng bơm nhiệt, giữ hoạt chất và màu của dược liệu."
    )
    type_into(
        browser, "description", "Buồng sấy 200 kg/mẻ, tách ẩm bằng bơm nhiệt, tiết kiệm 50% điện."
    )
    browser.find_element(By.CSS_SELECTOR, "#sector option[value=medicinal_herbs]").click()
    type_into(browser, "keywords", "sấy lạnh, bơm nhiệt, dược liệu")
    type_into(browser, "trl", "12")
    browser.find_element(By.CSS_SELECTOR, "input[value=equipment_with_know_how]").click()
    browser.find_element(By.NAME, "price_negotiable").click()
    submit(browser, "/to-chuc/tin/moi")
    browser.save_screenshot(str(screenshots / "offer-refused.png"))
    assert browser.find_element(By.ID, "trl-error").text == "Giá trị lớn nhất là 9."
    type_into(browser, "trl", "7")
    submit(browser, "/to-chuc/tin/moi")
    row = browser.find_element(By.XPATH, f"//tr[td[contains(., '{suffix}')]]")
    click_and_wait(browser, row.find_element(By.XPATH, ".//button[contains(., 'Gửi duyệt')]"))

    second_browser.get(f"{portal}/moi-gioi/kiem-duyet")
    entry = second_browser.find_element(By.XPATH, f"//article[header/h2[contains(., '{suffix}')]]")
    click_and_wait(
        second_browser, entry.find_element(By.XPATH, ".//button[contains(., 'Duyệt và công bố')]")
    )

    # matching proposes the offer to the cooperative's demand; both are interested
    eventually(browser, f"{portal}/to-chuc/de-xuat", lambda b: DEMAND in b.page_source)
    browser.save_screenshot(str(screenshots / "proposals.png"))
    answer_interested(browser, offer, DEMAND)
    assert "Đang chờ bên kia trả lời" in browser.page_source

    sign_out(second_browser)
    sign_in_as(second_browser, portal, COOPERATIVE)
    eventually(second_browser, f"{portal}/to-chuc/de-xuat", lambda b: suffix in b.page_source)
    answer_interested(second_browser, offer, DEMAND)

    introduced = lambda b: suffix in b.page_source and "Đã giới thiệu hai bên" in b.page_source  # noqa: E731
    eventually(second_browser, f"{portal}/to-chuc/ket-noi", introduced)
    eventually(browser, f"{portal}/to-chuc/ket-noi", introduced)
    browser.save_screenshot(str(screenshots / "introduction.png"))

    # the institute's e-mails arrived in the sink, and their link to the proposals page opens it
    assert e2e_system.mail is not None, e2e_system.describe()
    sink = e2e_system.mail

    def proposal_link(_: WebDriver) -> str | None:
        for number, raw in enumerate(list(sink.messages)):
            mail = read_mail(f"{number}.eml", raw)
            if email in mail.summary.recipients:
                found = [link for link in mail.links if link.endswith("/to-chuc/de-xuat")]
                if found:
                    return found[0]
        return None

    link = WebDriverWait(browser, PROPOSAL_TIMEOUT, poll_frequency=2).until(proposal_link)
    assert link is not None
    assert link.startswith(portal)
    browser.get(link)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Đề xuất kết nối"
    assert offer in browser.page_source
