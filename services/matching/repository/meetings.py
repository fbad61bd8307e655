"""Meeting requests and the B2B meetings of connection events."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Final

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from services.matching.domain.connection_events.meetings import BookedMeeting
from services.matching.domain.connection_events.requests import MeetingRequest, RequestStatus
from shared.mongo import Document

MEETING_REQUESTS: Final = "meeting_requests"
MEETINGS: Final = "meetings"

INDEXES: Final = {
    MEETING_REQUESTS: [
        IndexModel([("event_id", ASCENDING), ("status", ASCENDING)], name="event_status"),
        IndexModel([("status", ASCENDING), ("expires_at", ASCENDING)], name="status_expiry"),
    ],
    MEETINGS: [IndexModel([("event_id", ASCENDING), ("slot", ASCENDING)], name="event_slot")],
}


class MeetingRequestRepository:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._requests = db[MEETING_REQUESTS]

    async def save(self, request: MeetingRequest, session: AsyncClientSession) -> None:
        doc = request.model_dump(mode="json") | {"expires_at": request.expires_at}
        await self._requests.replace_one(
            {"_id": request.request_id}, doc, upsert=True, session=session
        )

    async def get(
        self, request_id: str, session: AsyncClientSession | None = None
    ) -> MeetingRequest | None:
        doc = await self._requests.find_one({"_id": request_id}, session=session)
        return None if doc is None else MeetingRequest.model_validate(doc)

    async def of_event(
        self,
        event_id: str,
        statuses: Sequence[RequestStatus] | None = None,
        session: AsyncClientSession | None = None,
    ) -> list[MeetingRequest]:
        query: Document = {"event_id": event_id}
        if statuses is not None:
            query["status"] = {"$in": [s.value for s in statuses]}
        cursor = self._requests.find(query, session=session)
        return [MeetingRequest.model_validate(doc) async for doc in cursor]

    async def due(self, now: datetime, limit: int) -> list[str]:
        """Ids of sent requests past their time."""
        query = {"status": RequestStatus.SENT.value, "expires_at": {"$lte": now}}
        cursor = self._requests.find(query, {"_id": 1}).sort("expires_at", ASCENDING).limit(limit)
        return [doc["_id"] async for doc in cursor]


class MeetingRepository:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._meetings = db[MEETINGS]

    async def save_all(
        self, meetings: Sequence[BookedMeeting], session: AsyncClientSession
    ) -> None:
        for meeting in meetings:
            await self.save(meeting, session)

    async def save(self, meeting: BookedMeeting, session: AsyncClientSession) -> None:
        await self._meetings.replace_one(
            {"_id": meeting.meeting_id},
            meeting.model_dump(mode="json"),
            upsert=True,
            session=session,
        )

    async def get(
        self, meeting_id: str, session: AsyncClientSession | None = None
    ) -> BookedMeeting | None:
        doc = await self._meetings.find_one({"_id": meeting_id}, session=session)
        return None if doc is None else BookedMeeting.model_validate(doc)

    async def of_event(
        self,
        event_id: str,
        organization_id: str | None = None,
        session: AsyncClientSession | None = None,
    ) -> list[BookedMeeting]:
        """Sorted by slot, then table; only one participant's when `organization_id` is given."""
        query: Document = {"event_id": event_id}
        if organization_id is not None:
            query["$or"] = [{"seeker_id": organization_id}, {"supplier_id": organization_id}]
        cursor = self._meetings.find(query, session=session).sort([("slot", 1), ("table", 1)])
        return [BookedMeeting.model_validate(doc) async for doc in cursor]
