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
        doc = await self._reminders.find_one({"_id": reminder_id}, session=session)
        return _reminder(doc) if doc else None

    async def save(self, reminder: Reminder, session: AsyncClientSession) -> None:
        doc = reminder.model_dump() | {"_id": reminder.reminder_id}
        await self._reminders.replace_one(
            {"_id": reminder.reminder_id}, doc, upsert=True, session=session
        )

    async def exclude(
        self, reminder_id: str, organization_id: str, session: AsyncClientSession
    ) -> None:
        await self._reminders.update_one(
            {"_id": reminder_id}, {"$addToSet": {"excluded": organization_id}}, session=session
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
