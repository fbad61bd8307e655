"""Connection events and their registrations (one document per event and organisation)."""

from __future__ import annotations

from typing import Final

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from services.matching.domain.connection_events.event import ConnectionEvent
from services.matching.domain.connection_events.registrations import (
    Registration,
    RegistrationStatus,
)
from shared.mongo import Document

CONNECTION_EVENTS: Final = "connection_events"
REGISTRATIONS: Final = "registrations"

INDEXES: Final = {
    CONNECTION_EVENTS: [IndexModel([("plan.starts_at", DESCENDING)], name="newest_first")],
    REGISTRATIONS: [
        IndexModel(
            [("event_id", ASCENDING), ("status", ASCENDING), ("registered_at", ASCENDING)],
            name="event_status_order",
        )
    ],
}


def _event_doc(event: ConnectionEvent) -> Document:
    doc = event.model_dump(mode="json")
    doc["plan"]["starts_at"] = event.plan.starts_at
    return doc


def _registration_id(event_id: str, organization_id: str) -> str:
    return f"{event_id}|{organization_id}"


class ConnectionEventRepository:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._events = db[CONNECTION_EVENTS]
        self._registrations = db[REGISTRATIONS]

    async def save(self, event: ConnectionEvent, session: AsyncClientSession) -> None:
        """Every save bumps a revision: two writers of one event's seats conflict and retry."""
        await self._events.update_one(
            {"_id": event.event_id},
            {"$set": _event_doc(event), "$inc": {"revision": 1}},
            upsert=True,
            session=session,
        )

    async def get(
        self, event_id: str, session: AsyncClientSession | None = None
    ) -> ConnectionEvent | None:
        doc = await self._events.find_one({"_id": event_id}, session=session)
        return None if doc is None else ConnectionEvent.model_validate(doc)

    async def find(self) -> list[ConnectionEvent]:
        cursor = self._events.find({}).sort("plan.starts_at", DESCENDING)
        return [ConnectionEvent.model_validate(doc) async for doc in cursor]

    async def save_registration(
        self, registration: Registration, session: AsyncClientSession
    ) -> None:
        key = _registration_id(registration.event_id, registration.organization_id)
        doc = registration.model_dump(mode="json") | {"registered_at": registration.registered_at}
        await self._registrations.replace_one({"_id": key}, doc, upsert=True, session=session)

    async def registration(
        self, event_id: str, organization_id: str, session: AsyncClientSession | None = None
    ) -> Registration | None:
        key = _registration_id(event_id, organization_id)
        doc = await self._registrations.find_one({"_id": key}, session=session)
        return None if doc is None else Registration.model_validate(doc)

    async def registrations(
        self,
        event_id: str,
        status: RegistrationStatus | None = None,
        session: AsyncClientSession | None = None,
    ) -> list[Registration]:
        """In order of registration (the waiting list's order)."""
        query: Document = {"event_id": event_id}
        if status is not None:
            query["status"] = status.value
        cursor = self._registrations.find(query, session=session).sort("registered_at", ASCENDING)
        return [Registration.model_validate(doc) async for doc in cursor]
