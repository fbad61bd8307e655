"""Browser test 3 of the portal, on the real system: a techmart's B2B day.

A broker announces a techmart and proposes a cold-drying offer to the Măng Đen cooperative's
drying demand (the API, as the broker's tools would); the coffee company and the cooperative
register through the portal, each bringing its listing; the broker generates the B2B schedule on
the event's desk page; the coffee company downloads its meetings as .ics, which a calendar
parser reads: one meeting, at the techmart's venue, in the province's morning.
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

from shared.auth import Role, mint_token
from shared.settings import DEV_JWT_SECRET
from tests.e2e.browsing import click_and_wait, sign_in_as, sign_out
from tests.e2e.conftest import E2ESystem

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
SUPPLIER = "Công ty TNHH Cà phê Đắk Hà"
SUPPLIER_OFFER = "Máy sấy cà phê nhân bằng năng lượng mặt trời kết hợp sinh khối"
SEEKER = "Hợp tác xã Nông nghiệp Dược liệu Măng Đen"
SEEKER_DEMAND = "Cần công nghệ sấy lạnh dược liệu giữ hoạt chất"
FIRST_SLOT = datetime(2027, 4, 8, 1, 0, tzinfo=UTC)
BROKER = {"Authorization": f"Bearer {mint_token(DEV_JWT_SECRET, 'broker-01', [Role.broker])}"}


def listing_id(listings_url: str, kind: str, title: str) -> str:
    found = httpx.get(
        f"{listings_url}/v1/listings", params={"kind": kind, "q": title, "limit": 10}, timeout=10
    ).json()["items"]
    return next(str(x["listing_id"]) for x in found if x["title"] == title)


def announce(matching_url: str, title: str) -> str:
    plan = {
        "title": title, "kind": "techmart",
        "starts_at": FIRST_SLOT.isoformat(), "ends_at": "2027-04-08T09:00:00+00:00",
        "venue": "Trung tâm Hội nghị tỉnh Quảng Ngãi", "focus_sectors": ["medicinal_herbs"],
        "capacity": 40, "registration_deadline": "2027-04-01T10:00:00+00:00",
        "slot_minutes": 20, "slot_count": 6, "tables": 4,
    }  # fmt: skip
    announced = httpx.post(
        f"{matching_url}/v1/connection-events", json=plan, headers=BROKER, timeout=10
    )
    assert announced.status_code == 201, announced.text
    return str(announced.json()["event_id"])


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
    matching_url = e2e_system.services["matching"].url
    title = f"Techmart sấy nông sản, dược liệu {uuid.uuid4().hex[:6]}"
    event_id = announce(matching_url, title)
    pair = {
        "offer_id": listing_id(listings_url, "offer", SUPPLIER_OFFER),
        "demand_id": listing_id(listings_url, "demand", SEEKER_DEMAND),
    }
    proposed = httpx.post(f"{matching_url}/v1/matches", json=pair, headers=BROKER, timeout=10)
    assert proposed.status_code in {201, 409}, proposed.text  # 409: the engine proposed it first

    sign_in_as(browser, portal, SUPPLIER)
    register(browser, portal, event_id, "supplier", SUPPLIER_OFFER)
    browser.save_screenshot(str(screenshots / "techmart-registered.png"))
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
    assert "Trung tâm Hội nghị tỉnh Quảng Ngãi" in str(meeting["LOCATION"])
    slots = {FIRST_SLOT + timedelta(minutes=20 * n) for n in range(6)}
    assert meeting.decoded("DTSTART").astimezone(UTC) in slots
    assert SEEKER in str(meeting["SUMMARY"])
