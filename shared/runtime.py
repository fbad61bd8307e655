"""What every service process is made of, wired once: logging, MongoDB, the Kafka broker
(faststream's FastAPI integration), the outbox and its relay, the consuming wrapper, the HTTP
app with health/readiness/metrics, and periodic jobs. A service's `app.py` builds one
`ServiceRuntime`, registers its handlers and routes, and returns `runtime.app`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, FastAPI
from faststream.kafka import KafkaBroker
from pymongo import IndexModel

from shared.consuming import EventConsumer, RetryPolicy
from shared.dlq import DeadLetters
from shared.events.envelope import source_of
from shared.http import create_http_app
from shared.idempotency import ProcessedEvents
from shared.kafka import BrokerSender, create_router, subscribe
from shared.logging import configure_logging, get_logger
from shared.metrics import CONSUMER_LAG
from shared.mongo import create_client, database, ensure_indexes, ping
from shared.outbox import OUTBOX_INDEXES, Outbox
from shared.outbox_relay import OutboxRelay
from shared.settings import ServiceSettings

log = get_logger(__name__)
Job = Callable[[], Awaitable[Any]]
LAG_REFRESH_SECONDS = 15.0


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every_seconds: float
    run: Job


class ServiceRuntime:
    def __init__(
        self,
        settings: ServiceSettings,
        *,
        title: str,
        description: str,
        version: str = "1.0.0",
        indexes: Mapping[str, Sequence[IndexModel]] | None = None,
    ):
        configure_logging(settings.service_name, settings.log_level, settings.log_format)
        self.settings = settings
        self.service = settings.service_name
        self.client = create_client(settings)
        self.db = database(self.client, settings)
        self.outbox = Outbox(self.client, self.db, source_of(settings.deployment, self.service))
        self.router = create_router(settings, lifespan=self._lifespan)
        self.broker: KafkaBroker = self.router.broker
        sender = BrokerSender(self.broker)
        self.consumer = EventConsumer(
            self.service,
            self.outbox,
            ProcessedEvents(self.db),
            DeadLetters(self.service, sender),
            RetryPolicy(
                settings.consumer_max_attempts,
                settings.consumer_backoff_seconds,
                settings.consumer_backoff_max_seconds,
            ),
        )
        self.relay = OutboxRelay(
            self.service,
            self.db,
            sender,
            self.outbox.committed,
            batch_size=settings.outbox_batch_size,
            poll_seconds=settings.outbox_poll_seconds,
        )
        self._indexes = {**OUTBOX_INDEXES, **(indexes or {})}
        self._jobs: list[PeriodicJob] = [
            PeriodicJob("consumer_lag", LAG_REFRESH_SECONDS, self._measure_lag)
        ]
        self._tasks: list[asyncio.Task[None]] = []
        self._migrations: list[Job] = []
        self._preloads: list[Job] = []
        self.app: FastAPI = create_http_app(
            title=title,
            version=version,
            description=description,
            settings=settings,
            readiness_checks={"mongodb": self._mongo_ready, "kafka": self._kafka_ready},
            lifespan=self.router.lifespan_context,
        )
        self.router.after_startup(self._after_startup)
        self.router.on_broker_shutdown(self._on_shutdown)

    def include(self, *routers: APIRouter) -> None:
        for router in routers:
            self.app.include_router(router)

    def every(self, name: str, seconds: float, run: Job) -> None:
        """A periodic job (sweeps, digests). It must be idempotent: every replica runs it."""
        self._jobs.append(PeriodicJob(name, seconds, run))

    def migrate(self, run: Job) -> None:
        """A data migration run at start-up, before serving: idempotent, every replica runs it."""
        self._migrations.append(run)

    def before_serving(self, run: Job) -> None:
        """Run at start-up after the migrations, before the replica serves: loading what it
        keeps in memory."""
        self._preloads.append(run)

    def finish_wiring(self) -> FastAPI:
        """Subscribe the consumer once all handlers are registered."""
        if self.consumer.topics:
            subscribe(
                self.broker,
                self.consumer,
                self.settings.consumer_group,
                self.settings.consumer_batch_max_records,
                self.settings.consumer_batch_wait_ms,
            )
        return self.app

    @asynccontextmanager
    async def _lifespan(self, _: FastAPI) -> AsyncIterator[None]:
        await ensure_indexes(self.db, self._indexes)
        for job in [*self._migrations, *self._preloads]:
            await job()
        log.info("service_starting", database=self.settings.database_name)
        try:
            yield
        finally:
            await self.client.close()
            log.info("service_stopped")

    async def _after_startup(self, _: FastAPI) -> None:
        self.relay.start()
        self._tasks = [asyncio.create_task(self._repeat(job), name=job.name) for job in self._jobs]
        log.info("service_started", topics=self.consumer.topics)

    async def _on_shutdown(self, _: FastAPI) -> None:
        """Stop fetching, let in-flight records finish, then flush the outbox (DESIGN.md §5.5)."""
        for subscriber in self.broker.subscribers:
            await subscriber.stop()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.relay.stop()

    async def _repeat(self, job: PeriodicJob) -> None:
        while True:
            await asyncio.sleep(job.every_seconds)
            try:
                await job.run()
            except Exception:  # the next tick retries; a job failure must not kill the process
                log.exception("periodic_job_failed", job=job.name)

    async def _measure_lag(self) -> None:
        """Records between this replica's position and each assigned partition's end."""
        for subscriber in self.broker.subscribers:
            consumer = getattr(subscriber, "consumer", None)
            if consumer is None:
                continue
            for partition in consumer.assignment():
                end = consumer.highwater(partition)
                if end is not None:
                    position = await consumer.position(partition)
                    CONSUMER_LAG.labels(self.service, partition.topic, partition.partition).set(
                        max(end - position, 0)
                    )

    async def _mongo_ready(self) -> bool:
        return await ping(self.client)

    async def _kafka_ready(self) -> bool:
        return await self.broker.ping(timeout=2.0)


def serve(app: FastAPI, settings: ServiceSettings) -> None:
    """`python -m services.<name>`: uvicorn with our logging and a graceful stop."""
    import uvicorn

    uvicorn.run(
        app,
        host=settings.http_host,
        port=settings.http_port,
        log_config=None,
        access_log=False,
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        timeout_graceful_shutdown=int(settings.graceful_timeout_seconds),
    )
