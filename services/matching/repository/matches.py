"""Match proposals, one document per (offer, demand) pair: `_id` is the deterministic match id,
so the same pair can never be proposed twice."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Final

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from services.matching.domain.matches import Match, MatchStatus
from shared.events.vocabulary import Sector
from shared.mongo import Document

MATCHES: Final = "matches"

INDEXES: Final = {
    MATCHES: [
        IndexModel([("offer_id", ASCENDING), ("status", ASCENDING)], name="offer_status"),
        IndexModel([("demand_id", ASCENDING), ("status", ASCENDING)], name="demand_status"),
        IndexModel([("status", ASCENDING), ("expires_at", ASCENDING)], name="status_expiry"),
        IndexModel([("proposed_at", DESCENDING)], name="newest_first"),
    ],
}


def _to_doc(match: Match) -> Document:
    doc = match.model_dump(mode="json")
    # Native datetimes where queries compare or sort them.
    doc.update(proposed_at=match.proposed_at, expires_at=match.expires_at)
    return doc


def _involving(listing_ids: Sequence[str]) -> dict[str, Any]:
    ids = list(listing_ids)
    return {"$or": [{"offer_id": {"$in": ids}}, {"demand_id": {"$in": ids}}]}


class MatchRepository:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._matches = db[MATCHES]

    async def create(self, match: Match, session: AsyncClientSession) -> bool:
        """Insert unless the pair already has a match; True when this call created it."""
        result = await self._matches.update_one(
            {"_id": match.match_id}, {"$setOnInsert": _to_doc(match)}, upsert=True, session=session
        )
        return result.upserted_id is not None

    async def save(self, match: Match, session: AsyncClientSession) -> None:
        await self._matches.replace_one({"_id": match.match_id}, _to_doc(match), session=session)

    async def get(self, match_id: str, session: AsyncClientSession | None = None) -> Match | None:
        doc = await self._matches.find_one({"_id": match_id}, session=session)
        return None if doc is None else Match.model_validate(doc)

    async def existing_ids(self, match_ids: Sequence[str], session: AsyncClientSession) -> set[str]:
        cursor = self._matches.find({"_id": {"$in": list(match_ids)}}, {"_id": 1}, session=session)
        return {doc["_id"] async for doc in cursor}

    async def open_of(self, listing_id: str, session: AsyncClientSession) -> list[Match]:
        query = {"status": MatchStatus.PROPOSED.value, **_involving([listing_id])}
        return [
            Match.model_validate(doc) async for doc in self._matches.find(query, session=session)
        ]

    async def scores_between(
        self, offer_ids: Sequence[str], demand_ids: Sequence[str], session: AsyncClientSession
    ) -> dict[tuple[str, str], float]:
        """(offer, demand) → score of their proposals the parties have not turned down."""
        query = {
            "offer_id": {"$in": list(offer_ids)},
            "demand_id": {"$in": list(demand_ids)},
            "status": {"$nin": [MatchStatus.DECLINED.value, MatchStatus.RETRACTED.value]},
        }
        projection = {"offer_id": 1, "demand_id": 1, "scoring.score": 1}
        cursor = self._matches.find(query, projection, session=session)
        return {(d["offer_id"], d["demand_id"]): d["scoring"]["score"] async for d in cursor}

    async def due(self, now: datetime, limit: int) -> list[str]:
        """Ids of open proposals whose time has passed."""
        query = {"status": MatchStatus.PROPOSED.value, "expires_at": {"$lte": now}}
        cursor = self._matches.find(query, {"_id": 1}).sort("expires_at", ASCENDING).limit(limit)
        return [doc["_id"] async for doc in cursor]

    async def find(
        self,
        *,
        listing_ids: Sequence[str] | None = None,
        status: MatchStatus | None = None,
        sector: Sector | None = None,
        limit: int = 0,
    ) -> list[Match]:
        query: dict[str, Any] = {} if listing_ids is None else _involving(listing_ids)
        if status is not None:
            query["status"] = status.value
        if sector is not None:
            query["sector"] = sector.value
        cursor = self._matches.find(query).sort("proposed_at", DESCENDING).limit(limit)
        return [Match.model_validate(doc) async for doc in cursor]
