"""The local STX stack: a real Kafka broker, SecantusDB and the four services.

Used two ways:

* as a library by the test fixtures (`tests/conftest.py`), which start an ephemeral broker and
  store on free ports and restart them mid-test;
* as a CLI: ``python -m deploy.local.stack up [--detach] | down | status`` (``make run``).

Kafka comes from Maven Central (`deploy/local/kafka/pom.xml`), because no registry reachable
from our machines serves the Apache tarball; SecantusDB is a dev dependency on PyPI that speaks
the MongoDB wire protocol. Every child runs in its own process group, so one signal reaches the
whole child tree and a Ctrl-C in the terminal reaches only the launcher, which then stops the
children in order (services first, then Kafka and SecantusDB).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Coroutine, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeVar

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError, for_code
from pymongo import MongoClient
from pymongo.errors import PyMongoError

from shared.topics import SERVICES, TOPICS, TopicSpec

T = TypeVar("T")

REPO_ROOT = Path(__file__).resolve().parents[2]
KAFKA_POM = Path(__file__).resolve().parent / "kafka" / "pom.xml"
KAFKA_LOG4J2 = Path(__file__).resolve().parent / "kafka" / "log4j2.properties"
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


# --------------------------------------------------------------------------- prerequisites


FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def ensure_system_packages() -> None:
    """Install with apt what a fresh Debian box lacks: a Java runtime and Maven (Kafka runs on
    the JVM and is resolved by Maven) and the DejaVu fonts (Vietnamese certificate PDFs)."""
    packages = [_java_package()] if shutil.which("java") is None else []
    if shutil.which("mvn") is None:
        packages.append("maven")
    if not FONT_FILE.exists():
        packages.append("fonts-dejavu-core")
    if not packages:
        return
    if os.geteuid() != 0:
        raise StackError(
            f"missing system packages; as root run: apt-get update && apt-get install -y "
            f"{' '.join(packages)}"
        )
    print(f"stack: installing with apt: {' '.join(packages)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update"], check=True, env=env)
    subprocess.run(
        ["apt-get", "install", "-y", "--no-install-recommends", *packages], check=True, env=env
    )


def _java_package() -> str:
    """Java 17 where the distribution still ships it (bookworm), else the default (17+)."""
    probe = subprocess.run(
        ["apt-cache", "show", "openjdk-17-jre-headless"], capture_output=True, check=False
    )
    return "openjdk-17-jre-headless" if probe.returncode == 0 else "default-jre-headless"


def kafka_version() -> str:
    """The broker version, read from the pom so the version lives in exactly one place."""
    match = re.search(r"<kafka\.version>([^<]+)</kafka\.version>", KAFKA_POM.read_text())
    if match is None:
        raise StackError(f"no <kafka.version> property in {KAFKA_POM}")
    return match.group(1)


def default_cache_dir() -> Path:
    """`.cache/kafka-<version>/` in the repo root (gitignored), shared by `make` and the tests."""
    return REPO_ROOT / ".cache" / f"kafka-{kafka_version()}"


def ensure_kafka_libs(cache_dir: Path) -> Path:
    """Resolve the broker's jars into ``cache_dir/kafka-libs`` once; return that folder.

    A marker written after a successful resolve records the pom's hash and the jar names, so a
    later call is a few stat() calls, and a changed pom or a deleted jar triggers a clean
    re-resolve (stale jars of another version must never share the classpath).
    """
    libs = cache_dir / "kafka-libs"
    marker = cache_dir / "kafka-libs.json"
    pom_hash = hashlib.sha256(KAFKA_POM.read_bytes()).hexdigest()
    if _libs_complete(libs, marker, pom_hash):
        return libs
    ensure_system_packages()
    print(f"stack: resolving Kafka {kafka_version()} jars from Maven Central into {libs}")
    shutil.rmtree(libs, ignore_errors=True)
    marker.unlink(missing_ok=True)
    command = [
        "mvn", "-q", "-B", "-f", str(KAFKA_POM), "dependency:copy-dependencies",
        f"-DoutputDirectory={libs}", "-DincludeScope=runtime",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise StackError(f"mvn failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    jars = sorted(p.name for p in libs.glob("*.jar"))
    marker.write_text(json.dumps({"pom_sha256": pom_hash, "jars": jars}, indent=1))
    return libs


def _libs_complete(libs: Path, marker: Path, pom_hash: str) -> bool:
    """True when the marker matches the current pom and every jar it lists is present."""
    try:
        recorded = json.loads(marker.read_text())
    except (OSError, ValueError):
        return False
    jars = recorded.get("jars") or []
    return recorded.get("pom_sha256") == pom_hash and all((libs / j).is_file() for j in jars)


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


def _run_async(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on a private event loop in a worker thread and return its result.

    This library is synchronous (CLI, session fixtures), yet it is also called from async tests
    that restart the broker mid-stream, where ``asyncio.run`` refuses to nest in the running loop.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


# --------------------------------------------------------------------------- processes


class Daemon:
    """A long-running child process in its own process group, with readiness and stop/restart.

    Subclasses say how to prepare (`_prepare`), what to run (`_command`) and when it is ready
    (`_probe`). ``echo_prefix`` tees the output to the console (prefixed) besides the log file;
    otherwise output goes to the log file only.
    """

    name = "daemon"
    ready_timeout = 60.0

    def __init__(self, output_path: Path, echo_prefix: str | None = None) -> None:
        self.output_path = output_path
        self.echo_prefix = echo_prefix
        self._popen: subprocess.Popen[bytes] | None = None

    # -- hooks
    def _prepare(self) -> None:
        """Create directories/files the command needs (idempotent)."""

    def _command(self) -> list[str]:
        raise NotImplementedError

    def _env(self) -> dict[str, str]:
        return dict(os.environ)

    def _probe(self) -> bool:
        """One readiness check; must be quick and must not raise when not ready yet."""
        raise NotImplementedError

    def log_paths(self) -> list[Path]:
        """Where to look when the process misbehaves, most useful first."""
        return [self.output_path]

    # -- lifecycle
    @property
    def pid(self) -> int | None:
        return self._popen.pid if self._popen else None

    @property
    def running(self) -> bool:
        return self._popen is not None and self._popen.poll() is None

    def start(self, wait: bool = True) -> None:
        """Spawn the process (if not running) and, by default, wait until it is ready."""
        if self.running:
            return
        self._prepare()
        self.output_path.parent.mkdir(parents=True, exist_ok=True)
        self._spawn()
        if wait:
            self.wait_ready()

    def _spawn(self) -> None:
        log = self.output_path.open("ab")
        log.write(f"\n=== {self.name} started {time.strftime('%Y-%m-%d %H:%M:%S')} ===\n".encode())
        log.flush()
        self._popen = subprocess.Popen(
            self._command(),
            cwd=REPO_ROOT,
            env=self._env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE if self.echo_prefix else log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if self.echo_prefix and self._popen.stdout is not None:
            pump = threading.Thread(
                target=_tee, args=(self._popen.stdout, log, self.echo_prefix), daemon=True
            )
            pump.start()
        else:
            log.close()

    def wait_ready(self, timeout: float | None = None) -> None:
        """Poll `_probe` until it succeeds; fail fast, with the log's tail, if the process dies."""
        limit = timeout or self.ready_timeout
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if not self.running:
                code = self._popen.returncode if self._popen else None
                raise StackError(f"{self.name} exited ({code}) while starting{self._hint()}")
            if self._probe():
                return
            time.sleep(0.3)
        raise StackError(f"{self.name} not ready after {limit:.0f}s{self._hint()}")

    def _hint(self) -> str:
        paths = [p for p in self.log_paths() if p.is_file() and p.stat().st_size]
        tails = "".join(f"\n--- last lines of {p}:\n{_tail(p)}" for p in paths)
        where = ", ".join(str(p) for p in self.log_paths())
        return f"; see {where}{tails}"

    def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        """SIGTERM the process group, then SIGKILL it when it has not exited within ``timeout``."""
        self.terminate()
        self.wait_stopped(timeout)

    def terminate(self) -> None:
        """Send SIGTERM without waiting, to stop several daemons in parallel (then `wait_stopped`).

        Sent once only: a second signal makes some servers skip their graceful shutdown.
        """
        if self._popen is not None:
            _signal_group(self._popen.pid, signal.SIGTERM)

    def wait_stopped(self, timeout: float = STOP_TIMEOUT) -> None:
        """Wait for a terminated process to exit, SIGKILLing its group after ``timeout``."""
        if self._popen is None:
            return
        await_group_exit(self._popen.pid, timeout, self._popen)
        self._popen = None

    def kill(self) -> None:
        """SIGKILL the process group: a crash, for tests of recovery."""
        if self._popen is None:
            return
        _signal_group(self._popen.pid, signal.SIGKILL)
        self._popen.wait()
        self._popen = None

    def restart(self, timeout: float = STOP_TIMEOUT) -> None:
        """Stop gracefully, then start again with the same ports and data."""
        self.stop(timeout)
        self.start()


