"""The English of the public pages: the catalogue, the formats rewritten, the switch's return."""

from __future__ import annotations

from datetime import date

import pytest

from services.portal.domain import formatting, labels
from services.portal.domain.english import ENGLISH
from services.portal.domain.i18n import language, translate
from services.portal.domain.paths import local_path


def test_vietnamese_is_returned_as_written() -> None:
    assert translate("vi", "Trang chủ") == "Trang chủ"
    assert translate("vi", "1.200.000.000 ₫") == "1.200.000.000 ₫"


def test_every_public_vocabulary_has_its_english() -> None:
    tables = (
        labels.KINDS,
        labels.SECTORS,
        labels.ORGANIZATION_KINDS,
        labels.EVENT_KINDS,
        labels.EVENT_STATES,
        labels.PROGRAMME_STATES,
        labels.AWARD_LEVELS,
    )
    missing = [name for table in tables for name in table.values() if name not in ENGLISH]
    assert missing == []


def test_a_text_without_english_is_shown_as_written() -> None:
    assert translate("en", "Viện Dược liệu") == "Viện Dược liệu"


def test_dates_money_and_readiness_are_written_the_english_way() -> None:
    assert translate("en", formatting.day(date(2026, 12, 3))) == "3 Dec 2026"
    assert translate("en", formatting.vnd(1_200_000_000)) == "1,200,000,000 VND"
    assert translate("en", formatting.vnd(950)) == "950 VND"
    assert translate("en", formatting.vnd_range(None, 500_000_000)) == "up to 500,000,000 VND"
    assert translate("en", formatting.vnd_range(10_000, None)) == "from 10,000 VND"
    assert translate("en", formatting.vnd_range(1_000, 2_000)) == "1,000 VND – 2,000 VND"
    assert translate("en", formatting.readiness(6, at_least=True)) == "TRL 6 or higher"
    assert translate("en", "1.000 ₫ (thỏa thuận)") == "1,000 VND (negotiable)"


def test_a_label_made_of_parts_is_translated_part_by_part() -> None:
    assert (
        translate("en", "Đặt hàng công nghệ · Dược liệu") == "Technology demand · Medicinal herbs"
    )


@pytest.mark.parametrize(
    ("cookie", "chosen"), [("en", "en"), ("vi", "vi"), (None, "vi"), ("fr", "vi")]
)
def test_only_a_known_language_is_taken_from_the_cookie(cookie: str | None, chosen: str) -> None:
    assert language(cookie) == chosen


@pytest.mark.parametrize(
    ("target", "returned"),
    [
        ("/search?q=sam&kind=offer", "/search?q=sam&kind=offer"),
        ("/listings/lst_1", "/listings/lst_1"),
        ("//evil.example", "/"),
        ("///evil.example", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example/", "/"),
        ("evil.example", "/"),
        ("/a\r\nLocation: //evil.example", "/"),
        (None, "/"),
    ],
)
def test_the_switch_returns_only_to_a_path_of_this_site(target: str | None, returned: str) -> None:
    assert local_path(target) == returned


@pytest.mark.parametrize(
    ("vietnamese", "english"),
    [
        (
            "Cùng lĩnh vực · TRL 7 ≥ yêu cầu 6 · Giá ≤ ngân sách · "
            "Trùng từ khóa: sấy lạnh, dược liệu",
            "Same sector · TRL 7 ≥ the 6 required · Price within the budget · "
            "Shared keywords: sấy lạnh, dược liệu",
        ),
        (
            "Lĩnh vực liên quan · TRL 4 < yêu cầu 6 · Giá vượt ngân sách 25%, có thể thỏa thuận · "
            "Tỉnh lân cận · Kết quả nhiệm vụ dùng ngân sách nhà nước · Nội dung tương đồng",
            "Related sector · TRL 4 < the 6 required · Price 25% over the budget, negotiable · "
            "Neighbouring province · Result of a state-funded task · Similar content",
        ),
        ("TRL 7 · Giá thỏa thuận · Khác hình thức chuyển giao", "TRL 7 · Price negotiable · "
         "Another transfer form"),
    ],
)  # fmt: skip
def test_why_a_pair_was_proposed_reads_in_english_with_the_shared_words_as_written(
    vietnamese: str, english: str
) -> None:
    assert translate("en", vietnamese) == english
    assert translate("vi", vietnamese) == vietnamese
