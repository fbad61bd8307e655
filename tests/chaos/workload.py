"""The chaos scenario: services as processes, a known workload over HTTP, faults, checks.

One *pair* is one offer and one demand written to match each other (a topic of their own), owned
by two organisations of their own. Its pipeline, driven only through the public HTTP APIs:

    organisations registered + verified → offer and demand created, submitted, approved
    → matching proposes the pair → both owners answer "interested" → introduction opened
    → meeting_held → contract_signed → deal_closed → listings marks both listings fulfilled

and, from the notifications service, one instant e-mail per published listing to a subscriber
(double opt-in, confirmed from the link the sink receives) plus targeted mails to the owners.

Each fault gets a batch of pairs of its own, started a little apart so that the batch is at
every stage of the pipeline when the fault hits. The driver is idempotent itself (it reads the
state before every step and retries on transport errors / 5xx), so a duplicate it finds is the
system's. Checks are on effects: distinct ``ce_id`` per business key on the topics (a record
re-published with the same ``ce_id`` is fine, two ids for one pair are not), final states over
HTTP, and e-mails by ``Message-ID`` and by listing.
"""

from __future__ import annotations

import asyncio
import contextlib
import email
import email.policy
import json
import re
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from aiosmtpd.controller import Controller
from confluent_kafka import Consumer, TopicPartition

from deploy.local.stack import LOOPBACK, ServiceProcess, free_port, service_env
from services.listings.settings import ListingsSettings
from shared.auth import Role, mint_token
from shared.topics import SERVICES, public_topics

PAIR_TIMEOUT = 300.0
"""Seconds one pair may take end to end, faults included."""
READY_TIMEOUT = 120.0
QUIET_SECONDS = 6.0
QUIET_TIMEOUT = 180.0

Json = dict[str, Any]


# --------------------------------------------------------------------------- SMTP sink


