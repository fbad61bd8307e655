"""The local SMTP sink's folder (`.data/mail/`, one `.eml` per message) as the `Mailbox` port."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from shared.errors import NotFoundError

MESSAGE_NAME = re.compile(r"^[0-9A-Z]+-[0-9]+\.eml$")


class FolderMailbox:
    def __init__(self, folder: Path) -> None:
        self._folder = folder

    async def names(self, limit: int) -> list[str]:
        return await asyncio.to_thread(self._names, limit)

    async def read(self, name: str) -> bytes:
        # The name is checked before it touches the file system: no path can be smuggled in.
        path = self._folder / name
        if not MESSAGE_NAME.match(name) or not await asyncio.to_thread(path.is_file):
            raise NotFoundError("Không có thư này.")
        return await asyncio.to_thread(path.read_bytes)

    def _names(self, limit: int) -> list[str]:
        if not self._folder.is_dir():
            return []
        found = [p.name for p in self._folder.iterdir() if MESSAGE_NAME.match(p.name)]
        return sorted(found, reverse=True)[:limit]
