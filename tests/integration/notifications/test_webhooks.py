"""Webhooks: the signed CloudEvent in HTTP binary mode, retries, and the SSRF guard."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from services.notifications.delivery.ssrf import TargetPolicy
from services.notifications.delivery.webhook import WebhookSender
from shared.events.notifications import NotificationDelivered, NotificationFailed
from shared.topics import NOTIFICATIONS
from tests.integration.notifications.conftest import Notifications
from tests.integration.notifications.events import offer
from tests.integration.notifications.peers import WebhookReceiver
from tests.integration.shared.harness import eventually, read_all

pytestmark = pytest.mark.integration


async def subscribe_webhook(n: Notifications, receiver: WebhookReceiver, name: str) -> str:
    body = {
        "subscriber_name": "Cổng thông tin điện tử tỉnh",
        "kind": "media_partner",
        "channel": "webhook",
        "webhook_url": receiver.hook_url(name),
        "filters": {"districts": [n.district]},
    }
    reply = await n.client.post("/subscriptions", json=body, headers=n.staff)
    assert reply.status_code == 201, reply.text
    receiver.hooks[name].secret = reply.json()["webhook_secret"]
    subscription_id: str = reply.json()["subscription_id"]
    return subscription_id


async def outcome_events(n: Notifications, delivery_id: str, ce_type: str) -> list[Any]:
    records = await read_all(n.bootstrap, NOTIFICATIONS, expected=1)
    return [
        json.loads(r.value)
        for r in records
        if r.key == delivery_id.encode() and dict(r.headers)["ce_type"] == ce_type.encode()
    ]


async def test_a_webhook_receives_the_signed_cloudevent_in_binary_mode(
    notifications: Notifications, receiver: WebhookReceiver
) -> None:
    n = notifications
    subscription_id = await subscribe_webhook(n, receiver, f"ok-{n.unique}")
    [record] = await n.produce(offer(n.unique, 1, n.district))
    hook = receiver.hooks[f"ok-{n.unique}"]

    async def received() -> bool:
        return len(hook.requests) == 1

    await eventually(received)
    [request] = hook.requests
    assert request["verified"]
    headers = request["headers"]
    assert headers["ce-id"] == record.event_id
    assert headers["ce-type"] == "stx.listing.published"
    assert headers["ce-specversion"] == "1.0"
    assert headers["ce-subject"] == f"lst_{n.unique}_1"
    assert headers["content-type"] == "application/json"
    assert request["body"]["listing"]["title"] == "Quy trình nhân giống sâm Ngọc Linh số 1"

    async def recorded_as_sent() -> bool:  # the receiver answers before the worker records it
        [delivery] = await n.deliveries(subscriber_id=subscription_id)
        return bool(delivery["status"] == "sent")

    await eventually(recorded_as_sent)
    [delivery] = await n.deliveries(subscriber_id=subscription_id)
    [event] = await outcome_events(n, delivery["delivery_id"], NotificationDelivered.ce_type)
    assert event["subscriber_id"] == subscription_id
    assert "127.0.0.1" not in json.dumps(event)


async def test_a_webhook_answering_500_is_retried_then_failed(
    notifications: Notifications, receiver: WebhookReceiver
) -> None:
    n = notifications
    name = f"down-{n.unique}"
    subscription_id = await subscribe_webhook(n, receiver, name)
    receiver.hooks[name].statuses = [500] * 10
    await n.produce(offer(n.unique, 1, n.district))

    async def given_up() -> bool:
        found = await n.deliveries(subscriber_id=subscription_id)
        return bool(found) and found[0]["status"] == "failed"

    await eventually(given_up)
    [delivery] = await n.deliveries(subscriber_id=subscription_id)
    assert delivery["attempts"] == n.settings.delivery_max_attempts
    assert delivery["last_error"] == "HTTP 500 from 127.0.0.1"
    assert len(receiver.hooks[name].requests) == n.settings.delivery_max_attempts
    assert all(r["verified"] for r in receiver.hooks[name].requests)
    [event] = await outcome_events(n, delivery["delivery_id"], NotificationFailed.ce_type)
    assert event["failure"] == "exhausted"


async def test_webhook_subscriptions_need_a_broker(notifications: Notifications) -> None:
    body = {
        "subscriber_name": "Ai đó",
        "channel": "webhook",
        "webhook_url": "https://congthongtin.quangngai.gov.vn/hooks/stx",
    }
    assert (await notifications.client.post("/subscriptions", json=body)).status_code == 401


@pytest.mark.parametrize("overrides", [{"webhook_allow_private_targets": False}])
@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:8080/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://10.0.0.7/hook",
        "http://localhost/hook",
    ],
)
async def test_by_default_internal_webhook_targets_are_refused(
    notifications: Notifications, url: str, overrides: dict[str, Any]
) -> None:
    body = {"subscriber_name": "Kẻ tấn công", "channel": "webhook", "webhook_url": url}
    reply = await notifications.client.post(
        "/subscriptions", json=body, headers=notifications.staff
    )
    assert reply.status_code == 422
    assert reply.json()["errors"][0]["field"] == "webhook_url"


async def test_a_receiver_that_trickles_its_answer_is_cut_off_at_the_deadline() -> None:
    """A status line sent a byte at a time would hold a worker for ever under per-read
    timeouts; the whole call has one deadline instead."""

    async def trickle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        try:
            for byte in b"HTTP/1.1 200 OK\r\n" * 100:
                writer.write(bytes([byte]))
                await writer.drain()
                await asyncio.sleep(0.05)
        except ConnectionError:
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(trickle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    sender = WebhookSender(TargetPolicy(allow_private=True, require_https=False), 0.5)
    cloudevent = {"attributes": {"id": "e1", "type": "stx.test"}, "data": "{}"}
    try:
        failure = await asyncio.wait_for(
            sender.send(f"http://127.0.0.1:{port}/hook", "secret", cloudevent, "dlv_1"), 30
        )
    finally:
        server.close()
        await server.wait_closed()

    assert failure is not None
    assert failure.retryable
    assert "no answer within 0.5 s" in failure.message
