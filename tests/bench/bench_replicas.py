"""Horizontal scale: one vs two replicas of matching and of notifications in one consumer group.

For each replica count (1, then 2) a fresh ephemeral stack (`pipeline/stack.py`: Kafka +
SecantusDB on free ports, the services as real `python -m services.<name>` processes, all
replicas of a service in its one group `stx.<service>`, an SMTP sink) receives the same N
`stx.listing.published` records through the path `bench_pipeline` uses (`pipeline/probe.py`).
A fresh stack each time, so that both runs start from the same empty index and store.

- listings/s: listings applied (all N unless the run timed out) / (last `stx.match.proposed`
  CreateTime, or the group's last commit when later, − first send); mails/s: e-mails the SMTP
  sink accepted / (last accepted − first send);
- then notifications alone: P proposals straight onto `stx.matches.v1` (matching does not read
  it), mails/s as above — the end-to-end mails/s is paced by matching, this one is not;
- CPU seconds of every process over the pipeline run (utime + stime from /proc), per service
  summed over its replicas, and of SecantusDB and Kafka, which every replica shares; requests the
  store answered per listing (`serverStatus`: a transaction retried after a conflict shows);
- duplicated effects, which must be 0: `stx.match.proposed` events per (demand, offer) pair on
  the topic, e-mails per Message-ID in the sink (a re-send keeps its Message-ID),
  `stx.notification.delivered` events per delivery id;
- each replica's share, read from its JSON log: records applied per topic and from which
  partitions (proof that both replicas of a group worked, on disjoint partitions).

`STX_BENCH_REPLICAS_N` (default 120) sets N, `STX_BENCH_REPLICAS_PROPOSALS` (default 150, 0 to
skip) P, `STX_BENCH_REPLICAS` (default `1,2`) the replica counts. Prints; never asserts — on a
machine with 2 cores shared by Kafka, SecantusDB and the bench, two CPU-bound replicas cannot
be twice as fast: the figures say what they get.
"""

from __future__ import annotations

import asyncio
import os
import time
from dataclasses import dataclass, field

from deploy.k8s.consumption import consumed_topics
from shared.topics import LISTINGS, MATCHES, NOTIFICATIONS, topic
from tests.bench.bench_pipeline import SEED, SERVICE_ENV, SERVICES
from tests.bench.pipeline import corpus
from tests.bench.pipeline.effects import ReplicaWork, duplicates, replica_work
from tests.bench.pipeline.probe import Probe, committed_at, group_stable, produce
from tests.bench.pipeline.stack import BenchStack, MailSink, cpu_seconds
from tests.bench.pipeline.store import count, outbox_drained, requests_served, wait_count

N = int(os.environ.get("STX_BENCH_REPLICAS_N", "120"))
PROPOSALS = int(os.environ.get("STX_BENCH_REPLICAS_PROPOSALS", "150"))
REPLICAS = tuple(int(r) for r in os.environ.get("STX_BENCH_REPLICAS", "1,2").split(","))
DRAIN_TIMEOUT = 300.0
MAIL_TIMEOUT = 120.0
MAIL_STALL = 10.0
TARGET_RATIO = 1.6
LISTING_PUBLISHED = "stx.listing.published"


@dataclass
class Phase:
    replicas: int
    listings: int
    proposals: int
    wall_s: float
    listings_per_s: float
    mails: int
    mails_expected: int
    mails_per_s: float
    drained: bool
    cpu_s: dict[str, float]
    """Per process: `matching`, `matching#2`, …, `secantusdb`, `kafka`."""
    store_requests: int
    duplicated: dict[str, int]
    work: dict[str, ReplicaWork] = field(default_factory=dict)
    direct_mails: int = 0
    direct_expected: int = 0
    direct_mails_per_s: float = float("nan")
    direct_cpu_s: float = float("nan")

    def service_cpu(self, name: str) -> float:
        return sum(s for key, s in self.cpu_s.items() if key.split("#")[0] == name)


async def _mails_settled(sink: MailSink, target: int) -> float:
    """Wait until the sink has accepted `target` e-mails (or none came for `MAIL_STALL` s); the
    time the last one was accepted."""
    deadline, last, last_change = time.monotonic() + MAIL_TIMEOUT, -1, time.monotonic()
    while time.monotonic() < deadline and sink.accepted < target:
        if sink.accepted != last:
            last, last_change = sink.accepted, time.monotonic()
        elif time.monotonic() - last_change > MAIL_STALL:
            break
        await asyncio.sleep(0.25)
    return max(sink.accepted_at, default=float("nan"))


