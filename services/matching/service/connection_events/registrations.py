"""Organisations register for a connection event (or cancel); the waiting list moves up in
the cancellation's transaction."""

from __future__ import annotations

from services.matching.domain.connection_events import registrations as rules
from services.matching.domain.connection_events.event import ConnectionEvent
from services.matching.domain.connection_events.meetings import cancel_all
from services.matching.domain.connection_events.registrations import (
    Registration,
    RegistrationForm,
    RegistrationStatus,
)
from services.matching.service.connection_events.common import (
    Ports,
    check_broker_or,
    organization_of,
)
from services.matching.service.ports import Stores
from shared.auth import Principal
from shared.logging import get_logger
from shared.outbox import Tx

log = get_logger(__name__)


async def occupancy(
    repos: Stores, event_id: str, tx: Tx
) -> tuple[list[Registration], list[Registration]]:
    """The participants holding a seat, and those waiting (in order)."""
    registrations = repos.connection_events
    seated = await registrations.registrations(event_id, RegistrationStatus.REGISTERED, tx.session)
    waiting = await registrations.registrations(event_id, RegistrationStatus.WAITLISTED, tx.session)
    return seated, waiting


async def promote_waiting(repos: Stores, event: ConnectionEvent, tx: Tx) -> None:
    """Give the free seats to the first waiting participants."""
    seated, waiting = await occupancy(repos, event.event_id, tx)
    for registration, registered in rules.promote(event, len(seated), waiting):
        await repos.connection_events.save_registration(registration, tx.session)
        tx.emit(registered)
        log.info("participant_promoted", event_id=event.event_id, org=registration.organization_id)


class Registrations:
    def __init__(self, ports: Ports) -> None:
        self._ports = ports
        self._repos = ports.repos

    async def register(
        self, event_id: str, principal: Principal, form: RegistrationForm
    ) -> Registration:
        organization_id = organization_of(principal)

        async def work(tx: Tx) -> Registration:
            event = await self._ports.event(event_id, tx)
            events = self._repos.connection_events
            known = await self._repos.listings.get_many(form.listing_ids, tx.session)
            snapshots = {listing_id: p.snapshot for listing_id, p in known.items()}
            listings = rules.sorted_listings(form, organization_id, snapshots)
            seated, waiting = await occupancy(self._repos, event_id, tx)
            current = await events.registration(event_id, organization_id, tx.session)
            registration, registered = rules.register(
                event,
                form,
                organization_id,
                listings,
                (len(seated), len(waiting)),
                current,
                self._ports.clock(),
            )
            await events.save_registration(registration, tx.session)
            await events.save(event, tx.session)  # seats of one event: writers conflict here
            tx.emit(registered)
            return registration

        return await self._ports.outbox.unit_of_work(work)

    async def cancel(self, event_id: str, organization_id: str, principal: Principal) -> None:
        """The participant leaves: its meetings are cancelled, the waiting list moves up."""
        check_broker_or(principal, organization_id)

        async def work(tx: Tx) -> None:
            event = await self._ports.event(event_id, tx)
            current = await self._repos.connection_events.registration(
                event_id, organization_id, tx.session
            )
            registration, cancelled = rules.cancel(event, current)
            await self._repos.connection_events.save_registration(registration, tx.session)
            await self._repos.connection_events.save(event, tx.session)
            meetings = await self._repos.meetings.of_event(event_id, organization_id, tx.session)
            dropped, events = cancel_all(meetings, "participant_cancelled")
            await self._repos.meetings.save_all(dropped, tx.session)
            tx.emit(cancelled, *events)
            await promote_waiting(self._repos, event, tx)

        await self._ports.outbox.unit_of_work(work)

    async def participants(self, event_id: str) -> list[Registration]:
        await self._ports.event(event_id)
        return await self._repos.connection_events.registrations(event_id)
