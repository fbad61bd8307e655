"""Browser test of the portal on the real system: a techmart managed from the broker's desk.

A broker announces a techmart; the coffee company and the Măng Đen cooperative register through
the portal; the company asks the cooperative to meet (first without saying why: refused beside
the field, in Vietnamese) and the cooperative accepts; the broker generates the B2B schedule,
which places the requested meeting, and pins it at the third slot, table 3 — the company's own
schedule on the event's page then shows it there, in the province's time, naming the
cooperative. The broker changes the event (a capacity of 0 refused beside its field, then the
day moved to today, begun two hours ago, and a new venue), records the cooperative's outcome of
the meeting and closes the event with its MoUs: the matching API then holds the event closed
with those figures.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.select import Select

from shared.clock import PROVINCE_ZONE
from tests.e2e.browsing import click_and_wait, sign_in_as, sign_out
from tests.e2e.conftest import E2ESystem
from tests.e2e.test_portal_techmart_browser import (
    SEEKER,
    SEEKER_DEMAND,
    SUPPLIER,
    SUPPLIER_OFFER,
    announce,
    listing_id,
    propose,
    register,
)

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
NEW_VENUE = "Nhà Văn hóa tỉnh Quảng Ngãi, cơ sở Kon Tum"


def submit(browser: WebDriver, label: str) -> None:
    click_and_wait(browser, browser.find_element(By.XPATH, f"//button[contains(., '{label}')]"))


def choose(browser: WebDriver, select_id: str, *, text: str = "", value: str = "") -> None:
    select = Select(browser.find_element(By.ID, select_id))
    if value:
        select.select_by_value(value)
    else:
        next(o for o in select.options if text in o.text).click()


def ask_to_meet(browser: WebDriver, portal: str, event_id: str) -> None:
    """The company's request to the cooperative: first without a reason, refused beside it."""
    browser.get(f"{portal}/su-kien/{event_id}")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Đề nghị gặp B2B"))
    choose(browser, "to_organization_id", text=SEEKER)
    submit(browser, "Gửi đề nghị gặp")
    error = browser.find_element(By.ID, "request-reason-error").text
    assert error == "Bắt buộc nhập.", browser.page_source[:3000]
    summary = browser.find_element(By.CSS_SELECTOR, "#error-summary a[href='#request-reason']")
    assert "Nội dung muốn trao đổi" in summary.text
    browser.find_element(By.ID, "request-reason").send_keys("Muốn xem máy sấy chạy thử với sâm.")
    submit(browser, "Gửi đề nghị gặp")
    sent = browser.find_element(By.ID, "sent").text
    assert SEEKER in sent
    assert "Chờ trả lời" in sent


def accept_request(browser: WebDriver, portal: str, event_id: str) -> None:
    browser.get(f"{portal}/to-chuc/su-kien/{event_id}/hen-gap")
    assert SUPPLIER in browser.find_element(By.ID, "received").text
    submit(browser, "Nhận lời")
    assert "Đã nhận lời" in browser.find_element(By.ID, "received").text


def schedule_and_pin(browser: WebDriver, portal: str, event_id: str) -> None:
    """Generate the schedule, then pin its meeting at the third slot (08:40), table 3."""
    browser.get(f"{portal}/moi-gioi/su-kien/{event_id}")
    participants = browser.find_element(By.ID, "participants").text
    assert SUPPLIER in participants
    assert SEEKER in participants
    submit(browser, "Xếp lịch")
    meetings = browser.find_element(By.ID, "meetings").text
    assert f"{SUPPLIER} {SEEKER}" in meetings, meetings
    assert "Theo đề nghị gặp" in meetings
    choose(browser, "pin-slot", value="2")
    choose(browser, "pin-table", value="3")
    submit(browser, "Ghim")
    assert "xong=ghim" in browser.current_url, browser.page_source[:3000]
    meetings = browser.find_element(By.ID, "meetings").text
    assert f"08:40 08/04/2027 3 {SUPPLIER} {SEEKER} Đã ghim" in meetings, meetings


