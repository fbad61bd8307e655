"""Money, dates and readiness levels written the Vietnamese way."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from shared.clock import PROVINCE_ZONE


def vnd(amount: int | None) -> str:
    """`1.200.000.000 ₫`: dots group the thousands in Vietnamese."""
    if amount is None:
        return ""
    return f"{amount:,}".replace(",", ".") + " ₫"


def vnd_range(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"{vnd(low)} – {vnd(high)}"
    if high is not None:
        return f"đến {vnd(high)}"
    if low is not None:
        return f"từ {vnd(low)}"
    return ""


def day(value: date | None) -> str:
    """`03/12/2026`."""
    return "" if value is None else value.strftime("%d/%m/%Y")


def local_day(moment: datetime | None, zone: tzinfo = PROVINCE_ZONE) -> str:
    """The calendar day of an instant in the province (a 20:00 UTC event is the next day)."""
    return "" if moment is None else day(moment.astimezone(zone).date())


def readiness(trl: int | None, *, at_least: bool = False) -> str:
    """`TRL 7/9`, or `TRL từ 6` for a demand's lowest acceptable level."""
    if trl is None:
        return ""
    return f"TRL từ {trl}" if at_least else f"TRL {trl}/9"
