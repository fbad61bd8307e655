"""How many messages a subject (a B2B meeting) has had: its calendar entry's SEQUENCE."""

from __future__ import annotations

from pymongo import ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from shared.mongo import Document


class Revisions:
    def __init__(self, db: AsyncDatabase[Document]):
        self._revisions = db["revisions"]

    async def next(self, subject: str, session: AsyncClientSession) -> int:
        """0 for the first message about `subject`, then 1, 2…; in the consuming transaction,
        so a retried or replayed event does not count twice."""
        doc = await self._revisions.find_one_and_update(
            {"_id": subject},
            {"$inc": {"count": 1}},
            upsert=True,
            return_document=ReturnDocument.AFTER,
            session=session,
        )
        assert doc is not None  # an upsert returning the document after the update
        return int(doc["count"]) - 1
