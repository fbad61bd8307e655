"""The indicator use cases against in-memory ports: declarations, the cache, publication."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from services.matching.domain.declared_contracts import ContractDeclaration
from services.matching.domain.errors import ConflictError
from services.matching.domain.periods import Period
from services.matching.service.indicators import Indicators
from services.matching.service.ports import IndicatorStores
from shared.events.indicators import IndicatorsPublished
from shared.events.vocabulary import Sector
from tests.unit.matching.fakes import (
    InMemoryDeclared,
    InMemoryMarket,
    InMemoryPublications,
)
from tests.unit.matching.test_declared_contracts import declaration
from tests.unit.unit_of_work import FakeUnitOfWork

NOW = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)
QUARTERS = ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


class Desk:
    def __init__(self) -> None:
        self.outbox = FakeUnitOfWork()
        self.publications = InMemoryPublications()
        self.declared = InMemoryDeclared()
        self.market = InMemoryMarket()
        stores = IndicatorStores(self.publications, self.declared, self.market)
        self.desk = Indicators(self.outbox, stores, ZONE, "Quảng Ngãi", lambda: NOW)


def declared_on(number: str, signed_on: date) -> ContractDeclaration:
    """The declaration of `test_declared_contracts`, signed and registered on `signed_on`."""
    return declaration(registration_number=number, signed_on=signed_on, registered_on=signed_on)


async def test_a_certificate_is_declared_once_and_counts_in_the_open_periods() -> None:
    d = Desk()
    await d.desk.declare(declared_on("21/GCN", date(2026, 12, 1)), "broker-01")

    with pytest.raises(ConflictError):
        await d.desk.declare(declared_on("21/gcn", date(2026, 12, 2)), "broker-01")
    totals = (await d.desk.report(Period.parse("2026-12"))).totals

    assert (totals.contracts, totals.declared_contracts) == (1, 1)
    assert [c.contract.registration_number for c in await d.desk.declared(10, 0)] == ["21/GCN"]


async def test_an_open_period_is_computed_again_only_when_something_it_counts_changed() -> None:
    d = Desk()
    december = Period.parse("2026-12")

    await d.desk.report(december)
    await d.desk.report(december)
    reads_before_change = d.market.reads
    d.market.seq += 1  # a listing was projected
    await d.desk.report(december)
    await d.desk.declare(declared_on("22/GCN", date(2026, 12, 1)), "broker-01")
    after = await d.desk.report(december)

    assert reads_before_change == 1
    assert d.market.reads == 3
    assert after.totals.declared_contracts == 1


async def test_closed_periods_are_published_once_and_then_served_as_published() -> None:
    d = Desk()

    first, again = await d.desk.publish_closed(), await d.desk.publish_closed()
    await d.desk.declare(declared_on("23/GCN", date(2026, 11, 20)), "broker-01")
    november = await d.desk.report(Period.parse("2026-11"))
    quarter = await d.desk.report(Period.parse("2026-Q4"))

    assert (first, again) == (3, 0)
    published = [e for e in d.outbox.published if isinstance(e, IndicatorsPublished)]
    assert sorted(e.period for e in published) == ["2025", "2026-11", "2026-Q3"]
    assert november.totals.declared_contracts == 0  # final as published
    assert quarter.totals.declared_contracts == 1  # not published yet: counted


async def test_brokers_get_every_cell_where_the_public_report_merges_the_small_ones() -> None:
    d = Desk()
    await d.desk.declare(declared_on("24/GCN", date(2026, 12, 1)), "broker-01")
    december = Period.parse("2026-12")

    public, full = await d.desk.report(december), await d.desk.full_report(december)

    assert [s.sector for s in public.by_sector] == [Sector.OTHER]  # two parties: a small cell
    assert [p.district_code for p in public.by_district] == ["other"]
    assert [s.sector for s in full.by_sector] == [Sector.AGRO_FORESTRY_FISHERY_PROCESSING]
    assert [(p.district_code, p.figures.contracts) for p in full.by_district] == [("23425", 1)]
    assert full.totals == public.totals  # totals are never suppressed


async def test_brokers_get_a_years_periods_side_by_side_from_one_reading() -> None:
    d = Desk()
    await d.desk.declare(declared_on("25/GCN", date(2026, 11, 20)), "broker-01")

    year = await d.desk.full_year(2026)

    assert [r.period for r in year][-7:] == ["2026-11", "2026-12", *QUARTERS, "2026"]
    contracts = {r.period: r.totals.contracts for r in year}
    assert (contracts["2026-10"], contracts["2026-11"], contracts["2026-Q4"]) == (0, 1, 1)
    assert d.market.reads == 1
