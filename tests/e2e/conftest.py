"""The whole system as separate processes: the four services against the session's stack.

``e2e_system`` starts every ``python -m services.<name>`` that has a ``__main__`` in this
checkout as a real child process (its own process group, free loopback ports, logs in the
session's temp dir), waits for each ``/readyz``, runs the demo seed through the listings HTTP
API and, when matching runs, pushes one offer/demand pair through to a proposal. At the end of
the session it stops them: SIGTERM to every group, then SIGKILL after a grace period.

Isolation from the other tests of the same session, which share the broker, the topics and
the MongoDB-wire server: a deployment slug of its own (``e2e-<hex>``, so this run's records
carry ``ce_source`` ``/stx/e2e-<hex>/<service>``), its own consumer-group prefix — each group
committed at the current end of the topics before the services start, so they react to this
run's records rather than first working through the whole session's history (the hostile suite
proves that bad records do not stick) — and its own database per service.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from aiosmtpd.controller import Controller
from confluent_kafka import Consumer, ConsumerGroupTopicPartitions, TopicPartition
from confluent_kafka.admin import AdminClient

from deploy.local.stack import (
    LOOPBACK,
    REPO_ROOT,
    ServiceProcess,
    StackError,
    free_port,
    runnable_module,
    service_env,
    tail,
)
from services.listings.seed import Seeder, SeedError, load
from services.listings.settings import ListingsSettings
from shared.auth import Role, mint_token
from shared.topics import SERVICES, TOPICS, Visibility, public_topics
from tests.e2e.browsing import chromium, portal_process
from tests.integration.shared.harness import start_group_at_end

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

    from tests.conftest import InfraStack

READY_TIMEOUT = 90.0
SEED_TIMEOUT = 180.0
PROPOSAL_TIMEOUT = 120.0
SETTLE_QUIET = 3.0
"""Seconds without a new record on any public topic before the pipeline counts as settled."""
SETTLE_TIMEOUT = 180.0
STOP_GRACE = 15.0

PAIR_OWNER_OFFER = "org_e2e_vien"
PAIR_OWNER_DEMAND = "org_e2e_htx"


@dataclass
class E2ESystem:
    """What the session started, for the tests to consume and to name in their reports."""

    bootstrap_servers: str
    deployment: str
    services: dict[str, ServiceProcess] = field(default_factory=dict)
    absent: list[str] = field(default_factory=list)
    """Services without a ``__main__`` in this checkout: not started."""
    unhealthy: dict[str, str] = field(default_factory=dict)
    """Services that have a ``__main__`` but never became ready: name → log tail."""
    seeded_organizations: int = 0
    seeded_listings: int = 0
    proposal: dict[str, str] | None = None
    """The offer/demand pair pushed through matching, with its match id (None: not attempted)."""
    proposal_skipped: str | None = None
    """Why no pair was attempted (matching not running)."""
    proposal_error: str | None = None
    """Why the attempted pair did not reach a proposal."""
    mail: MailSink | None = None
    """The SMTP sink the notifications service delivers to (None: notifications not run)."""
    portal_port: int = field(default_factory=free_port)
    """Where the portal's browser tests run it: e-mails link to its listing pages."""

    def source(self, service: str) -> str:
        return f"/stx/{self.deployment}/{service}"

    def is_ours(self, ce_source: str | None) -> bool:
        return bool(ce_source) and str(ce_source).startswith(f"/stx/{self.deployment}/")

    @property
    def ran(self) -> list[str]:
        return sorted(self.services)

    def describe(self) -> str:
        parts = [f"ran: {', '.join(self.ran) or 'none'}"]
        if self.absent:
            parts.append(f"absent (no __main__): {', '.join(self.absent)}")
        if self.unhealthy:
            parts.append(f"never ready: {', '.join(sorted(self.unhealthy))}")
        parts.append(f"seed: {self.seeded_organizations} orgs, {self.seeded_listings} listings")
        if self.proposal:
            parts.append(f"proposal: {self.proposal['match_id']}")
        elif self.proposal_skipped:
            parts.append(f"proposal skipped: {self.proposal_skipped}")
        elif self.proposal_error:
            parts.append(f"proposal FAILED: {self.proposal_error[:200]}")
        if self.mail is not None:
            parts.append(f"e-mails delivered to the SMTP sink: {len(self.mail.recipients)}")
        return "; ".join(parts)


