"""What the integration tests share: the app's settings, tokens, registering and verifying
an organisation, publishing listings, reading one aggregate's records from a shared topic."""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer
from fastapi import FastAPI

from services.listings.domain.validation import tax_code_check_digit
from services.listings.settings import ListingsSettings
from shared.auth import Role, mint_token
from shared.settings import DEV_JWT_SECRET


def settings_for(stack: Any) -> ListingsSettings:
    """Settings of one app: its own database and consumer group on the session's stack."""
    suffix = uuid.uuid4().hex[:10]
    return ListingsSettings(
        kafka_bootstrap_servers=stack.bootstrap_servers,
        mongodb_url=stack.mongodb_url,
        mongodb_database=f"listings_{suffix}",
        kafka_group_prefix=f"test-{suffix}",
        outbox_poll_seconds=0.05,
        consumer_backoff_seconds=0.05,
        consumer_max_attempts=2,
        environment="test",
    )


@asynccontextmanager
async def running(app: FastAPI) -> AsyncIterator[FastAPI]:
    async with app.router.lifespan_context(app):
        yield app


def bearer(subject: str, *roles: Role, org_id: str | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {mint_token(DEV_JWT_SECRET, subject, roles, org_id=org_id)}"}


BROKER = bearer("broker-01", Role.broker)
SCORE = {"clarity": 4, "completeness": 4, "commercial_relevance": 5}


def new_org_id() -> str:
    return f"org_{uuid.uuid4().hex[:12]}"


def valid_tax_code() -> str:
    """A fresh Kon Tum-looking tax code (61…) with a correct check digit."""
    while True:
        nine = f"61{uuid.uuid4().int % 10**7:07d}"
        check = tax_code_check_digit(nine)
        if check is not None:
            return f"{nine}{check}"


def org_body(**overrides: Any) -> dict[str, Any]:
    return {
        "kind": "enterprise",
        "name": "Công ty TNHH Dược liệu Măng Đen",
        "tax_code": valid_tax_code(),
        "province_code": "51",
        "commune_code": "23476",
        "contact_name": "Ông A Vương",
        "email": "avuong@duoclieumangden.vn",
        "phone": "0914 555 777",
    } | overrides


def offer_body(**overrides: Any) -> dict[str, Any]:
    return {
        "kind": "offer",
        "title": "Quy trình nhân giống Sâm Ngọc Linh bằng nuôi cấy mô",
        "summary": "Nhân giống sâm Ngọc Linh sạch bệnh, tỷ lệ sống trên 85% khi ra vườn.",
        "description": "Quy trình 5 giai đoạn từ tạo mô sẹo đến thuần dưỡng dưới tán rừng.",
        "sector": "medicinal_herbs",
        "keywords": ["sâm Ngọc Linh", "nuôi cấy mô"],
        "trl": 7,
        "transfer_objects": ["process", "know_how"],
        "transfer_forms": ["independent_transfer"],
        "rights_mode": "non_exclusive_licence",
        "price_vnd": 850_000_000,
        "state_funded": True,
        "funding_task_code": "ĐTKHCN.KT.08/2022",
        "location_code": "23425",
        "valid_until": "2030-06-30",
    } | overrides


def demand_body(**overrides: Any) -> dict[str, Any]:
    return {
        "kind": "demand",
        "title": "Cần công nghệ sấy lạnh dược liệu giữ hoạt chất",
        "summary": "Hợp tác xã cần máy và quy trình sấy lạnh cho đảng sâm và sâm dây.",
        "description": "Sấy bằng lò củi làm mất màu và hoạt chất; cần sấy dưới 45 độ C.",
        "desired_outcome": "Giảm 30% chi phí sấy, giữ hoạt chất saponin.",
        "sector": "medicinal_herbs",
        "min_trl": 6,
        "budget_min_vnd": 300_000_000,
        "budget_max_vnd": 900_000_000,
        "deadline": "2030-12-31",
        "anonymous": True,
    } | overrides


async def verified_org(client: httpx.AsyncClient, **overrides: Any) -> tuple[str, dict[str, str]]:
    """A registered, verified organisation and its token."""
    org_id = new_org_id()
    token = bearer(f"user-{org_id}", Role.org, org_id=org_id)
    registered = await client.post("/v1/organizations", json=org_body(**overrides), headers=token)
    assert registered.status_code == 201, registered.text
    verified = await client.post(f"/v1/organizations/{org_id}/verify", headers=BROKER)
    assert verified.status_code == 200, verified.text
    return org_id, token


async def create(client: httpx.AsyncClient, token: dict[str, str], body: dict[str, Any]) -> str:
    created = await client.post("/v1/listings", json=body, headers=token)
    assert created.status_code == 201, created.text
    return str(created.json()["listing_id"])


async def publish(client: httpx.AsyncClient, token: dict[str, str], body: dict[str, Any]) -> str:
    listing_id = await create(client, token, body)
    submitted = await client.post(f"/v1/listings/{listing_id}/submit", headers=token)
    assert submitted.status_code == 200, submitted.text
    approved = await client.post(
        f"/v1/listings/{listing_id}/approve", json={"score": SCORE}, headers=BROKER
    )
    assert approved.status_code == 200, approved.text
    return listing_id


async def events_of(
    bootstrap: str, topic: str, key: str, wanted: set[str], within_s: float = 30.0
) -> list[Any]:
    """The records of one aggregate on a shared topic, once every `wanted` ce_type arrived."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", enable_auto_commit=False
    )
    await consumer.start()
    found: list[Any] = []
    try:
        deadline = time.monotonic() + within_s
        while not wanted <= {ce_type(r) for r in found} and time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=300)
            found += [r for rs in batch.values() for r in rs if r.key == key.encode()]
    finally:
        await consumer.stop()
    missing = wanted - {ce_type(r) for r in found}
    assert not missing, f"{missing} never reached {topic} for {key}"
    return found


def ce_type(record: Any) -> str:
    return dict(record.headers)["ce_type"].decode()
