"""One vocabulary for time in every service.

- `Clock`: the source of "now" a use case takes (tests pass their own);
- `utc_now`: aware UTC at millisecond precision — what MongoDB keeps, so a moment compares
  equal after a round trip through the store;
- `local_day(moment, zone)`: the calendar day a person in the province sees at `moment`;
- `PROVINCE_ZONE`: Asia/Ho_Chi_Minh, the default zone (a service may set its own in settings).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, tzinfo
from typing import Final
from zoneinfo import ZoneInfo

Clock = Callable[[], datetime]
PROVINCE_ZONE: Final = ZoneInfo("Asia/Ho_Chi_Minh")


def utc_now() -> datetime:
    moment = datetime.now(UTC)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def local_day(moment: datetime, zone: tzinfo = PROVINCE_ZONE) -> date:
    return moment.astimezone(zone).date()