def _tee(stream: IO[bytes], log: IO[bytes], prefix: str) -> None:
    """Copy a child's output to its log file and, prefixed, to our console, line by line."""
    with log:
        for line in iter(stream.readline, b""):
            log.write(line)
            log.flush()
            text = line.decode("utf-8", errors="replace").rstrip("\n")
            # A closed console must not stop the copying: the child would block on a full pipe.
            with _CONSOLE_LOCK, contextlib.suppress(OSError, ValueError):
                print(f"{prefix}{text}", flush=True)


_CONSOLE_LOCK = threading.Lock()


def _tail(path: Path, lines: int = 25) -> str:
    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - 16_384))
        return "\n".join(fh.read().decode("utf-8", errors="replace").splitlines()[-lines:])


def _signal_group(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)


def stop_group(pid: int, timeout: float, popen: subprocess.Popen[bytes] | None = None) -> None:
    """SIGTERM a process group led by ``pid``, wait, then SIGKILL it.

    ``popen`` is given when the leader is our child (so it is reaped); a leader started by an
    earlier ``up --detach`` is not our child and is polled instead.
    """
    _signal_group(pid, signal.SIGTERM)
    await_group_exit(pid, timeout, popen)


def await_group_exit(
    pid: int, timeout: float, popen: subprocess.Popen[bytes] | None = None
) -> None:
    """Wait for a SIGTERMed group leader to exit; SIGKILL the group when it takes too long."""
    if not _wait_exit(pid, timeout, popen):
        print(f"stack: pid {pid} ignored SIGTERM for {timeout:.0f}s: SIGKILL")
        _signal_group(pid, signal.SIGKILL)
        _wait_exit(pid, 10.0, popen)


