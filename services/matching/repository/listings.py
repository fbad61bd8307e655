"""The projection of listings (with each one's embedding) and of organisations.

Every projection write takes the next value of one global counter in its transaction and
stamps the listing with it (`seq`): concurrent writers conflict on the counter, so they
commit one after the other, and each replica's index catches up by reading `seq > its own`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, Final

import numpy as np
from bson import Binary
from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.read_concern import ReadConcern

from services.matching.domain.listings import ProjectedListing
from shared.events.listings import ListingSnapshot
from shared.events.organizations import AdministrativeUnit, OrganizationProfile
from shared.events.vocabulary import OrganizationKind
from shared.mongo import Document
from shared.sequence import SequenceCounter

LISTINGS: Final = "listings"
ORGANIZATIONS: Final = "organizations"
PROJECTION_COUNTER: Final = "projection"

INDEXES: Final = {
    LISTINGS: [
        IndexModel([("seq", ASCENDING)], name="seq"),
        IndexModel([("snapshot.owner_organization_id", ASCENDING)], name="public_owner"),
        IndexModel([("owner_organization_id", ASCENDING)], name="recorded_owner"),
    ],
}


def _to_doc(listing: ProjectedListing) -> Document:
    assert listing.snapshot is not None
    vector = None if listing.vector is None else Binary(np.asarray(listing.vector, "<f4").tobytes())
    return {
        "seq": listing.seq,
        "kind": listing.snapshot.kind.value,
        "status": listing.snapshot.status.value,
        "snapshot": listing.snapshot.model_dump(mode="json"),
        "vector": vector,
        "text_hash": listing.text_hash,
    }


def _from_doc(doc: Document) -> ProjectedListing:
    raw, vector = doc.get("snapshot"), doc.get("vector")
    return ProjectedListing(
        listing_id=doc["_id"],
        seq=doc["seq"],
        snapshot=None if raw is None else ListingSnapshot.model_validate(raw),
        recorded_owner=doc.get("owner_organization_id"),
        vector=None if vector is None else np.frombuffer(bytes(vector), "<f4").copy(),
        text_hash=doc.get("text_hash"),
    )


class ListingProjection:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        # Outside transactions too, read only what a majority committed: never index a write
        # that a fail-over could roll back.
        self._listings = db.get_collection(LISTINGS, read_concern=ReadConcern("majority"))
        self._seq = SequenceCounter(db, PROJECTION_COUNTER)

    async def ensure_counter(self) -> None:
        await self._seq.ensure()

    async def next_seq(self, session: AsyncClientSession) -> int:
        """The next global sequence number; concurrent transactions conflict here."""
        return await self._seq.next(session)

    async def last_seq(self) -> int:
        """The sequence of the latest change (0 before any): a cheap sign that listings changed."""
        return await self._seq.last()

    async def get(
        self, listing_id: str, session: AsyncClientSession | None = None
    ) -> ProjectedListing | None:
        doc = await self._listings.find_one({"_id": listing_id}, session=session)
        return None if doc is None else _from_doc(doc)

    async def get_many(
        self, listing_ids: Sequence[str], session: AsyncClientSession | None = None
    ) -> dict[str, ProjectedListing]:
        cursor = self._listings.find({"_id": {"$in": list(listing_ids)}}, session=session)
        return {doc["_id"]: _from_doc(doc) async for doc in cursor}

    async def save(self, listing: ProjectedListing, session: AsyncClientSession) -> None:
        await self._listings.update_one(
            {"_id": listing.listing_id}, {"$set": _to_doc(listing)}, upsert=True, session=session
        )

    async def record_owner(
        self, listing_id: str, owner: str, seq: int, session: AsyncClientSession
    ) -> None:
        await self._listings.update_one(
            {"_id": listing_id},
            {"$set": {"owner_organization_id": owner, "seq": seq}},
            upsert=True,
            session=session,
        )

    async def changed_since(
        self, seq: int, session: AsyncClientSession | None = None
    ) -> list[ProjectedListing]:
        """Listings written after `seq`, in sequence order (their latest state only), in one
        query: SecantusDB scans the whole collection for each query, so pages would make a
        full load quadratic."""
        cursor = self._listings.find({"seq": {"$gt": seq}}, session=session).sort("seq", ASCENDING)
        return [_from_doc(doc) async for doc in cursor]

    async def owned_by(self, organization_id: str) -> list[str]:
        """Ids of the organisation's listings, anonymous demands included."""
        query = {
            "$or": [
                {"snapshot.owner_organization_id": organization_id},
                {"owner_organization_id": organization_id},
            ]
        }
        return [doc["_id"] async for doc in self._listings.find(query, {"_id": 1})]

    async def all_without_vectors(self) -> list[ProjectedListing]:
        cursor = self._listings.find({"snapshot": {"$ne": None}}, {"vector": 0})
        return [_from_doc(doc) async for doc in cursor]


class OrganizationProjection:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._organizations = db[ORGANIZATIONS]

    async def save(self, profile: OrganizationProfile, session: AsyncClientSession) -> None:
        doc: dict[str, Any] = profile.model_dump(mode="json")
        await self._organizations.replace_one(
            {"_id": profile.organization_id}, doc, upsert=True, session=session
        )

    async def verified_of_kinds(
        self, kinds: Iterable[OrganizationKind]
    ) -> list[tuple[str, datetime]]:
        """Verified organisations of these kinds: id and registration time."""
        query = {"verified": True, "kind": {"$in": [kind.value for kind in kinds]}}
        cursor = self._organizations.find(query, {"registered_at": 1})
        return [(doc["_id"], datetime.fromisoformat(doc["registered_at"])) async for doc in cursor]

    async def places(self) -> dict[str, AdministrativeUnit | None]:
        """Organisation id → its finest known unit: its commune, else its former district
        (profiles registered before 1 July 2025), else None."""
        cursor = self._organizations.find({}, {"commune": 1, "district": 1})
        return {
            doc["_id"]: AdministrativeUnit.model_validate(unit)
            if (unit := doc.get("commune") or doc.get("district"))
            else None
            async for doc in cursor
        }
