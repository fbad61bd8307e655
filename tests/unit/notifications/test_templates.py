"""Templates: every message renders in vi and en, and user text never becomes markup."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import pytest
from jinja2 import UndefinedError

from services.notifications.domain.digests import assemble
from services.notifications.domain.notices import notice_of
from services.notifications.domain.subscriptions import Frequency
from services.notifications.domain.targeted import TARGETED
from services.notifications.rendering import Renderer
from shared.events.base import Event
from tests.unit.notifications.samples import NOW, match_accepted, match_proposed, published

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
EVIL_TITLE = '<script>alert("xss")</script><img src=x onerror=alert(1)> {{ 7*7 }} {% raw %}'
renderer = Renderer(
    ZONE,
    "https://sangiaodich.khcn.quangngai.gov.vn/listings/{listing_id}",
    "Quảng Ngãi",
    "https://sangiaodich.khcn.quangngai.gov.vn",
)
COMMON = {
    "recipient_name": "TS. Nguyễn Văn An",
    "unsubscribe_url": "https://stx.vn/unsubscribe?token=t",
}
COUNTERPART = {
    "name": "HTX Dược liệu Đăk Hà",
    "contact_name": "Bà Y Lan",
    "email": "ylan@htxdakha.vn",
    "phone": "0905123456",
}


def alert_context(**overrides: Any) -> dict[str, Any]:
    notice = notice_of(published(**overrides), "0b6f3c1e-8d2a-4f5b-9c7e-1a2b3c4d5e6f", NOW)
    assert notice is not None
    return notice.context() | COMMON


TITLES = {"lst_sam_ngoc_linh": EVIL_TITLE, "lst_htx_dak_ha": "Sấy lạnh sâm Ngọc Linh"}


def targeted_context(event: Event, role: str) -> dict[str, Any]:
    """As a delivery stores it: titles as a list, listing ids are never field names."""
    message = TARGETED[event.ce_type]
    titles = [{"listing_id": k, "title": v} for k, v in TITLES.items()]
    facts = message.facts(event) | {
        "listing_titles": titles,
        "role": role,
        "counterpart": COUNTERPART,
    }
    return facts | COMMON


def test_a_delivery_queued_with_a_titles_mapping_still_renders() -> None:
    """Deliveries queued before titles were stored as a list keep their `titles` dict."""
    event = match_proposed()
    legacy = TARGETED[event.ce_type].facts(event) | {"titles": TITLES, "role": "demand"}
    rendered = renderer.render("match_proposed", "vi", legacy | COMMON)
    assert "Sấy lạnh sâm Ngọc Linh" in rendered.text


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_hostile_listing_title_is_shown_as_text_in_html(language: str) -> None:
    html = renderer.render("alert", language, alert_context(title=EVIL_TITLE)).html
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html
    assert "{{ 7*7 }}" in html  # user text is data: never evaluated as a template


def test_a_subject_stays_on_one_line_whatever_the_title() -> None:
    rendered = renderer.render("alert", "vi", alert_context(title="Sâm\r\nBcc: ai@do.vn"))
    assert "\n" not in rendered.subject
    assert "\r" not in rendered.subject
    assert rendered.subject == "Công nghệ mới chào bán: Sâm Bcc: ai@do.vn"


def test_an_alert_reads_as_vietnamese_with_money_and_local_time() -> None:
    rendered = renderer.render("alert", "vi", alert_context())
    assert rendered.subject == (
        "Công nghệ mới chào bán: Quy trình nhân giống sâm Ngọc Linh bằng nuôi cấy mô"
    )
    assert "Lĩnh vực: Dược liệu" in rendered.text
    assert "09:00 20/11/2026" in rendered.text  # 02:00 UTC is 09:00 in Asia/Ho_Chi_Minh
    assert "https://sangiaodich.khcn.quangngai.gov.vn/listings/lst_sam_ngoc_linh" in rendered.html
    assert COMMON["unsubscribe_url"] in rendered.text


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("role", ["offer", "demand"])
def test_targeted_messages_render_for_both_sides(language: str, role: str) -> None:
    for event in (match_proposed("org_htx_dak_ha"), match_accepted("org_htx_dak_ha")):
        rendered = renderer.render(
            TARGETED[event.ce_type].template, language, targeted_context(event, role)
        )
        assert "<script>" not in rendered.html
        assert rendered.subject
        # where to act next: answer the proposal, or follow the introduction
        page = (
            "/to-chuc/de-xuat" if event.ce_type == match_proposed().ce_type else "/to-chuc/ket-noi"
        )
        assert f"https://sangiaodich.khcn.quangngai.gov.vn{page}" in rendered.text
        assert f'href="https://sangiaodich.khcn.quangngai.gov.vn{page}"' in rendered.html


def test_the_accepted_match_reveals_the_counterparts_contact() -> None:
    rendered = renderer.render("match_accepted", "vi", targeted_context(match_accepted(), "offer"))
    assert "ylan@htxdakha.vn" in rendered.text
    assert "0905123456" in rendered.html


def test_a_proposal_reveals_no_contact() -> None:
    rendered = renderer.render("match_proposed", "vi", targeted_context(match_proposed(), "offer"))
    assert "ylan@htxdakha.vn" not in rendered.text + rendered.html


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_daily_digest_renders_its_sections(language: str) -> None:
    notices = [
        notice_of(published(listing_id=f"lst_{i}", title=f"Công nghệ {i}"), f"e{i}", NOW)
        for i in range(3)
    ]
    digest = assemble(
        [n for n in notices if n], Frequency.DAILY, NOW.replace(hour=0), NOW.replace(hour=23)
    )
    rendered = renderer.render("digest", language, digest.model_dump(mode="json") | COMMON)
    for i in range(3):
        assert f"Công nghệ {i}" in rendered.text
    assert "Quảng Ngãi" in rendered.subject


def test_a_missing_fact_fails_loudly_instead_of_rendering_blank() -> None:
    with pytest.raises(UndefinedError):
        renderer.render("alert", "vi", {"recipient_name": "An"})