def _wait_exit(pid: int, timeout: float, popen: subprocess.Popen[bytes] | None) -> bool:
    if popen is not None:
        try:
            popen.wait(timeout)
        except subprocess.TimeoutExpired:
            return False
        return True
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return Path(f"/proc/{pid}").is_dir() and not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


# --------------------------------------------------------------------------- Kafka


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
        return port_open(self.port) and _run_async(_kafka_answers_metadata(self.bootstrap_servers))


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
    while not _run_async(_kafka_answers_metadata(bootstrap_servers)):
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
    return _run_async(_create_topics(bootstrap_servers, list(specs), replication_factor))


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


# --------------------------------------------------------------------------- SecantusDB


class SecantusProcess(Daemon):
    """SecantusDB on the loopback; ``data_dir`` holds the WiredTiger home (``db/``) and its log."""

    name = "secantusdb"
    ready_timeout = MONGO_READY_TIMEOUT

    def __init__(self, data_dir: Path, port: int) -> None:
        super().__init__(data_dir / "secantusd.log")
        self.data_dir = data_dir
        self.port = port

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
            "--cache-size", "256M",  # 1G by default; the machine also runs a JVM and 4 services
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


# --------------------------------------------------------------------------- services


class ServiceProcess(Daemon):
    """``python -m services.<name>``, ready when ``/readyz`` answers 200."""

    ready_timeout = SERVICE_READY_TIMEOUT

    def __init__(self, name: str, port: int, env: Mapping[str, str], echo: bool) -> None:
        super().__init__(DATA_DIR / "logs" / f"{name}.log", f"{name:<13} | " if echo else None)
        self.name = name
        self.port = port
        self.extra_env = dict(env)

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def _command(self) -> list[str]:
        return [sys.executable, "-m", f"services.{self.name}"]

    def _env(self) -> dict[str, str]:
        return {**os.environ, **self.extra_env}

    def _probe(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/readyz", timeout=2) as response:  # noqa: S310
                return bool(response.status == 200)
        except (OSError, urllib.error.URLError):
            return False


def runnable_module(dotted: str) -> bool:
    """True when ``python -m <dotted>`` has something to run in this checkout.

    Checked on disk, not by importing: importing a half-written service into the launcher would
    run its side effects here, and services are being written while the stack is in use.
    """
    path = REPO_ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__main__.py").is_file()


def service_env(name: str, bootstrap_servers: str, url: str, port: int) -> dict[str, str]:
    """The settings a service reads (see `shared.settings.ServiceSettings`)."""
    return {
        "STX_KAFKA_BOOTSTRAP_SERVERS": bootstrap_servers,
        "STX_MONGODB_URL": url,
        f"STX_{name.upper()}_HTTP_PORT": str(port),
        "STX_LOG_FORMAT": os.environ.get("LOG_FORMAT", "console"),
        "PYTHONUNBUFFERED": "1",
    }


# --------------------------------------------------------------------------- the `up` stack


@dataclass
class LocalStack:
    """What `up` started (or found), in start order, so it can be stopped in reverse."""

    bootstrap_servers: str = ""
    mongodb_url: str = ""
    kafka: KafkaProcess | None = None
    mongo: SecantusProcess | None = None
    services: list[ServiceProcess] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def daemons(self) -> list[Daemon]:
        infra: list[Daemon] = [d for d in (self.kafka, self.mongo) if d is not None]
        return infra + list(self.services)

    def stop(self) -> None:
        """Services first, together (they flush outboxes to Kafka), then the broker, the store."""
        services = [s for s in self.services if s.running]
        for service in services:
            print(f"stack: stopping {service.name} (pid {service.pid})")
            service.terminate()
        for service in services:
            service.wait_stopped()
        for daemon in (self.kafka, self.mongo):
            if daemon is not None and daemon.running:
                print(f"stack: stopping {daemon.name} (pid {daemon.pid})")
                daemon.stop()


def _env_port(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _require_free(port: int, what: str) -> None:
    """Refuse to start on a busy port: readiness would otherwise probe someone else's server."""
    if port_open(port):
        raise StackError(
            f"port {port} for {what} is already in use; is a stack already running "
            "(`python -m deploy.local.stack status` / `make down`)?"
        )


def start_infra(stack: LocalStack) -> None:
    """Kafka and SecantusDB under `.data/`, or the external ones named by the environment."""
    external_kafka = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if external_kafka:
        wait_for_kafka(external_kafka)
        stack.bootstrap_servers = external_kafka
    else:
        port = _env_port("KAFKA_PORT", DEFAULT_KAFKA_PORT)
        controller_port = _env_port("KAFKA_CONTROLLER_PORT", DEFAULT_KAFKA_CONTROLLER_PORT)
        _require_free(port, "Kafka")
        _require_free(controller_port, "the Kafka controller")
        libs = ensure_kafka_libs(default_cache_dir())
        stack.kafka = KafkaProcess(DATA_DIR / "kafka", port, controller_port, libs)
        stack.kafka.start(wait=False)
        stack.bootstrap_servers = stack.kafka.bootstrap_servers
    external_mongo = os.environ.get("MONGODB_URL")
    if external_mongo:
        wait_for_mongo(external_mongo)
        stack.mongodb_url = external_mongo
    else:
        port = _env_port("MONGODB_PORT", DEFAULT_MONGODB_PORT)
        _require_free(port, "SecantusDB")
        stack.mongo = SecantusProcess(DATA_DIR / "mongo", port)
        stack.mongo.start()
        stack.mongodb_url = stack.mongo.url
    if stack.kafka is not None:
        stack.kafka.wait_ready()  # the JVM started first and warmed up while SecantusDB came up
    created = create_topics(stack.bootstrap_servers, TOPICS)
    print(f"stack: topics ready ({len(created)} created, {len(TOPICS) - len(created)} existed)")


def start_services(stack: LocalStack, echo: bool) -> None:
    """Start every service that has a ``__main__`` (all at once), then wait for each /readyz."""
    for name in SERVICES:
        if not runnable_module(f"services.{name}"):
            print(f"stack: WARNING services/{name}/__main__.py does not exist yet: skipped")
            stack.skipped.append(name)
            continue
        port = _env_port(f"STX_{name.upper()}_HTTP_PORT", SERVICE_HTTP_PORTS[name])
        _require_free(port, f"the {name} service")
        env = service_env(name, stack.bootstrap_servers, stack.mongodb_url, port)
        service = ServiceProcess(name, port, env, echo)
        stack.services.append(service)
        service.start(wait=False)
    for service in stack.services:
        service.wait_ready()


def run_seed(stack: LocalStack) -> None:
    """Load demo data through ``services.listings.seed`` when that module exists."""
    if not runnable_module("services.listings.seed"):
        return
    print("stack: seeding demo data (python -m services.listings.seed)")
    env = {**os.environ, **service_env("listings", stack.bootstrap_servers, stack.mongodb_url,
                                       _env_port("STX_LISTINGS_HTTP_PORT", 8001))}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "services.listings.seed"], cwd=REPO_ROOT, env=env, check=False
    )
    if result.returncode != 0:
        raise StackError(f"services.listings.seed failed with exit code {result.returncode}")


