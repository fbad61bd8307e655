"""A small ASGI app served on a loopback port inside the test's event loop: the peers a test
talks to over real HTTP (a webhook receiver, an identity provider)."""

from __future__ import annotations

import asyncio
from typing import Any

import uvicorn

from deploy.local.stack import LOOPBACK, free_port


class LoopbackServer:
    def __init__(self, app: Any) -> None:
        self.port = free_port()
        config = uvicorn.Config(app, host=LOOPBACK, port=self.port, log_config=None, lifespan="off")
        self._server = uvicorn.Server(config)
        self._task: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    async def start(self) -> None:
        self._task = asyncio.create_task(self._server.serve())
        while not self._server.started:  # noqa: ASYNC110 - uvicorn offers a flag, not an event
            await asyncio.sleep(0.02)

    async def stop(self) -> None:
        self._server.should_exit = True
        if self._task is not None:
            await self._task
