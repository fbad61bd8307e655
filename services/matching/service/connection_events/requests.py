"""Participants ask each other for meetings; the one asked answers; unanswered requests
expire on a timer."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from services.matching.domain.connection_events import requests as rules
from services.matching.domain.connection_events.requests import PENDING, MeetingRequest
from services.matching.domain.errors import NotFoundError
from services.matching.service.connection_events.common import Ports, new_id, organization_of
from shared.auth import Principal, Role
from shared.logging import get_logger
from shared.outbox import Tx

log = get_logger(__name__)
REQUEST_PREFIX = "mrq_"
EXPIRY_BATCH = 200


class MeetingRequests:
    def __init__(self, ports: Ports, ttl: timedelta) -> None:
        self._ports = ports
        self._repos = ports.repos
        self._ttl = ttl

    async def send(
        self, event_id: str, principal: Principal, to_organization_id: str, reason: str
    ) -> MeetingRequest:
        sender_id = organization_of(principal)

        async def work(tx: Tx) -> MeetingRequest:
            event = await self._ports.event(event_id, tx)
            registrations = self._repos.connection_events
            parties = (
                await registrations.registration(event_id, sender_id, tx.session),
                await registrations.registration(event_id, to_organization_id, tx.session),
            )
            pending = await self._repos.meeting_requests.of_event(event_id, PENDING, tx.session)
            between = any(r.pair == {sender_id, to_organization_id} for r in pending)
            request, sent = rules.send(
                event,
                new_id(REQUEST_PREFIX),
                parties,
                reason,
                between,
                self._ports.clock(),
                self._ttl,
            )
            await self._repos.meeting_requests.save(request, tx.session)
            await registrations.save(event, tx.session)  # two crossing requests conflict here
            tx.emit(sent)
            return request

        return await self._ports.outbox.unit_of_work(work)

    async def answer(
        self, event_id: str, request_id: str, principal: Principal, accept: bool
    ) -> MeetingRequest:
        async def work(tx: Tx) -> MeetingRequest:
            request = await self._get(request_id, tx)
            if request.event_id != event_id:
                raise NotFoundError("request_id", f"no meeting request {request_id} here")
            (await self._ports.event(event_id, tx)).check_open()
            answered, event = rules.answer(
                request, accept, principal.organization_id, self._ports.clock()
            )
            await self._repos.meeting_requests.save(answered, tx.session)
            tx.emit(event)
            return answered

        return await self._ports.outbox.unit_of_work(work)

    async def visible_to(self, event_id: str, principal: Principal) -> list[MeetingRequest]:
        """Brokers see every request of the event; an organisation those it sent or received."""
        found = await self._repos.meeting_requests.of_event(event_id)
        if principal.has(Role.broker):
            return found
        organization_id = organization_of(principal)
        return [r for r in found if organization_id in r.pair]

    async def expire_due(self) -> int:
        """Expire unanswered requests past their time (every replica may run it)."""
        expired = 0
        for request_id in await self._repos.meeting_requests.due(self._ports.clock(), EXPIRY_BATCH):
            expired += await self._ports.outbox.unit_of_work(partial(self._expire, request_id))
        if expired:
            log.info("meeting_requests_expired", count=expired)
        return expired

    async def _expire(self, request_id: str, tx: Tx) -> int:
        expired, events = rules.expire(await self._get(request_id, tx), self._ports.clock())
        if events:
            await self._repos.meeting_requests.save(expired, tx.session)
            tx.emit(*events)
        return len(events)

    async def _get(self, request_id: str, tx: Tx) -> MeetingRequest:
        request = await self._repos.meeting_requests.get(request_id, tx.session)
        if request is None:
            raise NotFoundError("request_id", f"no meeting request {request_id}")
        return request
