"""An in-memory unit of work for use-case tests whose stores need no rollback: it runs the
work and keeps what it emitted; its sequence moves with every emitting commit."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from shared.events.base import Event
from shared.outbox import Tx

T = TypeVar("T")


class FakeUnitOfWork:
    def __init__(self) -> None:
        self.published: list[Event] = []

    async def unit_of_work(self, work: Callable[[Tx], Awaitable[T]]) -> T:
        tx = Tx(session=None, correlation_id=None, causation_id=None)  # type: ignore[arg-type]
        result = await work(tx)
        self.published += tx.emitted
        return result

    async def last_sequence(self) -> int:
        return len(self.published)
