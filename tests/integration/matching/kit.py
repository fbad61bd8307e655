"""What the matching integration tests are built from: Vietnamese listings, a producer for
the listings service's events, a reader of our output topics, running app instances."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from fastapi import FastAPI

from services.matching.app import create_app
from services.matching.engine import Embedder
from services.matching.settings import MatchingSettings
from shared.auth import Role, mint_token
from shared.clock import Clock, utc_now
from shared.events.base import Event
from shared.events.envelope import OutgoingRecord, to_record
from shared.events.listings import ListingPublished, ListingSnapshot
from shared.events.organizations import AdministrativeUnit
from shared.topics import CONTACTS, LISTINGS, ORGANIZATIONS
from shared.topics import topic as topic_spec

CONSUMED = (LISTINGS, ORGANIZATIONS, CONTACTS)
KON_TUM = AdministrativeUnit(code="62", name="Kon Tum", level="province")
DAK_GLEI = AdministrativeUnit(code="610", name="Huyện Đăk Glei", level="district")


def drying_offer(listing_id: str, owner: str, **changes: Any) -> ListingSnapshot:
    """A university's state-funded cold-drying process for Ngọc Linh ginseng."""
    now = datetime.now(UTC)
    snapshot = ListingSnapshot(
        listing_id=listing_id,
        kind="offer",
        status="published",
        version=1,
        title="Công nghệ sấy lạnh bảo quản sâm Ngọc Linh",
        summary="Sấy lạnh ở nhiệt độ thấp giữ nguyên hàm lượng saponin của sâm Ngọc Linh.",
        description="Quy trình sấy lạnh 3 giai đoạn, thiết bị do Phân hiệu chế tạo, "
        "đã thử nghiệm tại Đăk Glei với 2 tấn củ tươi.",
        sector="medicinal_herbs",
        keywords=["sấy lạnh", "sâm Ngọc Linh", "saponin"],
        trl=7,
        transfer_objects=["process", "equipment_with_know_how"],
        ip_status="utility_solution",
        transfer_forms=["independent_transfer"],
        rights_mode="non_exclusive_licence",
        price_vnd=500_000_000,
        state_funded=True,
        funding_task_code="ĐTKHCN.KT.08/2022",
        location=KON_TUM,
        owner_organization_id=owner,
        owner_name="Phân hiệu Đại học Đà Nẵng tại Kon Tum",
        owner_kind="university",
        published_at=now,
        updated_at=now,
    )
    return ListingSnapshot.model_validate({**snapshot.model_dump(), **changes})


def drying_demand(listing_id: str, owner: str | None, **changes: Any) -> ListingSnapshot:
    """A cooperative's order for a drying technology that keeps the ginseng's saponin."""
    now = datetime.now(UTC)
    snapshot = ListingSnapshot(
        listing_id=listing_id,
        kind="demand",
        status="published",
        version=1,
        title="Cần công nghệ sấy sâm Ngọc Linh giữ hoạt chất",
        summary="Hợp tác xã cần giải pháp sấy sâm Ngọc Linh, giảm chi phí, giữ saponin.",
        description="Hiện sấy bằng lò củi, củ sâm bị sẫm màu và mất hoạt chất.",
        desired_outcome="Giảm 30% chi phí sấy, giữ hoạt chất saponin.",
        sector="medicinal_herbs",
        keywords=["sấy", "sâm Ngọc Linh"],
        min_trl=6,
        transfer_forms=["independent_transfer"],
        budget_min_vnd=300_000_000,
        budget_max_vnd=800_000_000,
        location=DAK_GLEI,
        anonymous=owner is None,
        owner_organization_id=owner,
        owner_name=None if owner is None else "HTX Sâm Ngọc Linh Đăk Glei",
        owner_kind="cooperative",
        published_at=now,
        updated_at=now,
    )
    return ListingSnapshot.model_validate({**snapshot.model_dump(), **changes})


