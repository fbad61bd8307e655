"""The awards app on the real broker and store, called over ASGI with minted tokens; input
events are produced onto the real topics as the other services would."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from fastapi import FastAPI

from services.awards.app import create_app
from services.awards.settings import AwardsSettings
from shared.events.base import Event
from shared.events.envelope import to_record


@pytest.fixture(scope="module")
async def awards_app(stack: Any, request: pytest.FixtureRequest) -> AsyncIterator[FastAPI]:
    """One app per test module, with its own database and consumer group. A module sets
    `CLOCK_SECONDS` to let the calendar job open, close and publish by date."""
    suffix = uuid.uuid4().hex[:10]
    settings = AwardsSettings(
        kafka_bootstrap_servers=stack.bootstrap_servers,
        mongodb_url=stack.mongodb_url,
        mongodb_database=f"awards_{suffix}",
        kafka_group_prefix=f"test-{suffix}",
        outbox_poll_seconds=0.05,
        consumer_backoff_seconds=0.05,
        consumer_max_attempts=2,
        clock_seconds=getattr(request.module, "CLOCK_SECONDS", 3600),
        environment="test",
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture(scope="module")
async def client(awards_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=awards_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://awards") as http:
        yield http


class Upstream:
    """Produces events the way listings and matching do (CloudEvents binary mode)."""

    def __init__(self, producer: AIOKafkaProducer):
        self._producer = producer

    async def publish(self, *events: Event, source: str = "/stx/test/matching") -> None:
        for event in events:
            record = to_record(event, source=source)
            headers = [(name, value.encode()) for name, value in record.headers.items()]
            await self._producer.send_and_wait(
                record.topic, record.value, key=record.key.encode(), headers=headers
            )


@pytest.fixture(scope="module")
async def upstream(stack: Any) -> AsyncIterator[Upstream]:
    producer = AIOKafkaProducer(bootstrap_servers=stack.bootstrap_servers, acks="all")
    await producer.start()
    yield Upstream(producer)
    await producer.stop()
