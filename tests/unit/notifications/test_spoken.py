"""Numbers, money, percentages, dates and times the way a presenter reads them, against
expectations written by hand (not computed)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.notifications.domain import spoken


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (0, "không"),
        (1, "một"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (31, "ba mươi mốt"),
        (44, "bốn mươi tư"),
        (55, "năm mươi lăm"),
        (99, "chín mươi chín"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (104, "một trăm linh bốn"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (115, "một trăm mười lăm"),
        (121, "một trăm hai mươi mốt"),
        (999, "chín trăm chín mươi chín"),
        (1_000, "một nghìn"),
        (1_001, "một nghìn không trăm linh một"),
        (1_010, "một nghìn không trăm mười"),
        (2_026, "hai nghìn không trăm hai mươi sáu"),
        (10_005, "mười nghìn không trăm linh năm"),
        (15_000, "mười lăm nghìn"),
        (96_500, "chín mươi sáu nghìn năm trăm"),
        (1_000_000, "một triệu"),
        (1_000_100, "một triệu một trăm"),
        (1_000_005, "một triệu không trăm linh năm"),
        (1_234_567, "một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy"),
        (25_000_000, "hai mươi lăm triệu"),
        (1_000_000_000, "một tỷ"),
        (1_200_000_000, "một tỷ hai trăm triệu"),
        (1_000_000_005, "một tỷ không trăm linh năm"),
        (2_050_000_000, "hai tỷ không trăm năm mươi triệu"),
        (1_000_000_000_000, "một nghìn tỷ"),
        (1_200_000_000_000, "một nghìn hai trăm tỷ"),
        (3_500_000_000_000, "ba nghìn năm trăm tỷ"),
        (15_000_000_000_000, "mười lăm nghìn tỷ"),
        (1_000_000_000_000_000_000, "một tỷ tỷ"),
        (-7, "âm bảy"),
    ],
)
def test_integers_are_read_as_a_presenter_says_them(value: int, words: str) -> None:
    assert spoken.number(value) == words


@pytest.mark.parametrize(
    ("amount", "round_to", "words"),
    [
        (0, 1, "không đồng"),
        (500_000, 1, "năm trăm nghìn đồng"),
        (1_200_000_000, 1, "một tỷ hai trăm triệu đồng"),
        (15_000_000_000_000, 1, "mười lăm nghìn tỷ đồng"),
        (1_200_000_000, 1_000_000, "một tỷ hai trăm triệu đồng"),
        (1_234_567_890, 1_000_000, "khoảng một tỷ hai trăm ba mươi lăm triệu đồng"),
        (2_499_999, 1_000_000, "khoảng hai triệu đồng"),
    ],
)
def test_money_is_read_in_dong_and_large_sums_may_be_rounded(
    amount: int, round_to: int, words: str
) -> None:
    assert spoken.money(amount, round_to) == words


@pytest.mark.parametrize(
    ("value", "places", "words"),
    [
        (3.5, 1, "ba phẩy năm"),
        (3.05, 2, "ba phẩy không năm"),
        (3.25, 2, "ba phẩy hai mươi lăm"),
        (12.0, 1, "mười hai"),
        (0.4, 1, "không phẩy bốn"),
        (2.44, 1, "hai phẩy bốn"),
        (2.45, 1, "hai phẩy năm"),
        (-1.5, 1, "âm một phẩy năm"),
    ],
)
def test_decimals_use_phay(value: float, places: int, words: str) -> None:
    assert spoken.decimal(value, places) == words


@pytest.mark.parametrize(
    ("share", "words"),
    [
        (0.12, "mười hai phần trăm"),
        (0.035, "ba phẩy năm phần trăm"),
        (0.4, "bốn mươi phần trăm"),
        (1.0, "một trăm phần trăm"),
        (0.125, "mười hai phẩy năm phần trăm"),
    ],
)
def test_shares_are_read_as_percentages(share: float, words: str) -> None:
    assert spoken.percent(share) == words


@pytest.mark.parametrize(
    ("rate", "words"),
    [
        (0.12, "tăng mười hai phần trăm"),
        (-0.035, "giảm ba phẩy năm phần trăm"),
        (0.3, "tăng ba mươi phần trăm"),
        (0.0001, "không đổi"),
    ],
)
def test_growth_says_up_or_down(rate: float, words: str) -> None:
    assert spoken.change(rate) == words


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2026, 12, 3), "ngày mùng ba tháng mười hai năm hai nghìn không trăm hai mươi sáu"),
        (date(2026, 4, 10), "ngày mùng mười tháng tư năm hai nghìn không trăm hai mươi sáu"),
        (date(2027, 1, 1), "ngày mùng một tháng một năm hai nghìn không trăm hai mươi bảy"),
        (date(2025, 7, 1), "ngày mùng một tháng bảy năm hai nghìn không trăm hai mươi lăm"),
        (date(2026, 11, 14), "ngày mười bốn tháng mười một năm hai nghìn không trăm hai mươi sáu"),
        (date(2026, 10, 24), "ngày hai mươi tư tháng mười năm hai nghìn không trăm hai mươi sáu"),
        (date(2026, 3, 31), "ngày ba mươi mốt tháng ba năm hai nghìn không trăm hai mươi sáu"),
    ],
)
def test_dates_say_mung_for_the_first_ten_days(day: date, words: str) -> None:
    assert spoken.spoken_date(day) == words


def test_times_are_the_provinces_24_hour_clock() -> None:
    assert spoken.clock_time(datetime(2026, 12, 3, 7, 0, tzinfo=UTC)) == "mười bốn giờ"
    assert spoken.clock_time(datetime(2026, 12, 3, 1, 30, tzinfo=UTC)) == "tám giờ ba mươi phút"
    assert spoken.moment(datetime(2026, 12, 2, 17, 5, tzinfo=UTC)) == (
        "không giờ năm phút ngày mùng ba tháng mười hai năm hai nghìn không trăm hai mươi sáu"
    )


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("2026-Q4", "quý bốn năm hai nghìn không trăm hai mươi sáu"),
        ("2026-11", "tháng mười một năm hai nghìn không trăm hai mươi sáu"),
        ("2026-04", "tháng tư năm hai nghìn không trăm hai mươi sáu"),
        ("2026", "năm hai nghìn không trăm hai mươi sáu"),
    ],
)
def test_indicator_periods_are_read_in_words(code: str, words: str) -> None:
    assert spoken.period(code) == words


def test_titles_are_read_with_numbers_and_abbreviations_in_words() -> None:
    assert spoken.for_reading("Techmart Măng Đen 2027, lần 3") == (
        "Techmart Măng Đen hai nghìn không trăm hai mươi bảy, lần ba"
    )
    assert spoken.for_reading("Thị trường KH&CN và phiên B2B") == (
        "Thị trường khoa học và công nghệ và phiên bi-tu-bi"
    )
