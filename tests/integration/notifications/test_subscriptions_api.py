"""Subscribing over HTTP: bad input gets a clear 4xx, and only staff see subscribers."""

from __future__ import annotations

from typing import Any

import pytest

from shared.auth import Role
from tests.integration.listings.flows import bearer
from tests.integration.notifications.conftest import Notifications

pytestmark = pytest.mark.integration
EMAIL = {"subscriber_name": "Hiệp hội Doanh nghiệp tỉnh", "channel": "email"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (EMAIL | {"email": "khong-phai-email"}, "body.email"),
        (
            EMAIL | {"email": "a@hiephoi.vn", "filters": {"event_types": ["stx.listing.publishd"]}},
            "filters.event_types",
        ),
        (
            EMAIL | {"email": "a@hiephoi.vn", "filters": {"sectors": ["coffee"]}},
            "body.filters.sectors.0",
        ),
        (EMAIL, "body"),
    ],
)
async def test_a_bad_subscription_is_refused_naming_the_field(
    notifications: Notifications, body: dict[str, Any], field: str
) -> None:
    reply = await notifications.client.post("/subscriptions", json=body)
    assert reply.status_code == 422, reply.text
    assert reply.headers["content-type"] == "application/problem+json"
    assert reply.json()["errors"][0]["field"] == field


async def test_a_webhook_digest_is_refused(notifications: Notifications) -> None:
    body = {
        "subscriber_name": "Cổng TTĐT",
        "channel": "webhook",
        "frequency": "daily",
        "webhook_url": "http://127.0.0.1:9/hook",
    }
    reply = await notifications.client.post(
        "/subscriptions", json=body, headers=notifications.staff
    )
    assert reply.status_code == 422
    assert reply.json()["errors"][0]["field"] == "frequency"


async def test_subscribers_and_the_delivery_log_are_for_staff_only(
    notifications: Notifications,
) -> None:
    assert (await notifications.client.get("/subscriptions")).status_code == 401
    assert (await notifications.client.get("/deliveries")).status_code == 401


async def test_a_paused_subscription_shows_as_paused(notifications: Notifications) -> None:
    n = notifications
    subscription_id = await n.subscribe_email(f"hh.{n.unique}@hiephoi.vn")
    reply = await n.client.patch(
        f"/subscriptions/{subscription_id}", json={"active": False}, headers=n.staff
    )
    assert reply.status_code == 200
    assert reply.json()["status"] == "paused"


async def test_one_address_cannot_be_signed_up_over_and_over(
    notifications: Notifications,
) -> None:
    """Each request mails a confirmation link: a limit per address keeps the service from
    mail-bombing someone on a stranger's behalf."""
    n = notifications
    address = f"bientap.{n.unique}@baoquangngai.vn"
    body = {"subscriber_name": "Báo Quảng Ngãi", "channel": "email", "email": address}

    asked = [await n.client.post("/subscriptions", json=body) for _ in range(4)]

    assert [r.status_code for r in asked] == [201, 201, 201, 429]
    refused = asked[-1]
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["type"] == "urn:stx:problem:too-many-signups"
    assert int(refused.headers["retry-after"]) > 0
    assert len(await n.mail_to(address, 3)) == 3


async def test_an_organisation_sees_and_changes_its_own_subscriptions_and_no_one_elses(
    notifications: Notifications,
) -> None:
    n = notifications
    mine = bearer(f"htx-{n.unique}", Role.org, org_id=f"org_htx_{n.unique}")
    other = bearer(f"vien-{n.unique}", Role.org, org_id=f"org_vien_{n.unique}")
    body = EMAIL | {"email": f"htx.{n.unique}@htx.vn", "filters": {"kinds": ["demand"]}}
    created = await n.client.post("/subscriptions", json=body, headers=mine)
    assert created.status_code == 201, created.text
    subscription_id = created.json()["subscription_id"]
    anonymous = await n.subscribe_email(f"khach.{n.unique}@hiephoi.vn")

    listed = await n.client.get("/subscriptions/mine", headers=mine)
    assert [s["subscription_id"] for s in listed.json()] == [subscription_id]
    assert (await n.client.get("/subscriptions/mine", headers=other)).json() == []
    assert (await n.client.get("/subscriptions/mine")).status_code == 401

    weekly = {"frequency": "weekly"}
    assert (
        await n.client.patch(f"/subscriptions/{subscription_id}", json=weekly, headers=other)
    ).status_code == 403
    assert (
        await n.client.patch(f"/subscriptions/{anonymous}", json=weekly, headers=mine)
    ).status_code == 403
    changed = await n.client.patch(f"/subscriptions/{subscription_id}", json=weekly, headers=mine)
    assert (changed.status_code, changed.json()["frequency"]) == (200, "weekly")