def _rel(path: Path) -> str:
    with contextlib.suppress(ValueError):
        return str(path.relative_to(REPO_ROOT))
    return str(path)


def summary(stack: LocalStack) -> str:
    """The table printed once the stack is up: where everything listens, logs and keeps data."""
    rows = [("component", "listens on", "logs / data")]
    if stack.kafka is not None:
        k = stack.kafka
        rows.append(("kafka", f"{k.bootstrap_servers} (controller :{k.controller_port})",
                     f"{_rel(k.server_log)} · {_rel(k.data_dir)}"))  # fmt: skip
    else:
        rows.append(("kafka", f"{stack.bootstrap_servers} (external)", "-"))
    if stack.mongo is not None:
        m = stack.mongo
        rows.append(("secantusdb", m.url, f"{_rel(m.output_path)} · {_rel(m.data_dir / 'db')}"))
    else:
        rows.append(("mongodb", f"{stack.mongodb_url} (external)", "-"))
    rows += [(s.name, s.url, _rel(s.output_path)) for s in stack.services]
    rows += [(name, "- (skipped: no __main__ yet)", "") for name in stack.skipped]
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    return "\n".join(f"  {a:<{widths[0]}}  {b:<{widths[1]}}  {c}".rstrip() for a, b, c in rows)


