"""Browser test of an organisation's listing desk and the broker's paper dossiers, on the real
system: Cà phê Đắk Hà edits its draft (a TRL out of range refused in Vietnamese beside the
field, then fixed), imports a CSV catalogue whose bad row is reported by its line, then
imported once fixed; a broker at the Department enters a paper dossier for it, which then
appears on its own listings as entered by the Department. Screenshots of each step are kept."""

from __future__ import annotations

import csv
import uuid
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from tests.e2e.browsing import click_and_wait, sign_in_as

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
ORGANIZATION = "Công ty TNHH Cà phê Đắk Hà"


def type_into(browser: WebDriver, field_id: str, text: str) -> None:
    field = browser.find_element(By.ID, field_id)
    field.clear()
    field.send_keys(text)


def submit(browser: WebDriver, action: str) -> None:
    click_and_wait(
        browser, browser.find_element(By.CSS_SELECTOR, f"form[action='{action}'] button")
    )


def row_of(browser: WebDriver, title: str) -> str:
    """The state cell's text of the organisation's listing with this title."""
    row = browser.find_element(By.XPATH, f"//tr[td[contains(., '{title}')]]")
    return str(row.find_element(By.CSS_SELECTOR, "[data-field=state]").text)


COMMON = {
    "kind": "demand",
    "sector": "agro_forestry_fishery_processing",
    "summary": "Công ty cần nâng chất lượng cà phê nhân xuất khẩu.",
    "description": "Hiện chế biến thủ công, chất lượng không đồng đều.",
    "desired_outcome": "Cà phê đạt chuẩn đặc sản, hao hụt dưới 5%.",
    "keywords": "cà phê;chế biến",
    "budget_max_vnd": "600000000",
    "deadline": "2030-06-30",
}
"""What both rows of the catalogue say (a demand of the coffee company)."""