class MailSink:
    """A real SMTP server on a loopback port that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []
        self._lock = threading.Lock()
        self._controller: Controller | None = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self._lock:
            self.messages.append((list(envelope.rcpt_tos), parsed))  # type: ignore[arg-type,unused-ignore]
        return "250 OK"

    def start(self) -> int:
        self._controller = Controller(self, hostname=LOOPBACK, port=free_port())
        self._controller.start()
        return int(self._controller.port)

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()

    def snapshot(self) -> list[tuple[list[str], email.message.EmailMessage]]:
        with self._lock:
            return list(self.messages)

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for rcpts, m in self.snapshot() if address in rcpts]


def text_of(message: email.message.EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    body = part.get_content() if part is not None else ""
    return f"{message.get('Subject', '')}\n{body}"


# --------------------------------------------------------------------------- service processes


class Services:
    """The four services as processes of their own (own process group, own DBs, own groups)."""

    def __init__(self, bootstrap: str, mongodb_url: str, logs: Path, smtp_port: int) -> None:
        self.run_id = uuid.uuid4().hex[:8]
        self.deployment = f"chaos-{self.run_id}"
        self.procs: dict[str, ServiceProcess] = {}
        for name in SERVICES:
            port = free_port()
            env = service_env(name, bootstrap, mongodb_url, port) | {
                "STX_DEPLOYMENT": self.deployment,
                "STX_KAFKA_GROUP_PREFIX": self.deployment,
                f"STX_{name.upper()}_MONGODB_DATABASE": f"chaos_{name}_{self.run_id}",
                "STX_LOG_FORMAT": "json",
                "STX_GRACEFUL_TIMEOUT_SECONDS": "5",
                "STX_NOTIFICATIONS_SMTP_HOST": LOOPBACK,
                "STX_NOTIFICATIONS_SMTP_PORT": str(smtp_port),
                # one subscriber gets an alert per listing: do not let the rate limit defer them
                "STX_NOTIFICATIONS_RATE_LIMIT_PER_RECIPIENT_PER_HOUR": "100000",
                "STX_NOTIFICATIONS_RATE_LIMIT_PER_DOMAIN_PER_MINUTE": "100000",
                "STX_NOTIFICATIONS_DELIVERY_BACKOFF_SECONDS": "2",
                "STX_NOTIFICATIONS_DELIVERY_BACKOFF_MAX_SECONDS": "10",
                # the engine's scores depend on the corpus (term statistics): a pair written to
                # match scored 0.26 alone and up to 0.75 with others indexed. A lower threshold
                # keeps "one expected proposal per pair" a property of the workload, not of luck;
                # the extra cross-pair proposals it allows are checked at-most-once too.
                "STX_MATCHING_THRESHOLD": "0.2",
            }
            proc = ServiceProcess(name, port, env, echo=False)
            proc.output_path = logs / f"{name}.log"
            self.procs[name] = proc

    def url(self, name: str) -> str:
        return self.procs[name].url

    def start_all(self) -> None:
        for proc in self.procs.values():
            proc.start(wait=False)
        for proc in self.procs.values():
            proc.wait_ready(READY_TIMEOUT)

    def kill(self, name: str) -> None:
        """kill -9 of the service's whole process group."""
        self.procs[name].kill()

    def start(self, name: str) -> None:
        self.procs[name].start(wait=False)

    def stop_all(self) -> None:
        running = [p for p in self.procs.values() if p.running]
        for proc in running:
            proc.terminate()
        for proc in running:
            proc.wait_stopped(15.0)

    async def all_ready(self, timeout: float = READY_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        async with httpx.AsyncClient(timeout=2.0) as http:
            pending = set(self.procs)
            while pending:
                for name in list(pending):
                    with contextlib.suppress(httpx.HTTPError):
                        if (await http.get(f"{self.url(name)}/readyz")).status_code == 200:
                            pending.discard(name)
                if pending and time.monotonic() > deadline:
                    raise TimeoutError(f"not ready after {timeout:.0f}s: {sorted(pending)}")
                if pending:
                    await asyncio.sleep(0.25)


# --------------------------------------------------------------------------- HTTP driver


class Api:
    """HTTP with retries on what a fault causes (connection refused, timeouts, 5xx)."""

    def __init__(self, services: Services) -> None:
        self.services = services
        settings = ListingsSettings()
        self._secret = settings.jwt_secret.get_secret_value()
        self._aud, self._iss = settings.jwt_audience, settings.jwt_issuer
        self.http = httpx.AsyncClient(timeout=10.0)
        self.broker = self._bearer("chaos-broker", Role.broker)
        self.retries = 0

    def _bearer(self, subject: str, role: Role, org_id: str | None = None) -> dict[str, str]:
        token = mint_token(
            self._secret, subject, [role], org_id=org_id, audience=self._aud, issuer=self._iss
        )
        return {"Authorization": f"Bearer {token}"}

    def org(self, org_id: str) -> dict[str, str]:
        return self._bearer(f"chaos-{org_id}", Role.org, org_id)

    async def call(
        self, service: str, method: str, path: str, headers: dict[str, str] | None = None,
        *, deadline: float, **kwargs: Any,
    ) -> httpx.Response:  # fmt: skip
        delay = 0.3
        while True:
            try:
                response = await self.http.request(
                    method, f"{self.services.url(service)}{path}", headers=headers, **kwargs
                )
                if response.status_code < 500:
                    return response
                last = f"{response.status_code} {response.text[:200]}"
            except httpx.TransportError as exc:
                last = repr(exc)
            self.retries += 1
            if time.monotonic() > deadline:
                raise TimeoutError(f"{method} {service}{path}: still failing: {last}")
            await asyncio.sleep(delay)
            delay = min(delay * 1.6, 2.0)

    async def ok(
        self, service: str, method: str, path: str, headers: dict[str, str] | None = None,
        *, deadline: float, accept: tuple[int, ...] = (), **kwargs: Any,
    ) -> Json:  # fmt: skip
        response = await self.call(service, method, path, headers, deadline=deadline, **kwargs)
        if response.is_error and response.status_code not in accept:
            raise AssertionError(
                f"{method} {service}{path}: {response.status_code} {response.text[:400]}"
            )
        if "json" not in response.headers.get("content-type", ""):
            return {}
        result: Json = response.json()
        return result

    async def close(self) -> None:
        await self.http.aclose()


# --------------------------------------------------------------------------- the workload

TOPICS: list[tuple[str, str, list[str]]] = [
    (
        "medicinal_herbs",
        "sấy lạnh dược liệu sâm dây đương quy giữ hoạt chất",
        ["sấy lạnh", "sâm dây"],
    ),
    (
        "high_tech_agriculture",
        "nhà màng tưới nhỏ giọt điều khiển độ ẩm cho dâu tây",
        ["nhà màng", "dâu tây"],
    ),
    (
        "agro_forestry_fishery_processing",
        "chế biến cà phê lên men ướt vi sinh",
        ["cà phê", "lên men"],
    ),
    (
        "industrial_production",
        "máy ép gạch không nung từ tro bay nhiệt điện",
        ["gạch không nung", "tro bay"],
    ),
    (
        "environment",
        "xử lý nước thải chăn nuôi heo bằng đệm lót sinh học",
        ["nước thải", "đệm lót"],
    ),
    (
        "healthcare",
        "phần mềm đọc phim X-quang phổi bằng trí tuệ nhân tạo",
        ["X-quang", "trí tuệ nhân tạo"],
    ),
    (
        "other",
        "số hoá di sản cồng chiêng Tây Nguyên bằng quét ba chiều",
        ["cồng chiêng", "quét ba chiều"],
    ),
    (
        "medicinal_herbs",
        "nhân giống sâm Ngọc Linh nuôi cấy mô tế bào",
        ["sâm Ngọc Linh", "nuôi cấy mô"],
    ),
    ("high_tech_agriculture", "cảm biến IoT đo độ mặn ruộng lúa ven biển", ["độ mặn", "IoT"]),
    (
        "agro_forestry_fishery_processing",
        "cấp đông nhanh cá ngừ đại dương trên tàu",
        ["cá ngừ", "cấp đông"],
    ),
    ("industrial_production", "hàn laser khung xe đạp hợp kim nhôm", ["hàn laser", "hợp kim nhôm"]),
    ("environment", "than sinh học từ vỏ trấu cải tạo đất bạc màu", ["than sinh học", "vỏ trấu"]),
    ("healthcare", "bộ kit xét nghiệm nhanh sốt xuất huyết Dengue", ["xét nghiệm nhanh", "Dengue"]),
    ("other", "thiết kế gốm Sa Huỳnh bằng in 3D men sứ", ["gốm Sa Huỳnh", "in 3D"]),
    (
        "medicinal_herbs",
        "chiết xuất tinh dầu quế bằng CO2 siêu tới hạn",
        ["tinh dầu quế", "CO2 siêu tới hạn"],
    ),
    (
        "high_tech_agriculture",
        "drone phun thuốc sinh học cho vườn sầu riêng",
        ["drone", "sầu riêng"],
    ),
    (
        "agro_forestry_fishery_processing",
        "sản xuất nước mắm cô đặc không mùi tanh",
        ["nước mắm", "cô đặc"],
    ),
    (
        "industrial_production",
        "sơn tĩnh điện chống ăn mòn cho kết cấu thép ven biển",
        ["sơn tĩnh điện", "ăn mòn"],
    ),
    (
        "environment",
        "ủ phân compost rác thải chợ bằng chế phẩm vi sinh",
        ["compost", "rác thải chợ"],
    ),
    (
        "healthcare",
        "thiết bị đo đường huyết không xâm lấn hồng ngoại",
        ["đường huyết", "hồng ngoại"],
    ),
]


@dataclass
class Pair:
    index: int
    run: str
    offer_org: str = ""
    demand_org: str = ""
    offer_id: str = ""
    demand_id: str = ""
    match_id: str = ""
    introduction_id: str = ""
    stage: str = "new"
    started: float = 0.0
    finished: float | None = None
    error: str | None = None

    @property
    def code(self) -> str:
        return f"CX{self.run.upper()}P{self.index:02d}"

    def title(self, kind: str) -> str:
        return (
            f"{'Công nghệ' if kind == 'offer' else 'Cần công nghệ'} {self.topic[1]} ({self.code})"
        )

    @property
    def topic(self) -> tuple[str, str, list[str]]:
        return TOPICS[self.index % len(TOPICS)]

    def organizations(self) -> list[Json]:
        common = {"province_code": "51", "commune_code": "23425", "contact_name": "TS. Lê Văn Hùng"}
        self.offer_org = f"org_cx{self.run}_{self.index:02d}o"
        self.demand_org = f"org_cx{self.run}_{self.index:02d}d"
        return [
            common | {"organization_id": self.offer_org, "kind": "research_institute",
                      "name": f"Viện Thử nghiệm {self.code}",
                      "email": f"{self.offer_org}@vien-chaos.vn", "phone": "0905 111 222"},
            common | {"organization_id": self.demand_org, "kind": "cooperative",
                      "name": f"Hợp tác xã {self.code}",
                      "email": f"{self.demand_org}@htx-chaos.vn", "phone": "+84 914 333 444"},
        ]  # fmt: skip

    def listings(self) -> tuple[Json, Json]:
        sector, topic, keywords = self.topic
        price = 200_000_000 + 37_000_000 * self.index
        offer = {
            "kind": "offer",
            "title": self.title("offer"),
            "summary": f"Quy trình và thiết bị {topic}.",
            "description": f"Hệ thống {topic}; đã thử nghiệm ở quy mô sản xuất ({self.code}).",
            "sector": sector,
            "keywords": keywords,
            "trl": 7,
            "transfer_objects": ["process", "equipment_with_know_how"],
            "transfer_forms": ["independent_transfer"],
            "rights_mode": "non_exclusive_licence",
            "valid_until": "2028-12-31",
            "price_vnd": price,
            "location_code": "23425",
            "state_funded": False,
        }
        demand = {
            "kind": "demand", "title": self.title("demand"),
            "summary": f"Doanh nghiệp cần quy trình và thiết bị {topic}.",
            "description": f"Cần {topic}; áp dụng ở quy mô sản xuất ({self.code}).",
            "desired_outcome": f"Làm chủ {topic} trong một năm.",
            "sector": sector, "keywords": keywords, "min_trl": 6,
            "transfer_forms": ["independent_transfer"], "deadline": "2027-12-31",
            "anonymous": False, "valid_until": "2028-06-30",
            "budget_min_vnd": price // 2, "budget_max_vnd": price * 2, "location_code": "23425",
        }  # fmt: skip
        return offer, demand


class Driver:
    """Pushes pairs through the pipeline; every step reads the state first (idempotent)."""

    def __init__(self, api: Api, run: str) -> None:
        self.api = api
        self.run = run
        self.pairs: list[Pair] = []

    def new_pair(self) -> Pair:
        pair = Pair(index=len(self.pairs), run=self.run)
        self.pairs.append(pair)
        return pair

    async def drive(self, pair: Pair) -> None:
        pair.started = time.monotonic()
        deadline = pair.started + PAIR_TIMEOUT
        try:
            await self._drive(pair, deadline)
            pair.finished = time.monotonic()
        except Exception as exc:
            pair.error = f"{pair.stage}: {exc!r}"[:600]

    async def _drive(self, pair: Pair, deadline: float) -> None:
        api = self.api
        pair.stage = "organisations"
        for org in pair.organizations():
            await self._ensure_org(org, deadline)
        offer, demand = pair.listings()
        pair.stage = "publish"
        pair.offer_id, pair.demand_id = await asyncio.gather(
            self._ensure_published(pair.offer_org, offer, deadline),
            self._ensure_published(pair.demand_org, demand, deadline),
        )
        pair.stage = "proposal"
        pair.match_id = await self._await_match(pair, deadline)
        pair.stage = "answers"
        for owner in (pair.offer_org, pair.demand_org):
            await self._answer(pair, owner, deadline)
        pair.stage = "introduction"
        pair.introduction_id = "itr_" + pair.match_id.removeprefix("mat_")
        path = f"/v1/introductions/{pair.introduction_id}"
        while True:
            response = await api.call("matching", "GET", path, api.broker, deadline=deadline)
            if response.status_code == 200:
                break
            await self._pause(deadline, f"introduction {response.status_code}")
        today = datetime.now(UTC).date().isoformat()  # steps may not be in the future
        steps: list[Json] = [
            {"step": "meeting_held", "held_on": today, "format": "in_person"},
            {"step": "contract_signed", "transfer_form": "independent_transfer",
             "rights_mode": "non_exclusive_licence", "value_vnd": 300_000_000,
             "signed_on": today},
            {"step": "deal_closed", "closed_on": today},
        ]  # fmt: skip
        order = ["opened", "meeting_held", "contract_signed", "deal_closed"]
        pair.stage = "steps"
        while True:
            current = (await api.ok("matching", "GET", path, api.broker, deadline=deadline))[
                "stage"
            ]
            done = order.index(current)
            if done == len(steps):
                break
            await api.ok("matching", "POST", f"{path}/steps", api.broker, deadline=deadline,
                         accept=(409,), json=steps[done])  # fmt: skip
        pair.stage = "fulfilled"
        for listing_id in (pair.offer_id, pair.demand_id):
            while True:
                found = await api.ok("listings", "GET", f"/v1/listings/{listing_id}", api.broker,
                                     deadline=deadline)  # fmt: skip
                if found["status"] == "fulfilled":
                    break
                await self._pause(deadline, f"{listing_id} is {found['status']}")
        pair.stage = "done"

    async def _pause(self, deadline: float, why: str) -> None:
        if time.monotonic() > deadline:
            raise TimeoutError(why)
        await asyncio.sleep(0.5)

    async def _ensure_org(self, org: Json, deadline: float) -> None:
        api = self.api
        body = dict(org)
        org_id = body.pop("organization_id")
        path = f"/v1/organizations/{org_id}"
        while True:
            found = await api.call("listings", "GET", path, api.broker, deadline=deadline)
            if found.status_code == 404:
                await api.ok("listings", "POST", "/v1/organizations", api.org(org_id),
                             deadline=deadline, accept=(409,), json=body)  # fmt: skip
                continue
            if found.is_error:
                raise AssertionError(f"GET {path}: {found.status_code} {found.text[:300]}")
            if found.json()["verified"]:
                return
            await api.ok("listings", "POST", f"{path}/verify", api.broker, deadline=deadline,
                         accept=(409,))  # fmt: skip

    async def _ensure_published(self, owner: str, body: Json, deadline: float) -> str:
        api = self.api
        key = f"chaos-{owner}-{body['kind']}"
        created = await api.ok("listings", "POST", "/v1/listings",
                               api.org(owner) | {"Idempotency-Key": key},
                               deadline=deadline, json=body)  # fmt: skip
        listing_id = str(created["listing_id"])
        path = f"/v1/listings/{listing_id}"
        score = {"clarity": 4, "completeness": 4, "commercial_relevance": 4}
        while True:
            status = (await api.ok("listings", "GET", path, api.broker, deadline=deadline))[
                "status"
            ]
            if status == "published":
                return listing_id
            if status in ("draft", "returned"):
                await api.ok("listings", "POST", f"{path}/submit", api.org(owner),
                             deadline=deadline, accept=(409,))  # fmt: skip
            elif status == "submitted":
                await api.ok("listings", "POST", f"{path}/approve", api.broker,
                             deadline=deadline, accept=(409,), json={"score": score})  # fmt: skip
            else:
                raise AssertionError(f"{listing_id} is {status}")

    async def _await_match(self, pair: Pair, deadline: float) -> str:
        api = self.api
        while True:
            params = {"listing_id": pair.offer_id}
            response = await api.call(
                "matching", "GET", "/v1/matches", api.broker, deadline=deadline, params=params
            )
            if response.status_code == 200:
                for item in response.json():
                    if item["offer_id"] == pair.offer_id and item["demand_id"] == pair.demand_id:
                        return str(item["match_id"])
            await self._pause(deadline, f"no proposal yet ({response.status_code})")

    async def _answer(self, pair: Pair, org: str, deadline: float) -> None:
        api = self.api
        side = "offer_answer" if org == pair.offer_org else "demand_answer"
        path = f"/v1/matches/{pair.match_id}"
        while True:
            match = await api.ok("matching", "GET", path, api.broker, deadline=deadline)
            if match.get(side):
                return
            await api.ok("matching", "POST", f"{path}/answers", api.org(org), deadline=deadline,
                         accept=(409,), json={"interested": True})  # fmt: skip


# --------------------------------------------------------------------------- subscriber


async def subscribe(api: Api, mail: MailSink, address: str) -> str:
    """An instant e-mail subscription to published listings, confirmed from the sink."""
    deadline = time.monotonic() + 120
    body = {
        "subscriber_name": "Báo Chaos", "channel": "email", "email": address,
        "filters": {"event_types": ["stx.listing.published"]}, "frequency": "instant",
    }  # fmt: skip
    created = await api.ok("notifications", "POST", "/subscriptions", deadline=deadline, json=body)
    while True:
        for message in mail.to(address):
            found = re.search(r"confirm\?token=([A-Za-z0-9._~%-]+)", text_of(message))
            if found:
                await api.ok("notifications", "POST", "/subscriptions/confirm",
                             deadline=deadline, params={"token": found.group(1)})  # fmt: skip
                return str(created["subscription_id"])
        if time.monotonic() > deadline:
            raise TimeoutError("no confirmation e-mail reached the sink")
        await asyncio.sleep(0.3)


# --------------------------------------------------------------------------- Kafka reading


def _consumer(bootstrap: str) -> Consumer:
    return Consumer({
        "bootstrap.servers": bootstrap, "group.id": f"chaos-check-{uuid.uuid4().hex}",
        "auto.offset.reset": "earliest", "enable.auto.commit": False,
        "enable.partition.eof": True,
    })  # fmt: skip


def end_offsets(bootstrap: str, topics: list[str] | None = None) -> dict[tuple[str, int], int]:
    names = topics or [t.name for t in public_topics()]
    consumer = _consumer(bootstrap)
    try:
        metadata = consumer.list_topics(timeout=10)
        ends = {}
        for name in names:
            for partition in metadata.topics[name].partitions:
                _, high = consumer.get_watermark_offsets(
                    TopicPartition(name, partition), timeout=10, cached=False
                )
                ends[(name, partition)] = high
        return ends
    finally:
        consumer.close()


def read_records(bootstrap: str, topics: list[str], source_prefix: str) -> list[Json]:
    """Every record of the topics from our deployment: headers (str) + decoded value."""
    ends = end_offsets(bootstrap, topics)
    consumer = _consumer(bootstrap)
    records: list[Json] = []
    try:
        consumer.assign([TopicPartition(t, p, 0) for (t, p) in ends])
        remaining = {k for k, v in ends.items() if v > 0}
        deadline = time.monotonic() + 60
        while remaining and time.monotonic() < deadline:
            message = consumer.poll(1.0)
            if message is None:
                continue
            key = (str(message.topic()), int(message.partition() or 0))
            if message.error():
                remaining.discard(key)
                continue
            if (message.offset() or 0) + 1 >= ends[key]:
                remaining.discard(key)
            raw = message.headers() or []
            raw_headers: list[tuple[str, Any]] = list(raw.items() if isinstance(raw, dict) else raw)
            headers = {k: (bytes(v).decode() if v else "") for k, v in raw_headers}
            if not headers.get("ce_source", "").startswith(source_prefix):
                continue
            try:
                value = json.loads(message.value() or b"null")
            except ValueError:
                value = None
            records.append({"headers": headers, "data": value, "topic": message.topic()})
    finally:
        consumer.close()
    return records


async def wait_quiet(bootstrap: str, mail: MailSink, timeout: float = QUIET_TIMEOUT) -> float:
    """Wait until no public topic grows and no e-mail arrives for `QUIET_SECONDS`."""
    start = time.monotonic()
    previous = (await asyncio.to_thread(end_offsets, bootstrap), len(mail.snapshot()))
    quiet_since = time.monotonic()
    while time.monotonic() - start < timeout:
        await asyncio.sleep(1.0)
        current = (await asyncio.to_thread(end_offsets, bootstrap), len(mail.snapshot()))
        if current != previous:
            previous, quiet_since = current, time.monotonic()
        elif time.monotonic() - quiet_since >= QUIET_SECONDS:
            return time.monotonic() - start
    return time.monotonic() - start


# --------------------------------------------------------------------------- faults


@dataclass
class Fault:
    name: str
    inject: Callable[[], Awaitable[None]]
    """Starts the fault and returns once it has been repaired (restart issued and done)."""
    lead: float = 2.0
    """Seconds after the batch starts before the fault hits."""
    spread: float = 0.0
    """Spread the batch's starts over at least this many seconds (pairs begun mid-outage)."""


@dataclass
class FaultResult:
    fault: str
    pairs: list[Pair]
    in_flight: int = 0
    records: int = 0
    ready_after: float = 0.0
    drained_after: float = 0.0
    lost: list[str] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)


