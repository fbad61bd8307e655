"""Money, days and readiness written the Vietnamese way."""

from __future__ import annotations

from datetime import UTC, date, datetime

from services.portal.domain import formatting
from services.portal.domain.labels import SECTORS, label


def test_money_groups_thousands_with_dots() -> None:
    assert formatting.vnd(1_200_000_000) == "1.200.000.000 ₫"
    assert formatting.vnd(950) == "950 ₫"
    assert formatting.vnd(None) == ""


def test_a_budget_range_reads_from_and_to() -> None:
    assert formatting.vnd_range(100_000_000, 500_000_000) == "100.000.000 ₫ – 500.000.000 ₫"
    assert formatting.vnd_range(None, 500_000_000) == "đến 500.000.000 ₫"
    assert formatting.vnd_range(100_000_000, None) == "từ 100.000.000 ₫"
    assert formatting.vnd_range(None, None) == ""


def test_an_evening_in_utc_is_the_next_day_in_the_province() -> None:
    assert formatting.local_day(datetime(2026, 12, 2, 20, 0, tzinfo=UTC)) == "03/12/2026"
    assert formatting.day(date(2027, 6, 30)) == "30/06/2027"


def test_readiness_of_an_offer_and_the_lowest_a_demand_accepts() -> None:
    assert formatting.readiness(7) == "TRL 7/9"
    assert formatting.readiness(6, at_least=True) == "TRL từ 6"
    assert formatting.readiness(None) == ""


def test_a_value_added_to_the_contract_later_shows_as_itself() -> None:
    assert label(SECTORS, "medicinal_herbs") == "Dược liệu"
    assert label(SECTORS, "space_technology") == "space_technology"
