"""What a run left behind, counted: duplicated effects, and each replica's share of the work
read from its JSON log (`event_applied` lines carry topic and partition)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field


def duplicates(counts: Mapping[Hashable, int]) -> int:
    """Effects seen more than once, counted beyond their first: {a: 1, b: 3} → 2."""
    return sum(n - 1 for n in counts.values() if n > 1)


@dataclass
class ReplicaWork:
    """One replica's log, summed: records applied per topic, the partitions they came from,
    transient failures retried, and redeliveries its idempotency check skipped."""

    applied: Counter[str] = field(default_factory=Counter)
    partitions: dict[str, set[int]] = field(default_factory=dict)
    retried: int = 0
    duplicates_skipped: int = 0

    def partitions_of(self, topic: str) -> str:
        """`0,2,4` — or `-` when the replica applied nothing from `topic`."""
        return ",".join(str(p) for p in sorted(self.partitions.get(topic, ()))) or "-"


def replica_work(lines: Iterable[str]) -> ReplicaWork:
    """Sum a service's JSON log lines; lines that are not JSON objects (a traceback) are skipped."""
    work = ReplicaWork()
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if not isinstance(entry, dict):
            continue
        event = entry.get("event")
        if event == "event_applied":
            topic = str(entry.get("topic", ""))
            work.applied[topic] += 1
            work.partitions.setdefault(topic, set()).add(int(entry.get("partition", -1)))
        elif event == "event_retrying":
            work.retried += 1
        elif event == "event_duplicate_skipped":
            work.duplicates_skipped += 1
    return work
