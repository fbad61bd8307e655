"""Which closed periods already had their indicators published (one document each)."""

from __future__ import annotations

from datetime import datetime
from typing import Final

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from shared.mongo import Document

PUBLICATIONS: Final = "indicator_publications"


class IndicatorPublications:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._publications = db[PUBLICATIONS]

    async def is_published(self, period: str) -> bool:
        return await self._publications.find_one({"_id": period}, {"_id": 1}) is not None

    async def mark(self, period: str, at: datetime, session: AsyncClientSession) -> bool:
        """Record the publication; False when another replica published this period first."""
        result = await self._publications.update_one(
            {"_id": period}, {"$setOnInsert": {"published_at": at}}, upsert=True, session=session
        )
        return result.upserted_id is not None
