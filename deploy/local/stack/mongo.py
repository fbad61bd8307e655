"""SecantusDB, the MongoDB-wire server of dev and test, and waiting for it to be writable."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path
from typing import Any

from pymongo import MongoClient
from pymongo.errors import PyMongoError

from deploy.local.stack.common import (
    LOOPBACK,
    MONGO_READY_TIMEOUT,
    StackError,
    port_open,
)
from deploy.local.stack.processes import (
    Daemon,
)


class SecantusProcess(Daemon):
    """SecantusDB on the loopback; ``data_dir`` holds the WiredTiger home (``db/``) and its log."""

    name = "secantusdb"
    ready_timeout = MONGO_READY_TIMEOUT

    def __init__(self, data_dir: Path, port: int, cache_size: str = "256M") -> None:
        super().__init__(data_dir / "secantusd.log")
        self.data_dir = data_dir
        self.port = port
        # 1G is SecantusDB's default; 256M because the machine also runs a JVM and 4 services
        self.cache_size = cache_size

    @property
    def url(self) -> str:
        return mongodb_url(self.port)

    def _prepare(self) -> None:
        (self.data_dir / "db").mkdir(parents=True, exist_ok=True)

    def _command(self) -> list[str]:
        return [
            _secantusd_executable(),
            "--host", LOOPBACK, "--port", str(self.port),
            "--storage-path", str(self.data_dir / "db"),
            "--cache-size", self.cache_size,
        ]  # fmt: skip

    def _probe(self) -> bool:
        return port_open(self.port) and mongo_is_writable_primary(self.url)


def mongodb_url(port: int) -> str:
    return f"mongodb://{LOOPBACK}:{port}/?directConnection=true"


def _secantusd_executable() -> str:
    """`secantusd-py` of our own venv first (the launcher may run without the venv activated)."""
    candidate = Path(sys.executable).parent / "secantusd-py"
    if candidate.is_file():
        return str(candidate)
    found = shutil.which("secantusd-py")
    if found is None:
        raise StackError("secantusd-py not found: install the dev extras (make install)")
    return found


def mongo_is_writable_primary(url: str) -> bool:
    """True when the server answers ``hello`` as a writable primary (transactions need that)."""
    client: MongoClient[dict[str, Any]] = MongoClient(
        url, serverSelectionTimeoutMS=1000, connectTimeoutMS=1000
    )
    try:
        reply = client.admin.command("hello")
    except PyMongoError:
        return False
    finally:
        client.close()
    return bool(reply.get("isWritablePrimary"))


def wait_for_mongo(url: str, timeout: float = 30.0) -> None:
    """Wait until an external server (``MONGODB_URL``) answers as a writable primary."""
    deadline = time.monotonic() + timeout
    while not mongo_is_writable_primary(url):
        if time.monotonic() > deadline:
            raise StackError(f"MongoDB at {url} is not a writable primary after {timeout:.0f}s")
        time.sleep(0.5)


def start_secantus(data_dir: Path, port: int) -> SecantusProcess:
    """Start SecantusDB on the given loopback port and wait until ``hello`` answers."""
    mongo = SecantusProcess(data_dir, port)
    mongo.start()
    return mongo
