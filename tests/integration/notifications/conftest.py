"""The notifications service on the real broker and store, with a real SMTP server and a real
webhook receiver. Each test gets its own database, consumer group and district code: the
topics are shared by every test of the session."""

from __future__ import annotations

import re
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from pymongo import AsyncMongoClient

from services.notifications.app import create_app
from services.notifications.settings import NotificationsSettings
from shared.auth import Role, mint_token
from shared.events.base import Event
from shared.events.envelope import OutgoingRecord, to_record
from shared.settings import DEV_JWT_SECRET
from shared.topics import TOPICS, Visibility
from tests.integration.notifications.peers import SmtpServer, WebhookReceiver, start_smtp
from tests.integration.shared.harness import eventually, start_group_at_end

PUBLIC_URL = "http://notifications.test"
_LINK = re.compile(re.escape(PUBLIC_URL) + r"\S+")


class MovableClock:
    """Real time, optionally started at a chosen moment, that a test can move forward."""

    def __init__(self, start: datetime | None = None):
        self._start = start
        self._started = time.monotonic()
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        base = self._start or datetime.now(UTC)
        elapsed = (
            timedelta(seconds=time.monotonic() - self._started) if self._start else timedelta(0)
        )
        return base + elapsed + self.offset


def text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def html_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())


def links_in(message: EmailMessage) -> list[str]:
    return _LINK.findall(text_of(message))


@dataclass
class Notifications:
    client: httpx.AsyncClient
    settings: NotificationsSettings
    smtp: SmtpServer
    clock: MovableClock
    unique: str
    bootstrap: str
    producer: AIOKafkaProducer
    staff: dict[str, str] = field(default_factory=dict)

    @property
    def district(self) -> str:
        """A district code no other test uses: instant filters see only this test's listings."""
        return str(int(self.unique[:8], 16) % 90000 + 10000)

    async def produce(self, *events: Event, time: datetime | None = None) -> list[OutgoingRecord]:
        records = [to_record(e, source="/stx/quang-ngai/test", time=time) for e in events]
        await self.send(*records)
        return records

    async def send(self, *records: OutgoingRecord) -> None:
        for r in records:
            headers = [(k, v.encode()) for k, v in r.headers.items()]
            await self.producer.send_and_wait(r.topic, r.value, key=r.key.encode(), headers=headers)

    async def mail_to(self, address: str, count: int) -> list[EmailMessage]:
        async def arrived() -> bool:
            return len(self.smtp.mailbox.to(address)) >= count

        await eventually(arrived)
        return self.smtp.mailbox.to(address)

    async def subscribe_email(self, address: str, **body: Any) -> str:
        """Subscribe, then confirm with the link of the confirmation e-mail (double opt-in)."""
        request = {"subscriber_name": "Báo Quảng Ngãi", "channel": "email", "email": address}
        reply = await self.client.post("/subscriptions", json=request | body)
        assert reply.status_code == 201, reply.text
        [confirmation] = await self.mail_to(address, 1)
        [confirm_url] = [u for u in links_in(confirmation) if "/subscriptions/confirm" in u]
        confirmed = await self.client.post(confirm_url.removeprefix(PUBLIC_URL))
        assert confirmed.status_code == 200, confirmed.text
        subscription_id: str = reply.json()["subscription_id"]
        return subscription_id

    async def notices_stored(self) -> int:
        """How many of this test's listings the service has turned into notices so far."""
        client: AsyncMongoClient[Any] = AsyncMongoClient(
            self.settings.mongodb_url.get_secret_value()
        )
        try:
            notices = client[self.settings.database_name]["notices"]
            return await notices.count_documents({"subject_id": {"$regex": f"^lst_{self.unique}_"}})
        finally:
            await client.close()

    async def deliveries(self, **params: str) -> list[dict[str, Any]]:
        reply = await self.client.get("/deliveries", params=params, headers=self.staff)
        assert reply.status_code == 200, reply.text
        found: list[dict[str, Any]] = reply.json()
        return found


def settings_for(
    stack: Any, unique: str, smtp_port: int, **overrides: Any
) -> NotificationsSettings:
    values: dict[str, Any] = {
        "environment": "test",
        "kafka_bootstrap_servers": stack.bootstrap_servers,
        "mongodb_url": stack.mongodb_url,
        "mongodb_database": f"notifications_{unique}",
        "kafka_group_prefix": f"test-{unique}",
        "public_base_url": PUBLIC_URL,
        "smtp_host": "127.0.0.1",
        "smtp_port": smtp_port,
        "smtp_timeout_seconds": 5,
        "webhook_allow_private_targets": True,
        "webhook_timeout_seconds": 5,
        "delivery_poll_seconds": 0.1,
        "delivery_backoff_seconds": 0.2,
        "delivery_backoff_max_seconds": 1.0,
        "delivery_max_attempts": 3,
        "delivery_lease_seconds": 21,
        "digest_poll_seconds": 0.2,
        "outbox_poll_seconds": 0.05,
        "consumer_backoff_seconds": 0.05,
    }
    return NotificationsSettings(**(values | overrides))


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    controller, server = start_smtp()
    yield server
    controller.stop()


@pytest.fixture
async def receiver() -> AsyncIterator[WebhookReceiver]:
    server = WebhookReceiver()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture
def overrides() -> dict[str, Any]:
    """Settings a test module changes (override this fixture)."""
    return {}


@pytest.fixture
async def notifications(
    stack: Any, unique_name: str, smtp: SmtpServer, clock: MovableClock, overrides: dict[str, Any]
) -> AsyncIterator[Notifications]:
    settings = settings_for(stack, unique_name, smtp.port, **overrides)
    consumed = [t.name for t in TOPICS if t.visibility is not Visibility.DLQ]
    await start_group_at_end(stack.bootstrap_servers, settings.consumer_group, consumed)
    app = create_app(settings, clock=clock)
    producer = AIOKafkaProducer(bootstrap_servers=stack.bootstrap_servers)
    await producer.start()
    token = mint_token(DEV_JWT_SECRET, "broker-01", [Role.broker])
    transport = httpx.ASGITransport(app=app)
    try:
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=transport, base_url=PUBLIC_URL) as client,
        ):
            yield Notifications(
                client,
                settings,
                smtp,
                clock,
                unique_name,
                stack.bootstrap_servers,
                producer,
                staff={"Authorization": f"Bearer {token}"},
            )
    finally:
        await producer.stop()