# --------------------------------------------------------------------------- pids file


def write_pids(stack: LocalStack, launcher: int | None) -> None:
    """Record what runs so `down`/`status` work from another terminal (or after --detach)."""
    markers = {"kafka": "kafka.Kafka", "secantusdb": "secantusd"}
    components = [
        {
            "name": d.name,
            "pid": d.pid,
            "marker": markers.get(d.name, f"services.{d.name}"),
            "endpoint": _endpoint(d),
            "log": str(d.log_paths()[0]),
        }
        for d in stack.daemons()
    ]
    PIDS_FILE.parent.mkdir(parents=True, exist_ok=True)
    PIDS_FILE.write_text(json.dumps({"launcher": launcher, "components": components}, indent=1))


def _endpoint(daemon: Daemon) -> str:
    if isinstance(daemon, KafkaProcess):
        return daemon.bootstrap_servers
    if isinstance(daemon, SecantusProcess | ServiceProcess):
        return daemon.url
    return ""


def read_pids() -> dict[str, Any] | None:
    try:
        return dict(json.loads(PIDS_FILE.read_text()))
    except (OSError, ValueError):
        return None


def _is_ours(pid: int | None, marker: str) -> bool:
    """Alive and still the process we started (a pid may be reused after a reboot)."""
    if not pid or not _alive(pid):
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return False
    return marker in cmdline


# --------------------------------------------------------------------------- commands


def cmd_up(detach: bool) -> int:
    """Start the stack; in the foreground, stream service output until Ctrl-C or SIGTERM."""
    if _recorded_alive():
        print("stack: a stack is already running (see `status`); `down` stops it", file=sys.stderr)
        return 1
    stack = LocalStack()
    # Explicit: a launcher started from a script inherits SIGINT ignored, and Ctrl-C must work.
    signal.signal(signal.SIGINT, _raise_keyboard_interrupt)
    signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    try:
        start_infra(stack)
        start_services(stack, echo=not detach)
        run_seed(stack)
        write_pids(stack, None if detach else os.getpid())
        print(f"\nSTX local stack is up\n{summary(stack)}\n", flush=True)
        if detach:
            print("stack: detached; `python -m deploy.local.stack down` (or `make down`) stops it")
            return 0
        print("stack: streaming service output; Ctrl-C stops everything", flush=True)
        _watch(stack)
    except StackError as exc:
        print(f"stack: ERROR {exc}", file=sys.stderr)
        _shutdown(stack)
        return 1
    except KeyboardInterrupt:
        print("\nstack: stopping", flush=True)
    _shutdown(stack)
    return 0