def catalogue(path: Path, suffix: str, second_min_trl: str) -> Path:
    """Two demands; the second's lowest TRL as given (line 3 of the file)."""
    rows = [
        COMMON | {"title": f"Cần máy rang cà phê tầng sôi ({suffix})", "min_trl": "6"},
        COMMON
        | {"title": f"Cần quy trình lên men cà phê Robusta ({suffix})", "min_trl": second_min_trl},
    ]
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=[*COMMON, "title", "min_trl"])
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_an_organisation_edits_and_imports_and_a_broker_enters_its_paper_dossier(
    portal: str,
    browser: WebDriver,
    second_browser: WebDriver,
    screenshots: Path,
    tmp_path: Path,
) -> None:
    suffix = uuid.uuid4().hex[:6]
    draft = f"Cần máy xát vỏ cà phê tươi ({suffix})"
    edited = f"Cần máy xát vỏ cà phê tươi công suất 2 tấn/giờ ({suffix})"

    # a draft of its own, then edited: a TRL out of range refused beside its field, then fixed
    sign_in_as(browser, portal, ORGANIZATION)
    browser.get(f"{portal}/to-chuc/tin/moi?kind=demand")
    type_into(browser, "title", draft)
    type_into(browser, "summary", "Công ty cần xát vỏ cà phê tươi ngay sau thu hái.")
    type_into(browser, "description", "Hiện xát bằng máy cũ, vỡ hạt nhiều.")
    type_into(browser, "desired_outcome", "Tỷ lệ vỡ hạt dưới 2%.")
    browser.find_element(
        By.CSS_SELECTOR, "#sector option[value=agro_forestry_fishery_processing]"
    ).click()
    submit(browser, "/to-chuc/tin/moi")
    assert row_of(browser, draft) == "Bản nháp"

    click_and_wait(
        browser, browser.find_element(By.CSS_SELECTOR, f"a[aria-label='Sửa tin {draft}']")
    )
    assert browser.find_element(By.ID, "title").get_attribute("value") == draft
    action = browser.current_url.removeprefix(portal)
    type_into(browser, "title", edited)
    type_into(browser, "min_trl", "12")
    submit(browser, action)
    error = browser.find_element(By.ID, "min_trl-error")
    browser.save_screenshot(str(screenshots / "edit-refused.png"))
    assert error.text == "Giá trị lớn nhất là 9."
    assert browser.find_element(By.ID, "min_trl").get_attribute("aria-describedby") == (
        "min_trl-error"
    )
    link = browser.find_element(By.CSS_SELECTOR, "#error-summary a[href='#min_trl']")
    assert link.text.startswith("TRL thấp nhất chấp nhận")
    assert browser.find_element(By.ID, "title").get_attribute("value") == edited
    type_into(browser, "min_trl", "6")
    submit(browser, action)
    assert "xong=sua" in browser.current_url
    assert "Đã lưu thay đổi" in browser.page_source
    assert row_of(browser, edited) == "Bản nháp"

    # a catalogue with a bad row: reported by its line, nothing imported; fixed, imported
    browser.get(f"{portal}/to-chuc/tin/nhap")
    upload = browser.find_element(By.ID, "catalogue")
    upload.send_keys(str(catalogue(tmp_path / "bad.csv", suffix, second_min_trl="12")))
    submit(browser, "/to-chuc/tin/nhap")
    report = browser.find_element(By.CSS_SELECTOR, "#import-report tr[data-row='3']")
    browser.save_screenshot(str(screenshots / "import-refused.png"))
    cells = [cell.text for cell in report.find_elements(By.TAG_NAME, "td")]
    assert cells == ["3", "TRL thấp nhất chấp nhận (min_trl)", "Giá trị lớn nhất là 9."]
    assert "Chưa nhập tin nào: 1 dòng có lỗi" in browser.page_source
    upload = browser.find_element(By.ID, "catalogue")
    upload.send_keys(str(catalogue(tmp_path / "good.csv", suffix, second_min_trl="5")))
    submit(browser, "/to-chuc/tin/nhap")
    browser.save_screenshot(str(screenshots / "import-done.png"))
    assert "Đã nhập 2 tin và gửi Sở KH&CN duyệt" in browser.find_element(By.TAG_NAME, "main").text
    click_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "lên men cà phê Robusta"))
    assert row_of(browser, f"lên men cà phê Robusta ({suffix})") == "Chờ duyệt"

    # a broker enters the company's paper dossier; the company finds it on its listings
    dossier = f"Công nghệ sấy cà phê bằng năng lượng mặt trời, hồ sơ giấy ({suffix})"
    sign_in_as(second_browser, portal, "môi giới")
    second_browser.get(f"{portal}/moi-gioi/ho-so-giay?kind=offer")
    second_browser.find_element(
        By.CSS_SELECTOR, "#on_behalf_of option[value=org_caphe_dakha]"
    ).click()
    type_into(second_browser, "title", dossier)
    type_into(second_browser, "summary", "Nhà sấy kính 2 tấn cà phê nhân mỗi mẻ cho nông hộ.")
    type_into(
        second_browser, "description", "Nhà sấy kính kết hợp quạt đối lưu, giảm 40% thời gian sấy."
    )
    second_browser.find_element(
        By.CSS_SELECTOR, "#sector option[value=agro_forestry_fishery_processing]"
    ).click()
    type_into(second_browser, "trl", "8")
    second_browser.find_element(By.CSS_SELECTOR, "input[value=equipment_with_know_how]").click()
    second_browser.find_element(By.ID, "price_negotiable").click()
    submit(second_browser, "/moi-gioi/ho-so-giay")
    second_browser.save_screenshot(str(screenshots / "paper-dossier-entered.png"))
    notice = second_browser.find_element(By.CSS_SELECTOR, "[role=status]").text
    assert notice.startswith(f"Đã lưu bản nháp cho {ORGANIZATION}")

    browser.get(f"{portal}/to-chuc/tin")
    row = browser.find_element(By.XPATH, f"//tr[td[contains(., '{dossier}')]]")
    browser.save_screenshot(str(screenshots / "paper-dossier-on-owner-list.png"))
    assert row.find_element(By.CSS_SELECTOR, "[data-field=entered-by]").text == (
        "Sở KH&CN nhập từ hồ sơ giấy"
    )
    assert row_of(browser, dossier) == "Bản nháp"
