"""The local stack's SMTP sink as a child process (`deploy.local.mail_sink`)."""

from __future__ import annotations

import sys
from pathlib import Path

from deploy.local.stack.common import DATA_DIR, port_open
from deploy.local.stack.processes import Daemon

MAIL_DIR = DATA_DIR / "mail"
DEFAULT_SMTP_PORT = 2525


class MailSinkProcess(Daemon):
    """Every e-mail of the local stack lands in `.data/mail/` instead of failing to connect."""

    name = "mail-sink"
    ready_timeout = 30.0

    def __init__(
        self, port: int, echo: bool, folder: Path = MAIL_DIR, log: Path = DATA_DIR / "logs"
    ) -> None:
        super().__init__(log / "mail-sink.log", "mail-sink     | " if echo else None)
        self.port = port
        self.folder = folder

    def _command(self) -> list[str]:
        return [sys.executable, "-m", "deploy.local.mail_sink", str(self.port), str(self.folder)]

    def _probe(self) -> bool:
        return port_open(self.port)
