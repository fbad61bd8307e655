"""`stx outbox status`: pending outbox records per service database, and the oldest one's age."""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta
from typing import Any

from bson import ObjectId
from pydantic import BaseModel, Field
from pymongo import ASCENDING, AsyncMongoClient
from rich.console import RenderableType
from rich.table import Table

from shared.cli import output
from shared.cli.settings import OpsSettings
from shared.outbox import OUTBOX
from shared.topics import SERVICES


class OutboxBacklog(BaseModel):
    service: str
    database: str
    pending: int
    oldest_pending_at: datetime | None = None
    oldest_pending_age_seconds: float | None = Field(
        default=None, description="How long the oldest pending record has waited."
    )


class OutboxReport(BaseModel):
    services: list[OutboxBacklog]


def register(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("outbox", help="transactional outbox backlog")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    status = actions.add_parser(
        "status",
        parents=parents,
        help="pending records per service database",
        description="Pending records (`pending: true`) in each service's `outbox` collection "
        "and how long the oldest has waited: a growing age means the relay is not publishing.",
    )
    status.add_argument(
        "--service",
        action="append",
        metavar="S",
        help=f"service (repeatable; default: {', '.join(SERVICES)})",
    )
    status.add_argument(
        "--database-prefix",
        default="stx",
        metavar="P",
        help="databases are `<P>_<service>` (default: stx)",
    )
    status.set_defaults(run=run)


async def run(args: argparse.Namespace, settings: OpsSettings) -> int:
    services = args.service or list(SERVICES)
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
        settings.mongodb_url.get_secret_value(),
        tz_aware=True,
        appname="stx-ops",
        serverSelectionTimeoutMS=10_000,
    )
    try:
        backlogs = [
            await backlog(client, service, f"{args.database_prefix}_{service}")
            for service in services
        ]
    finally:
        await client.close()
    output.emit(OutboxReport(services=backlogs), render, args.json)
    return 0


async def backlog(
    client: AsyncMongoClient[dict[str, Any]], service: str, database: str
) -> OutboxBacklog:
    outbox = client[database][OUTBOX]
    pending = await outbox.count_documents({"pending": True})
    oldest = await outbox.find_one({"pending": True}, sort=[("_id", ASCENDING)])
    created = _created_at(oldest) if oldest else None
    return OutboxBacklog(
        service=service,
        database=database,
        pending=pending,
        oldest_pending_at=created,
        oldest_pending_age_seconds=(output.now() - created).total_seconds() if created else None,
    )


def _created_at(doc: dict[str, Any]) -> datetime | None:
    created = doc.get("created_at")
    if isinstance(created, datetime):
        return created
    return doc["_id"].generation_time if isinstance(doc.get("_id"), ObjectId) else None


def render(report: OutboxReport) -> RenderableType:
    table = Table(title="Outbox backlog", title_justify="left")
    table.add_column("service")
    table.add_column("database")
    table.add_column("pending", justify="right")
    table.add_column("oldest pending since")
    table.add_column("waiting", justify="right")
    for row in report.services:
        age = row.oldest_pending_age_seconds
        waiting = output.duration(timedelta(seconds=age)) if age is not None else "—"
        table.add_row(
            row.service,
            row.database,
            f"[yellow]{row.pending:,}[/]" if row.pending else "0",
            output.local_time(row.oldest_pending_at),
            waiting,
        )
    return table
