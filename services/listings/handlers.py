"""Kafka subscribers: decode → call one use case → done (retries, DLQ, idempotency: shared/)."""

from __future__ import annotations

from services.listings.service.moderation import Moderation
from shared.consuming import EventConsumer, Handling
from shared.events.connections import IntroductionDealClosed


def register_handlers(consumer: EventConsumer, moderation: Moderation) -> None:
    @consumer.on(IntroductionDealClosed)
    async def on_deal_closed(h: Handling[IntroductionDealClosed]) -> None:
        """Both listings of the deal become fulfilled; an unknown listing goes to the DLQ."""
        await moderation.close_deal(h.event, h.tx)
