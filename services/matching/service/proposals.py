"""Engine proposals: when a listing is projected, propose its best counterparts, re-score the
open proposals it already has, or retract them when it left the market."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from services.matching.domain import matches as rules
from services.matching.domain.ids import match_id_of
from services.matching.domain.listings import ProjectedListing, leaving_reason
from services.matching.domain.matches import Match, Scoring
from services.matching.engine import Proposal
from services.matching.service.ports import ListingIndex, ListingStore, MatchStore
from shared.clock import Clock
from shared.events.base import Event
from shared.events.matches import Explanation, FeatureContribution, ProposedBy
from shared.events.vocabulary import ListingKind
from shared.logging import get_logger
from shared.outbox import Tx

log = get_logger(__name__)
RESCORED_OUT = "rescored_below_threshold"


@dataclass(frozen=True)
class ProposalPolicy:
    top_k: int
    rescore_top_k: int
    ttl: timedelta


def scoring_of(proposal: Proposal) -> Scoring:
    features = [
        FeatureContribution(name=name, **feature.model_dump())
        for name, feature in proposal.features.items()
    ]
    explanation = Explanation(
        features=features, shared_terms=proposal.shared_terms, sentence_vi=proposal.sentence_vi
    )
    return Scoring(
        score=proposal.score, explanation=explanation, engine_version=proposal.engine_version
    )


def _pair_id(proposal: Proposal) -> str:
    return match_id_of(proposal.offer_id, proposal.demand_id)


class EngineProposals:
    def __init__(
        self,
        index: ListingIndex,
        listings: ListingStore,
        matches: MatchStore,
        policy: ProposalPolicy,
        clock: Clock,
    ) -> None:
        self._index = index
        self._listings = listings
        self._matches = matches
        self._policy = policy
        self._clock = clock

    async def refresh(
        self, listing: ProjectedListing, previous: ProjectedListing | None, tx: Tx
    ) -> None:
        """Propose, re-score or retract for a listing just projected (index caught up)."""
        assert listing.snapshot is not None
        reason = leaving_reason(listing.snapshot)
        if reason is not None:
            await self.retract_open(listing.listing_id, reason, tx)
            return
        if listing.owner is None:
            # An anonymous demand whose owner matching has not learnt yet (the internal topic
            # is read in parallel): proposing now could pair it with its owner's own offer and
            # name that owner next to it. Its proposals are made when the owner is recorded.
            log.info("proposals_wait_for_owner", listing_id=listing.listing_id)
            return
        policy = self._policy
        candidates = self._index.candidates(
            listing,
            previous,
            top_k=max(policy.top_k, policy.rescore_top_k),
        )
        open_matches = await self._matches.open_of(listing.listing_id, tx.session)
        await self._rescore(open_matches, candidates, tx)
        await self._propose(listing, candidates[: policy.top_k], tx)

    async def retract_open(self, listing_id: str, reason: str, tx: Tx) -> None:
        for match in await self._matches.open_of(listing_id, tx.session):
            await self._save(*rules.retract(match, reason, self._clock()), tx)

    async def _rescore(
        self, open_matches: Sequence[Match], candidates: Sequence[Proposal], tx: Tx
    ) -> None:
        """Open engine proposals follow the new score; a pair no longer a candidate is retracted."""
        scored = {_pair_id(candidate): candidate for candidate in candidates}
        for match in open_matches:
            if match.proposed_by == ProposedBy.BROKER:
                continue  # a broker's judgement is not the engine's to undo
            candidate = scored.get(match.match_id)
            if candidate is None:
                await self._save(*rules.retract(match, RESCORED_OUT, self._clock()), tx)
            else:
                await self._save(rules.rescore(match, scoring_of(candidate)), [], tx)

    async def _propose(
        self, listing: ProjectedListing, candidates: Sequence[Proposal], tx: Tx
    ) -> None:
        """One proposal per new pair: a pair proposed before (whatever became of it) is skipped."""
        by_id = {_pair_id(candidate): candidate for candidate in candidates}
        known = await self._matches.existing_ids(list(by_id), tx.session)
        fresh = [candidate for match_id, candidate in by_id.items() if match_id not in known]
        other_ids = [c.demand_id if c.offer_id == listing.listing_id else c.offer_id for c in fresh]
        others = await self._listings.get_many(other_ids, tx.session)
        for candidate, other_id in zip(fresh, other_ids, strict=True):
            other = others.get(other_id)
            if other is None or other.snapshot is None:
                log.warning("candidate_not_projected", listing_id=other_id)
                continue
            await self._propose_pair(listing, other, candidate, tx)

    async def _propose_pair(
        self, listing: ProjectedListing, other: ProjectedListing, candidate: Proposal, tx: Tx
    ) -> None:
        is_offer = listing.snapshot is not None and listing.snapshot.kind == ListingKind.OFFER
        offer, demand = (listing, other) if is_offer else (other, listing)
        if offer.owner is None or offer.snapshot is None or demand.snapshot is None:
            log.warning("offer_owner_unknown", listing_id=offer.listing_id)
            return
        if demand.owner is None or demand.owner == offer.owner:
            # Unknown yet (proposed once it is recorded), or one organisation on both sides:
            # never a match, and for an anonymous demand it would name its owner.
            return
        match, proposed = rules.propose(
            offer.snapshot,
            demand.snapshot,
            offer.owner,
            scoring_of(candidate),
            ProposedBy.ENGINE,
            self._clock(),
            self._policy.ttl,
        )
        if await self._matches.create(match, tx.session):
            tx.emit(proposed)
            log.info("match_proposed", match_id=match.match_id, score=match.scoring.score)

    async def _save(self, match: Match, events: Sequence[Event], tx: Tx) -> None:
        await self._matches.save(match, tx.session)
        tx.emit(*events)