def _cpu_now(stack: BenchStack) -> dict[str, float]:
    pids = {key: s.pid for key, s in stack.services.items()}
    pids |= {"secantusdb": stack.mongo.pid, "kafka": stack.kafka.pid}
    return {key: cpu_seconds(pid) for key, pid in pids.items()}


async def _ready(stack: BenchStack, replicas: int) -> None:
    await produce(stack.bootstrap, corpus.contacts())
    await wait_count(
        stack.mongo_url, "stx_notifications", "organizations", {}, corpus.ORGANIZATIONS, 60
    )
    for name in SERVICES:
        if not await group_stable(stack.bootstrap, f"stx.{name}", replicas, 60):
            print(f"  (group stx.{name} not stable with {replicas} members: measuring anyway)")


async def _pipeline(stack: BenchStack, replicas: int, burst: list[corpus.Listing]) -> Phase:
    """The listings through matching and notifications, to the last e-mail."""
    url, bootstrap = stack.mongo_url, stack.bootstrap
    probe = Probe(bootstrap, [MATCHES, NOTIFICATIONS])
    await probe.start()
    cpu0, requests0 = _cpu_now(stack), await requests_served(url)
    sent = await produce(bootstrap, [x.record for x in burst])
    committed = await committed_at(bootstrap, "stx.matching", LISTINGS, len(burst), DRAIN_TIMEOUT)
    await outbox_drained(url, "stx_matching", 30)
    await asyncio.sleep(1.0)  # the last proposals reach the probe
    seen = probe.seen
    proposed_at = [at for cause, at in seen.proposals.values() if cause in sent]
    proposals_done = max([t for t in (committed, *proposed_at) if t == t], default=time.time())
    mails_done = await _mails_settled(stack.sink, seen.recipients)
    cpu1, requests1 = _cpu_now(stack), await requests_served(url)
    applied = await count(url, "stx_matching", "processed_events", {"type": LISTING_PUBLISHED})
    await asyncio.sleep(1.0)  # the last delivery outcomes reach the probe
    await probe.stop()
    start = min(sent.values())
    return Phase(
        replicas=replicas,
        listings=applied,
        proposals=len(proposed_at),
        wall_s=max(proposals_done, mails_done) - start,
        listings_per_s=applied / (proposals_done - start),
        mails=stack.sink.accepted,
        mails_expected=seen.recipients,
        mails_per_s=stack.sink.accepted / (mails_done - start),
        drained=committed == committed,
        cpu_s={key: cpu1[key] - cpu0[key] for key in cpu0},
        store_requests=requests1 - requests0,
        duplicated={
            "match.proposed per pair": duplicates(seen.proposed_pairs),
            "delivered events per delivery id": duplicates(seen.delivery_events),
        },
    )


async def _notifications_alone(
    stack: BenchStack, burst: list[corpus.Listing], phase: Phase
) -> None:
    """`PROPOSALS` proposals straight onto `stx.matches.v1`: notifications' own pace, not
    matching's. Mails/s = e-mails accepted / (last accepted − first send)."""
    records, expected = corpus.proposals(burst, PROPOSALS, SEED)
    sink, before = stack.sink, stack.sink.accepted
    probe = Probe(stack.bootstrap, [NOTIFICATIONS])
    await probe.start()
    cpu0 = _cpu_now(stack)
    sent = await produce(stack.bootstrap, records)
    done = await _mails_settled(sink, before + expected)
    cpu1 = _cpu_now(stack)
    await asyncio.sleep(1.0)
    await probe.stop()
    phase.direct_mails, phase.direct_expected = sink.accepted - before, expected
    phase.direct_mails_per_s = phase.direct_mails / (done - min(sent.values()))
    phase.direct_cpu_s = sum(cpu1[k] - cpu0[k] for k in stack.replicas_of("notifications"))
    phase.duplicated["delivered events per delivery id"] += duplicates(probe.seen.delivery_events)
    phase.duplicated["e-mails per Message-ID"] = duplicates(sink.message_ids)


async def _measure(stack: BenchStack, replicas: int, burst: list[corpus.Listing]) -> Phase:
    await _ready(stack, replicas)
    phase = await _pipeline(stack, replicas, burst)
    if PROPOSALS:
        await _notifications_alone(stack, burst, phase)
    return phase