def _raise_keyboard_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _watch(stack: LocalStack) -> None:
    """Block until interrupted, reporting (once) any service that exits on its own."""
    reported: set[str] = set()
    while True:
        time.sleep(0.5)
        for daemon in stack.daemons():
            if daemon.name not in reported and not daemon.running:
                reported.add(daemon.name)
                print(f"stack: WARNING {daemon.name} exited; see {_rel(daemon.log_paths()[0])}")


def _shutdown(stack: LocalStack) -> None:
    """Stop everything; further Ctrl-C are ignored so a cleanup is never cut half-way."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    stack.stop()
    PIDS_FILE.unlink(missing_ok=True)
    print("stack: stopped", flush=True)


def _recorded_alive() -> bool:
    recorded = read_pids() or {}
    launcher = recorded.get("launcher")
    return bool(launcher and _alive(launcher)) or any(
        _is_ours(c["pid"], c["marker"]) for c in recorded.get("components", [])
    )


def cmd_down() -> int:
    """Stop the recorded stack: ask a foreground launcher to stop, else stop each process."""
    recorded = read_pids()
    if recorded is None:
        print("stack: nothing recorded in .data/stack.pids; nothing to stop")
        return 0
    launcher = recorded.get("launcher")
    if launcher and _alive(launcher):
        print(f"stack: asking the launcher (pid {launcher}) to stop the stack")
        os.kill(launcher, signal.SIGTERM)
        _wait_exit(launcher, 3 * STOP_TIMEOUT, None)
    ours = [c for c in recorded.get("components", []) if _is_ours(c["pid"], c["marker"])]
    services = [c for c in ours if c["marker"].startswith("services.")]
    for component in services:
        print(f"stack: stopping {component['name']} (pid {component['pid']})")
        _signal_group(component["pid"], signal.SIGTERM)
    for component in services:
        await_group_exit(component["pid"], STOP_TIMEOUT)
    for component in [c for c in ours if c not in services]:
        print(f"stack: stopping {component['name']} (pid {component['pid']})")
        stop_group(component["pid"], STOP_TIMEOUT)
    PIDS_FILE.unlink(missing_ok=True)
    print("stack: stopped")
    return 0


def cmd_status() -> int:
    """Print each recorded component, whether it runs and where; exit 1 when nothing runs."""
    recorded = read_pids()
    if recorded is None:
        print("stack: not running (no .data/stack.pids)")
        return 1
    launcher = recorded.get("launcher")
    if launcher:
        state = "running" if _alive(launcher) else "GONE"
        print(f"  {'launcher':<13} {state:<8} pid {launcher:<8} (foreground `up`)")
    running = 0
    for component in recorded.get("components", []):
        alive = _is_ours(component["pid"], component["marker"])
        running += alive
        state = "running" if alive else "STOPPED"
        print(f"  {component['name']:<13} {state:<8} pid {component['pid']:<8} "
              f"{component['endpoint']:<50} {component['log']}")  # fmt: skip
    return 0 if running else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.local.stack", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    up = commands.add_parser("up", help="start Kafka, SecantusDB and the services")
    up.add_argument("--detach", action="store_true", help="return once up; `down` stops it")
    commands.add_parser("down", help="stop a stack started by `up` (detached or not)")
    commands.add_parser("status", help="show what runs")
    commands.add_parser("deps", help="install Java/Maven if missing and resolve the Kafka jars")
    args = parser.parse_args(argv)
    if args.command == "up":
        return cmd_up(args.detach)
    if args.command == "down":
        return cmd_down()
    if args.command == "status":
        return cmd_status()
    ensure_system_packages()
    print(f"stack: Kafka jars in {ensure_kafka_libs(default_cache_dir())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
