"""The four services as child processes, with their environment."""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request
from collections.abc import Mapping

from deploy.local.stack.common import (
    DATA_DIR,
    LOOPBACK,
    REPO_ROOT,
    SERVICE_READY_TIMEOUT,
)
from deploy.local.stack.processes import (
    Daemon,
)


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
