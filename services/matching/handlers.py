"""Kafka subscribers: decode → call the projection → done. Retries, the DLQ and idempotency
are `shared.consuming`'s. Every listing event carries the full snapshot after the change, so
they all go through one use case that compares versions."""

from __future__ import annotations

from services.matching.service.projection import Projection
from shared.consuming import EventConsumer, Handling
from shared.events.contacts import ListingOwnerRecorded
from shared.events.listings import (
    ListingEvent,
    ListingExpired,
    ListingFulfilled,
    ListingPublished,
    ListingRenewed,
    ListingUpdated,
    ListingWithdrawn,
)
from shared.events.organizations import (
    OrganizationRegistered,
    OrganizationUpdated,
    OrganizationVerified,
)


def register_handlers(consumer: EventConsumer, projection: Projection) -> None:
    _listing_handlers(consumer, projection)
    _party_handlers(consumer, projection)


def _listing_handlers(consumer: EventConsumer, projection: Projection) -> None:
    @consumer.prepare(ListingPublished)
    async def embed_published_ahead(events: list[ListingPublished]) -> None:
        await projection.embed_ahead([event.listing for event in events])

    @consumer.on(
        ListingPublished,
        ListingUpdated,
        ListingRenewed,
        ListingWithdrawn,
        ListingExpired,
        ListingFulfilled,
    )
    async def on_listing_changed(h: Handling[ListingEvent]) -> None:
        await projection.apply_listing(h.event.listing, h.tx)


def _party_handlers(consumer: EventConsumer, projection: Projection) -> None:
    @consumer.on(ListingOwnerRecorded)
    async def on_listing_owner_recorded(h: Handling[ListingOwnerRecorded]) -> None:
        await projection.record_owner(h.event.listing_id, h.event.owner_organization_id, h.tx)

    @consumer.on(OrganizationRegistered)
    async def on_organization_registered(h: Handling[OrganizationRegistered]) -> None:
        await projection.record_organization(h.event.organization, h.tx)

    @consumer.on(OrganizationVerified)
    async def on_organization_verified(h: Handling[OrganizationVerified]) -> None:
        await projection.record_organization(h.event.organization, h.tx)

    @consumer.on(OrganizationUpdated)
    async def on_organization_updated(h: Handling[OrganizationUpdated]) -> None:
        await projection.record_organization(h.event.organization, h.tx)
