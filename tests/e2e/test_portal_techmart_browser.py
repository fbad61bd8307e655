"""Browser test 3 of the portal, on the real system: a techmart's B2B day.

A broker announces a techmart on the portal's form (in the province's time) and proposes the
coffee company's drier to the Măng Đen cooperative's drying demand on the pipeline board; the
coffee company and the cooperative register through the portal, each bringing its listing; the
broker generates the B2B schedule on the event's desk page; the coffee company downloads its
meetings as .ics, which a calendar parser reads: one meeting, at the techmart's venue, in one
of the event's slots, naming the cooperative.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import icalendar
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from tests.e2e.browsing import click_and_wait, sign_in_as, sign_out
from tests.e2e.conftest import E2ESystem

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
SUPPLIER = "Công ty TNHH Cà phê Đắk Hà"
SUPPLIER_OFFER = "Máy sấy cà phê nhân bằng năng lượng mặt trời kết hợp sinh khối"
SEEKER = "Hợp tác xã Nông nghiệp Dược liệu Măng Đen"
SEEKER_DEMAND = "Cần công nghệ sấy lạnh dược liệu giữ hoạt chất"
FIRST_SLOT = datetime(2027, 4, 8, 1, 0, tzinfo=UTC)
VENUE = "Trung tâm Hội nghị tỉnh Quảng Ngãi"


def listing_id(listings_url: str, kind: str, title: str) -> str:
    found = httpx.get(
        f"{listings_url}/v1/listings", params={"kind": kind, "q": title, "limit": 10}, timeout=10
    ).json()["items"]
    return next(str(x["listing_id"]) for x in found if x["title"] == title)


def announce(browser: WebDriver, portal: str, title: str) -> str:
    """The broker's form, in the province's time; the new event's id."""
    browser.get(f"{portal}/moi-gioi/su-kien/moi")
    typed = {
        "title": title, "venue": VENUE, "capacity": "40", "slot_count": "6",
        "slot_minutes": "20", "tables": "4",
    }  # fmt: skip
    for field_id, text in typed.items():
        browser.find_element(By.ID, field_id).send_keys(text)
    moments = {
        "starts_day": "2027-04-08", "starts_time": "08:00", "ends_day": "2027-04-08",
        "ends_time": "16:00", "deadline_day": "2027-04-01", "deadline_time": "17:00",
    }  # fmt: skip
    for field_id, value in moments.items():  # a date input's typing order follows the locale
        field = browser.find_element(By.ID, field_id)
        browser.execute_script("arguments[0].value = arguments[1]", field, value)
    browser.find_element(
        By.CSS_SELECTOR, "input[name=focus_sectors][value=medicinal_herbs]"
    ).click()
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[contains(., 'Công bố')]"))
    assert "xong=cong-bo" in browser.current_url, browser.page_source[:3000]
    return browser.current_url.split("/moi-gioi/su-kien/")[1].split("?")[0]


def propose(browser: WebDriver, portal: str, offer_id: str, demand_id: str) -> None:
    """A proposal by hand on the broker's board (already made by the engine: refused, fine)."""
    browser.get(f"{portal}/moi-gioi/ket-noi")
    browser.find_element(By.ID, "offer_id").send_keys(offer_id)
    browser.find_element(By.ID, "demand_id").send_keys(demand_id)
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[contains(., 'Đề xuất cho')]"))


def register(browser: WebDriver, portal: str, event_id: str, role: str, title: str) -> None:
    browser.get(f"{portal}/su-kien/{event_id}")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Đăng ký tham gia"))
    browser.find_element(By.CSS_SELECTOR, f"input[name=role][value={role}]").click()
    label = browser.find_element(By.XPATH, f"//label[contains(., '{title}')]")
    label.find_element(By.TAG_NAME, "input").click()
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[contains(., 'Đăng ký')]"))
    assert "Đơn vị đã đăng ký tham gia" in browser.page_source


def test_two_organisations_register_a_broker_schedules_and_the_ics_is_read_by_a_calendar(
    portal: str,
    browser: WebDriver,
    second_browser: WebDriver,
    screenshots: Path,
    e2e_system: E2ESystem,
) -> None:
    listings_url = e2e_system.services["listings"].url
    title = f"Techmart sấy nông sản, dược liệu {uuid.uuid4().hex[:6]}"
    sign_in_as(second_browser, portal, "môi giới")
    event_id = announce(second_browser, portal, title)
    second_browser.save_screenshot(str(screenshots / "techmart-announced.png"))
    offer_id = listing_id(listings_url, "offer", SUPPLIER_OFFER)
    propose(second_browser, portal, offer_id, listing_id(listings_url, "demand", SEEKER_DEMAND))

    sign_in_as(browser, portal, SUPPLIER)
    register(browser, portal, event_id, "supplier", SUPPLIER_OFFER)
    browser.save_screenshot(str(screenshots / "techmart-registered.png"))
    sign_out(second_browser)
    sign_in_as(second_browser, portal, SEEKER)
    register(second_browser, portal, event_id, "seeker", SEEKER_DEMAND)

    sign_out(second_browser)
    sign_in_as(second_browser, portal, "môi giới")
    second_browser.get(f"{portal}/moi-gioi/su-kien/{event_id}")
    participants = second_browser.find_element(By.TAG_NAME, "table").text
    assert SUPPLIER in participants
    assert SEEKER in participants
    click_and_wait(
        second_browser, second_browser.find_element(By.XPATH, "//button[contains(., 'Xếp lịch')]")
    )
    second_browser.save_screenshot(str(screenshots / "techmart-schedule.png"))
    schedule = second_browser.find_elements(By.TAG_NAME, "table")[1].text
    assert f"{SUPPLIER} {SEEKER}" in schedule

    browser.get(f"{portal}/su-kien/{event_id}")
    link = browser.find_element(By.PARTIAL_LINK_TEXT, "Tải lịch gặp B2B").get_attribute("href")
    assert link
    cookies = {c["name"]: c["value"] for c in browser.get_cookies()}
    answer = httpx.get(link, cookies=cookies, timeout=10)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(answer.content)
    (meeting,) = calendar.walk("VEVENT")
    assert VENUE in str(meeting["LOCATION"])
    slots = {FIRST_SLOT + timedelta(minutes=20 * n) for n in range(6)}
    assert meeting.decoded("DTSTART").astimezone(UTC) in slots
    assert SEEKER in str(meeting["SUMMARY"])