SUMMARY: list[str] = []


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say which services the end-to-end run drove (some may not exist yet)."""
    if SUMMARY:
        terminalreporter.write_sep("-", "e2e system")
        for line in SUMMARY:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def e2e_system(stack: InfraStack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[E2ESystem]:
    suffix = uuid.uuid4().hex[:8]
    system = E2ESystem(bootstrap_servers=stack.bootstrap_servers, deployment=f"e2e-{suffix}")
    logs = tmp_path_factory.mktemp("e2e-logs")
    mail = MailSink()
    controller = Controller(mail, hostname=LOOPBACK, port=free_port())
    controller.start()
    try:
        _start_services(system, stack, suffix, logs, controller.port)
        if "notifications" in system.services:
            system.mail = mail
        if "listings" not in system.services:
            raise StackError(f"the listings service is needed for the seed; {system.describe()}")
        listings_url = system.services["listings"].url
        _run_seed(system, listings_url)
        _push_a_pair(system, listings_url)
        _wait_until_settled(system.bootstrap_servers, f"e2e-{suffix}")
        yield system
    finally:
        SUMMARY.append(system.describe())
        _stop_all(system)
        controller.stop()


@pytest.fixture(scope="session")
def portal(e2e_system: E2ESystem, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The portal's URL, in front of the e2e system (the browser tests' site)."""
    service = portal_process(e2e_system, tmp_path_factory.mktemp("portal-logs"), READY_TIMEOUT)
    try:
        yield service.url
    finally:
        service.stop(STOP_GRACE)


@pytest.fixture(scope="session")
def browser() -> Iterator[WebDriver]:
    """The browser of the person a test follows."""
    yield from chromium()


