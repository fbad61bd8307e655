"""What the benchmarks read from the services' databases: counts, and waiting for one."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from pymongo import AsyncMongoClient


async def count(url: str, db: str, coll: str, query: dict[str, Any]) -> int:
    client: AsyncMongoClient[Any] = AsyncMongoClient(url)
    try:
        return await client[db][coll].count_documents(query)
    finally:
        await client.close()


async def wait_count(
    url: str, db: str, coll: str, query: dict[str, Any], at_least: int, timeout: float
) -> bool:
    """Poll until `coll` holds `at_least` documents matching `query`; False on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await count(url, db, coll, query) >= at_least:
            return True
        await asyncio.sleep(0.25)
    return False


async def outbox_drained(url: str, db: str, timeout: float) -> bool:
    """Wait until every outbox record of `db` written so far was published."""
    written = await count(url, db, "outbox", {})
    return await wait_count(url, db, "outbox", {"pending": {"$exists": False}}, written, timeout)


async def requests_served(url: str) -> int:
    """Requests the store has answered since it started (`serverStatus.network.numRequests`)."""
    client: AsyncMongoClient[Any] = AsyncMongoClient(url)
    try:
        status = await client.admin.command("serverStatus")
        return int(status.get("network", {}).get("numRequests", 0))
    finally:
        await client.close()
