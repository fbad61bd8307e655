"""Names for ids, read from the public listings API: a listing's title, an organisation's name.
What is no longer public (withdrawn, unknown) shows as its id rather than failing the page."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any

from services.portal.service.ports import ListingsDirectory
from shared.errors import NotFoundError


async def _named(
    ids: Iterable[str], read: Callable[[str], Awaitable[Mapping[str, Any]]], field: str
) -> dict[str, str]:
    wanted = sorted(set(ids))

    async def one(found_id: str) -> str:
        try:
            return str((await read(found_id)).get(field) or found_id)
        except NotFoundError:
            return found_id

    return dict(zip(wanted, await asyncio.gather(*(one(i) for i in wanted)), strict=True))


async def listing_titles(listings: ListingsDirectory, ids: Iterable[str]) -> dict[str, str]:
    return await _named(ids, listings.get, "title")


async def organization_names(listings: ListingsDirectory, ids: Iterable[str]) -> dict[str, str]:
    return await _named(ids, listings.organization, "name")
