"""Reads: one listing as its viewer may see it, search, the brokers' moderation queue."""

from __future__ import annotations

from dataclasses import dataclass

from services.listings import search
from services.listings.catalogue import still_matches
from services.listings.domain.listings import Listing, ListingState
from services.listings.ranking import Scored, best_first, relevance
from services.listings.search import (
    RecencyCursor,
    RelevanceCursor,
    SearchCriteria,
    Viewer,
    decode_cursor,
    encode_cursor,
)
from services.listings.service.catalogue_sync import LiveCatalogue
from services.listings.service.errors import NotFoundError
from services.listings.service.ports import ListingCatalogue
from shared.mongo import Document


@dataclass(frozen=True)
class Page:
    items: list[Listing]
    next_cursor: str | None


@dataclass(frozen=True)
class QueueEntry:
    listing: Listing
    duplicates: list[Listing]


class ListingQueries:
    """Searches among published listings read the catalogue in memory; the others (an owner's
    drafts, the brokers' views of other statuses) are few and read the store."""

    def __init__(
        self, listings: ListingCatalogue, catalogue: LiveCatalogue, max_candidates: int
    ) -> None:
        self._listings = listings
        self._catalogue = catalogue
        self._max_candidates = max_candidates

    async def get(self, listing_id: str, viewer: Viewer) -> Listing:
        """Unpublished listings exist only for their owner and brokers (others get a 404)."""
        listing = await self._listings.get(listing_id)
        if listing is None or not (listing.is_public or can_see_everything(listing, viewer)):
            raise NotFoundError("listing", listing_id)
        return listing

    async def search(self, criteria: SearchCriteria, viewer: Viewer) -> Page:
        query = search.mongo_filter(criteria, viewer)
        if criteria.status is ListingState.PUBLISHED:
            return await self._published(criteria, query)
        if criteria.tokens:
            after = _relevance_cursor(criteria)
            candidates = await self._listings.matching(query, self._max_candidates)
            scored = ((relevance(text, criteria.tokens), text.listing_id) for text in candidates)
            return await self._best_first(best_first(scored, after, criteria.limit), criteria)
        recency = _recency_cursor(criteria)
        keyset = search.after_recency(recency) if recency else None
        found = await self._listings.newest(query, keyset, criteria.limit + 1)
        return _newest_page(found, criteria.limit)

    async def _published(self, criteria: SearchCriteria, query: Document) -> Page:
        catalogue = await self._catalogue.current()
        if criteria.tokens:
            scored = catalogue.scored(query, criteria.tokens)
            ranked = best_first(scored, _relevance_cursor(criteria), criteria.limit)
            page = await self._best_first(ranked, criteria)
        else:
            entries = catalogue.newest(query, _recency_cursor(criteria), criteria.limit + 1)
            shown = entries[: criteria.limit]
            next_cursor = None
            if len(entries) > criteria.limit:
                created_at, last = shown[-1].recency
                next_cursor = encode_cursor(RecencyCursor(created_at=created_at, listing_id=last))
            listings = await self._listings.get_many([e.listing_id for e in shown])
            page = Page(listings, next_cursor)
        # Read back from the store: what changed since the catalogue caught up is not shown.
        return Page([x for x in page.items if still_matches(x, query)], page.next_cursor)

    async def _best_first(self, ranked: list[Scored], criteria: SearchCriteria) -> Page:
        page = ranked[: criteria.limit]
        next_cursor = None
        if len(ranked) > criteria.limit:
            score, last = page[-1]
            next_cursor = encode_cursor(RelevanceCursor(score=score, listing_id=last))
        return Page(await self._listings.get_many([i for _, i in page]), next_cursor)

    async def moderation_queue(self, limit: int) -> list[QueueEntry]:
        """Oldest submission first, each with the owner's listings it may duplicate."""
        waiting = await self._listings.awaiting_moderation(limit)
        entries = []
        for listing in waiting:
            duplicates = [await self._listings.get(i) for i in listing.possible_duplicates]
            entries.append(QueueEntry(listing, [d for d in duplicates if d is not None]))
        return entries


def _relevance_cursor(criteria: SearchCriteria) -> RelevanceCursor | None:
    return decode_cursor(criteria.cursor, RelevanceCursor) if criteria.cursor else None


def _recency_cursor(criteria: SearchCriteria) -> RecencyCursor | None:
    return decode_cursor(criteria.cursor, RecencyCursor) if criteria.cursor else None


def _newest_page(found: list[Listing], limit: int) -> Page:
    """`found` holds one more than the page when there is a next one."""
    items = found[:limit]
    next_cursor = None
    if len(found) > limit:
        last = items[-1]
        next_cursor = encode_cursor(
            RecencyCursor(created_at=last.created_at, listing_id=last.listing_id)
        )
    return Page(items, next_cursor)


def can_see_everything(listing: Listing, viewer: Viewer) -> bool:
    """Brokers and the owner see the private side (owner of an anonymous demand, moderation)."""
    return viewer.broker or listing.owned_by(viewer.organization_id)
