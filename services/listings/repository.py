"""The MongoDB side of the listings service, and nothing else.

A listing document is `{"_id", "listing": <the aggregate as JSON>, "q": <query fields>, "seq"}`:
the aggregate round-trips unchanged, the `q` fields are recomputed on every write, and `seq` is
taken from one counter in the writing transaction (the catalogue in memory catches up by it).
Writes check the version they replace (optimistic concurrency).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Final

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from services.listings.catalogue import CatalogueEntry
from services.listings.domain.duplicates import TitleRef
from services.listings.domain.listings import Listing, ListingState
from services.listings.domain.organizations import Organization
from services.listings.ranking import RANKED_FIELDS, FoldedText
from services.listings.search import QUERY_FIELDS_VERSION, by_one_token, query_fields
from services.listings.service.errors import AlreadyExistsError, ConcurrentUpdateError
from services.listings.service.ports import Remembered
from shared.mongo import Document
from shared.sequence import SequenceCounter

ORGANIZATIONS: Final = "organizations"
LISTINGS: Final = "listings"
IDEMPOTENCY_KEYS: Final = "idempotency_keys"
LISTINGS_SEQ: Final = "listings"
REFRESH_BATCH: Final = 500
LOAD_BATCH: Final = 1000
"""Documents per round trip when the catalogue is read whole."""
Session = AsyncClientSession | None


def indexes(idempotency_retention: timedelta) -> Mapping[str, Sequence[IndexModel]]:
    return {
        LISTINGS: [
            IndexModel(
                [("q.status", ASCENDING), ("q.created_at", DESCENDING), ("_id", DESCENDING)]
            ),
            IndexModel([("q.tokens", ASCENDING), ("q.status", ASCENDING)]),
            IndexModel([("q.owner", ASCENDING), ("q.status", ASCENDING)]),
            IndexModel([("q.status", ASCENDING), ("q.valid_until", ASCENDING)]),
            IndexModel([("q.in_review", ASCENDING), ("q.review_since", ASCENDING)]),
            IndexModel([("seq", ASCENDING)]),
        ],
        ORGANIZATIONS: [
            IndexModel(
                [("organization.verified", ASCENDING), ("organization.details.name", ASCENDING)]
            ),
            IndexModel(
                [("organization.verified", ASCENDING), ("organization.registered_at", ASCENDING)]
            ),
        ],
        IDEMPOTENCY_KEYS: [
            IndexModel(
                [("created_at", ASCENDING)],
                expireAfterSeconds=int(idempotency_retention.total_seconds()),
            )
        ],
    }


class OrganizationRepository:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._docs = db[ORGANIZATIONS]

    async def get(self, organization_id: str, session: Session = None) -> Organization | None:
        doc = await self._docs.find_one({"_id": str(organization_id)}, session=session)
        return None if doc is None else Organization.model_validate(doc["organization"])

    async def add(self, org: Organization, session: Session) -> None:
        try:
            await self._docs.insert_one(_org_document(org), session=session)
        except DuplicateKeyError:
            raise AlreadyExistsError(f"organisation {org.organization_id} exists") from None

    async def save(self, org: Organization, session: Session) -> None:
        replaced = {"_id": org.organization_id, "organization.version": org.version - 1}
        result = await self._docs.replace_one(replaced, _org_document(org), session=session)
        if result.matched_count != 1:
            raise ConcurrentUpdateError(org.organization_id)

    async def listed(self, verified: bool, limit: int) -> list[Organization]:
        order = (
            [("organization.details.name", ASCENDING), ("_id", ASCENDING)]
            if verified
            else [("organization.registered_at", ASCENDING), ("_id", ASCENDING)]
        )
        cursor = self._docs.find({"organization.verified": verified}).sort(order).limit(limit)
        return [Organization.model_validate(doc["organization"]) async for doc in cursor]


def _org_document(org: Organization) -> Document:
    return {"_id": org.organization_id, "organization": org.model_dump(mode="json")}


class ListingRepository:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._docs = db[LISTINGS]
        self._seq = SequenceCounter(db, LISTINGS_SEQ)

    async def get(self, listing_id: str, session: Session = None) -> Listing | None:
        doc = await self._docs.find_one({"_id": str(listing_id)}, session=session)
        return None if doc is None else _listing(doc)

    async def add(self, listing: Listing, session: Session) -> None:
        doc = listing_document(listing, await self._seq.next(session))
        await self._docs.insert_one(doc, session=session)

    async def ensure_counter(self) -> None:
        await self._seq.ensure()

    async def last_seq(self) -> int:
        return await self._seq.last()

    async def changed_since(self, seq: int) -> list[CatalogueEntry]:
        """Listings written after `seq`, in `seq` order, as the catalogue holds them."""
        cursor = self._docs.find({"seq": {"$gt": seq}}, CATALOGUE_FIELDS).sort("seq", ASCENDING)
        return [_catalogue_entry(doc) async for doc in cursor]

    async def every_entry(self) -> list[CatalogueEntry]:
        """Every listing, in one query read to its end before it is used (a store may drop a
        cursor left open for minutes). Not page by page: SecantusDB scans the whole
        collection for each query, so 100,000 listings read by pages of 1,000 did not load in
        29 minutes, where one pass reads 60,000 small documents in a second."""
        cursor = self._docs.find({}, CATALOGUE_FIELDS).batch_size(LOAD_BATCH)
        return [_catalogue_entry(doc) async for doc in cursor]

    async def refresh_query_fields(self) -> int:
        """Recompute the `q` fields of listings stored by an older version of `query_fields`;
        a listing written meanwhile already has them (its version no longer matches)."""
        stale = {"q.version": {"$ne": QUERY_FIELDS_VERSION}}
        refreshed = 0
        # Batch by batch, not one long cursor: a store may drop a cursor open for minutes.
        while batch := await self._docs.find(stale).limit(REFRESH_BATCH).to_list(None):
            for doc in batch:
                listing = _listing(doc)
                current = {"_id": doc["_id"], "listing.version": listing.version}
                changed = {"q": query_fields(listing), "seq": await self._seq.next(None)}
                result = await self._docs.update_one(current, {"$set": changed})
                refreshed += result.modified_count
        return refreshed

    async def save(self, listing: Listing, session: Session) -> None:
        replaced = {"_id": listing.listing_id, "listing.version": listing.version - 1}
        doc = listing_document(listing, await self._seq.next(session))
        result = await self._docs.replace_one(replaced, doc, session=session)
        if result.matched_count != 1:
            raise ConcurrentUpdateError(listing.listing_id)

    async def titles_of(self, owner_id: str, session: Session) -> list[TitleRef]:
        """Titles of the owner's listings that are still in play (duplicate detection)."""
        query = {"q.owner": str(owner_id), "q.status": {"$ne": ListingState.WITHDRAWN.value}}
        projection = {"listing.terms.title": 1}
        docs = await self._docs.find(query, projection, session=session).to_list(None)
        return [TitleRef(d["_id"], d["listing"]["terms"]["title"]) for d in docs]

    async def newest(self, query: Document, after: Document | None, limit: int) -> list[Listing]:
        """Newest first; `after` is a keyset condition from a cursor."""
        condition = {"$and": [query, after]} if after else query
        cursor = self._docs.find(condition).sort(
            [("q.created_at", DESCENDING), ("_id", DESCENDING)]
        )
        return [_listing(doc) for doc in await cursor.limit(limit).to_list(None)]

    async def matching(self, query: Document, cap: int) -> list[FoldedText]:
        """Every match up to `cap`, only what ranking reads (full-text search ranks in Python).

        The store is asked for one token and the others are checked here (`by_one_token`)."""
        served, wanted = by_one_token(query)
        found: list[FoldedText] = []
        cursor = self._docs.find(served, {**RANKED_FIELDS, "q.tokens": 1})
        try:
            async for doc in cursor:
                if wanted <= set(doc["q"]["tokens"]):
                    found.append(FoldedText.of_document(doc))
                    if len(found) >= cap:
                        break
        finally:
            await cursor.close()
        return found

    async def get_many(self, listing_ids: list[str]) -> list[Listing]:
        """These listings, in the order given (those that vanished meanwhile left out)."""
        found = {
            doc["_id"]: _listing(doc)
            async for doc in self._docs.find({"_id": {"$in": listing_ids}})
        }
        return [found[i] for i in listing_ids if i in found]

    async def awaiting_moderation(self, limit: int) -> list[Listing]:
        """Submitted listings and pending revisions of published ones, longest waiting first."""
        query = {"q.in_review": True}
        cursor = self._docs.find(query).sort([("q.review_since", ASCENDING), ("_id", ASCENDING)])
        return [_listing(doc) for doc in await cursor.limit(limit).to_list(None)]

    async def due_for_expiry(self, today: date, limit: int) -> list[str]:
        # `q.valid_until` is an ISO date string: those sort like the dates they write.
        query = {
            "q.status": ListingState.PUBLISHED.value,
            "q.valid_until": {"$lt": today.isoformat()},
        }
        docs = await self._docs.find(query, {"_id": 1}).limit(limit).to_list(None)
        return [doc["_id"] for doc in docs]