HEAT_PUMP_WORDING = {
    "title": "Máy sấy bơm nhiệt cho dược liệu quý",
    "summary": "Sấy bơm nhiệt ở 40 °C cho sâm Ngọc Linh và đương quy, giữ saponin.",
}
AFTER_HARVEST_WORDING = {
    "title": "Tìm giải pháp làm khô củ sâm Ngọc Linh sau thu hoạch",
    "summary": "Doanh nghiệp dược liệu Tu Mơ Rông cần làm khô sâm mà không mất saponin.",
}
"""Other wordings of the same need and offer (real listings are never word for word alike)."""


def software_demand(listing_id: str, owner: str, **changes: Any) -> ListingSnapshot:
    """A district hospital's order for electronic medical records: nothing to do with drying."""
    software = {
        "title": "Phần mềm quản lý bệnh án điện tử",
        "summary": "Bệnh viện huyện cần phần mềm bệnh án điện tử.",
        "description": "Kết nối BHYT.",
        "desired_outcome": "Giảm thời gian chờ khám.",
        "keywords": ["phần mềm", "bệnh án"],
        "sector": "healthcare",
    }
    return drying_demand(listing_id, owner, **software | changes)


# A small market of unrelated listings, so that term rarity (idf) means something as it does on
# a real exchange: (kind, title, sector, summary, keywords).
BACKGROUND = (
    ("offer", "Quy trình nuôi cá tầm trong lồng trên hồ thủy điện", "high_tech_agriculture",
     "Nuôi cá tầm nước lạnh, tỷ lệ sống 90%.", ["cá tầm", "nuôi lồng"]),
    ("offer", "Phần mềm quản lý bệnh án điện tử cho bệnh viện tuyến huyện", "healthcare",
     "Bệnh án điện tử kết nối bảo hiểm y tế.", ["bệnh án điện tử", "phần mềm"]),
    ("offer", "Công nghệ xử lý nước thải chăn nuôi heo bằng biogas", "environment",
     "Hầm biogas composite, giảm mùi hôi.", ["biogas", "nước thải"]),
    ("offer", "Giống lúa chịu hạn cho vùng cao", "high_tech_agriculture",
     "Giống lúa năng suất 6 tấn/ha trên đất dốc.", ["giống lúa", "chịu hạn"]),
    ("demand", "Cần dây chuyền chế biến cà phê nhân xuất khẩu", "agro_forestry_fishery_processing",
     "Hợp tác xã cà phê Đăk Hà cần dây chuyền xát, phân loại hạt.", ["cà phê", "chế biến"]),
    ("demand", "Cần giải pháp tưới nhỏ giọt cho vườn hồ tiêu", "high_tech_agriculture",
     "Tiết kiệm nước tưới mùa khô cho 20 ha hồ tiêu.", ["tưới nhỏ giọt", "hồ tiêu"]),
    ("demand", "Tìm công nghệ sản xuất gạch không nung", "industrial_production",
     "Doanh nghiệp vật liệu xây dựng cần dây chuyền gạch không nung.", ["gạch không nung"]),
    ("demand", "Cần hệ thống quan trắc chất lượng không khí tự động", "environment",
     "Khu công nghiệp Hòa Bình cần trạm quan trắc liên tục.", ["quan trắc", "không khí"]),
)  # fmt: skip


def background(name: str) -> list[ListingSnapshot]:
    listings = []
    for n, (kind, title, sector, summary, keywords) in enumerate(BACKGROUND):
        build = drying_offer if kind == "offer" else drying_demand
        fields: dict[str, Any] = {"title": title, "sector": sector, "summary": summary}
        fields |= {"description": summary, "keywords": keywords, "state_funded": False}
        if kind == "demand":
            fields["desired_outcome"] = None
        listings.append(build(f"lst_{name}_bg{n}", f"org_{name}_bg{n}", **fields))
    return listings


def record_of(event: Event) -> OutgoingRecord:
    return to_record(event, source="/stx/test/listings")


def published_record(listing: ListingSnapshot) -> OutgoingRecord:
    return record_of(ListingPublished(listing_id=listing.listing_id, listing=listing))


