"""Possible duplicates: same owner, near-identical title."""

from __future__ import annotations

from services.listings.domain.duplicates import TitleRef, possible_duplicates, similarity

EXISTING = [
    TitleRef("lst_a", "Quy trình nhân giống Sâm Ngọc Linh bằng nuôi cấy mô"),
    TitleRef("lst_b", "Công nghệ sấy lạnh cà phê Robusta"),
]


def test_case_accents_and_punctuation_do_not_make_a_title_new() -> None:
    assert (
        similarity("QUY TRÌNH NHÂN GIỐNG SÂM NGỌC LINH, BẰNG NUÔI CẤY MÔ!", EXISTING[0].title) == 1
    )


def test_a_near_identical_title_is_flagged_and_a_different_one_is_not() -> None:
    title = "Quy trình nhân giống sâm Ngọc Linh bằng nuôi cấy mô tế bào"
    assert possible_duplicates(title, EXISTING, threshold=0.9) == ["lst_a"]
    assert possible_duplicates("Máy bóc vỏ hạt mắc ca", EXISTING, threshold=0.9) == []
