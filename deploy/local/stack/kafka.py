"""The Kafka broker (KRaft, one node) and the registry's topics."""

from __future__ import annotations

import base64
import subprocess
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError, for_code

from deploy.local.stack.common import (
    KAFKA_JVM_OPTS,
    KAFKA_LOG4J2,
    KAFKA_READY_TIMEOUT,
    LOOPBACK,
    StackError,
    port_open,
    run_async,
)
from deploy.local.stack.processes import (
    Daemon,
)
from shared.topics import TOPICS, TopicSpec


class KafkaProcess(Daemon):
    """A single-node KRaft broker+controller, formatted once and reused across restarts.

    ``data_dir`` holds everything of this broker: ``cluster.id``, ``server.properties``, the
    record logs (``kraft-logs/``) and its own log files (``logs/server.log``).
    """

    name = "kafka"
    ready_timeout = KAFKA_READY_TIMEOUT

    def __init__(self, data_dir: Path, port: int, controller_port: int, libs: Path) -> None:
        super().__init__(data_dir / "logs" / "kafka.out")
        self.data_dir = data_dir
        self.port = port
        self.controller_port = controller_port
        self.libs = libs

    @property
    def bootstrap_servers(self) -> str:
        return f"{LOOPBACK}:{self.port}"

    @property
    def server_log(self) -> Path:
        return self.data_dir / "logs" / "server.log"

    def log_paths(self) -> list[Path]:
        return [self.server_log, self.output_path]

    def _java(self, main_class: str, *args: str) -> list[str]:
        return [
            "java", *KAFKA_JVM_OPTS,
            f"-Dlog4j2.configurationFile={KAFKA_LOG4J2}",
            f"-Dkafka.logs.dir={self.data_dir / 'logs'}",
            "-cp", f"{self.libs}/*", main_class, *args,
        ]  # fmt: skip

    def _command(self) -> list[str]:
        return self._java("kafka.Kafka", str(self.data_dir / "server.properties"))

    def _prepare(self) -> None:
        """Write the config every start (ports may be new) and format the storage only once."""
        (self.data_dir / "logs").mkdir(parents=True, exist_ok=True)
        properties = self.data_dir / "server.properties"
        properties.write_text(_server_properties(self.data_dir, self.port, self.controller_port))
        if (self.data_dir / "kraft-logs" / "meta.properties").is_file():
            return
        command = self._java(
            "kafka.tools.StorageTool", "format", "--standalone",
            "-t", self._cluster_id(), "-c", str(properties),
        )  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise StackError(f"formatting Kafka storage failed:\n{result.stdout}{result.stderr}")

    def _cluster_id(self) -> str:
        """The cluster id, generated once and kept in the data dir so reformatting keeps it."""
        path = self.data_dir / "cluster.id"
        if not path.is_file():
            path.write_text(_new_kafka_uuid())
        return path.read_text().strip()

    def _probe(self) -> bool:
        return port_open(self.port) and run_async(_kafka_answers_metadata(self.bootstrap_servers))


def _new_kafka_uuid() -> str:
    """A Kafka ``Uuid`` string (URL-safe base64 of 16 random bytes, never starting with '-')."""
    while True:
        text = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not text.startswith("-"):
            return text


def _server_properties(data_dir: Path, port: int, controller_port: int) -> str:
    settings = {
        "process.roles": "broker,controller",
        "node.id": "1",
        "controller.quorum.bootstrap.servers": f"{LOOPBACK}:{controller_port}",
        "listeners": f"PLAINTEXT://{LOOPBACK}:{port},CONTROLLER://{LOOPBACK}:{controller_port}",
        "advertised.listeners": f"PLAINTEXT://{LOOPBACK}:{port}",
        "controller.listener.names": "CONTROLLER",
        "inter.broker.listener.name": "PLAINTEXT",
        "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs": str(data_dir / "kraft-logs"),
        "auto.create.topics.enable": "false",
        "offsets.topic.replication.factor": "1",
        "offsets.topic.num.partitions": "10",  # 50 by default: slow first group join on 2 cores
        "transaction.state.log.replication.factor": "1",
        "transaction.state.log.min.isr": "1",
        "transaction.state.log.num.partitions": "10",
        "share.coordinator.state.topic.replication.factor": "1",
        "share.coordinator.state.topic.min.isr": "1",
        "group.initial.rebalance.delay.ms": "0",
        # After a crash (tests kill the broker) the restarted broker cannot register until the
        # dead incarnation's session expires: 9 s by default.
        "broker.session.timeout.ms": "6000",
        "broker.heartbeat.interval.ms": "1500",
        "num.network.threads": "2",
        "num.io.threads": "4",
    }
    return "".join(f"{key}={value}\n" for key, value in settings.items())


async def _kafka_answers_metadata(bootstrap_servers: str) -> bool:
    """True when the cluster answers a metadata request listing at least one (unfenced) broker."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=5000)
    try:
        await admin.start()
        cluster = await admin.describe_cluster()
    except Exception:  # any failure just means "not ready yet"
        return False
    finally:
        await admin.close()
    return bool(cluster.get("brokers"))


def start_kafka(data_dir: Path, port: int, controller_port: int, libs: Path) -> KafkaProcess:
    """Start a local broker on the given loopback ports and wait until it serves metadata."""
    kafka = KafkaProcess(data_dir, port, controller_port, libs)
    kafka.start()
    return kafka


def wait_for_kafka(bootstrap_servers: str, timeout: float = 30.0) -> None:
    """Wait until an external cluster (``KAFKA_BOOTSTRAP_SERVERS``) answers metadata."""
    deadline = time.monotonic() + timeout
    while not run_async(_kafka_answers_metadata(bootstrap_servers)):
        if time.monotonic() > deadline:
            raise StackError(f"Kafka at {bootstrap_servers} did not answer within {timeout:.0f}s")
        time.sleep(0.5)


def create_topics(
    bootstrap_servers: str, specs: Iterable[TopicSpec] = TOPICS, replication_factor: int = 1
) -> list[str]:
    """Create the registry's topics that do not exist yet; return the names created.

    Partitions and config come from the registry; the replication factor is the caller's (1 on a
    single local broker), and ``min.insync.replicas`` is capped to it, or every ``acks=all``
    produce would fail with NOT_ENOUGH_REPLICAS. Existing topics are left alone.
    """
    return run_async(_create_topics(bootstrap_servers, list(specs), replication_factor))


async def _create_topics(
    bootstrap_servers: str, specs: list[TopicSpec], replication_factor: int
) -> list[str]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers)
    try:
        await admin.start()
        existing = set(await admin.list_topics())
        missing = [_new_topic(s, replication_factor) for s in specs if s.name not in existing]
        if not missing:
            return []
        response = await admin.create_topics(missing)
    finally:
        await admin.close()
    for error in response.to_object()["topic_errors"]:
        exc = for_code(error["error_code"])
        if error["error_code"] and exc is not TopicAlreadyExistsError:
            raise StackError(f"creating topic {error['topic']} failed: {exc.__name__}")
    return [topic.name for topic in missing]


def _new_topic(spec: TopicSpec, replication_factor: int) -> NewTopic:
    config = spec.config()
    config["min.insync.replicas"] = str(min(spec.min_insync_replicas, replication_factor))
    return NewTopic(spec.name, spec.partitions, replication_factor, topic_configs=config)
