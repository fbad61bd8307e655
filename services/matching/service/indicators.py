"""Market indicators over HTTP (any period) and on `stx.indicators.v1` (once per closed
month, quarter and year: the publication is recorded in the same transaction as its event).

Over HTTP a published period is served as it was published (its figures are final); any
other period is computed once and served again while nothing it rests on changed (no event
emitted, no listing projected, no contract declared) and for at most `cache_seconds` (what
the sign cannot see, e.g. an organisation verified), so anonymous readers cannot make every
request a pass over the whole store.
"""

from __future__ import annotations

import time
from functools import partial
from zoneinfo import ZoneInfo

from services.matching.domain.declared_contracts import (
    ContractDeclaration,
    DeclaredContract,
    declare,
)
from services.matching.domain.errors import ConflictError
from services.matching.domain.facts import (
    declared_fact,
    intermediary_fact,
    introduction_fact,
    listing_fact,
    match_fact,
    place_of,
)
from services.matching.domain.indicators import IndicatorReport, MarketFacts, market_report
from services.matching.domain.periods import Period, begun_in_year, last_closed
from services.matching.service.ports import IndicatorStores, UnitOfWork
from shared.clock import Clock, local_day
from shared.events.indicators import Granularity, IndicatorsPublished
from shared.events.vocabulary import INTERMEDIARY_KINDS
from shared.logging import get_logger
from shared.outbox import Tx

log = get_logger(__name__)
MAX_CACHED_PERIODS = 64


class Indicators:
    def __init__(
        self,
        outbox: UnitOfWork,
        stores: IndicatorStores,
        zone: ZoneInfo,
        province: str,
        clock: Clock,
        cache_seconds: float = 60.0,
    ) -> None:
        self._outbox = outbox
        self._publications = stores.publications
        self._declared = stores.declared
        self._records = stores.records
        self._zone = zone
        self._province = province
        self._clock = clock
        self._cache_seconds = cache_seconds
        self._cache: dict[str, tuple[float, tuple[int, ...], IndicatorReport]] = {}

    async def report(self, period: Period) -> IndicatorReport:
        """As published for a published period; otherwise computed, cached for a while."""
        if period.is_closed(local_day(self._clock(), self._zone)):
            published = await self._publications.report(period.label)
            if published is not None:
                return IndicatorReport.model_validate(published)
        sign = await self._data_sign()
        kept = self._cache.get(period.label)
        if kept is not None and kept[0] > time.monotonic() and kept[1] == sign:
            return kept[2]
        report = market_report(period, await self._facts())
        if len(self._cache) >= MAX_CACHED_PERIODS:
            self._cache.pop(next(iter(self._cache)))
        self._cache[period.label] = (time.monotonic() + self._cache_seconds, sign, report)
        return report

    async def full_report(self, period: Period) -> IndicatorReport:
        """Every cell, the small ones included, as the facts stand now (brokers only: the
        Department already sees each contract; never cached and never the published release,
        so a declaration made since counts)."""
        return market_report(period, await self._facts(), min_contributors=0)

    async def full_year(self, year: int) -> list[IndicatorReport]:
        """Every month, quarter and the whole of `year` begun by today, with every cell, from
        one reading of the facts (brokers: a year's periods side by side)."""
        facts = await self._facts()
        today = local_day(self._clock(), self._zone)
        return [market_report(p, facts, min_contributors=0) for p in begun_in_year(year, today)]

    async def _data_sign(self) -> tuple[int, ...]:
        """Changes whenever the store changes in a way the indicators count (three reads)."""
        return (
            await self._outbox.last_sequence(),
            await self._records.listings_seq(),
            await self._declared.count(),
        )

    async def declare(self, declaration: ContractDeclaration, by: str) -> DeclaredContract:
        """Record a contract made outside the platform; it counts from the next computation
        on, in every period not yet published."""
        now = self._clock()
        declared = declare(declaration, by, now, local_day(now, self._zone))
        if not await self._declared.add(declared):
            raise ConflictError(
                "registration_number",
                f"registration certificate {declaration.registration_number!r} was declared "
                "already",
            )
        log.info("contract_declared", declaration_id=declared.declaration_id)
        return declared

    async def declared(self, limit: int, offset: int) -> list[DeclaredContract]:
        return await self._declared.page(limit, offset)

    async def publish_closed(self) -> int:
        """Publish each granularity's last closed period, unless it was published already."""
        today = local_day(self._clock(), self._zone)
        due = [last_closed(granularity, today) for granularity in Granularity]
        due = [p for p in due if not await self._publications.is_published(p.label)]
        if not due:
            return 0
        facts = await self._facts()
        published = 0
        for period in due:
            report = market_report(period, facts)
            published += await self._outbox.unit_of_work(partial(self._publish, report))
        return published

    async def _publish(self, report: IndicatorReport, tx: Tx) -> int:
        now = self._clock()
        stored = report.model_dump(mode="json")
        if not await self._publications.mark(report.period, now, stored, tx.session):
            return 0  # another replica published it first
        tx.emit(
            IndicatorsPublished(**report.model_dump(), province=self._province, computed_at=now)
        )
        log.info("indicators_published", period=report.period)
        return 1

    async def _facts(self) -> MarketFacts:
        zone, records = self._zone, self._records
        owner_places = await records.places()
        listings = [
            listing_fact(
                p.snapshot, place_of(p.snapshot, owner_places.get(p.owner or "")), zone, p.owner
            )
            for p in await records.listings()
            if p.snapshot is not None
        ]
        intermediaries = await records.verified_of_kinds(INTERMEDIARY_KINDS)
        return MarketFacts(
            listings=listings,
            matches=[match_fact(m, zone) for m in await records.matches()],
            introductions=[introduction_fact(i, zone) for i in await records.introductions()],
            declared=[declared_fact(d) for d in await self._declared.all()],
            intermediaries=[
                intermediary_fact(organization_id, registered_at, zone)
                for organization_id, registered_at in intermediaries
            ],
        )
