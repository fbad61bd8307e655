"""Messages to an audience that stay open for latecomers (an award programme while its
nomination window is open): what was sent, to which kind of organisation, until when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from services.notifications.domain.messages import StandingMessage
from shared.mongo import Document


class StandingMessages:
    def __init__(self, db: AsyncDatabase[Document]):
        self._standing = db["standing_messages"]

    async def add(self, message: StandingMessage, session: AsyncClientSession) -> None:
        doc: dict[str, Any] = message.model_dump(mode="json") | {"until": message.until}
        await self._standing.update_one(
            {"_id": message.source_event_id}, {"$setOnInsert": doc}, upsert=True, session=session
        )

    async def open_for(self, audience: str, now: datetime) -> list[StandingMessage]:
        """Those still open to organisations of this kind (a few at a time: one per programme)."""
        cursor = self._standing.find({"audience": audience, "until": {"$gt": now}})
        return [StandingMessage.model_validate(doc) async for doc in cursor]
