"""`stx`, the ops command line (console script; also `python -m shared.cli`).

    stx topics [-v]              registry topics: partitions, offsets, retention
    stx lag [--group G]…         committed, end offset and lag per partition
    stx dlq list|show|replay     dead letters: counts, details, idempotent replay
    stx outbox status            pending outbox records per service database
    stx token --sub S --role R…  a local HS256 JWT
    stx seed [--url URL]         the demo data, through the listings API

Every view prints a rich table, or JSON with `--json`. One module per command group; the DLQ
commands live in `dlq/` (records and ledger are pure, `scan` reads Kafka, `replay` publishes).
"""

from shared.cli.app import main

__all__ = ["main"]
