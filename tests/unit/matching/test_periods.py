"""Reporting periods: months, quarters and years, and which one closed last."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from services.matching.domain.errors import RuleBrokenError
from services.matching.domain.periods import Period, begun_in_year, last_closed
from shared.clock import local_day
from shared.events.indicators import Granularity


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28)),
        ("2028-02", date(2028, 2, 1), date(2028, 2, 29)),
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_a_period_spans_its_calendar_days(text: str, first: date, last: date) -> None:
    period = Period.parse(text)

    assert (period.first_day, period.last_day, period.label) == (first, last, text)


@pytest.mark.parametrize("text", ["Q4-2026", "2026-13", "2026-Q5", "năm 2026", ""])
def test_a_malformed_period_names_the_accepted_forms(text: str) -> None:
    with pytest.raises(RuleBrokenError, match="2026-Q4"):
        Period.parse(text)


@pytest.mark.parametrize(
    ("granularity", "expected"),
    [(Granularity.MONTH, "2026-12"), (Granularity.QUARTER, "2026-Q4"), (Granularity.YEAR, "2026")],
)
def test_on_new_years_day_the_last_closed_periods_are_those_of_the_old_year(
    granularity: Granularity, expected: str
) -> None:
    assert last_closed(granularity, date(2027, 1, 1)).label == expected


def test_a_period_is_closed_only_after_its_last_day() -> None:
    quarter = Period.parse("2026-Q4")

    assert not quarter.is_closed(date(2026, 12, 31))
    assert quarter.is_closed(date(2027, 1, 1))


def test_days_are_counted_in_the_deployments_calendar() -> None:
    evening_utc = datetime(2026, 12, 31, 18, 0, tzinfo=UTC)  # already 1 January in Kon Tum

    assert local_day(evening_utc, ZoneInfo("Asia/Ho_Chi_Minh")) == date(2027, 1, 1)


def test_a_year_before_the_first_year_is_refused_and_growth_looks_a_year_back() -> None:
    with pytest.raises(RuleBrokenError):
        Period.parse("0001")
    assert Period.parse("2026-Q4").year_before() == Period.parse("2025-Q4")


@pytest.mark.parametrize("text", ["9999", "9999-12", "9999-Q4"])
def test_a_period_whose_end_no_calendar_holds_is_refused_by_name(text: str) -> None:
    with pytest.raises(RuleBrokenError, match="periods end in 9998"):
        Period.parse(text)
    assert Period.parse("9998-12").last_day == date(9998, 12, 31)


def test_a_years_periods_are_its_months_quarters_and_itself_once_begun() -> None:
    labels = [p.label for p in begun_in_year(2026, date(2026, 5, 3))]
    assert labels == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05",
                      "2026-Q1", "2026-Q2", "2026"]  # fmt: skip
    assert len(begun_in_year(2025, date(2026, 5, 3))) == 17
    assert begun_in_year(2027, date(2026, 5, 3)) == []
