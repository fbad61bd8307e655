"""Use cases of a listing's owner: create (idempotently), update, submit, withdraw, renew."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from services.listings.domain import lifecycle
from services.listings.domain.duplicates import possible_duplicates
from services.listings.domain.entry import Author, check_dossier_owner, entry_of
from services.listings.domain.listings import Listing, ListingChange, create_draft, revise
from services.listings.domain.organizations import Organization
from services.listings.domain.terms import ListingTerms
from services.listings.service.base import Check, ListingWriter, new_id
from services.listings.service.errors import (
    AlreadyExistsError,
    ConflictError,
    ForbiddenError,
    IdempotencyKeyReusedError,
)
from services.listings.service.ports import IdempotencyStore, OrganizationStore, Session
from shared.auth import Principal, Role
from shared.outbox import Tx


@dataclass(frozen=True)
class Created:
    listing: Listing
    replayed: bool = False
    """True when an earlier request with the same `Idempotency-Key` created it."""


def owned_by(principal: Principal) -> Check:
    def check(listing: Listing) -> None:
        if not principal.acts_for(listing.owner.organization_id):
            raise ForbiddenError(f"listing {listing.listing_id} belongs to another organisation")

    return check


class Listings:
    def __init__(
        self,
        changes: ListingWriter,
        orgs: OrganizationStore,
        keys: IdempotencyStore,
        duplicate_threshold: float,
    ) -> None:
        self._changes = changes
        self._listings = changes.listings
        self._orgs = orgs
        self._keys = keys
        self._threshold = duplicate_threshold

    async def create(
        self,
        principal: Principal,
        terms: ListingTerms,
        key: str | None,
        on_behalf_of: str | None = None,
    ) -> Created:
        """A draft of the principal's organisation — or, entered by a broker from a paper
        dossier, of `on_behalf_of`; a retried key gets the first response."""
        entry = entry_of(author_of(principal), on_behalf_of)
        owner_id = entry.owner_id
        scoped = f"{owner_id}:{key}" if key else None
        fingerprint = hashlib.sha256(terms.model_dump_json().encode()).hexdigest()
        if scoped and (earlier := await self._replay(scoped, fingerprint)):
            return earlier

        async def work(tx: Tx) -> Listing:
            owner = await self._owner(owner_id, tx.session)
            check_dossier_owner(entry, owner)
            now = self._changes.clock()
            listing = create_draft(new_id("lst"), terms, owner, now, entered_by=entry.entered_by)
            await self._listings.add(listing, tx.session)
            if scoped:
                await self._keys.remember(scoped, fingerprint, listing, now, tx.session)
            return listing

        try:
            return Created(await self._changes.outbox.unit_of_work(work))
        except AlreadyExistsError:  # a concurrent retry with the same key won the race
            if scoped and (earlier := await self._replay(scoped, fingerprint)):
                return earlier
            raise

    async def update(
        self, principal: Principal, listing_id: str, terms: ListingTerms, expected_version: int
    ) -> Listing:
        async def step(listing: Listing, _: Session) -> ListingChange:
            if listing.version != expected_version:
                raise ConflictError(
                    f"the listing is at version {listing.version}, you sent {expected_version}: "
                    "reload it and retry"
                )
            return revise(listing, terms, self._changes.clock())

        return await self._changes.apply(listing_id, step, owned_by(principal))

    async def submit(self, principal: Principal, listing_id: str) -> Listing:
        async def step(listing: Listing, session: Session) -> ListingChange:
            owner = await self._owner(listing.owner.organization_id, session)
            duplicates = await self.duplicates_of(listing, session)
            return lifecycle.submit(listing, owner, duplicates, self._changes.clock())

        return await self._changes.apply(listing_id, step, owned_by(principal))

    async def withdraw(self, principal: Principal, listing_id: str, reason: str) -> Listing:
        async def step(listing: Listing, _: Session) -> ListingChange:
            return lifecycle.withdraw(listing, reason, self._changes.clock())

        return await self._changes.apply(listing_id, step, owned_by(principal))

    async def renew(self, principal: Principal, listing_id: str, valid_until: date) -> Listing:
        async def step(listing: Listing, _: Session) -> ListingChange:
            return lifecycle.renew(listing, valid_until, self._changes.clock())

        return await self._changes.apply(listing_id, step, owned_by(principal))

    async def duplicates_of(self, listing: Listing, session: Session) -> list[str]:
        others = await self._listings.titles_of(listing.owner.organization_id, session)
        others = [ref for ref in others if ref.listing_id != listing.listing_id]
        return possible_duplicates(listing.terms.title, others, self._threshold)

    async def _owner(self, organization_id: str, session: Session) -> Organization:
        owner = await self._orgs.get(organization_id, session)
        if owner is None:
            raise ConflictError(f"organisation {organization_id} is not registered yet")
        return owner

    async def _replay(self, key: str, fingerprint: str) -> Created | None:
        earlier = await self._keys.find(key)
        if earlier is None:
            return None
        if earlier.fingerprint != fingerprint:
            raise IdempotencyKeyReusedError(key)
        return Created(earlier.listing, replayed=True)


def author_of(principal: Principal) -> Author:
    return Author(
        subject=principal.subject,
        organization_id=principal.organization_id,
        is_organization=principal.has(Role.org),
        is_broker=principal.has(Role.broker),
    )


def organization_of(principal: Principal) -> str:
    """The organisation an `org` principal acts for."""
    if principal.organization_id is None:
        raise ForbiddenError("only an organisation's principal creates its listings")
    return principal.organization_id
