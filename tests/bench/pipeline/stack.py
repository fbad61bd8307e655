"""An ephemeral stack for the benchmarks: Kafka + SecantusDB on free ports in a temp dir (the
building blocks of `deploy/local/stack/`), the services as real processes (one or more replicas
each), an SMTP sink that keeps every Message-ID, and process memory and CPU time read from /proc."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiosmtpd.controller import Controller

from deploy.local.stack import (
    LOOPBACK,
    KafkaProcess,
    SecantusProcess,
    ServiceProcess,
    create_topics,
    default_cache_dir,
    ensure_kafka_libs,
    free_port,
    service_env,
)
from shared.topics import TOPICS


class MailSink:
    """Accepts every message (nothing leaves the machine); counts them, keeps when each arrived
    and how often each Message-ID came (a re-send keeps its Message-ID: a duplicate shows)."""

    def __init__(self) -> None:
        self.accepted = 0
        self.accepted_at: list[float] = []
        self.message_ids: Counter[str] = Counter()
        self._lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        headers = BytesHeaderParser().parsebytes(envelope.original_content or envelope.content)
        with self._lock:
            self.accepted += 1
            self.accepted_at.append(time.time())
            self.message_ids[str(headers.get("Message-ID", ""))] += 1
        return "250 OK"


@dataclass
class BenchStack:
    root: Path
    kafka: KafkaProcess
    mongo: SecantusProcess
    services: dict[str, ServiceProcess] = field(default_factory=dict)
    sink: MailSink = field(default_factory=MailSink)
    smtp: Controller | None = None

    @property
    def bootstrap(self) -> str:
        return self.kafka.bootstrap_servers

    @property
    def mongo_url(self) -> str:
        return self.mongo.url

    @classmethod
    def start(cls, extra_topics: list[tuple[str, int]], store_cache: str = "256M") -> BenchStack:
        root = Path(tempfile.mkdtemp(prefix="stx-bench-pipeline-"))
        kafka = KafkaProcess(
            root / "kafka", free_port(), free_port(), ensure_kafka_libs(default_cache_dir())
        )
        kafka.start(wait=False)
        mongo = SecantusProcess(root / "mongo", free_port(), store_cache)
        stack = cls(root, kafka, mongo)
        try:
            mongo.start()
            kafka.wait_ready()
            create_topics(kafka.bootstrap_servers, TOPICS)
            asyncio.run(_create(kafka.bootstrap_servers, extra_topics))
        except BaseException:
            stack.stop()
            raise
        return stack

    def start_services(
        self, names: list[str], env: dict[str, str], replicas: int = 1, ready_timeout: float = 180
    ) -> None:
        """Each service as `replicas` processes in its one consumer group, keyed `name` for the
        first and `name#2`, `name#3`… for the others."""
        for name, key in ((n, replica_key(n, r)) for n in names for r in range(1, replicas + 1)):
            self.spawn(name, key, env)
        for service in self.services.values():
            service.wait_ready(ready_timeout)

    def spawn(self, name: str, key: str, env: dict[str, str]) -> ServiceProcess:
        """Start one replica of a service without waiting for it to be ready."""
        if self.smtp is None:
            self.smtp = Controller(self.sink, hostname=LOOPBACK, port=free_port())
            self.smtp.start()
        port = free_port()
        service_vars = service_env(name, self.bootstrap, self.mongo_url, port) | {
            "STX_DEPLOYMENT": "bench",
            "STX_LOG_FORMAT": "json",
            "STX_GRACEFUL_TIMEOUT_SECONDS": "5",
            "STX_NOTIFICATIONS_SMTP_HOST": LOOPBACK,
            "STX_NOTIFICATIONS_SMTP_PORT": str(self.smtp.port),
            **env,
        }
        service = ServiceProcess(name, port, service_vars, echo=False)
        service.output_path = self.log_path(key)
        self.services[key] = service
        service.start(wait=False)
        return service

    def start_portal(self, listings_url: str) -> ServiceProcess:
        """The portal, reading the listings service at `listings_url`, ready."""
        port = free_port()
        portal = ServiceProcess("portal", port, {
            "STX_PORTAL_HTTP_PORT": str(port), "STX_PORTAL_LISTINGS_URL": listings_url,
            "STX_LOG_FORMAT": "json", "STX_LOG_LEVEL": "WARNING",
        }, echo=False)  # fmt: skip
        portal.output_path = self.log_path("portal")
        self.services["portal"] = portal
        portal.start()
        return portal

    def log_path(self, key: str) -> Path:
        return self.root / "logs" / f"{key.replace('#', '-')}.log"

    def replicas_of(self, name: str) -> dict[str, ServiceProcess]:
        return {key: s for key, s in self.services.items() if s.name == name}

    def stop(self) -> None:
        running = [s for s in self.services.values() if s.running]
        for service in running:
            service.terminate()
        for service in running:
            service.wait_stopped(20)
        if self.smtp is not None:
            with contextlib.suppress(Exception):
                self.smtp.stop()
        for daemon in (self.kafka, self.mongo):
            with contextlib.suppress(Exception):
                if daemon.running:
                    daemon.stop(20)
        shutil.rmtree(self.root, ignore_errors=True)


async def _create(bootstrap: str, topics: list[tuple[str, int]]) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, parts, 1) for name, parts in topics])
    finally:
        await admin.close()


def memory_mib(pid: int | None) -> tuple[float, float]:
    """(VmRSS, VmHWM) of one process in MiB; NaN when it is gone."""
    values = {"VmRSS": float("nan"), "VmHWM": float("nan")}
    if pid is None:
        return values["VmRSS"], values["VmHWM"]
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key = line.split(":", 1)[0]
            if key in values:
                values[key] = int(line.split()[1]) / 1024
    return values["VmRSS"], values["VmHWM"]


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU time of one process so far (its own, not its children's); NaN when gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def replica_key(name: str, replica: int) -> str:
    return name if replica == 1 else f"{name}#{replica}"


def wait_until(predicate: Any, timeout: float, step: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False
