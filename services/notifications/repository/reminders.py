"""Reminders (`reminders`): one document per (kind, subject), `_id` = `<kind>:<subject>`, with
the instant it is next due; the sweep moves that instant only if it is still the one it read."""

from __future__ import annotations

from datetime import datetime

from pymongo import ASCENDING
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from services.notifications.domain.reminders import Reminder
from shared.mongo import Document


def _reminder(doc: Document) -> Reminder:
    return Reminder.model_validate(doc)


class Reminders:
    def __init__(self, db: AsyncDatabase[Document]):
        self._reminders = db["reminders"]

    async def get(self, reminder_id: str, session: AsyncClientSession) -> Reminder | None:
        """The planned reminder; None also when only exclusions arrived so far."""
        query = {"_id": reminder_id, "kind": {"$exists": True}}
        doc = await self._reminders.find_one(query, session=session)
        return _reminder(doc) if doc else None

    async def save(self, reminder: Reminder, session: AsyncClientSession) -> None:
        """The plan, adding its exclusions to those already kept (never dropping one)."""
        doc = reminder.model_dump(exclude={"excluded"})
        await self._reminders.update_one(
            {"_id": reminder.reminder_id},
            {"$set": doc, "$addToSet": {"excluded": {"$each": reminder.excluded}}},
            upsert=True,
            session=session,
        )

    async def exclude(
        self, reminder_id: str, organization_id: str, session: AsyncClientSession
    ) -> None:
        """Kept even before the plan arrives: a nomination is keyed by its own id, so it may
        be consumed before the programme's opening, from another partition."""
        await self._reminders.update_one(
            {"_id": reminder_id},
            {"$addToSet": {"excluded": organization_id}},
            upsert=True,
            session=session,
        )

    async def due(self, now: datetime, limit: int = 200) -> list[Reminder]:
        cursor = self._reminders.find({"due_at": {"$lte": now}}).sort("due_at", ASCENDING)
        return [_reminder(doc) async for doc in cursor.limit(limit)]

    async def advance(
        self, read: Reminder, due: datetime | None, session: AsyncClientSession
    ) -> bool:
        """Move the due instant of the reminder as it was `read`; False when another sweep did
        or a newer plan replaced it (its facts are the ones to send)."""
        query = {"_id": read.reminder_id, "due_at": read.due_at, "version": read.version}
        result = await self._reminders.update_one(query, {"$set": {"due_at": due}}, session=session)
        return result.modified_count == 1
