"""The portal in a real browser (Debian's headless chromium through its chromedriver), on the
e2e system: the real listings service with the demo seed behind a real portal process.

A visitor searches "sam ngoc linh" typed without diacritics, opens the listing it finds and its
owner's profile; an anonymous demand's page names no owner; a bad filter is refused in
Vietnamese next to its field; the listing links of the e-mails the system sent open the pages
they name; an organisation's demand goes from a refused form through review to the public.
Screenshots of each page are kept under the test's output directory.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from services.listings.seed import load
from services.portal.domain.mail import read_mail
from shared.auth import Role, mint_token
from shared.settings import DEV_JWT_SECRET
from tests.e2e.browsing import click_and_wait, sign_in_as, sign_out
from tests.e2e.conftest import E2ESystem

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_a_visitor_finds_a_listing_typed_without_diacritics(
    portal: str, browser: WebDriver, screenshots: Path
) -> None:
    browser.get(f"{portal}/")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi"
    browser.save_screenshot(str(screenshots / "home.png"))
    atom = browser.find_element(By.LINK_TEXT, "Atom").get_attribute("href")
    assert atom
    feed = httpx.get(atom, timeout=10)
    assert feed.status_code == 200
    assert "<feed" in feed.text

    box = browser.find_element(By.ID, "q")
    box.send_keys("sam ngoc linh")
    click_and_wait(browser, box.find_element(By.XPATH, "./ancestor::form//button"))
    links = browser.find_elements(By.CSS_SELECTOR, ".cards h3 a")
    titles = [link.text for link in links]
    browser.save_screenshot(str(screenshots / "search.png"))
    assert any("Ngọc Linh" in title for title in titles), titles

    wanted = next(link for link in links if "Ngọc Linh" in link.text)
    title = wanted.text
    click_and_wait(browser, wanted)
    assert browser.find_element(By.TAG_NAME, "h1").text == title
    assert "/listings/" in browser.current_url
    browser.save_screenshot(str(screenshots / "listing.png"))

    owner = browser.find_element(By.CSS_SELECTOR, "dd[data-field=owner] a")
    name = owner.text
    click_and_wait(browser, owner)
    assert browser.find_element(By.TAG_NAME, "h1").text == name
    published = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".cards h3 a")]
    assert title in published
    browser.save_screenshot(str(screenshots / "organization.png"))


def test_an_anonymous_demand_shows_no_owner(
    portal: str, browser: WebDriver, screenshots: Path, e2e_system: E2ESystem
) -> None:
    organizations, entries = load()
    names = {o["organization_id"]: o["name"] for o in organizations}
    anonymous = next(e for e in entries if e["kind"] == "demand" and e.get("anonymous"))
    found = httpx.get(
        f"{e2e_system.services['listings'].url}/v1/listings",
        params={"kind": "demand", "q": anonymous["title"], "limit": 5},
        timeout=10,
    ).json()["items"]
    listing_id = next(x["listing_id"] for x in found if x["title"] == anonymous["title"])

    browser.get(f"{portal}/listings/{listing_id}")
    owner = browser.find_element(By.CSS_SELECTOR, "dd[data-field=owner]").text
    browser.save_screenshot(str(screenshots / "anonymous-demand.png"))
    assert owner == "Bên đặt hàng ẩn danh"
    assert names[anonymous["owner"]] not in browser.page_source


def test_a_bad_filter_is_refused_in_vietnamese_next_to_its_field(
    portal: str, browser: WebDriver, screenshots: Path
) -> None:
    browser.get(f"{portal}/search?kind=sale")
    error = browser.find_element(By.ID, "kind-error")
    browser.save_screenshot(str(screenshots / "search-error.png"))
    assert "chào bán hoặc đặt hàng" in error.text
    described = browser.find_element(By.ID, "kind").get_attribute("aria-describedby")
    assert described == "kind-error"


def test_the_listing_links_in_the_e_mails_open_their_pages(
    portal: str, browser: WebDriver, screenshots: Path, e2e_system: E2ESystem
) -> None:
    assert e2e_system.mail is not None, e2e_system.describe()
    mails = [read_mail(f"{i}.eml", raw) for i, raw in enumerate(e2e_system.mail.messages)]
    links = sorted(
        {link for m in mails for link in m.links if link.startswith(f"{portal}/listings/")}
    )
    assert links, f"no e-mail links to a listing page among {len(mails)} e-mails"
    for number, link in enumerate(links):
        browser.get(link)
        heading = browser.find_element(By.TAG_NAME, "h1").text
        assert heading, link
        assert heading != "Không tìm thấy trang", link
        if number == 0:
            browser.save_screenshot(str(screenshots / "linked-from-e-mail.png"))


def test_a_demand_refused_then_fixed_is_sent_to_review_approved_and_found_by_the_public(
    portal: str, browser: WebDriver, screenshots: Path
) -> None:
    sign_in_as(browser, portal, "Hợp tác xã Nông nghiệp Dược liệu Măng Đen")
    assert browser.current_url.endswith("/to-chuc/tin")

    browser.get(f"{portal}/to-chuc/tin/moi?kind=demand")
    browser.find_element(By.ID, "title").send_keys("Cần thiết bị sấy lạnh cho sâm dây")
    browser.find_element(By.ID, "summary").send_keys("Ngắn")
    browser.find_element(By.ID, "description").send_keys("Đang phơi nắng, hao hụt lớn mùa mưa.")
    browser.find_element(By.ID, "desired_outcome").send_keys("Sấy dưới 45 °C, giữ màu.")
    browser.find_element(By.CSS_SELECTOR, "#sector option[value=medicinal_herbs]").click()
    click_and_wait(
        browser, browser.find_element(By.CSS_SELECTOR, "form[action='/to-chuc/tin/moi'] button")
    )

    error = browser.find_element(By.ID, "summary-error")
    browser.save_screenshot(str(screenshots / "demand-refused.png"))
    assert error.text == "Quá ngắn: tối thiểu 10 ký tự."
    assert browser.find_element(By.ID, "summary").get_attribute("aria-describedby") == (
        "summary-error"
    )
    assert browser.find_element(By.ID, "title").get_attribute("value") == (
        "Cần thiết bị sấy lạnh cho sâm dây"
    )

    summary = browser.find_element(By.ID, "summary")
    summary.clear()
    summary.send_keys("Hợp tác xã cần thiết bị sấy lạnh cho 20 tấn sâm dây mỗi năm.")
    click_and_wait(
        browser, browser.find_element(By.CSS_SELECTOR, "form[action='/to-chuc/tin/moi'] button")
    )
    assert "da-luu=" in browser.current_url, browser.page_source[:2000]

    row = browser.find_element(By.XPATH, "//tr[td[contains(., 'sấy lạnh cho sâm dây')]]")
    assert row.find_element(By.CSS_SELECTOR, "[data-field=state]").text == "Bản nháp"
    click_and_wait(browser, row.find_element(By.XPATH, ".//button[contains(., 'Gửi duyệt')]"))
    row = browser.find_element(By.XPATH, "//tr[td[contains(., 'sấy lạnh cho sâm dây')]]")
    browser.save_screenshot(str(screenshots / "demand-submitted.png"))
    assert row.find_element(By.CSS_SELECTOR, "[data-field=state]").text == "Chờ duyệt"

    sign_out(browser)
    sign_in_as(browser, portal, "môi giới")
    assert browser.current_url.endswith("/moi-gioi/kiem-duyet")
    entry = browser.find_element(
        By.XPATH, "//article[header/h2[contains(., 'sấy lạnh cho sâm dây')]]"
    )
    browser.save_screenshot(str(screenshots / "moderation-queue.png"))
    click_and_wait(
        browser, entry.find_element(By.XPATH, ".//button[contains(., 'Duyệt và công bố')]")
    )
    assert "xong=duyet" in browser.current_url

    browser.get(f"{portal}/search?q=say+lanh+sam+day&kind=demand")
    titles = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".cards h3 a")]
    assert "Cần thiết bị sấy lạnh cho sâm dây" in titles


def test_the_indicators_page_shows_this_years_figures_and_its_csv(
    portal: str, browser: WebDriver, screenshots: Path
) -> None:
    browser.get(f"{portal}/chi-so")
    figures = browser.find_elements(By.CSS_SELECTOR, "[data-figure] strong")
    browser.save_screenshot(str(screenshots / "indicators.png"))
    assert len(figures) == 6
    assert all(figure.text for figure in figures)
    link = browser.find_element(By.XPATH, "//a[contains(., 'Tải CSV')]").get_attribute("href")
    assert link
    response = httpx.get(link, timeout=10)
    assert response.headers["content-type"].startswith("text/csv")
    assert response.text.splitlines()[0].startswith("period,scope,code,name,")


def test_a_techmart_a_broker_announces_is_on_the_calendar_in_the_provinces_time(
    portal: str, browser: WebDriver, screenshots: Path, e2e_system: E2ESystem
) -> None:
    token = mint_token(DEV_JWT_SECRET, "broker-01", [Role.broker])
    plan = {
        "title": "Techmart dược liệu Măng Đen 2027",
        "kind": "techmart",
        "starts_at": "2027-03-10T01:00:00+00:00",
        "ends_at": "2027-03-10T09:30:00+00:00",
        "venue": "Nhà văn hóa xã Măng Đen",
        "focus_sectors": ["medicinal_herbs"],
        "capacity": 60,
        "registration_deadline": "2027-03-01T10:00:00+00:00",
        "slot_minutes": 20,
        "slot_count": 12,
        "tables": 10,
    }
    announced = httpx.post(
        f"{e2e_system.services['matching'].url}/v1/connection-events",
        json=plan,
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert announced.status_code == 201, announced.text

    browser.get(f"{portal}/su-kien")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, plan["title"]))
    browser.save_screenshot(str(screenshots / "techmart.png"))
    assert browser.find_element(By.TAG_NAME, "h1").text == plan["title"]
    facts = browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    assert "08:00–16:30 10/03/2027" in facts
    assert "17:00 01/03/2027" in facts


def test_the_award_pages_answer_from_the_awards_service(
    portal: str, browser: WebDriver, screenshots: Path
) -> None:
    browser.get(f"{portal}/ton-vinh")
    browser.save_screenshot(str(screenshots / "awards.png"))
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Tôn vinh")
    assert "Dịch vụ tôn vinh tạm thời" not in browser.page_source


def test_every_link_of_the_public_feed_opens_a_portal_page(
    portal: str, browser: WebDriver, e2e_system: E2ESystem
) -> None:
    feed = httpx.get(f"{e2e_system.services['notifications'].url}/feeds/feed.json", timeout=10)
    links = sorted({item["url"] for item in feed.json()["items"]})
    assert any("/su-kien/" in link for link in links), links  # the techmart announced above
    assert all(link.startswith(portal) for link in links), links
    for link in links:
        browser.get(link)
        heading = browser.find_element(By.TAG_NAME, "h1").text
        assert heading, link
        assert heading != "Không tìm thấy trang", link
