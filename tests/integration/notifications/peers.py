"""Real peers of the notifications service: an SMTP server and a webhook receiver on loopback."""

from __future__ import annotations

import asyncio
import email
import email.policy
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from services.notifications.delivery.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify
from tests.loopback import LoopbackServer


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Mailbox:
    """An aiosmtpd handler that keeps every accepted message; `refuse_next` injects replies.

    Every app of the session reads the shared topics from the start, so it also mails the
    parties of other tests' events: tests look only at their own recipients.
    """

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refusals: dict[str, list[str]] = {}
        self.release = threading.Event()
        self.release.set()
        self._lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        with self._lock:
            for recipient in envelope.rcpt_tos:
                if self.refusals.get(recipient):
                    return self.refusals[recipient].pop(0)
            parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
            self.messages.append(parsed)
        await asyncio.to_thread(self.release.wait)  # stored; the 250 waits while held
        return "250 2.0.0 Đã nhận"

    def refuse_next(self, recipient: str, *replies: str) -> None:
        """The next messages to `recipient` get these replies (other tests' mail is untouched)."""
        self.refusals.setdefault(recipient, []).extend(replies)

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


@dataclass
class SmtpServer:
    mailbox: Mailbox
    port: int


@dataclass
class Hook:
    """One receiver path: what it answers, what it got, and whether each signature verified."""

    secret: str = ""
    statuses: list[int] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)


class WebhookReceiver(LoopbackServer):
    def __init__(self) -> None:
        self.hooks: dict[str, Hook] = {}
        super().__init__(
            Starlette(routes=[Route("/hooks/{name}", self._receive, methods=["POST"])])
        )

    def hook_url(self, name: str) -> str:
        self.hooks.setdefault(name, Hook())
        return f"{self.url}/hooks/{name}"

    async def _receive(self, request: Request) -> Response:
        hook = self.hooks.setdefault(request.path_params["name"], Hook())
        body = await request.body()
        headers = dict(request.headers)
        signed = verify(
            hook.secret,
            headers.get(TIMESTAMP_HEADER.lower(), ""),
            body,
            headers.get(SIGNATURE_HEADER.lower(), ""),
            now=time.time(),
        )
        hook.requests.append({"headers": headers, "body": json.loads(body), "verified": signed})
        status = hook.statuses.pop(0) if hook.statuses else 200
        return Response(status_code=status)


def start_smtp() -> tuple[Controller, SmtpServer]:
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, SmtpServer(mailbox, port)
