"""MongoDB plumbing: client factory, index bootstrap, transactions with retry, readiness."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, TypeVar

from pymongo import AsyncMongoClient, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import ConnectionFailure, PyMongoError
from pymongo.read_concern import ReadConcern
from pymongo.write_concern import WriteConcern

from shared.settings import ServiceSettings

Document = dict[str, Any]
T = TypeVar("T")


def create_client(settings: ServiceSettings) -> AsyncMongoClient[Document]:
    """One client per process; it connects lazily, so building it never blocks start-up."""
    return AsyncMongoClient(
        settings.mongodb_url.get_secret_value(),
        appname=f"stx-{settings.service_name}",
        tz_aware=True,
        uuidRepresentation="standard",
        serverSelectionTimeoutMS=5_000,
        retryWrites=True,
    )


def database(
    client: AsyncMongoClient[Document], settings: ServiceSettings
) -> AsyncDatabase[Document]:
    return client.get_database(settings.database_name)


async def ensure_indexes(
    db: AsyncDatabase[Document],
    indexes: Mapping[str, Sequence[IndexModel]],
    *,
    attempts: int = 30,
    delay_seconds: float = 2.0,
) -> None:
    """Create the declared indexes (idempotent), waiting for the store if it is not up yet —
    a service started before its database must not crash-loop."""
    for attempt in range(1, attempts + 1):
        try:
            for collection, models in indexes.items():
                if models:
                    await db[collection].create_indexes(list(models))
            return
        except ConnectionFailure:
            if attempt == attempts:
                raise
            await asyncio.sleep(delay_seconds)


async def in_transaction(
    client: AsyncMongoClient[Document],
    work: Callable[[AsyncClientSession], Awaitable[T]],
) -> T:
    """Run `work` in a majority-committed transaction.

    PyMongo's `with_transaction` re-runs `work` on TransientTransactionError and retries the
    commit on UnknownTransactionCommitResult, so `work` must be safe to run again.
    """
    async with client.start_session() as session:
        return await session.with_transaction(
            work,
            read_concern=ReadConcern("majority"),
            write_concern=WriteConcern("majority"),
        )


async def ping(client: AsyncMongoClient[Document], timeout: float = 2.0) -> bool:  # noqa: ASYNC109
    try:
        await asyncio.wait_for(client.admin.command("ping"), timeout)
    except (PyMongoError, TimeoutError):
        return False
    return True
