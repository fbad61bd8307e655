"""A process killed after the SMTP server stored a message but before the outcome was
recorded: on restart nobody gets the message twice (the delivery is reported `in_doubt`)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer

from services.notifications.app import create_app
from services.notifications.settings import NotificationsSettings
from shared.events.envelope import to_record
from tests.integration.notifications.conftest import settings_for
from tests.integration.notifications.events import contact, returned
from tests.integration.notifications.peers import SmtpServer, free_port
from tests.integration.shared.harness import eventually

pytestmark = [pytest.mark.integration, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[3]


def environment(settings: NotificationsSettings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STX_")}
    for name, value in settings.model_dump().items():
        if value is None:
            continue
        text = value.get_secret_value() if hasattr(value, "get_secret_value") else value
        env[f"STX_NOTIFICATIONS_{name.upper()}"] = (
            str(text).lower() if isinstance(text, bool) else str(text)
        )
    return env


async def test_a_kill_between_send_and_record_sends_no_duplicate_on_restart(
    stack: Any, unique_name: str, smtp: SmtpServer
) -> None:
    settings = settings_for(
        stack,
        unique_name,
        smtp.port,
        smtp_timeout_seconds=3,
        delivery_lease_seconds=13,
        http_port=free_port(),
    )
    institute, address = f"org_{unique_name}_vien", f"an.{unique_name}@vienduoclieu.vn"
    smtp.mailbox.release.clear()  # store the message, hold the "250" back
    service = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "services.notifications",
        cwd=ROOT,
        env=environment(settings),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        await produce(
            stack.bootstrap_servers,
            contact(institute, address, "TS. Nguyễn Văn An"),
            returned(unique_name, institute),
        )

        async def stored() -> bool:
            return len(smtp.mailbox.to(address)) == 1

        await eventually(stored, timeout=60)
    finally:
        service.send_signal(signal.SIGKILL)  # mid-send: the outcome is never recorded
        await service.wait()
    smtp.mailbox.release.set()

    app = create_app(settings)
    async with app.router.lifespan_context(app):
        deliveries = app.state.delivery_log

        async def settled() -> bool:
            found = await deliveries.page(institute, None, None, 10, 0)
            return bool(found) and found[0].status.value == "failed"

        await eventually(settled, timeout=40)
        [delivery] = await deliveries.page(institute, None, None, 10, 0)
    assert delivery.failure is not None
    assert delivery.failure.value == "in_doubt"
    assert len(smtp.mailbox.to(address)) == 1


async def produce(bootstrap: str, *events: Any) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        for event in events:
            r = to_record(event, source="/stx/quang-ngai/test")
            headers = [(k, v.encode()) for k, v in r.headers.items()]
            await producer.send_and_wait(r.topic, r.value, key=r.key.encode(), headers=headers)
    finally:
        await producer.stop()