def of_type(ce_type: str, **fields: Any) -> Callable[[Published], bool]:
    """Records of this type whose payload has these field values."""
    return lambda p: p.type == ce_type and all(p.data.get(k) == v for k, v in fields.items())


async def produce(bootstrap: str, *records: OutgoingRecord, partition: int | None = None) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)
    await producer.start()
    try:
        for record in records:
            headers = [(k, v.encode()) for k, v in record.headers.items()]
            await producer.send_and_wait(
                record.topic,
                record.value,
                key=record.key.encode(),
                headers=headers,
                partition=partition,
            )
    finally:
        await producer.stop()


@dataclass(frozen=True)
class Published:
    type: str
    data: dict[str, Any]


async def published(
    bootstrap: str, topic: str, wanted: Callable[[Published], bool]
) -> list[Published]:
    """Every record of `topic` so far that `wanted` keeps (read to the current end)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    found: list[Published] = []
    try:
        partitions = _partitions(topic)
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        while any([await consumer.position(tp) < end for tp, end in ends.items()]):
            for records in (await consumer.getmany(timeout_ms=500)).values():
                found += [item for record in records if wanted(item := _published(record))]
    finally:
        await consumer.stop()
    return found


def _partitions(name: str) -> list[TopicPartition]:
    return [TopicPartition(name, p) for p in range(topic_spec(name).partitions)]


def _published(record: Any) -> Published:
    headers = {k: (v or b"").decode() for k, v in record.headers}
    return Published(headers["ce_type"], json.loads(record.value))


async def eventually_published(
    bootstrap: str,
    topic: str,
    wanted: Callable[[Published], bool],
    count: int = 1,
    within: float = 60.0,
) -> list[Published]:
    """Wait until at least `count` wanted records are on `topic`; return all of them."""
    deadline = time.monotonic() + within
    while len(found := await published(bootstrap, topic, wanted)) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"{len(found)} of {count} records on {topic} after {within}s")
        await asyncio.sleep(0.5)
    return found


async def skip_history(bootstrap: str, group_id: str) -> None:
    """Start a fresh consumer group at the end of the topics: earlier tests' records stay theirs."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap, group_id=group_id, enable_auto_commit=False
    )
    await consumer.start()
    try:
        partitions = [tp for name in CONSUMED for tp in _partitions(name)]
        consumer.assign(partitions)
        await consumer.commit(await consumer.end_offsets(partitions))
    finally:
        await consumer.stop()


@dataclass
class Replica:
    app: FastAPI
    http: httpx.AsyncClient
    settings: MatchingSettings

    def token(
        self, role: Role, org_id: str | None = None, subject: str = "tester"
    ) -> dict[str, str]:
        secret = self.settings.jwt_secret.get_secret_value()
        return {"Authorization": f"Bearer {mint_token(secret, subject, [role], org_id=org_id)}"}

    def assigned(self, topic: str = LISTINGS) -> set[int]:
        subscriber = self.app.state.runtime.broker.subscribers[0]
        consumer = getattr(subscriber, "consumer", None)
        if consumer is None:
            return set()
        return {tp.partition for tp in consumer.assignment() if tp.topic == topic}


async def open_market(name: str, *replicas: Replica) -> None:
    """Publish the background market and wait until every replica's index holds it."""
    listings = background(name)
    await produce(replicas[0].settings.kafka_bootstrap_servers, *map(published_record, listings))
    deadline = time.monotonic() + 60
    ids = [listing.listing_id for listing in listings]
    while not all(i in replica.app.state.index.engine for i in ids for replica in replicas):
        assert time.monotonic() < deadline, "the background market was not indexed in 60 s"
        await asyncio.sleep(0.2)


@asynccontextmanager
async def running(
    settings: MatchingSettings, embedder: Embedder, clock: Clock = utc_now
) -> AsyncIterator[Replica]:
    """One matching replica: its lifespan runs (model, index, broker, jobs) around the test."""
    app = create_app(settings, embedder=embedder, clock=clock)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://matching") as http,
    ):
        yield Replica(app, http, settings)
