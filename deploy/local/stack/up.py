"""The whole stack of `up`: infrastructure, services, the demo seed, and the pids file."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deploy.local.stack.common import (
    DATA_DIR,
    DEFAULT_KAFKA_CONTROLLER_PORT,
    DEFAULT_KAFKA_PORT,
    DEFAULT_MONGODB_PORT,
    LOOPBACK,
    PIDS_FILE,
    PORTAL_HTTP_PORT,
    REPO_ROOT,
    SERVICE_HTTP_PORTS,
    StackError,
    port_open,
)
from deploy.local.stack.kafka import (
    KafkaProcess,
    create_topics,
    wait_for_kafka,
)
from deploy.local.stack.mail import DEFAULT_SMTP_PORT, MAIL_DIR, MailSinkProcess
from deploy.local.stack.mongo import (
    SecantusProcess,
    wait_for_mongo,
)
from deploy.local.stack.prerequisites import (
    default_cache_dir,
    ensure_kafka_libs,
)
from deploy.local.stack.processes import (
    Daemon,
    process_alive,
)
from deploy.local.stack.services import (
    ServiceProcess,
    runnable_module,
    service_env,
)
from shared.topics import SERVICES, TOPICS


@dataclass
class LocalStack:
    """What `up` started (or found), in start order, so it can be stopped in reverse."""

    bootstrap_servers: str = ""
    mongodb_url: str = ""
    kafka: KafkaProcess | None = None
    mongo: SecantusProcess | None = None
    services: list[ServiceProcess] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    mail: MailSinkProcess | None = None

    def daemons(self) -> list[Daemon]:
        infra: list[Daemon] = [d for d in (self.kafka, self.mongo, self.mail) if d is not None]
        return infra + list(self.services)

    def stop(self) -> None:
        """Services first, together (they flush outboxes to Kafka), then the broker, the store."""
        services = [s for s in self.services if s.running]
        for service in services:
            print(f"stack: stopping {service.name} (pid {service.pid})")
            service.terminate()
        for service in services:
            service.wait_stopped()
        for daemon in (self.mail, self.kafka, self.mongo):
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
    smtp_port = _env_port("STX_LOCAL_SMTP_PORT", DEFAULT_SMTP_PORT)
    _require_free(smtp_port, "the SMTP sink")
    stack.mail = MailSinkProcess(smtp_port, echo)
    stack.mail.start()
    portal_port = _env_port("STX_PORTAL_HTTP_PORT", PORTAL_HTTP_PORT)
    for name in SERVICES:
        if not runnable_module(f"services.{name}"):
            print(f"stack: WARNING services/{name}/__main__.py does not exist yet: skipped")
            stack.skipped.append(name)
            continue
        port = _env_port(f"STX_{name.upper()}_HTTP_PORT", SERVICE_HTTP_PORTS[name])
        _require_free(port, f"the {name} service")
        env = service_env(name, stack.bootstrap_servers, stack.mongodb_url, port)
        if name == "notifications":
            env |= _local_mail_and_links(smtp_port, portal_port)
        service = ServiceProcess(name, port, env, echo)
        stack.services.append(service)
        service.start(wait=False)
    portal = _portal(stack, portal_port, echo)
    if portal is not None:
        stack.services.append(portal)
        portal.start(wait=False)
    for service in stack.services:
        service.wait_ready()


def _local_mail_and_links(smtp_port: int, portal_port: int) -> dict[str, str]:
    """E-mails go to the SMTP sink; their links open the local portal's pages."""
    return {
        "STX_NOTIFICATIONS_SMTP_HOST": LOOPBACK,
        "STX_NOTIFICATIONS_SMTP_PORT": str(smtp_port),
        "STX_NOTIFICATIONS_PORTAL_URL": f"http://{LOOPBACK}:{portal_port}",
        "STX_NOTIFICATIONS_PORTAL_LISTING_URL": f"http://{LOOPBACK}:{portal_port}/listings/{{listing_id}}",
    }


def _portal(stack: LocalStack, port: int, echo: bool) -> ServiceProcess | None:
    """The web pages, reading the listings API (they own no store and consume no topic)."""
    listings = next((s for s in stack.services if s.name == "listings"), None)
    if listings is None or not runnable_module("services.portal"):
        return None
    _require_free(port, "the portal")
    env = {
        "STX_PORTAL_HTTP_PORT": str(port),
        "STX_PORTAL_LISTINGS_URL": listings.url,
        "STX_PORTAL_MAIL_DIR": str(MAIL_DIR),
        "STX_LOG_FORMAT": os.environ.get("LOG_FORMAT", "console"),
        "PYTHONUNBUFFERED": "1",
    }
    others = {s.name: s.url for s in stack.services}
    if "matching" in others:
        env["STX_PORTAL_MATCHING_URL"] = others["matching"]
    if "notifications" in others:
        env["STX_PORTAL_FEEDS_URL"] = others["notifications"]
        env["STX_PORTAL_NOTIFICATIONS_URL"] = others["notifications"]
    if "awards" in others:
        env["STX_PORTAL_AWARDS_URL"] = others["awards"]
    return ServiceProcess("portal", port, env, echo)


def portal_url(stack: LocalStack) -> str | None:
    return next((f"{s.url}/" for s in stack.services if s.name == "portal"), None)


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


def relative(path: Path) -> str:
    with contextlib.suppress(ValueError):
        return str(path.relative_to(REPO_ROOT))
    return str(path)


def summary(stack: LocalStack) -> str:
    """The table printed once the stack is up: where everything listens, logs and keeps data."""
    rows = [("component", "listens on", "logs / data")]
    if stack.kafka is not None:
        k = stack.kafka
        rows.append(("kafka", f"{k.bootstrap_servers} (controller :{k.controller_port})",
                     f"{relative(k.server_log)} · {relative(k.data_dir)}"))  # fmt: skip
    else:
        rows.append(("kafka", f"{stack.bootstrap_servers} (external)", "-"))
    if stack.mongo is not None:
        m = stack.mongo
        rows.append(
            ("secantusdb", m.url, f"{relative(m.output_path)} · {relative(m.data_dir / 'db')}")
        )
    else:
        rows.append(("mongodb", f"{stack.mongodb_url} (external)", "-"))
    if stack.mail is not None:
        mail = stack.mail
        stored = f"{relative(mail.output_path)} · {relative(mail.folder)}"
        rows.append(("mail-sink", f"smtp://{LOOPBACK}:{mail.port}", stored))
    rows += [(s.name, s.url, relative(s.output_path)) for s in stack.services]
    rows += [(name, "- (skipped: no __main__ yet)", "") for name in stack.skipped]
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    return "\n".join(f"  {a:<{widths[0]}}  {b:<{widths[1]}}  {c}".rstrip() for a, b, c in rows)


def write_pids(stack: LocalStack, launcher: int | None) -> None:
    """Record what runs so `down`/`status` work from another terminal (or after --detach)."""
    markers = {"kafka": "kafka.Kafka", "secantusdb": "secantusd", "mail-sink": "mail_sink"}
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
    if isinstance(daemon, MailSinkProcess):
        return f"smtp://{LOOPBACK}:{daemon.port}"
    if isinstance(daemon, SecantusProcess | ServiceProcess):
        return daemon.url
    return ""


def read_pids() -> dict[str, Any] | None:
    try:
        return dict(json.loads(PIDS_FILE.read_text()))
    except (OSError, ValueError):
        return None


def is_ours(pid: int | None, marker: str) -> bool:
    """Alive and still the process we started (a pid may be reused after a reboot)."""
    if not pid or not process_alive(pid):
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return False
    return marker in cmdline
