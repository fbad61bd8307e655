"""A global sequence number taken inside transactions, for in-memory copies that catch up.

Every write of a collection takes `next(session)` in its own transaction; concurrent writers
conflict on the counter's one document (the later one retries), so they commit in sequence
order. A reader that has applied every document up to n and finds n + 1 has missed nothing,
and `last()` (one small read) says whether anything was written since (DESIGN.md §5).
"""

from __future__ import annotations

from contextlib import suppress

from pymongo import ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from shared.mongo import Document

COUNTERS = "counters"


class SequenceCounter:
    def __init__(self, db: AsyncDatabase[Document], name: str) -> None:
        self._counters = db[COUNTERS]
        self._name = name

    async def ensure(self) -> None:
        """Created once at start-up: two first writers must not both insert it."""
        with suppress(DuplicateKeyError):  # another replica created it at the same moment
            await self._counters.update_one(
                {"_id": self._name}, {"$setOnInsert": {"seq": 0}}, upsert=True
            )

    async def next(self, session: AsyncClientSession | None) -> int:
        doc = await self._counters.find_one_and_update(
            {"_id": self._name},
            {"$inc": {"seq": 1}},
            upsert=True,
            return_document=ReturnDocument.AFTER,
            session=session,
        )
        assert doc is not None, "an upsert returning the document after it always finds one"
        return int(doc["seq"])

    async def last(self) -> int:
        """The sequence of the latest committed write (0 before any)."""
        doc = await self._counters.find_one({"_id": self._name})
        return 0 if doc is None else int(doc["seq"])
