"""Reporting periods: a month (`2026-11`), a quarter (`2026-Q4`) or a year (`2026`), counted
in the deployment's calendar (Asia/Ho_Chi_Minh), since people read the figures there."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from services.matching.domain.errors import RuleBrokenError
from shared.events.indicators import Granularity

MONTHS_IN: dict[Granularity, int] = {
    Granularity.MONTH: 1,
    Granularity.QUARTER: 3,
    Granularity.YEAR: 12,
}
FIRST_YEAR = 1900
"""Earliest year asked for (a year before it, for growth, must still be a calendar year)."""
LAST_YEAR = 9998
"""Latest year asked for (the day after its last period must still be a calendar day)."""
_FORMATS: tuple[tuple[Granularity, re.Pattern[str]], ...] = (
    (Granularity.MONTH, re.compile(r"(\d{4})-(0[1-9]|1[0-2])")),
    (Granularity.QUARTER, re.compile(r"(\d{4})-Q([1-4])")),
    (Granularity.YEAR, re.compile(r"(\d{4})()")),
)


@dataclass(frozen=True, order=True)
class Period:
    granularity: Granularity
    year: int
    number: int = 1
    """Month 1–12, quarter 1–4, or 1 for a year."""

    @classmethod
    def parse(cls, text: str) -> Period:
        for granularity, pattern in _FORMATS:
            found = pattern.fullmatch(text.strip())
            if found and int(found[1]) < FIRST_YEAR:
                raise RuleBrokenError("period", f"{text!r}: periods start in {FIRST_YEAR}")
            if found and int(found[1]) > LAST_YEAR:
                raise RuleBrokenError("period", f"{text!r}: periods end in {LAST_YEAR}")
            if found:
                return cls(granularity, int(found[1]), int(found[2] or 1))
        raise RuleBrokenError("period", f"{text!r} is not a period: use 2026-11, 2026-Q4 or 2026")

    @property
    def label(self) -> str:
        if self.granularity == Granularity.MONTH:
            return f"{self.year}-{self.number:02d}"
        if self.granularity == Granularity.QUARTER:
            return f"{self.year}-Q{self.number}"
        return str(self.year)

    @property
    def first_day(self) -> date:
        return date(self.year, (self.number - 1) * MONTHS_IN[self.granularity] + 1, 1)

    @property
    def last_day(self) -> date:
        months = self.year * 12 + self.number * MONTHS_IN[self.granularity]
        return date(months // 12, months % 12 + 1, 1) - timedelta(days=1)

    def contains(self, day: date | None) -> bool:
        return day is not None and self.first_day <= day <= self.last_day

    def is_closed(self, today: date) -> bool:
        return today > self.last_day

    def year_before(self) -> Period:
        """The same month, quarter or year a year earlier (for year-on-year growth)."""
        return Period(self.granularity, self.year - 1, self.number)

    def previous(self) -> Period:
        if self.number > 1:
            return Period(self.granularity, self.year, self.number - 1)
        return Period(self.granularity, self.year - 1, 12 // MONTHS_IN[self.granularity])


def containing(granularity: Granularity, day: date) -> Period:
    return Period(granularity, day.year, (day.month - 1) // MONTHS_IN[granularity] + 1)


def begun_in_year(year: int, today: date) -> list[Period]:
    """The year's months, then its quarters, then the year itself: those begun by `today`."""
    periods = [Period(Granularity.MONTH, year, month) for month in range(1, 13)]
    periods += [Period(Granularity.QUARTER, year, quarter) for quarter in range(1, 5)]
    periods.append(Period(Granularity.YEAR, year))
    return [period for period in periods if period.first_day <= today]


def last_closed(granularity: Granularity, today: date) -> Period:
    """The most recent period of this granularity that ended before `today`."""
    return containing(granularity, today).previous()
