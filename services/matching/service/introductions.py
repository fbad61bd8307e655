"""Use cases of introductions: opened when both parties are interested, then each step
recorded by a broker or either party, every step an event on `stx.connections.v1` — a step that
changes public figures only once both sides stand behind it (`domain/claims.py`)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from services.matching.domain import claims
from services.matching.domain import introductions as rules
from services.matching.domain.errors import ConflictError, NotAllowedError, NotFoundError
from services.matching.domain.introductions import Introduction
from services.matching.domain.matches import Match
from services.matching.domain.steps import Step
from services.matching.service.ports import Stores
from shared.auth import Principal, Role
from shared.clock import Clock, local_day
from shared.events.base import Event
from shared.logging import get_logger
from shared.outbox import Outbox, Tx

log = get_logger(__name__)


class Introductions:
    def __init__(self, outbox: Outbox, repos: Stores, zone: ZoneInfo, clock: Clock) -> None:
        self._outbox = outbox
        self._repos = repos
        self._zone = zone
        self._clock = clock

    async def open(self, match: Match, by: str, tx: Tx) -> Introduction:
        """Open the introduction of an accepted match (in the answer's transaction)."""
        offer = await self._repos.listings.get(match.offer_id, tx.session)
        if offer is None or offer.snapshot is None:
            raise ConflictError("offer", f"the offer {match.offer_id} is not known to matching")
        introduction, opened = rules.open_introduction(match, offer.snapshot, by, self._clock())
        if await self._repos.introductions.create(introduction, tx.session):
            tx.emit(opened)
            log.info("introduction_opened", introduction_id=introduction.introduction_id)
        return introduction

    async def record(self, introduction_id: str, principal: Principal, step: Step) -> Introduction:
        """A broker's step counts at once; a party's contract, registration or deal is a claim
        until the other side confirms it."""

        async def work(tx: Tx) -> Introduction:
            introduction = self._visible(await self._get(introduction_id, tx), principal)
            now = self._clock()
            advanced, event = claims.record(
                introduction, step, _party(principal), principal.subject, now, self._today(now)
            )
            return await self._save(advanced, event, tx)

        return await self._outbox.unit_of_work(work)

    async def answer_claim(
        self, introduction_id: str, principal: Principal, confirmed: bool
    ) -> Introduction:
        """The other party or a broker confirms (the step counts) or rejects a claimed step."""

        async def work(tx: Tx) -> Introduction:
            introduction = self._visible(await self._get(introduction_id, tx), principal)
            now = self._clock()
            answered, event = claims.answer_claim(
                introduction, confirmed, _party(principal), principal.subject, now, self._today(now)
            )
            return await self._save(answered, event, tx)

        return await self._outbox.unit_of_work(work)

    async def _save(self, introduction: Introduction, event: Event | None, tx: Tx) -> Introduction:
        await self._repos.introductions.save(introduction, tx.session)
        if event is not None:
            tx.emit(event)
        return introduction

    def _today(self, now: datetime) -> date:
        return local_day(now, self._zone)

    async def view(self, introduction_id: str, principal: Principal) -> Introduction:
        return self._visible(await self._get(introduction_id), principal)

    async def visible_to(
        self, principal: Principal, listing_id: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[Introduction]:
        """Brokers see every introduction; an organisation those it is a party to (a page)."""
        listing_ids = None if listing_id is None else [listing_id]
        if principal.has(Role.broker):
            organization_id = None
        elif principal.has(Role.org) and principal.organization_id is not None:
            organization_id = principal.organization_id
        else:
            raise NotAllowedError("principal", "brokers and organisations only")
        return await self._repos.introductions.find(
            organization_id=organization_id, listing_ids=listing_ids, limit=limit, offset=offset
        )

    async def _get(self, introduction_id: str, tx: Tx | None = None) -> Introduction:
        session = None if tx is None else tx.session
        introduction = await self._repos.introductions.get(introduction_id, session)
        if introduction is None:
            raise NotFoundError("introduction_id", f"no introduction {introduction_id}")
        return introduction

    @staticmethod
    def _visible(introduction: Introduction, principal: Principal) -> Introduction:
        party = principal.has(Role.org) and introduction.involves(principal.organization_id)
        if principal.has(Role.broker) or party:
            return introduction
        raise NotAllowedError("introduction", "only brokers and the two parties follow it")


def _party(principal: Principal) -> str | None:
    """The organisation speaking for one side, or None for a broker (whose word counts)."""
    return None if principal.has(Role.broker) else principal.organization_id
