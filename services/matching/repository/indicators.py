"""Which closed periods already had their indicators published, and what was published (one
document each)."""

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

    async def mark(
        self, period: str, at: datetime, report: Document, session: AsyncClientSession
    ) -> bool:
        """Record the publication; False when another replica published this period first."""
        result = await self._publications.update_one(
            {"_id": period},
            {"$setOnInsert": {"published_at": at, "report": report}},
            upsert=True,
            session=session,
        )
        return result.upserted_id is not None

    async def report(self, period: str) -> Document | None:
        """The report as published; None if not published (or published before reports were
        kept, in 2026-11: then it is computed again)."""
        doc = await self._publications.find_one({"_id": period}, {"report": 1})
        return None if doc is None else doc.get("report")