def run_phase(replicas: int, burst: list[corpus.Listing]) -> Phase:
    started = time.perf_counter()
    stack = BenchStack.start([])
    try:
        stack.start_services(SERVICES, SERVICE_ENV, replicas)
        print(
            f"  {replicas} replica(s): stack and services up in "
            f"{time.perf_counter() - started:.0f} s; publishing {len(burst)} listings…",
            flush=True,
        )
        phase = asyncio.run(_measure(stack, replicas, burst))
        for key in stack.services:
            lines = stack.log_path(key).read_text(errors="replace").splitlines()
            phase.work[key] = replica_work(lines)
    finally:
        stack.stop()
    return phase


# --------------------------------------------------------------------------- report


def _table(rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  " + "  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))


def _ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}×" if base > 0 else "-"


def report(phases: list[Phase]) -> None:
    base = phases[0]
    print(f"\n  N = {N} listings published in a burst, the same records for every run")
    rows = [
        [
            "replicas",
            "wall s",
            "listings/s",
            "ratio",
            "mails/s",
            "ratio",
            "mails/s notif. alone",
            "ratio",
            "CPU s matching",
            "CPU s notif.",
            "CPU s SecantusDB",
            "CPU s Kafka",
            "store req/listing",
            "duplicates",
        ]
    ]
    for p in phases:
        rows.append(
            [
                str(p.replicas),
                f"{p.wall_s:.1f}",
                f"{p.listings_per_s:.2f}",
                _ratio(p.listings_per_s, base.listings_per_s),
                f"{p.mails_per_s:.2f}",
                _ratio(p.mails_per_s, base.mails_per_s),
                f"{p.direct_mails_per_s:.2f}",
                _ratio(p.direct_mails_per_s, base.direct_mails_per_s),
                f"{p.service_cpu('matching'):.1f}",
                f"{p.service_cpu('notifications'):.1f}",
                f"{p.cpu_s['secantusdb']:.1f}",
                f"{p.cpu_s['kafka']:.1f}",
                f"{p.store_requests / p.listings:.0f}",
                str(sum(p.duplicated.values())),
            ]
        )
    _table(rows)
    for p in phases:
        print(
            f"\n  {p.replicas} replica(s): {p.listings} of {N} listings applied, {p.proposals} "
            f"proposals, {p.mails} e-mails accepted of {p.mails_expected} expected, matching "
            f"drained: {p.drained}; notifications alone: "
            f"{p.direct_mails} e-mails of {p.direct_expected} expected, CPU {p.direct_cpu_s:.1f} s"
        )
        print("    duplicated effects: " + ", ".join(f"{w} {n}" for w, n in p.duplicated.items()))
        for key, work in p.work.items():
            consumed = LISTINGS if key.startswith("matching") else MATCHES
            print(
                f"    {key:<16} CPU {p.cpu_s[key]:6.1f} s  applied {work.applied[consumed]:4d} "
                f"from {consumed} partitions {work.partitions_of(consumed):<12} "
                f"retried {work.retried}, redeliveries skipped {work.duplicates_skipped}"
            )
    _print_target(phases)
    _print_notes()


def _print_target(phases: list[Phase]) -> None:
    one = next((p for p in phases if p.replicas == 1), None)
    two = next((p for p in phases if p.replicas == 2), None)
    if one is None or two is None:
        return
    ratio = two.listings_per_s / one.listings_per_s
    mail_ratio = two.direct_mails_per_s / one.direct_mails_per_s
    dups = sum(two.duplicated.values()) + sum(one.duplicated.values())
    met = ratio >= TARGET_RATIO and mail_ratio >= TARGET_RATIO and dups == 0
    print(
        f"\n  target: two replicas ≥ {TARGET_RATIO}× one replica's throughput, with 0 duplicated "
        f"effects — measured {ratio:.2f}× listings/s (matching), {mail_ratio:.2f}× mails/s "
        f"(notifications alone), "
        f"{dups} duplicated effects: {'met' if met else 'NOT met'}"
    )


def _print_notes() -> None:
    most = max(REPLICAS)
    for name in SERVICES:
        short = [t for t in consumed_topics(name) if topic(t).partitions < most]
        for t in short:
            print(
                f"  note: {name} reads {t} with {topic(t).partitions} partition(s) < {most} "
                "replicas: only that many replicas get its records (measured anyway)"
            )
    print(
        f"  machine: {os.cpu_count()} cores, load average now {os.getloadavg()[0]:.1f} "
        "(other work on the machine counts); Kafka, SecantusDB, the bench and every replica "
        "share these cores, so two CPU-bound replicas cannot reach 2×"
    )


def main() -> None:
    burst = corpus.listings(SEED, N, "b")
    phases = [run_phase(replicas, burst) for replicas in REPLICAS]
    report(phases)


if __name__ == "__main__":
    main()
