"""Browser test 4 of the portal, on the real system: the award review panel.

An administrator opens a programme, the coffee company nominates itself, the programme closes
for review and two reviewers are assigned (the API, as the administrator's tools would); one
reviewer belongs to the nominee, so the awards service recuses her. The independent reviewer
scores the file per criterion in the portal; the recused one does not see it in her queue and
is refused when she opens its address.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from shared.auth import Role, mint_token
from shared.settings import DEV_JWT_SECRET
from tests.e2e.browsing import click_and_wait, sign_in_as
from tests.e2e.conftest import E2ESystem
from tests.integration.awards.story import CATEGORY, programme_body

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
NOMINEE_ID = "org_caphe_dakha"
NOMINEE = "Công ty TNHH Cà phê Đắk Hà"
ADMIN = {"Authorization": f"Bearer {mint_token(DEV_JWT_SECRET, 'admin-01', [Role.admin])}"}
NOMINEE_TOKEN = mint_token(DEV_JWT_SECRET, "caphe-dakha:giam-doc", [Role.org], org_id=NOMINEE_ID)


def programme_in_review(awards_url: str) -> tuple[str, str]:
    """A programme whose one nomination awaits the first round; (programme, nomination) ids."""
    with httpx.Client(base_url=awards_url, timeout=10) as api:
        created = api.post("/programmes", json=programme_body(rules=[]), headers=ADMIN)
        assert created.status_code == 201, created.text
        programme_id = str(created.json()["programme_id"])
        assert api.post(f"/programmes/{programme_id}/open", headers=ADMIN).status_code == 200
        body = {
            "category_id": CATEGORY,
            "nominee_organization_id": NOMINEE_ID,
            "narrative": "Hai hợp đồng chuyển giao công nghệ sấy cà phê cho hợp tác xã.",
        }
        nominated = api.post(
            f"/programmes/{programme_id}/nominations",
            json=body,
            headers={"Authorization": f"Bearer {NOMINEE_TOKEN}"},
        )
        assert nominated.status_code == 201, nominated.text
        assert api.post(f"/programmes/{programme_id}/close", headers=ADMIN).status_code == 200
        duties = [{"category_id": CATEGORY, "round_id": "so-tuyen"}]
        panel = {
            "reviewer-01": {"name": "GS.TS. Nguyễn Văn An", "organization_id": None},
            "reviewer-02": {"name": "TS. Lê Thị Bình", "organization_id": NOMINEE_ID},
        }
        for subject, who in panel.items():
            assigned = api.put(
                f"/programmes/{programme_id}/reviewers/{subject}",
                json=who | {"duties": duties},
                headers=ADMIN,
            )
            assert assigned.status_code == 200, assigned.text
    return programme_id, str(nominated.json()["nomination_id"])


def test_a_reviewer_scores_a_nomination_and_a_recused_one_cannot_open_it(
    portal: str,
    browser: WebDriver,
    second_browser: WebDriver,
    screenshots: Path,
    e2e_system: E2ESystem,
) -> None:
    _, nomination_id = programme_in_review(e2e_system.services["awards"].url)
    file = f"{portal}/tham-dinh/ho-so/{nomination_id}"

    sign_in_as(browser, portal, "GS.TS. Nguyễn Văn An")
    assert browser.current_url.endswith("/tham-dinh")
    link = browser.find_element(By.XPATH, f"//a[@href='/tham-dinh/ho-so/{nomination_id}']")
    assert link.text == NOMINEE
    click_and_wait(browser, link)
    for criterion, mark in (("hieu-qua-chuyen-giao", "8"), ("lan-toa", "7")):
        browser.find_element(By.CSS_SELECTOR, f"#score-{criterion} option[value='{mark}']").click()
    browser.find_element(By.ID, "comment-lan-toa").send_keys("Lan tỏa tới ba hợp tác xã.")
    browser.save_screenshot(str(screenshots / "review-file.png"))
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[contains(., 'Lưu phiếu')]"))
    assert "Đã lưu phiếu chấm" in browser.page_source
    selected = browser.find_element(By.CSS_SELECTOR, "#score-hieu-qua-chuyen-giao option:checked")
    assert selected.get_attribute("value") == "8"

    sign_in_as(second_browser, portal, "TS. Lê Thị Bình")
    assert f"/tham-dinh/ho-so/{nomination_id}" not in second_browser.page_source
    second_browser.get(file)
    second_browser.save_screenshot(str(screenshots / "review-recused.png"))
    assert second_browser.find_element(By.TAG_NAME, "h1").text == "Không được phép"
    assert NOMINEE not in second_browser.page_source
