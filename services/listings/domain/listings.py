"""A technology offer ("chào bán" / cung công nghệ) or demand ("đặt hàng" / cầu công nghệ).

The aggregate, its public snapshot, and the owner's edits; `lifecycle.py` moves it through
moderation to publication and beyond.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from services.listings.domain.errors import InvalidInputError, InvalidTransitionError
from services.listings.domain.moderation import ModerationDecision
from services.listings.domain.organizations import Organization
from services.listings.domain.terms import ListingTerms, check
from shared import places
from shared.clock import local_day
from shared.events.base import Event
from shared.events.listings import ListingSnapshot, ListingUpdated
from shared.events.organizations import AdministrativeUnit
from shared.events.vocabulary import ListingKind, ListingStatus, OrganizationKind


class ListingState(StrEnum):
    """A listing's lifecycle inside this service. It is wider than the public `ListingStatus`
    in meaning: `draft` never leaves the service (no event is emitted for a draft)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    FULFILLED = "fulfilled"


EDITABLE = (ListingState.DRAFT, ListingState.RETURNED, ListingState.PUBLISHED)


class Owner(BaseModel):
    """The owning organisation as the listing shows it (kept even when hidden from the public)."""

    model_config = ConfigDict(frozen=True)

    organization_id: str
    name: str
    kind: OrganizationKind

    @classmethod
    def of(cls, org: Organization) -> Owner:
        return cls(
            organization_id=org.organization_id, name=org.details.name, kind=org.details.kind
        )


IMMATERIAL_FIELDS = frozenset({"valid_until", "deadline"})
"""Edits of a published listing that go public at once: the owner's own dates. Every other
field is shown to the public or drives matching (title, texts, keywords, sector, TRL, price,
rights, state funding, place, attachments), so a change to it waits for a broker; a typo fix
too (brokers approve those in seconds, and "a typo" cannot be told from new content by rule)."""


class PendingRevision(BaseModel):
    """A material edit of a published listing, waiting for a broker; the approved version
    stays public meanwhile."""

    model_config = ConfigDict(frozen=True)

    terms: ListingTerms
    location: AdministrativeUnit | None = None
    submitted_at: datetime


def is_material(old: ListingTerms, new: ListingTerms) -> bool:
    changed = {
        name for name in ListingTerms.model_fields if getattr(old, name) != getattr(new, name)
    }
    return bool(changed - IMMATERIAL_FIELDS)


class Listing(BaseModel):
    model_config = ConfigDict(frozen=True)

    listing_id: str
    terms: ListingTerms
    location: AdministrativeUnit | None = None
    status: ListingState = ListingState.DRAFT
    version: int = 1
    owner: Owner
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None = None
    published_at: datetime | None = None
    moderation: tuple[ModerationDecision, ...] = ()
    possible_duplicates: tuple[str, ...] = ()
    withdrawal_reason: str | None = None
    deals: tuple[str, ...] = ()
    """Introductions that closed a deal on it (a non-exclusive licence may sell twice)."""
    pending: PendingRevision | None = None
    entered_by: str | None = None
    """The broker who entered it from the owner's paper dossier (`entry.py`); internal: the
    snapshot and every event leave it out."""

    @property
    def kind(self) -> ListingKind:
        return self.terms.kind

    @property
    def is_public(self) -> bool:
        """Anyone may see it: it was published and its owner did not withdraw it."""
        return self.status in (ListingState.PUBLISHED, ListingState.EXPIRED, ListingState.FULFILLED)

    @property
    def was_submitted(self) -> bool:
        """Other services know it (a submitted event was published)."""
        return self.submitted_at is not None

    def owned_by(self, organization_id: str | None) -> bool:
        return organization_id is not None and self.owner.organization_id == organization_id

    def changed(self, now: datetime, **updates: Any) -> Listing:
        """A new version of the listing (the version field drives optimistic concurrency)."""
        return self.model_copy(update={**updates, "version": self.version + 1, "updated_at": now})

    def snapshot(self) -> ListingSnapshot:
        """The public view: never a contact; an anonymous demand names no owner."""
        hidden = self.terms.anonymous
        return ListingSnapshot(
            **self.terms.model_dump(exclude={"location_code"}),
            listing_id=self.listing_id,
            status=ListingStatus(self.status.value),
            version=self.version,
            location=self.location,
            owner_organization_id=None if hidden else self.owner.organization_id,
            owner_name=None if hidden else self.owner.name,
            owner_kind=self.owner.kind,
            published_at=self.published_at,
            updated_at=self.updated_at,
        )


@dataclass(frozen=True)
class ListingChange:
    listing: Listing
    events: list[Event]


def location_of(
    terms: ListingTerms, day: date, former_allowed: bool = False
) -> AdministrativeUnit | None:
    """The listing's place. From 1 July 2025 a new listing names today's units; a catalogue
    import may carry a former one (an old brochure's district), kept as given: its published
    form also names today's province and communes."""
    if terms.location_code is None:
        return None
    try:
        unit = places.find(terms.location_code)
    except places.UnknownUnitError:
        message = f"unknown province, commune or district code {terms.location_code!r} (GSO list)"
        raise InvalidInputError.one("location_code", message) from None
    if unit.former and day >= places.FIRST_DAY_OF_COMMUNES and not former_allowed:
        raise InvalidInputError.one("location_code", places.successor_message(unit))
    return places.public(unit)


def create_draft(
    listing_id: str,
    terms: ListingTerms,
    owner: Organization,
    now: datetime,
    imported: bool = False,
    entered_by: str | None = None,
) -> Listing:
    """A private draft: nothing is published until it is submitted."""
    check(terms, local_day(now))
    return Listing(
        entered_by=entered_by,
        listing_id=listing_id,
        terms=terms,
        location=location_of(terms, local_day(now), former_allowed=imported),
        owner=Owner.of(owner),
        created_at=now,
        updated_at=now,
    )


def revise(listing: Listing, terms: ListingTerms, now: datetime) -> ListingChange:
    """New content. A published listing stays published: a change of its dates is announced at
    once, any other change waits for a broker as a pending revision (`IMMATERIAL_FIELDS`)."""
    if listing.status not in EDITABLE:
        raise InvalidTransitionError("update", listing.status, EDITABLE)
    if terms.kind is not listing.kind:
        raise InvalidInputError.one("kind", f"a listing cannot change kind ({listing.kind.value})")
    check(terms, local_day(now))
    unchanged = terms.location_code == listing.terms.location_code
    location = listing.location if unchanged else location_of(terms, local_day(now))
    if listing.status is ListingState.PUBLISHED and is_material(listing.terms, terms):
        pending = PendingRevision(terms=terms, location=location, submitted_at=now)
        return ListingChange(listing.changed(now, pending=pending), [])
    revised = listing.changed(now, terms=terms, location=location)
    if listing.status is not ListingState.PUBLISHED:
        return ListingChange(revised, [])
    return ListingChange(
        revised, [ListingUpdated(listing_id=listing.listing_id, listing=revised.snapshot())]
    )
