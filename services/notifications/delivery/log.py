"""The delivery log as brokers see it, and the one correction they may make: requeue."""

from __future__ import annotations

from services.notifications.domain.deliveries import Delivery, DeliveryStatus
from services.notifications.repository.deliveries import DeliveryRepository
from shared.clock import Clock


class DeliveryNotFoundError(LookupError):
    pass


class DeliveryLog:
    def __init__(self, deliveries: DeliveryRepository, clock: Clock):
        self._deliveries = deliveries
        self._clock = clock

    async def page(
        self,
        subscriber_id: str | None,
        source_event_id: str | None,
        status: DeliveryStatus | None,
        limit: int,
        offset: int,
    ) -> list[Delivery]:
        chosen = {
            "subscriber_id": subscriber_id,
            "source_event_id": source_event_id,
            "status": status.value if status else None,
        }
        filters = {field: value for field, value in chosen.items() if value is not None}
        return await self._deliveries.page(filters, limit, offset)

    async def get(self, delivery_id: str) -> Delivery:
        found = await self._deliveries.get(delivery_id)
        if found is None:
            raise DeliveryNotFoundError(delivery_id)
        return found

    async def requeue(self, delivery_id: str) -> Delivery:
        """Raises ValueError when the delivery is not (or no longer) failed."""
        again = (await self.get(delivery_id)).requeued(self._clock())
        if not await self._deliveries.requeue(again):
            raise ValueError("the delivery changed meanwhile; reload it")
        return again