def kill_service(services: Services, name: str, down: float = 1.0) -> Fault:
    async def inject() -> None:
        await asyncio.to_thread(services.kill, name)
        await asyncio.sleep(down)
        await asyncio.to_thread(services.start, name)

    return Fault(f"kill -9 {name}", inject, lead=1.0, spread=6.0)


def stop_infra(
    label: str, stop: Callable[[], None], start: Callable[[], None], down: float
) -> Fault:
    async def inject() -> None:
        await asyncio.to_thread(stop)
        await asyncio.sleep(down)
        await asyncio.to_thread(start)

    return Fault(f"stop {label} {down:.0f}s", inject, lead=0.5, spread=down)


async def run_fault(
    fault: Fault, driver: Driver, services: Services, bootstrap: str, batch: int, spacing: float
) -> FaultResult:
    """A batch of pairs started `spacing` s apart; the fault hits `fault.lead` s in."""
    pairs = [driver.new_pair() for _ in range(batch)]
    spacing = max(spacing, fault.spread / batch)
    tasks = []
    for i, pair in enumerate(pairs):
        tasks.append(asyncio.create_task(_later(i * spacing, driver.drive(pair))))
    await asyncio.sleep(fault.lead)
    result = FaultResult(fault.name, pairs)
    before = sum((await asyncio.to_thread(end_offsets, bootstrap)).values())
    hit = time.monotonic()
    await fault.inject()
    repaired = time.monotonic()
    await services.all_ready()
    result.ready_after = time.monotonic() - repaired
    await asyncio.gather(*tasks)
    result.drained_after = time.monotonic() - repaired
    # pairs that overlapped the fault window: started before the repair, not done before the hit
    result.in_flight = sum(
        1
        for p in pairs
        if p.started and p.started < repaired and (p.finished is None or p.finished > hit)
    )
    result.records = sum((await asyncio.to_thread(end_offsets, bootstrap)).values()) - before
    return result


