"""Calendar days as a person in the province sees them (DESIGN.md §4a)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

# Vietnam has used UTC+7 without daylight saving since 1975: a fixed offset needs no tz database.
VIETNAM = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")


def local_day(moment: datetime) -> date:
    """The day in Asia/Ho_Chi_Minh at `moment` (validity dates are local days)."""
    return moment.astimezone(VIETNAM).date()
