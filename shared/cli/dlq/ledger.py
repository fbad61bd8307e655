"""The replay ledger: which dead letters of one partition were already re-published.

It lives in Kafka, as the committed offset of the consumer group
`<prefix>.ops.dlq-replay.<service>` plus the commit's metadata string:

- the committed offset is a watermark: every record below it was replayed (or is no dead letter
  and can never be); `stx lag --group stx.ops.dlq-replay.<service>` shows 0 when nothing is left;
- a filtered replay (`--error-class`, `--offset`, `--since`) leaves gaps: the records it replayed
  above the first one it passed over are listed in the metadata as offset ranges (`45-47,52`),
  so a later replay of the rest neither repeats them nor skips what the filter passed over.

Progress is committed only after the broker acknowledged the re-published records (acks=all):
a crash in between replays a record twice at worst, which consumers absorb (they de-duplicate
on `ce_id`). Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

FORMAT: Final = "stx-replay-ledger/1:"
MAX_METADATA: Final = 4000
"""Kafka refuses commit metadata above `offset.metadata.max.bytes` (4096 by default)."""


class LedgerFullError(ValueError):
    """Too many scattered replays to record in one partition's commit metadata."""


@dataclass(frozen=True)
class Ledger:
    watermark: int = 0
    extra: frozenset[int] = frozenset()

    def done(self, offset: int) -> bool:
        return offset < self.watermark or offset in self.extra

    def after(self, replayed: Iterable[int], pending: Iterable[int], read_until: int) -> Ledger:
        """The ledger once `replayed` are acknowledged.

        `pending`: the dead letters in [watermark, read_until) still to replay (passed over by a
        filter, or not acknowledged); every other offset there is settled.
        """
        settled = self.extra | frozenset(replayed)
        waiting = [offset for offset in pending if offset not in settled]
        watermark = max(self.watermark, min(waiting, default=read_until))
        return Ledger(watermark, frozenset(o for o in settled if o >= watermark))

    def metadata(self) -> str:
        text = FORMAT + ",".join(_ranges(sorted(self.extra)))
        if len(text.encode()) > MAX_METADATA:
            raise LedgerFullError(
                f"{len(self.extra)} replayed records above offset {self.watermark} are too "
                "scattered to record; replay the records passed over first (fewer filters)"
            )
        return text

    @classmethod
    def parse(cls, offset: int, metadata: str | None) -> Ledger:
        """From a committed offset (-1: none) and its metadata (another format: ignored)."""
        watermark = max(offset, 0)
        if not metadata or not metadata.startswith(FORMAT):
            return cls(watermark)
        extra: set[int] = set()
        try:
            for part in filter(None, metadata.removeprefix(FORMAT).split(",")):
                first, _, last = part.partition("-")
                extra.update(range(int(first), int(last or first) + 1))
        except ValueError:  # damaged by hand: the watermark still holds; consumers de-duplicate
            return cls(watermark)
        return cls(watermark, frozenset(o for o in extra if o >= watermark))


def _ranges(offsets: list[int]) -> Iterable[str]:
    start = previous = None
    for offset in offsets:
        if previous is not None and offset == previous + 1:
            previous = offset
            continue
        if start is not None:
            yield _range(start, previous)
        start = previous = offset
    if start is not None:
        yield _range(start, previous)


def _range(first: int, last: int | None) -> str:
    return str(first) if last in (None, first) else f"{first}-{last}"
