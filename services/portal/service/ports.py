"""What the pages need from the services, as Protocols: `repository/` reaches them over HTTP,
the unit tests fake them in memory."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol


class ListingsDirectory(Protocol):
    """The listings service's public views (no token: what any visitor may see)."""

    async def search(self, params: Mapping[str, str], limit: int) -> list[Mapping[str, Any]]:
        """Published listings matching `params`, best first. Raises `UnavailableError`."""
        ...

    async def get(self, listing_id: str) -> Mapping[str, Any]:
        """One listing's public view. Raises `NotFoundError`, `UnavailableError`."""
        ...


class Mailbox(Protocol):
    """Development only: stored e-mails, by name."""

    async def names(self, limit: int) -> list[str]:
        """The newest first."""
        ...

    async def read(self, name: str) -> bytes:
        """The message as sent. Raises `NotFoundError`."""
        ...
