"""Idempotent consumers (DESIGN.md §5.2): the ids of applied events, recorded with the effect."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Final

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from shared.mongo import Document

PROCESSED_EVENTS: Final = "processed_events"


class AlreadyProcessedError(Exception):
    """This `ce_id` was applied before: the effect must not happen twice."""


class ConflictingDuplicateError(Exception):
    """This `ce_id` was applied before with a *different* payload: a producer bug or forgery."""


def digest(value: bytes | None) -> str:
    return hashlib.sha256(value or b"").hexdigest()


class ProcessedEvents:
    def __init__(self, db: AsyncDatabase[Document]):
        self._collection = db[PROCESSED_EVENTS]

    async def check(self, event_id: str, payload_digest: str) -> None:
        """Classify an id that `record` found applied: a redelivery or a conflicting reuse."""
        seen = await self._collection.find_one({"_id": event_id}, {"digest": 1})
        if seen is not None:
            _raise_duplicate(seen, payload_digest)

    async def record(
        self, session: AsyncClientSession, event_id: str, event_type: str, payload_digest: str
    ) -> None:
        """Insert inside the effect's transaction; a concurrent duplicate aborts it."""
        try:
            await self._collection.insert_one(
                {
                    "_id": event_id,
                    "type": event_type,
                    "digest": payload_digest,
                    "at": datetime.now(UTC),
                },
                session=session,
            )
        except DuplicateKeyError as exc:
            raise AlreadyProcessedError(event_id) from exc


def _raise_duplicate(seen: Document, payload_digest: str) -> None:
    if seen.get("digest") not in (None, payload_digest):
        raise ConflictingDuplicateError(
            "ce_id was already applied with a different payload; the record is not applied again"
        )
    raise AlreadyProcessedError(str(seen["_id"]))
