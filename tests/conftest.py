"""Fixtures shared by every test suite.

``stack`` gives integration and e2e tests a real Kafka broker and a real MongoDB-wire server
(SecantusDB), started once per session on free loopback ports in a temporary directory; unit
tests never request it, so a unit-only run never starts a JVM. Set
``STX_TEST_KAFKA_BOOTSTRAP_SERVERS`` / ``STX_TEST_MONGODB_URL`` to test against servers you run
yourself instead (their restart methods then refuse).

Topics: the session creates every topic of `shared.topics.TOPICS`. A test that needs topics
of its own puts ``test`` and its ``unique_name`` in their names (``stx.test.<unique_name>``):
the registry test ignores those.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from deploy.local.stack import (
    Daemon,
    KafkaProcess,
    SecantusProcess,
    create_topics,
    default_cache_dir,
    ensure_kafka_libs,
    free_port,
    wait_for_kafka,
    wait_for_mongo,
)
from shared.topics import TOPICS
from tests.scheduling import SharedSystemScheduling, make_scheduler

INFRA_MARKERS = ("integration", "e2e")
# Suites that flood the shared topics (hundreds of hostile records, whole-system runs) go last,
# so the service suites' consumer groups, which read from the start, do not replay them.
LAST_SUITES = ("tests/hostile/", "tests/e2e/")
OWN_SERVERS_SUITES = ("tests/chaos/",)


def _path(item: pytest.Item) -> str:
    return item.nodeid.replace("\\", "/")


def _suite_rank(item: pytest.Item) -> int:
    path = _path(item)
    return next((i + 1 for i, suite in enumerate(LAST_SUITES) if path.startswith(suite)), 0)


def _schedule_key(item: pytest.Item) -> tuple[int, int]:
    """The reduced chaos run first (the longest single test, on servers of its own: it starts at
    once beside everything else), then the suite with the flooding suites last."""
    if _path(item).startswith(OWN_SERVERS_SUITES):
        return (0, 0)
    return (1, _suite_rank(item))


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> SharedSystemScheduling:
    """`make test` runs two workers; tests/scheduling.py says how they share the suite."""
    return make_scheduler(config, log)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Order the suite (see `_schedule_key`), and refuse a test that uses ``stack`` without an
    integration/e2e marker (markers are how CI selects suites: an unmarked test would start
    Kafka in a "unit" run)."""
    items.sort(key=_schedule_key)  # stable: the order within each group is kept
    offenders = [
        item.nodeid
        for item in items
        if "stack" in getattr(item, "fixturenames", ())
        and not any(item.get_closest_marker(marker) for marker in INFRA_MARKERS)
    ]
    if offenders:
        raise pytest.UsageError(
            "tests using the `stack` fixture must be marked integration or e2e: "
            + ", ".join(offenders)
        )


@dataclass
class InfraStack:
    """The session's broker and store, with stop/start to exercise outages mid-test.

    Restarts reuse the same ports and data dir, so clients reconnect to the same address and
    find their records. The methods block; from an async test that needs its event loop to keep
    running meanwhile (consumers in the background), call them via ``asyncio.to_thread``.
    """

    bootstrap_servers: str
    mongodb_url: str
    kafka: KafkaProcess | None = None
    mongo: SecantusProcess | None = None

    def stop_kafka(self, *, crash: bool = False) -> None:
        """Stop the broker: controlled shutdown, or SIGKILL with ``crash=True``."""
        self._stop(self._own(self.kafka, "STX_TEST_KAFKA_BOOTSTRAP_SERVERS"), crash)

    def start_kafka(self) -> None:
        """Start the broker again on the same ports and log dirs; returns once it serves."""
        self._own(self.kafka, "STX_TEST_KAFKA_BOOTSTRAP_SERVERS").start()

    def stop_mongo(self, *, crash: bool = False) -> None:
        """Stop SecantusDB: clean shutdown, or SIGKILL with ``crash=True``."""
        self._stop(self._own(self.mongo, "STX_TEST_MONGODB_URL"), crash)

    def start_mongo(self) -> None:
        """Start SecantusDB again on the same port and data; returns once ``hello`` answers."""
        self._own(self.mongo, "STX_TEST_MONGODB_URL").start()

    @staticmethod
    def _stop(daemon: Daemon, crash: bool) -> None:
        if crash:
            daemon.kill()
        else:
            daemon.stop()

    @staticmethod
    def _own(daemon: Daemon | None, variable: str) -> Daemon:
        if daemon is None:
            raise RuntimeError(
                f"cannot stop/start a server given by {variable}: unset it to let the tests "
                "run their own"
            )
        return daemon


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InfraStack]:
    """A real Kafka + SecantusDB for the session, with every topic of the registry created."""
    root = tmp_path_factory.mktemp("stack")
    with ExitStack() as cleanup:
        kafka = _own_kafka(root) if not os.environ.get("STX_TEST_KAFKA_BOOTSTRAP_SERVERS") else None
        if kafka is not None:
            cleanup.callback(kafka.stop)
            kafka.start(wait=False)  # the JVM warms up while SecantusDB starts
        mongo = _own_mongo(root) if not os.environ.get("STX_TEST_MONGODB_URL") else None
        if mongo is not None:
            cleanup.callback(mongo.stop)
            mongo.start()
        infra = InfraStack(
            bootstrap_servers=kafka.bootstrap_servers if kafka else _external_kafka(),
            mongodb_url=mongo.url if mongo else _external_mongo(),
            kafka=kafka,
            mongo=mongo,
        )
        if kafka is not None:
            kafka.wait_ready()
        create_topics(infra.bootstrap_servers, TOPICS)
        yield infra


def _own_kafka(root: Path) -> KafkaProcess:
    libs = ensure_kafka_libs(default_cache_dir())
    return KafkaProcess(root / "kafka", free_port(), free_port(), libs)


def _own_mongo(root: Path) -> SecantusProcess:
    return SecantusProcess(root / "mongo", free_port())


def _external_kafka() -> str:
    bootstrap = os.environ["STX_TEST_KAFKA_BOOTSTRAP_SERVERS"]
    wait_for_kafka(bootstrap)
    return bootstrap


def _external_mongo() -> str:
    url = os.environ["STX_TEST_MONGODB_URL"]
    wait_for_mongo(url)
    return url


@pytest.fixture
def unique_name() -> str:
    """A short unique suffix for per-test database names, consumer groups and keys."""
    return uuid.uuid4().hex[:10]
