"""Market indicators over HTTP (any period, live) and on `stx.indicators.v1` (once per closed
month, quarter and year: the publication is recorded in the same transaction as its event)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from zoneinfo import ZoneInfo

from services.matching.domain.facts import (
    introduction_fact,
    listing_fact,
    match_fact,
    place_of,
)
from services.matching.domain.indicators import (
    IndicatorReport,
    IntroductionFact,
    ListingFact,
    MatchFact,
    market_report,
)
from services.matching.domain.periods import Period, last_closed, local_day
from services.matching.repository import Repositories
from services.matching.service.clock import Clock
from shared.events.indicators import Granularity, IndicatorsPublished
from shared.logging import get_logger
from shared.outbox import Outbox, Tx

log = get_logger(__name__)


@dataclass(frozen=True)
class Facts:
    listings: list[ListingFact]
    matches: list[MatchFact]
    introductions: list[IntroductionFact]

    def report(self, period: Period) -> IndicatorReport:
        return market_report(period, self.listings, self.matches, self.introductions)


class IndicatorDesk:
    def __init__(
        self, outbox: Outbox, repos: Repositories, zone: ZoneInfo, province: str, clock: Clock
    ) -> None:
        self._outbox = outbox
        self._repos = repos
        self._zone = zone
        self._province = province
        self._clock = clock

    async def report(self, period: Period) -> IndicatorReport:
        return (await self._facts()).report(period)

    async def publish_closed(self) -> int:
        """Publish each granularity's last closed period, unless it was published already."""
        today = local_day(self._clock(), self._zone)
        due = [last_closed(granularity, today) for granularity in Granularity]
        due = [p for p in due if not await self._repos.publications.is_published(p.label)]
        if not due:
            return 0
        facts = await self._facts()
        published = 0
        for period in due:
            report = facts.report(period)
            published += await self._outbox.transact(partial(self._publish, report))
        return published

    async def _publish(self, report: IndicatorReport, tx: Tx) -> int:
        now = self._clock()
        if not await self._repos.publications.mark(report.period, now, tx.session):
            return 0  # another replica published it first
        tx.emit(
            IndicatorsPublished(**report.model_dump(), province=self._province, computed_at=now)
        )
        log.info("indicators_published", period=report.period)
        return 1

    async def _facts(self) -> Facts:
        zone, repos = self._zone, self._repos
        owner_places = await repos.organizations.places()
        listings = [
            listing_fact(
                p.snapshot, place_of(p.snapshot, owner_places.get(p.owner or "")), zone, p.owner
            )
            for p in await repos.listings.all_without_vectors()
            if p.snapshot is not None
        ]
        matches = [match_fact(m, zone) for m in await repos.matches.find()]
        introductions = [introduction_fact(i, zone) for i in await repos.introductions.find()]
        return Facts(listings, matches, introductions)
