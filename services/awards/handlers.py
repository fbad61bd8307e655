"""Kafka subscribers: other services' events become organisations and activity facts.

Each handler turns the typed event into facts and calls one use case; idempotency, the
transaction, retries and the DLQ are the shared consumer's.
"""

from __future__ import annotations

from services.awards.domain.activity import FactKind
from services.awards.projection import (
    introduction,
    listing_published,
    match_accepted,
    meeting_attended,
    nominee_of,
)
from services.awards.service import Evidence
from shared.clock import local_day
from shared.consuming import EventConsumer, Handling
from shared.events.connection_events import MeetingOutcomeRecorded
from shared.events.connections import (
    IntroductionContractRegistered,
    IntroductionContractSigned,
    IntroductionDealClosed,
    IntroductionMouSigned,
    IntroductionOpened,
)
from shared.events.contacts import ListingOwnerRecorded
from shared.events.listings import ListingPublished
from shared.events.matches import MatchAccepted
from shared.events.organizations import (
    OrganizationRegistered,
    OrganizationUpdated,
    OrganizationVerified,
)


def register_organization_handlers(consumer: EventConsumer, evidence: Evidence) -> None:
    @consumer.on(OrganizationRegistered)
    async def on_organization_registered(h: Handling[OrganizationRegistered]) -> None:
        await evidence.record_organization(h.tx, nominee_of(h.event.organization))

    @consumer.on(OrganizationVerified)
    async def on_organization_verified(h: Handling[OrganizationVerified]) -> None:
        await evidence.record_organization(h.tx, nominee_of(h.event.organization))

    @consumer.on(OrganizationUpdated)
    async def on_organization_updated(h: Handling[OrganizationUpdated]) -> None:
        await evidence.record_organization(h.tx, nominee_of(h.event.organization))


def register_market_handlers(consumer: EventConsumer, evidence: Evidence) -> None:
    @consumer.on(ListingPublished)
    async def on_listing_published(h: Handling[ListingPublished]) -> None:
        await evidence.record_activity(h.tx, listing_published(h.event, h.envelope.time))

    @consumer.on(ListingOwnerRecorded)
    async def on_listing_owner_recorded(h: Handling[ListingOwnerRecorded]) -> None:
        await evidence.record_listing_owner(h.tx, h.event.listing_id, h.event.owner_organization_id)

    @consumer.on(MatchAccepted)
    async def on_match_accepted(h: Handling[MatchAccepted]) -> None:
        await evidence.record_activity(h.tx, match_accepted(h.event, h.envelope.time))


def register_introduction_handlers(consumer: EventConsumer, evidence: Evidence) -> None:
    @consumer.on(IntroductionOpened)
    async def on_introduction_opened(h: Handling[IntroductionOpened]) -> None:
        e, on = h.event, local_day(h.envelope.time)
        facts = introduction(FactKind.INTRODUCTION_OPENED, e.introduction_id, e.parties, on)
        await evidence.record_activity(h.tx, facts)

    @consumer.on(IntroductionMouSigned)
    async def on_mou_signed(h: Handling[IntroductionMouSigned]) -> None:
        e = h.event
        facts = introduction(FactKind.MOU_SIGNED, e.introduction_id, e.parties, e.signed_on)
        await evidence.record_activity(h.tx, facts)

    @consumer.on(IntroductionContractSigned)
    async def on_contract_signed(h: Handling[IntroductionContractSigned]) -> None:
        e = h.event
        kind = FactKind.CONTRACT_SIGNED
        facts = introduction(kind, e.introduction_id, e.parties, e.signed_on, e.value_vnd)
        await evidence.record_activity(h.tx, facts)

    @consumer.on(IntroductionContractRegistered)
    async def on_contract_registered(h: Handling[IntroductionContractRegistered]) -> None:
        e = h.event
        kind = FactKind.CONTRACT_REGISTERED
        facts = introduction(kind, e.introduction_id, e.parties, e.registered_on)
        await evidence.record_activity(h.tx, facts)

    @consumer.on(IntroductionDealClosed)
    async def on_deal_closed(h: Handling[IntroductionDealClosed]) -> None:
        e = h.event
        facts = introduction(
            FactKind.DEAL_CLOSED, e.introduction_id, e.parties, e.closed_on, e.value_vnd
        )
        await evidence.record_activity(h.tx, facts)


def register_techmart_handlers(consumer: EventConsumer, evidence: Evidence) -> None:
    @consumer.on(MeetingOutcomeRecorded)
    async def on_meeting_outcome_recorded(h: Handling[MeetingOutcomeRecorded]) -> None:
        await evidence.record_activity(h.tx, meeting_attended(h.event, h.envelope.time))


def register_handlers(consumer: EventConsumer, evidence: Evidence) -> None:
    register_organization_handlers(consumer, evidence)
    register_market_handlers(consumer, evidence)
    register_introduction_handlers(consumer, evidence)
    register_techmart_handlers(consumer, evidence)
