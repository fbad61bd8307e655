"""What every connection-event use case needs: the outbox, the repositories, the clock, and
the checks of who may act."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from services.matching.domain.connection_events.event import ConnectionEvent
from services.matching.domain.errors import NotAllowedError, NotFoundError
from services.matching.service.ports import Stores
from shared.auth import Principal, Role
from shared.clock import Clock
from shared.outbox import Outbox, Tx


@dataclass(frozen=True)
class Ports:
    outbox: Outbox
    repos: Stores
    clock: Clock

    async def event(self, event_id: str, tx: Tx | None = None) -> ConnectionEvent:
        session = None if tx is None else tx.session
        event = await self.repos.connection_events.get(event_id, session)
        if event is None:
            raise NotFoundError("event_id", f"no connection event {event_id}")
        return event


def new_id(prefix: str) -> str:
    return prefix + uuid.uuid4().hex[:16]


def organization_of(principal: Principal) -> str:
    """The organisation an `org` principal acts for."""
    if not principal.has(Role.org) or principal.organization_id is None:
        raise NotAllowedError("principal", "an organisation's account acts here")
    return principal.organization_id


def check_broker_or(principal: Principal, organization_id: str) -> None:
    if not (principal.has(Role.broker) or principal.acts_for(organization_id)):
        raise NotAllowedError("organization_id", "brokers and that organisation only")
