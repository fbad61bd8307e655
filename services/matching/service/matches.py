"""Use cases of proposals over HTTP and on a timer: a broker's proposal, the parties'
answers (opening the introduction when both are interested), views, and expiry."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from services.matching.domain import matches as rules
from services.matching.domain.errors import ConflictError, NotAllowedError, NotFoundError
from services.matching.domain.listings import ProjectedListing
from services.matching.domain.matches import Answer, Match, MatchStatus, Scoring
from services.matching.domain.reasons import DeclineSummary, summarise_declines
from services.matching.service.introductions import Introductions
from services.matching.service.ports import ListingIndex, Stores
from services.matching.service.proposals import ProposalPolicy, scoring_of
from shared.auth import Principal, Role
from shared.clock import Clock
from shared.events.matches import DeclineReason, Explanation, ProposedBy
from shared.events.vocabulary import ListingKind, Sector
from shared.logging import get_logger
from shared.outbox import Outbox, Tx

log = get_logger(__name__)
DECLINES_SUMMARISED = 2_000
"""The latest declines a summary reads: enough to show the reasons, bounded per request."""
BROKER_SENTENCE = "Cán bộ môi giới đề xuất"
EXPIRY_BATCH = 200


@dataclass(frozen=True)
class AnswerRequest:
    interested: bool
    reason: DeclineReason | None = None
    comment: str = ""


class Matches:
    def __init__(
        self,
        outbox: Outbox,
        repos: Stores,
        index: ListingIndex,
        introductions: Introductions,
        policy: ProposalPolicy,
        clock: Clock,
    ) -> None:
        self._outbox = outbox
        self._repos = repos
        self._index = index
        self._introductions = introductions
        self._policy = policy
        self._clock = clock

    async def propose_by_broker(self, offer_id: str, demand_id: str) -> Match:
        async def work(tx: Tx) -> Match:
            offer, demand = await self._pair(offer_id, demand_id, tx)
            assert offer.snapshot is not None
            assert demand.snapshot is not None
            rules.check_proposable(offer.snapshot, demand.snapshot, offer.owner, demand.owner)
            match, proposed = rules.propose(
                offer.snapshot,
                demand.snapshot,
                offer_owner=str(offer.owner),
                scoring=self._broker_scoring(offer, demand),
                proposed_by=ProposedBy.BROKER,
                now=self._clock(),
                ttl=self._policy.ttl,
            )
            if not await self._repos.matches.create(match, tx.session):
                raise ConflictError(
                    "match.unique", f"this pair was already proposed: {match.match_id}"
                )
            tx.emit(proposed)
            return match

        return await self._outbox.unit_of_work(work)

    async def _pair(
        self, offer_id: str, demand_id: str, tx: Tx
    ) -> tuple[ProjectedListing, ProjectedListing]:
        found = await self._repos.listings.get_many([offer_id, demand_id], tx.session)
        for field, listing_id in (("offer_id", offer_id), ("demand_id", demand_id)):
            if listing_id not in found or found[listing_id].snapshot is None:
                raise NotFoundError(
                    field, f"no published listing {listing_id} is known to matching"
                )
        return found[offer_id], found[demand_id]

    def _broker_scoring(self, offer: ProjectedListing, demand: ProjectedListing) -> Scoring:
        """The engine's view of the pair when it has one, marked as the broker's proposal."""
        pool = self._index.engine.config.pool_size
        candidates = self._index.engine.candidates_for(
            demand.for_engine(), top_k=pool, threshold=0.0, vector=demand.vector
        )
        found = next((c for c in candidates if c.offer_id == offer.listing_id), None)
        if found is None:
            explanation = Explanation(features=[], sentence_vi=BROKER_SENTENCE)
            return Scoring(
                score=0.0, explanation=explanation, engine_version=self._index.engine.version
            )
        scoring = scoring_of(found)
        sentence = f"{BROKER_SENTENCE} · {scoring.explanation.sentence_vi}"
        explanation = scoring.explanation.model_copy(update={"sentence_vi": sentence})
        return scoring.model_copy(update={"explanation": explanation})

    async def answer(self, match_id: str, principal: Principal, request: AnswerRequest) -> Match:
        async def work(tx: Tx) -> Match:
            match = await self._get(match_id, tx)
            side = await self._side_of(match, principal, tx)
            given = Answer(
                interested=request.interested,
                reason=request.reason,
                comment=request.comment,
                organization_id=str(principal.organization_id),
                answered_by=principal.subject,
                answered_at=self._clock(),
            )
            answered, events = rules.answer(match, side, given)
            await self._repos.matches.save(answered, tx.session)
            tx.emit(*events)
            if answered.status == MatchStatus.ACCEPTED:
                await self._introductions.open(answered, principal.subject, tx)
            return answered

        return await self._outbox.unit_of_work(work)

    async def _get(self, match_id: str, tx: Tx | None = None) -> Match:
        match = await self._repos.matches.get(match_id, None if tx is None else tx.session)
        if match is None:
            raise NotFoundError("match_id", f"no match {match_id}")
        return match

    async def _side_of(
        self, match: Match, principal: Principal, tx: Tx | None = None
    ) -> ListingKind:
        if principal.acts_for(match.offer_owner_organization_id):
            return ListingKind.OFFER
        demand = await self._repos.listings.get(match.demand_id, None if tx is None else tx.session)
        if demand is not None and demand.owner is not None and principal.acts_for(demand.owner):
            return ListingKind.DEMAND
        raise NotAllowedError("match", "only the owners of the offer and of the demand answer")

    async def view(self, match_id: str, principal: Principal) -> Match:
        match = await self._get(match_id)
        if not principal.has(Role.broker):
            await self._side_of(match, principal)  # refuses anyone but the two owners
        return match

    async def visible_to(
        self,
        principal: Principal,
        *,
        listing_id: str | None = None,
        status: MatchStatus | None = None,
        sector: Sector | None = None,
        limit: int = 0,
    ) -> list[Match]:
        """Brokers see every match; an organisation those of its own listings."""
        scope = None if principal.has(Role.broker) else await self._own_listings(principal)
        if listing_id is not None:
            scope = [listing_id] if scope is None or listing_id in scope else []
        return await self._repos.matches.find(
            listing_ids=scope, status=status, sector=sector, limit=limit
        )

    async def _own_listings(self, principal: Principal) -> list[str]:
        if not principal.has(Role.org) or principal.organization_id is None:
            raise NotAllowedError("principal", "brokers and organisations only")
        return await self._repos.listings.owned_by(principal.organization_id)

    async def declines(
        self, principal: Principal, listing_id: str | None, sector: Sector | None
    ) -> DeclineSummary:
        declined = await self.visible_to(
            principal,
            listing_id=listing_id,
            status=MatchStatus.DECLINED,
            sector=sector,
            limit=DECLINES_SUMMARISED,
        )
        return summarise_declines(declined, with_comments=principal.has(Role.broker))

    async def expire_due(self) -> int:
        """Expire unanswered proposals past their time (every replica may run it)."""
        expired = 0
        for match_id in await self._repos.matches.due(self._clock(), EXPIRY_BATCH):
            expired += await self._outbox.unit_of_work(partial(self._expire, match_id))
        if expired:
            log.info("matches_expired", count=expired)
        return expired

    async def _expire(self, match_id: str, tx: Tx) -> int:
        match = await self._get(match_id, tx)
        expired, events = rules.expire(match, self._clock())
        if events:
            await self._repos.matches.save(expired, tx.session)
            tx.emit(*events)
        return len(events)
