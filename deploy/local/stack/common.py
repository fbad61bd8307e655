"""Constants, errors and small helpers shared by every part of the local stack."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Coroutine, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

REPO_ROOT = Path(__file__).resolve().parents[3]
KAFKA_POM = Path(__file__).resolve().parent.parent / "kafka" / "pom.xml"
KAFKA_LOG4J2 = Path(__file__).resolve().parent.parent / "kafka" / "log4j2.properties"
DATA_DIR = REPO_ROOT / ".data"
PIDS_FILE = DATA_DIR / "stack.pids"
LOOPBACK = "127.0.0.1"

DEFAULT_KAFKA_PORT = 9092
DEFAULT_KAFKA_CONTROLLER_PORT = 9093
DEFAULT_MONGODB_PORT = 27017
SERVICE_HTTP_PORTS: Mapping[str, int] = {
    "listings": 8001,
    "matching": 8002,
    "notifications": 8003,
    "awards": 8004,
}
PORTAL_HTTP_PORT = 8000
"""The exchange's web pages (`services/portal`): the first address `make run` prints."""

# Two cores and a laptop's memory: the broker does not need Kafka's production heap.
KAFKA_JVM_OPTS = (
    "-Xms256m",
    "-Xmx512m",
    "-XX:+UseG1GC",
    "-XX:MaxGCPauseMillis=20",
    "-Djava.awt.headless=true",
)
KAFKA_READY_TIMEOUT = 120.0
MONGO_READY_TIMEOUT = 30.0
SERVICE_READY_TIMEOUT = 90.0
STOP_TIMEOUT = 30.0


class StackError(RuntimeError):
    """A component could not be prepared, started or reached; the message says where to look."""


def free_port() -> int:
    """A TCP port on the loopback that nothing listens on right now (for ephemeral stacks)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def port_open(port: int, host: str = LOOPBACK) -> bool:
    """True when something accepts TCP connections on host:port."""
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.5):
        return True
    return False


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on a private event loop in a worker thread and return its result.

    This library is synchronous (CLI, session fixtures), yet it is also called from async tests
    that restart the broker mid-stream, where ``asyncio.run`` refuses to nest in the running loop.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()
