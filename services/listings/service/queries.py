"""Reads: one listing as its viewer may see it, search, the brokers' moderation queue."""

from __future__ import annotations

from dataclasses import dataclass

from services.listings import search
from services.listings.domain.listings import Listing
from services.listings.search import (
    RecencyCursor,
    RelevanceCursor,
    SearchCriteria,
    Viewer,
    decode_cursor,
    encode_cursor,
)
from services.listings.service.errors import NotFoundError
from services.listings.service.ports import ListingCatalogue


@dataclass(frozen=True)
class Page:
    items: list[Listing]
    next_cursor: str | None


@dataclass(frozen=True)
class QueueEntry:
    listing: Listing
    duplicates: list[Listing]


class ListingQueries:
    def __init__(self, listings: ListingCatalogue, max_candidates: int) -> None:
        self._listings = listings
        self._max_candidates = max_candidates

    async def get(self, listing_id: str, viewer: Viewer) -> Listing:
        """Unpublished listings exist only for their owner and brokers (others get a 404)."""
        listing = await self._listings.get(listing_id)
        if listing is None or not (listing.is_public or can_see_everything(listing, viewer)):
            raise NotFoundError("listing", listing_id)
        return listing

    async def search(self, criteria: SearchCriteria, viewer: Viewer) -> Page:
        query = search.mongo_filter(criteria, viewer)
        if criteria.tokens:
            return await self._by_relevance(criteria, query)
        after = None
        if criteria.cursor:
            after = search.after_recency(decode_cursor(criteria.cursor, RecencyCursor))
        found = await self._listings.newest(query, after, criteria.limit + 1)
        items = found[: criteria.limit]
        more = len(found) > criteria.limit
        next_cursor = None
        if more:
            last = items[-1]
            next_cursor = encode_cursor(
                RecencyCursor(created_at=last.created_at, listing_id=last.listing_id)
            )
        return Page(items, next_cursor)

    async def _by_relevance(self, criteria: SearchCriteria, query: dict[str, object]) -> Page:
        after = decode_cursor(criteria.cursor, RelevanceCursor) if criteria.cursor else None
        candidates = await self._listings.matching(query, self._max_candidates)
        ranked = search.rank(candidates, criteria.tokens, after)
        page = ranked[: criteria.limit]
        next_cursor = None
        if len(ranked) > criteria.limit:
            score, last = page[-1]
            next_cursor = encode_cursor(RelevanceCursor(score=score, listing_id=last.listing_id))
        listings = await self._listings.get_many([text.listing_id for _, text in page])
        return Page(listings, next_cursor)

    async def moderation_queue(self, limit: int) -> list[QueueEntry]:
        """Oldest submission first, each with the owner's listings it may duplicate."""
        waiting = await self._listings.awaiting_moderation(limit)
        entries = []
        for listing in waiting:
            duplicates = [await self._listings.get(i) for i in listing.possible_duplicates]
            entries.append(QueueEntry(listing, [d for d in duplicates if d is not None]))
        return entries


def can_see_everything(listing: Listing, viewer: Viewer) -> bool:
    """Brokers and the owner see the private side (owner of an anonymous demand, moderation)."""
    return viewer.broker or listing.owned_by(viewer.organization_id)
