"""Figures as a Vietnamese reader sees them in print: `1.234`, `1,2 tỷ đồng`, `3,5%`,
`quý 4/2026` (the script says them in words, see `spoken`)."""

from __future__ import annotations

from datetime import date, datetime

from shared.clock import PROVINCE_ZONE


def count(value: int) -> str:
    """`1.234`: Vietnamese groups thousands with dots."""
    return f"{value:,}".replace(",", ".")


def _decimal(value: float, places: int) -> str:
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def money(value: int) -> str:
    """Every digit: `1.200.000.000 đồng`."""
    return f"{count(value)} đồng"


def compact_money(value: int) -> str:
    """To quote: `1,2 tỷ đồng`, `350 triệu đồng`, `500.000 đồng`."""
    if value >= 10**9:
        return f"{_decimal(value / 10**9, 2)} tỷ đồng"
    if value >= 10**6:
        return f"{_decimal(value / 10**6, 1)} triệu đồng"
    return money(value)


def percent(share: float) -> str:
    """A share (0.035) as `3,5%`."""
    return f"{_decimal(share * 100, 1)}%"


def growth(rate: float) -> str:
    """`tăng 30% so với cùng kỳ năm trước`."""
    change = "tăng" if rate >= 0 else "giảm"
    return f"{change} {percent(abs(rate))} so với cùng kỳ năm trước"


def period(code: str) -> str:
    """`2026-Q4` → `quý 4/2026`, `2026-11` → `tháng 11/2026`, `2026` → `năm 2026`."""
    year, _, rest = code.partition("-")
    if not rest:
        return f"năm {year}"
    if rest.upper().startswith("Q"):
        return f"quý {int(rest[1:])}/{year}"
    return f"tháng {int(rest)}/{year}"


def day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def local_date(moment: datetime) -> date:
    """The province's calendar day of a moment."""
    return moment.astimezone(PROVINCE_ZONE).date()


def local_day(moment: datetime) -> str:
    return day(local_date(moment))
