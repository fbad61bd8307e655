"""Introductions, one document per accepted match, with their whole history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from services.matching.domain.introductions import Introduction
from shared.mongo import Document

INTRODUCTIONS: Final = "introductions"

INDEXES: Final = {
    INTRODUCTIONS: [
        IndexModel([("supplier_organization_id", ASCENDING)], name="supplier"),
        IndexModel([("seeker_organization_id", ASCENDING)], name="seeker"),
        IndexModel([("opened_at", DESCENDING)], name="newest_first"),
    ],
}


def _to_doc(introduction: Introduction) -> Document:
    doc = introduction.model_dump(mode="json")
    doc["opened_at"] = introduction.opened_at
    return doc


class IntroductionRepository:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._introductions = db[INTRODUCTIONS]

    async def create(self, introduction: Introduction, session: AsyncClientSession) -> bool:
        result = await self._introductions.update_one(
            {"_id": introduction.introduction_id},
            {"$setOnInsert": _to_doc(introduction)},
            upsert=True,
            session=session,
        )
        return result.upserted_id is not None

    async def save(self, introduction: Introduction, session: AsyncClientSession) -> None:
        await self._introductions.replace_one(
            {"_id": introduction.introduction_id}, _to_doc(introduction), session=session
        )

    async def get(
        self, introduction_id: str, session: AsyncClientSession | None = None
    ) -> Introduction | None:
        doc = await self._introductions.find_one({"_id": introduction_id}, session=session)
        return None if doc is None else Introduction.model_validate(doc)

    async def find(
        self,
        *,
        organization_id: str | None = None,
        listing_ids: Sequence[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Introduction]:
        """Newest first; a page of them when `limit` is given (HTTP lists always give one)."""
        query: dict[str, Any] = {}
        if organization_id is not None:
            query["$or"] = [
                {"supplier_organization_id": organization_id},
                {"seeker_organization_id": organization_id},
            ]
        if listing_ids is not None:
            ids = list(listing_ids)
            query["$and"] = [
                {"$or": [{"parties.offer_id": {"$in": ids}}, {"parties.demand_id": {"$in": ids}}]}
            ]
        cursor = self._introductions.find(query).sort([("opened_at", DESCENDING), ("_id", 1)])
        if limit is not None:
            cursor = cursor.skip(offset).limit(limit)
        return [Introduction.model_validate(doc) async for doc in cursor]
