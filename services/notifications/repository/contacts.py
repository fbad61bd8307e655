"""The private address book: organisations' contacts, listing owners, and opt-outs.

Filled from `stx.internal.contacts.v1` and the organisations' public names; read only when a
targeted message is sent, so details that arrive after the event are still used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from shared.mongo import Document


@dataclass(frozen=True)
class Contact:
    organization_id: str
    name: str
    contact_name: str
    email: str
    phone: str | None
    language: str = "vi"


class AddressBook:
    def __init__(self, db: AsyncDatabase[Document]):
        self._organizations = db["organizations"]
        self._owners = db["listing_owners"]
        self._suppressions = db["suppressions"]

    async def record_contact(
        self,
        organization_id: str,
        contact_name: str,
        email: str,
        phone: str | None,
        session: AsyncClientSession,
        language: str = "vi",
    ) -> None:
        fields = {"contact_name": contact_name, "email": email, "phone": phone}
        fields |= {"language": language}
        await self._organizations.update_one(
            {"_id": organization_id}, {"$set": fields}, upsert=True, session=session
        )

    async def record_name(
        self,
        organization_id: str,
        name: str,
        session: AsyncClientSession,
        kind: str | None = None,
    ) -> None:
        fields = {"name": name} if kind is None else {"name": name, "kind": kind}
        await self._organizations.update_one(
            {"_id": organization_id}, {"$set": fields}, upsert=True, session=session
        )

    async def name(self, organization_id: str) -> str | None:
        """The public name from `stx.organizations.v1`, if it arrived."""
        doc = await self._organizations.find_one({"_id": organization_id}, {"name": 1})
        return str(doc["name"]) if doc and doc.get("name") else None

    async def record_sector(
        self, organization_id: str, sector: str, session: AsyncClientSession
    ) -> None:
        """A sector the organisation published a listing in (`stx.listings.v1`)."""
        await self._organizations.update_one(
            {"_id": organization_id},
            {"$addToSet": {"sectors": sector}},
            upsert=True,
            session=session,
        )

    async def in_sectors(self, sectors: list[str]) -> list[str]:
        """Ids of the organisations that published a listing in one of these sectors."""
        query = {"sectors": {"$in": list(sectors)}}
        cursor = self._organizations.find(query, {"_id": 1}).sort("_id", 1)
        return [str(doc["_id"]) async for doc in cursor]

    async def of_kind(self, kind: str) -> list[str]:
        """Ids of the organisations of this `OrganizationProfile.kind` (e.g. `association`)."""
        cursor = self._organizations.find({"kind": kind}, {"_id": 1}).sort("_id", 1)
        return [str(doc["_id"]) async for doc in cursor]

    async def record_owner(
        self, listing_id: str, organization_id: str, session: AsyncClientSession
    ) -> None:
        await self._owners.update_one(
            {"_id": listing_id},
            {"$set": {"organization_id": organization_id}},
            upsert=True,
            session=session,
        )

    async def owner_of(self, listing_id: str) -> str | None:
        doc = await self._owners.find_one({"_id": listing_id})
        return str(doc["organization_id"]) if doc else None

    async def contact(self, organization_id: str) -> Contact | None:
        doc = await self._organizations.find_one({"_id": organization_id})
        if doc is None or not doc.get("email"):
            return None
        return Contact(
            organization_id=organization_id,
            name=doc.get("name") or doc["contact_name"],
            contact_name=doc["contact_name"],
            email=doc["email"],
            phone=doc.get("phone"),
            language=doc.get("language", "vi"),
        )

    async def suppress(self, recipient: str, now: datetime) -> None:
        """The recipient clicked unsubscribe on a targeted message: send it no more."""
        await self._suppressions.update_one(
            {"_id": recipient}, {"$setOnInsert": {"at": now}}, upsert=True
        )

    async def suppressed(self, recipient: str) -> bool:
        return await self._suppressions.find_one({"_id": recipient}) is not None