async def _later(delay: float, work: Awaitable[None]) -> None:
    await asyncio.sleep(delay)
    await work


# --------------------------------------------------------------------------- checks


@dataclass
class Verdict:
    results: list[FaultResult]
    notes: list[str] = field(default_factory=list)

    @property
    def lost(self) -> int:
        return sum(len(r.lost) for r in self.results)

    @property
    def duplicated(self) -> int:
        return sum(len(r.duplicated) for r in self.results)


def check(  # noqa: C901 - one pass over every expected effect
    results: list[FaultResult], driver: Driver, bootstrap: str, deployment: str,
    mail: MailSink, subscriber: str,
) -> Verdict:  # fmt: skip
    """Final state vs the expected one, per batch (so each fault is charged with its own)."""
    verdict = Verdict(results)
    records = read_records(
        bootstrap,
        ["stx.listings.v1", "stx.matches.v1", "stx.connections.v1"],
        f"/stx/{deployment}/",
    )
    ids: dict[tuple[str, str], set[str]] = defaultdict(set)
    for record in records:
        ce_type, data = record["headers"].get("ce_type", ""), record["data"] or {}
        if ce_type == "stx.match.proposed":
            key = f"{data.get('offer_id')}|{data.get('demand_id')}"
        elif ce_type.startswith("stx.match."):
            key = str(data.get("match_id"))
        elif ce_type.startswith("stx.introduction."):
            key = str(data.get("introduction_id"))
        elif ce_type.startswith("stx.listing."):
            key = str(data.get("listing_id"))
        else:
            continue
        ids[(ce_type, key)].add(record["headers"]["ce_id"])

    messages = mail.snapshot()
    by_message_id: dict[str, int] = defaultdict(int)
    for _, message in messages:
        by_message_id[str(message.get("Message-ID"))] += 1
    alerts = [text_of(m) for m in mail.to(subscriber)]

    for result in results:
        for pair in result.pairs:
            label = f"P{pair.index:02d}"
            if pair.error:
                result.lost.append(f"{label} driver stuck: {pair.error}")
            expected = [
                ("stx.listing.published", pair.offer_id), ("stx.listing.published", pair.demand_id),
                ("stx.match.proposed", f"{pair.offer_id}|{pair.demand_id}"),
                ("stx.match.accepted", pair.match_id),
                ("stx.introduction.opened", pair.introduction_id),
                ("stx.introduction.meeting_held", pair.introduction_id),
                ("stx.introduction.contract_signed", pair.introduction_id),
                ("stx.introduction.deal_closed", pair.introduction_id),
                ("stx.listing.fulfilled", pair.offer_id), ("stx.listing.fulfilled", pair.demand_id),
            ]  # fmt: skip
            for ce_type, key in expected:
                found = len(ids.get((ce_type, key), ()))
                if found == 0:
                    result.lost.append(f"{label} {ce_type} {key}")
                elif found > 1:
                    result.duplicated.append(f"{label} {ce_type} {key} ×{found} distinct ce_id")
            for kind in ("offer", "demand"):
                title_code = f"({pair.code})"
                got = sum(1 for text in alerts if title_code in text and
                          (pair.title(kind) in text))  # fmt: skip
                if got == 0:
                    result.lost.append(f"{label} e-mail alert for the {kind}")
                elif got > 1:
                    result.duplicated.append(f"{label} e-mail alert for the {kind} ×{got}")
    # cross-pair proposals are the engine's business, but each at most once
    ours = {f"{p.offer_id}|{p.demand_id}" for p in driver.pairs}
    extra = [(k, v) for (t, k), v in ids.items() if t == "stx.match.proposed" and k not in ours]
    if extra:
        verdict.notes.append(f"{len(extra)} cross-pair proposals (other pairs' listings)")
    for pair_key, distinct in extra:
        if len(distinct) > 1:
            verdict.notes.append(f"DUPLICATED cross-pair proposal {pair_key} ×{len(distinct)}")
            results[-1].duplicated.append(f"cross-pair proposal {pair_key} ×{len(distinct)}")
    twice = {k: n for k, n in by_message_id.items() if n > 1}
    if twice:
        verdict.notes.append(f"e-mails received more than once (same Message-ID): {twice}")
        results[-1].duplicated.extend(f"e-mail {k} ×{n}" for k, n in twice.items())
    verdict.notes.append(f"{len(messages)} e-mails in the sink, {len(by_message_id)} distinct")
    return verdict


