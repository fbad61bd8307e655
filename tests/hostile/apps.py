"""Every STX service app, built in-process on the session's real broker and store.

One table (`SERVICES`) says how to build each service; `running()` starts one with its
lifespan (Mongo, Kafka consumer, outbox relay, periodic jobs) and hands back the app, its
`ServiceRuntime` (to read which topics and event types it consumes), an ASGI client and
tokens. Periodic jobs are parked (hours between runs) so that what a test observes in the
database comes from what the test sent, not from a sweep that happened to run.

Matching uses the deterministic `HashingEmbedder` of its unit tests instead of the e5 model:
the hostile tests are about the edges of the service, not about embedding quality.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

import httpx
from aiokafka import AIOKafkaConsumer, TopicPartition
from fastapi import FastAPI
from pymongo import AsyncMongoClient

from services.awards.app import create_app as create_awards
from services.awards.settings import AwardsSettings
from services.listings.app import create_app as create_listings
from services.listings.settings import ListingsSettings
from services.matching.app import create_app as create_matching
from services.matching.settings import MatchingSettings
from services.notifications.app import create_app as create_notifications
from services.notifications.settings import NotificationsSettings
from shared.auth import Role, mint_token
from shared.runtime import ServiceRuntime
from shared.settings import ServiceSettings
from shared.topics import topic as topic_spec
from tests.unit.matching.engine_fakes import HashingEmbedder

HOURS = 6 * 3600.0
"""Period given to every periodic job: they never run during a test."""


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    settings_type: type[ServiceSettings]
    build: Callable[[Any], FastAPI]
    quiet: dict[str, Any] = field(default_factory=dict)
    """Settings that park the service's periodic jobs."""


def _matching(settings: MatchingSettings) -> FastAPI:
    return create_matching(settings, embedder=HashingEmbedder())


SERVICES: tuple[ServiceSpec, ...] = (
    ServiceSpec("listings", ListingsSettings, create_listings, {"expiry_sweep_seconds": HOURS}),
    ServiceSpec(
        "notifications",
        NotificationsSettings,
        create_notifications,
        {"delivery_poll_seconds": HOURS, "digest_poll_seconds": HOURS},
    ),
    ServiceSpec("awards", AwardsSettings, create_awards, {"clock_seconds": HOURS}),
    ServiceSpec(
        "matching",
        MatchingSettings,
        _matching,
        {
            "expiry_sweep_seconds": HOURS,
            "indicators_sweep_seconds": HOURS,
            "index_catch_up_seconds": HOURS,
        },
    ),
)
# TODO(lead): a fifth consuming service must be added to SERVICES to be covered by the hostile
# corpus, schemathesis and (with its permission table) the authorisation matrix.

SPEC_BY_NAME = {spec.name: spec for spec in SERVICES}


def settings_for(spec: ServiceSpec, stack: Any, **overrides: Any) -> Any:
    """Own database and consumer group; fast relay and retries; jobs parked."""
    unique = uuid.uuid4().hex[:10]
    values: dict[str, Any] = {
        "environment": "test",
        "kafka_bootstrap_servers": stack.bootstrap_servers,
        "mongodb_url": stack.mongodb_url,
        "mongodb_database": f"hostile_{spec.name}_{unique}",
        "kafka_group_prefix": f"hostile-{unique}",
        "outbox_poll_seconds": 0.05,
        "consumer_backoff_seconds": 0.05,
        "consumer_max_attempts": 2,
        "log_level": "ERROR",
    }
    return spec.settings_type(**(values | spec.quiet | overrides))


def build_app(spec: ServiceSpec, settings: Any) -> tuple[FastAPI, ServiceRuntime]:
    """The app and the `ServiceRuntime` it was wired on (captured as `finish_wiring` runs)."""
    captured: list[ServiceRuntime] = []
    original = ServiceRuntime.finish_wiring

    def capture(runtime: ServiceRuntime) -> FastAPI:
        captured.append(runtime)
        return original(runtime)

    with mock.patch.object(ServiceRuntime, "finish_wiring", capture):
        app = spec.build(settings)
    [runtime] = captured
    return app, runtime


def handled_types(runtime: ServiceRuntime) -> frozenset[str]:
    """The `ce_type`s the service has a handler for (the consumer has no public accessor)."""
    return frozenset(runtime.consumer._handlers)


@dataclass
class Running:
    spec: ServiceSpec
    settings: Any
    app: FastAPI
    runtime: ServiceRuntime
    http: httpx.AsyncClient
    mongo: AsyncMongoClient[Any]

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def db(self) -> Any:
        return self.mongo[self.settings.database_name]

    def token(self, subject: str, *roles: Role, org_id: str | None = None) -> str:
        secret = self.settings.jwt_secret.get_secret_value()
        return mint_token(secret, subject, roles, org_id=org_id)

    def bearer(self, subject: str, *roles: Role, org_id: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(subject, *roles, org_id=org_id)}"}


@asynccontextmanager
async def running(spec: ServiceSpec, stack: Any, **overrides: Any) -> AsyncIterator[Running]:
    """One service with its lifespan, consuming only what is produced from now on."""
    settings = settings_for(spec, stack, **overrides)
    app, runtime = build_app(spec, settings)
    await skip_history(stack.bootstrap_servers, settings.consumer_group, runtime.consumer.topics)
    mongo: AsyncMongoClient[Any] = AsyncMongoClient(settings.mongodb_url.get_secret_value())
    transport = httpx.ASGITransport(app=app)
    try:
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=transport, base_url=f"http://{spec.name}") as http,
        ):
            yield Running(spec, settings, app, runtime, http, mongo)
    finally:
        await mongo.close()


def partitions_of(topics: Iterable[str]) -> list[TopicPartition]:
    return [TopicPartition(t, p) for t in topics for p in range(topic_spec(t).partitions)]


async def skip_history(bootstrap: str, group_id: str, topics: Iterable[str]) -> None:
    """Commit the current end offsets for a new group: earlier tests' records stay theirs."""
    partitions = partitions_of(topics)
    if not partitions:
        return
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap, group_id=group_id, enable_auto_commit=False
    )
    await consumer.start()
    try:
        consumer.assign(partitions)
        await consumer.commit(await consumer.end_offsets(partitions))
    finally:
        await consumer.stop()