@pytest.fixture(scope="session")
def second_browser() -> Iterator[WebDriver]:
    """Someone else's browser (a broker at the Department, the other party), signed in at the
    same time."""
    yield from chromium()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the browser tests keep a picture of each key page."""
    return tmp_path_factory.mktemp("portal-screenshots")


# --------------------------------------------------------------------------- processes


class MailSink:
    """An SMTP server that accepts everything: the notifications service mails real-looking
    addresses (the seed's organisations), which must never leave the machine."""

    def __init__(self) -> None:
        self.recipients: list[str] = []
        self.messages: list[bytes] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        with self._lock:
            self.recipients.extend(envelope.rcpt_tos)
            self.messages.append(bytes(envelope.content))
        return "250 OK"


def _start_services(
    system: E2ESystem, stack: InfraStack, suffix: str, logs: Path, smtp_port: int
) -> None:
    consumed = [t.name for t in TOPICS if t.visibility is not Visibility.DLQ]
    for name in SERVICES:
        if not runnable_module(f"services.{name}"):
            system.absent.append(name)
            continue
        group = f"e2e-{suffix}.{name}"
        asyncio.run(start_group_at_end(stack.bootstrap_servers, group, consumed))
        port = free_port()
        env = service_env(name, stack.bootstrap_servers, stack.mongodb_url, port) | {
            "STX_DEPLOYMENT": system.deployment,
            "STX_KAFKA_GROUP_PREFIX": f"e2e-{suffix}",
            f"STX_{name.upper()}_MONGODB_DATABASE": f"e2e_{name}_{suffix}",
            "STX_LOG_FORMAT": "json",
            "STX_GRACEFUL_TIMEOUT_SECONDS": "5",
            "STX_NOTIFICATIONS_SMTP_HOST": LOOPBACK,
            "STX_NOTIFICATIONS_SMTP_PORT": str(smtp_port),
            "STX_NOTIFICATIONS_PORTAL_URL": f"http://{LOOPBACK}:{system.portal_port}",
            "STX_NOTIFICATIONS_PORTAL_LISTING_URL": (
                f"http://{LOOPBACK}:{system.portal_port}/listings/{{listing_id}}"
            ),
        }
        if name == "notifications":  # its e-mails' confirm and unsubscribe links lead here
            env["STX_NOTIFICATIONS_PUBLIC_BASE_URL"] = f"http://{LOOPBACK}:{port}"
        service = ServiceProcess(name, port, env, echo=False)
        service.output_path = logs / f"{name}.log"
        system.services[name] = service
        service.start(wait=False)  # all at once: they warm up in parallel
    for name, service in list(system.services.items()):
        try:
            service.wait_ready(READY_TIMEOUT)
        except StackError as exc:
            system.unhealthy[name] = str(exc)
            service.stop(STOP_GRACE)
            del system.services[name]


def _stop_all(system: E2ESystem) -> None:
    running = [s for s in system.services.values() if s.running]
    for service in running:
        service.terminate()  # SIGTERM to the group, all at once
    for service in running:
        service.wait_stopped(STOP_GRACE)  # SIGKILL to the group after the grace period


# --------------------------------------------------------------------------- demo data


def _run_seed(system: E2ESystem, url: str) -> None:
    """``python -m services.listings.seed --url …`` exactly as the launcher runs it."""
    result = subprocess.run(
        [sys.executable, "-m", "services.listings.seed", "--url", url],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=SEED_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        log = system.services["listings"].output_path
        raise StackError(
            f"seed failed ({result.returncode}): {result.stdout}{result.stderr}\n"
            f"--- listings log tail:\n{tail(log)}"
        )
    organizations, listings = load()
    system.seeded_organizations, system.seeded_listings = len(organizations), len(listings)


def _push_a_pair(system: E2ESystem, listings_url: str) -> None:
    """One offer and one demand written to match each other, published through the listings
    API, then wait for matching to propose them to each other."""
    if "matching" not in system.services:
        system.proposal_skipped = "matching not running"
        return
    offer, demand = _pair()
    settings = ListingsSettings()
    try:
        with httpx.Client(base_url=listings_url, timeout=30.0) as http:
            seeder = Seeder(http, settings)
            for organization in _pair_organizations():
                seeder.ensure_organization(organization)
            offer_id = seeder.ensure_published(offer)
            demand_id = seeder.ensure_published(demand)
        system.seeded_organizations += 2
        system.seeded_listings += 2
        match_id = _await_proposal(system.services["matching"].url, settings, offer_id, demand_id)
    except (SeedError, StackError, httpx.HTTPError) as exc:
        # The contract and privacy checks still run; the proposal test reports this.
        system.proposal_error = str(exc)
        return
    system.proposal = {"offer_id": offer_id, "demand_id": demand_id, "match_id": match_id}


def _await_proposal(url: str, settings: ListingsSettings, offer_id: str, demand_id: str) -> str:
    token = mint_token(
        settings.jwt_secret.get_secret_value(), "e2e-broker", [Role.broker],
        audience=settings.jwt_audience, issuer=settings.jwt_issuer,
    )  # fmt: skip
    headers = {"Authorization": f"Bearer {token}"}
    deadline = time.monotonic() + PROPOSAL_TIMEOUT
    last = ""
    with httpx.Client(base_url=url, timeout=10.0) as http:
        while time.monotonic() < deadline:
            response = http.get("/v1/matches", params={"listing_id": offer_id}, headers=headers)
            last = f"{response.status_code} {response.text[:300]}"
            if response.status_code == 200:
                for item in response.json():
                    if item.get("demand_id") == demand_id and item.get("offer_id") == offer_id:
                        return str(item["match_id"])
            time.sleep(0.5)
    raise StackError(
        f"matching proposed no match for {offer_id} × {demand_id} in {PROPOSAL_TIMEOUT:.0f}s "
        f"(last answer: {last})"
    )


def _pair_organizations() -> list[dict[str, Any]]:
    common = {"province_code": "51", "commune_code": "23425", "contact_name": "TS. Phạm Minh Đức"}
    return [
        common | {
            "organization_id": PAIR_OWNER_OFFER, "kind": "research_institute",
            "name": "Viện Thử nghiệm Chế biến Dược liệu E2E",
            "email": "duc.pham@vien-e2e.vn", "phone": "0905 111 222",
        },
        common | {
            "organization_id": PAIR_OWNER_DEMAND, "kind": "cooperative",
            "name": "Hợp tác xã Dược liệu Tu Mơ Rông E2E",
            "email": "htx.tumorong@e2e-htx.vn", "phone": "+84 914 333 444",
        },
    ]  # fmt: skip


def _pair() -> tuple[dict[str, Any], dict[str, Any]]:
    """Near-identical text, same sector and place, TRL above the demand's minimum, price
    inside its budget: a pair any sensible engine scores above its threshold."""
    topic = "sấy lạnh dược liệu sâm dây đương quy giữ hoạt chất"
    offer = {
        "owner": PAIR_OWNER_OFFER,
        "kind": "offer",
        "title": "Công nghệ sấy lạnh dược liệu sâm dây, đương quy giữ hoạt chất",
        "summary": f"Quy trình và thiết bị {topic}, nhiệt độ dưới 45 °C.",
        "description": f"Hệ thống {topic}; giữ màu tự nhiên, giảm 30% chi phí so với lò củi.",
        "sector": "medicinal_herbs",
        "keywords": ["sấy lạnh", "dược liệu", "sâm dây"],
        "trl": 7,
        "transfer_objects": ["process", "equipment_with_know_how"],
        "transfer_forms": ["independent_transfer"],
        "rights_mode": "non_exclusive_licence",
        "valid_until": "2028-12-31",
        "price_vnd": 500_000_000,
        "location_code": "23425",
        "state_funded": False,
    }
    demand = {
        "owner": PAIR_OWNER_DEMAND, "kind": "demand",
        "title": "Cần công nghệ sấy lạnh dược liệu sâm dây, đương quy giữ hoạt chất",
        "summary": f"Hợp tác xã cần quy trình và thiết bị {topic}.",
        "description": f"Cần {topic}; sấy dưới 45 °C, giữ màu tự nhiên, giảm chi phí.",
        "desired_outcome": "Sấy dưới 45 °C, giữ màu tự nhiên, giảm 30% chi phí so với lò củi.",
        "sector": "medicinal_herbs", "keywords": ["sấy lạnh", "dược liệu", "sâm dây"],
        "min_trl": 6, "transfer_forms": ["independent_transfer"], "deadline": "2027-12-31",
        "anonymous": False, "valid_until": "2028-06-30", "budget_min_vnd": 300_000_000,
        "budget_max_vnd": 900_000_000, "location_code": "23425",
    }  # fmt: skip
    return offer, demand


# --------------------------------------------------------------------------- settling


def _wait_until_settled(bootstrap_servers: str, group_prefix: str) -> None:
    """Wait until this run's services have consumed everything (zero lag in each of their
    consumer groups) and no public topic has grown for `SETTLE_QUIET` s: their reactions to
    the seed (proposals, notifications, …) are on the topics before the tests read.

    The services' groups start at the end the topics had when they were started: what they
    consume is this run's seed and pair, and what those cause.
    """
    watcher = Consumer(new_consumer_config(bootstrap_servers, f"e2e-settle-{uuid.uuid4().hex}"))
    admin = AdminClient({"bootstrap.servers": bootstrap_servers})
    public = [t.name for t in public_topics()]
    state: tuple[dict[tuple[str, int], int], int] | None = None
    quiet_since = time.monotonic()
    deadline = quiet_since + SETTLE_TIMEOUT
    try:
        while time.monotonic() < deadline:
            ends = {tp: _end_offset(watcher, *tp) for tp in _partitions(watcher, public)}
            lag = _lag(admin, watcher, group_prefix)
            if state != (ends, lag) or lag:
                state, quiet_since = (ends, lag), time.monotonic()
            elif time.monotonic() - quiet_since >= SETTLE_QUIET:
                return
            time.sleep(0.5)
    finally:
        watcher.close()
    raise StackError(f"the services did not settle in {SETTLE_TIMEOUT:.0f}s (lag {state})")


def _partitions(consumer: Consumer, topics: list[str]) -> list[tuple[str, int]]:
    metadata = consumer.list_topics(timeout=10)
    return [(name, p) for name in topics for p in metadata.topics[name].partitions]


def _end_offset(consumer: Consumer, topic: str, partition: int) -> int:
    tp = TopicPartition(topic, partition)
    return int(consumer.get_watermark_offsets(tp, timeout=10, cached=False)[1])


def _lag(admin: AdminClient, watcher: Consumer, group_prefix: str) -> int:
    """Records not yet committed by the groups of this run's services (-1: no group yet)."""
    listed = admin.list_consumer_groups(request_timeout=10).result()
    groups = [g.group_id for g in listed.valid if g.group_id.startswith(f"{group_prefix}.")]
    if not groups:
        return -1
    total = 0
    for group, future in admin.describe_consumer_groups(groups, request_timeout=10).items():
        assigned = [tp for m in future.result().members for tp in m.assignment.topic_partitions]
        if not assigned:
            return -1  # rebalancing
        request = [ConsumerGroupTopicPartitions(group, assigned)]
        for offsets in admin.list_consumer_group_offsets(request, request_timeout=10).values():
            for tp in offsets.result().topic_partitions:
                low, high = watcher.get_watermark_offsets(tp, timeout=10, cached=False)
                total += high - (tp.offset if tp.offset >= 0 else low)
    return total


def new_consumer_config(bootstrap_servers: str, group_id: str) -> dict[str, Any]:
    """A plain librdkafka consumer, as an agency would configure one (minus credentials)."""
    return {
        "bootstrap.servers": bootstrap_servers,
        "group.id": group_id,
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "enable.partition.eof": True,
        "client.id": "stx-e2e-agency",
    }


def dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)[:500]