def change_to_today(browser: WebDriver, portal: str, event_id: str, title: str) -> None:
    """The event moved to today, begun two hours ago (its meetings have started), a new venue;
    a capacity of 0 is refused first."""
    browser.get(f"{portal}/moi-gioi/su-kien/{event_id}")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Sửa thông tin sự kiện"))
    assert browser.find_element(By.ID, "title").get_attribute("value") == title
    assert browser.find_element(By.ID, "starts_time").get_attribute("value") == "08:00"
    capacity = browser.find_element(By.ID, "capacity")
    capacity.clear()
    capacity.send_keys("0")
    submit(browser, "Lưu thay đổi")
    error = browser.find_element(By.ID, "capacity-error").text
    assert error == "Số đơn vị tham gia tối đa từ 1 đến 5000.", error
    assert browser.find_element(By.ID, "capacity").get_attribute("aria-invalid") == "true"
    browser.find_element(By.ID, "capacity").clear()
    browser.find_element(By.ID, "capacity").send_keys("40")
    browser.find_element(By.ID, "venue").clear()
    browser.find_element(By.ID, "venue").send_keys(NEW_VENUE)
    starts = datetime.now(PROVINCE_ZONE).replace(second=0, microsecond=0) - timedelta(hours=2)
    moments = {"starts": starts, "ends": starts + timedelta(hours=4),
               "deadline": starts - timedelta(hours=1)}  # fmt: skip
    for pair, moment in moments.items():  # a date input's typing order follows the locale
        for part, value in (("day", f"{moment:%Y-%m-%d}"), ("time", f"{moment:%H:%M}")):
            field = browser.find_element(By.ID, f"{pair}_{part}")
            browser.execute_script("arguments[0].value = arguments[1]", field, value)
    submit(browser, "Lưu thay đổi")
    assert "xong=sua" in browser.current_url, browser.page_source[:3000]
    assert NEW_VENUE in browser.page_source


def test_a_broker_manages_a_techmart_whose_participants_asked_to_meet(
    portal: str,
    browser: WebDriver,
    second_browser: WebDriver,
    screenshots: Path,
    e2e_system: E2ESystem,
) -> None:
    listings_url = e2e_system.services["listings"].url
    matching_url = e2e_system.services["matching"].url
    title = f"Techmart kết nối cung cầu dược liệu {uuid.uuid4().hex[:6]}"
    sign_in_as(second_browser, portal, "môi giới")
    event_id = announce(second_browser, portal, title)
    offer_id = listing_id(listings_url, "offer", SUPPLIER_OFFER)
    propose(second_browser, portal, offer_id, listing_id(listings_url, "demand", SEEKER_DEMAND))

    sign_in_as(browser, portal, SUPPLIER)
    register(browser, portal, event_id, "supplier", SUPPLIER_OFFER)
    sign_out(second_browser)
    sign_in_as(second_browser, portal, SEEKER)
    register(second_browser, portal, event_id, "seeker", SEEKER_DEMAND)

    ask_to_meet(browser, portal, event_id)
    browser.save_screenshot(str(screenshots / "techmart-desk-request-sent.png"))
    accept_request(second_browser, portal, event_id)
    second_browser.save_screenshot(str(screenshots / "techmart-desk-request-accepted.png"))

    sign_out(second_browser)
    sign_in_as(second_browser, portal, "môi giới")
    schedule_and_pin(second_browser, portal, event_id)
    second_browser.save_screenshot(str(screenshots / "techmart-desk-pinned.png"))
    browser.get(f"{portal}/su-kien/{event_id}")
    own = browser.find_element(By.ID, "my-schedule").text
    assert f"08:40 08/04/2027 3 {SEEKER}" in own, own

    change_to_today(second_browser, portal, event_id, title)
    choose(second_browser, "outcome-for", text=f"ghi cho {SEEKER}")
    choose(second_browser, "outcome", value="follow_up_wanted")
    submit(second_browser, "Ghi kết quả")
    meetings = second_browser.find_element(By.ID, "meetings").text
    assert f"{SEEKER}: Đã gặp, muốn tiếp tục trao đổi" in meetings, meetings
    mous = second_browser.find_element(By.ID, "mous_signed")
    mous.clear()
    mous.send_keys("1")
    submit(second_browser, "Kết thúc sự kiện")
    second_browser.save_screenshot(str(screenshots / "techmart-desk-closed.png"))
    assert "Đã kết thúc sự kiện" in second_browser.page_source, second_browser.page_source[:3000]

    event = httpx.get(f"{matching_url}/v1/connection-events/{event_id}", timeout=10).json()
    assert event["status"] == "closed"
    assert event["venue"] == NEW_VENUE
    assert event["summary"]["mous_signed"] == 1
    assert event["summary"]["meetings_scheduled"] == 1
