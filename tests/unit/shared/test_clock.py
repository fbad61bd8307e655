"""One vocabulary for time: now at the store's precision, the province's calendar day."""

from __future__ import annotations

from datetime import UTC, date, datetime

from shared.clock import PROVINCE_ZONE, local_day, utc_now


def test_now_is_aware_utc_at_millisecond_precision() -> None:
    now = utc_now()
    assert now.tzinfo is UTC
    assert now.microsecond % 1000 == 0


def test_the_day_is_the_provinces_calendar_day() -> None:
    late_evening_utc = datetime(2026, 6, 30, 18, 30, tzinfo=UTC)  # 01:30 on 1 July in Vietnam
    assert local_day(late_evening_utc) == date(2026, 7, 1)
    assert local_day(late_evening_utc, UTC) == date(2026, 6, 30)
    assert str(PROVINCE_ZONE) == "Asia/Ho_Chi_Minh"