def table(verdict: Verdict) -> str:
    rows = [("fault", "pairs", "in flight", "records", "ready (s)", "drained (s)", "lost", "dup")]
    for r in verdict.results:
        rows.append((r.fault, str(len(r.pairs)), str(r.in_flight), str(r.records),
                     f"{r.ready_after:.1f}", f"{r.drained_after:.1f}", str(len(r.lost)),
                     str(len(r.duplicated))))  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    for r in verdict.results:
        lines += [f"  LOST [{r.fault}] {x}" for x in r.lost]
        lines += [f"  DUPLICATED [{r.fault}] {x}" for x in r.duplicated]
    lines += [f"  note: {n}" for n in verdict.notes]
    return "\n".join(lines)


# --------------------------------------------------------------------------- the scenario


async def scenario(infra: Any, logs: Path, faults: list[str], batch: int, spacing: float,
                   kafka_down: float, mongo_down: float) -> Verdict:  # fmt: skip
    """Run the scenario on ``infra`` (a `tests.conftest.InfraStack`); return the verdict.

    ``faults``: names among ``kill:<service>``, ``kafka``, ``mongo``, in order.
    """
    mail = MailSink()
    smtp_port = mail.start()
    services = Services(infra.bootstrap_servers, infra.mongodb_url, logs, smtp_port)
    api = Api(services)
    driver = Driver(api, services.run_id)
    try:
        await asyncio.to_thread(services.start_all)
        subscriber = f"toasoan-{services.run_id}@bao-chaos.vn"
        await subscribe(api, mail, subscriber)
        results = []
        for spec in faults:
            if spec.startswith("kill:"):
                fault = kill_service(services, spec.removeprefix("kill:"))
            elif spec == "kafka":
                fault = stop_infra("Kafka", infra.stop_kafka, infra.start_kafka, kafka_down)
            elif spec == "mongo":
                fault = stop_infra("SecantusDB", infra.stop_mongo, infra.start_mongo, mongo_down)
            else:
                raise ValueError(spec)
            print(f"chaos: {fault.name} …", flush=True)
            result = await run_fault(
                fault, driver, services, infra.bootstrap_servers, batch, spacing
            )
            print(f"chaos: {fault.name}: ready after {result.ready_after:.1f}s, drained after "
                  f"{result.drained_after:.1f}s", flush=True)  # fmt: skip
            results.append(result)
        await wait_quiet(infra.bootstrap_servers, mail)
        verdict = await asyncio.to_thread(
            check, results, driver, infra.bootstrap_servers, services.deployment, mail, subscriber
        )
        verdict.notes.append(f"driver HTTP retries: {api.retries}; logs in {logs}")
        return verdict
    finally:
        await api.close()
        await asyncio.to_thread(services.stop_all)
        mail.stop()
