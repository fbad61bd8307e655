"""Contracts declared by a broker (made outside the platform), one document each, keyed by
their registration certificate."""

from __future__ import annotations

from typing import Final

from pymongo import DESCENDING, IndexModel
from pymongo.asynchronous.database import AsyncDatabase

from services.matching.domain.declared_contracts import DeclaredContract
from shared.mongo import Document

DECLARED_CONTRACTS: Final = "declared_contracts"

INDEXES: Final = {
    DECLARED_CONTRACTS: [IndexModel([("contract.signed_on", DESCENDING)], name="newest_first")],
}


class DeclaredContractRepository:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._declared = db[DECLARED_CONTRACTS]

    async def add(self, declared: DeclaredContract) -> bool:
        """False when this registration certificate was declared already."""
        doc = declared.model_dump(mode="json") | {"declared_at": declared.declared_at}
        result = await self._declared.update_one(
            {"_id": declared.declaration_id}, {"$setOnInsert": doc}, upsert=True
        )
        return result.upserted_id is not None

    async def get(self, declaration_id: str) -> DeclaredContract | None:
        doc = await self._declared.find_one({"_id": declaration_id})
        return None if doc is None else DeclaredContract.model_validate(doc)

    async def page(self, limit: int, offset: int) -> list[DeclaredContract]:
        """Newest signature first."""
        cursor = self._declared.find().sort("contract.signed_on", DESCENDING)
        return [DeclaredContract.model_validate(d) async for d in cursor.skip(offset).limit(limit)]

    async def count(self) -> int:
        return await self._declared.count_documents({})

    async def all(self) -> list[DeclaredContract]:
        """Every declaration (the indicators count them all; a province declares dozens a year)."""
        return [DeclaredContract.model_validate(d) async for d in self._declared.find()]