def listing_document(listing: Listing, seq: int) -> Document:
    """The stored form of a listing written with this `seq`."""
    return {
        "_id": listing.listing_id,
        "listing": listing.model_dump(mode="json"),
        "q": query_fields(listing),
        "seq": seq,
    }


CATALOGUE_FIELDS: Final[Document] = {**RANKED_FIELDS, "q": 1, "seq": 1}


def _catalogue_entry(doc: Document) -> CatalogueEntry:
    # Listings written before `seq` existed have none: the catalogue loads them at start-up.
    seq = int(doc.get("seq", 0))
    return CatalogueEntry.of(doc["_id"], seq, doc["q"], FoldedText.of_document(doc))


def _listing(doc: Document) -> Listing:
    return Listing.model_validate(doc["listing"])


class IdempotencyKeys:
    """The first response to a create request, by its `Idempotency-Key` (RFC draft)."""

    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._docs = db[IDEMPOTENCY_KEYS]

    async def find(self, key: str) -> Remembered | None:
        doc = await self._docs.find_one({"_id": str(key)})
        if doc is None:
            return None
        return Remembered(doc["fingerprint"], Listing.model_validate(doc["listing"]))

    async def remember(
        self, key: str, fingerprint: str, listing: Listing, at: datetime, session: Session
    ) -> None:
        """Inserted in the creating transaction: a concurrent retry fails on the unique `_id`."""
        doc = {
            "_id": key,
            "fingerprint": fingerprint,
            "listing": listing.model_dump(mode="json"),
            "created_at": at,
        }
        try:
            await self._docs.insert_one(doc, session=session)
        except DuplicateKeyError:
            raise AlreadyExistsError(f"Idempotency-Key {key} was used") from None
