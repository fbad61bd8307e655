"""The scale run (`make bench-scale`): the four real services on a local broker and store
loaded with N listings, N×3% organisations, N/5 proposals and N/50 introductions, for each N of
`--sizes` (default 10,000 and 100,000), then one table per size and their growth.

Per size, on a fresh ephemeral stack (`pipeline/stack.py`): the data is generated
(`data.py`), each distinct text embedded once with E5 (`texts.py`), everything written into
the listings and matching stores as those services store it (`load.py`); listings,
notifications and awards are started and then matching alone, timed from process start to its
`/readyz` answering 200 (model load + full index load happen before it serves); then the
portal, and the measurements of `measure.py`. Prints; never asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from datetime import UTC, datetime

from services.matching.engine.vector_index import Vector
from tests.bench.bench_pipeline import SERVICE_ENV
from tests.bench.pipeline.stack import BenchStack
from tests.bench.scale import load, measure
from tests.bench.scale.data import generate

SEED = 20261203
OTHERS = ["listings", "notifications", "awards"]
READY_TIMEOUT = 3600.0
MATCHING_ENV = {"STX_MATCHING_INDICATORS_RATE_PER_MINUTE": "100000"}
TARGETS = (
    "targets (issue 18): matching ready ≤ 60 s and RSS ≤ 1536 MiB per replica at 100k; "
    "public search p95 ≤ 100 ms at 100k"
)

Figures = dict[str, float]


def started(stack: BenchStack, name: str, env: dict[str, str]) -> float:
    """Seconds from spawning the service's process to its `/readyz` answering 200."""
    begun = time.perf_counter()
    stack.spawn(name, name, env).wait_ready(READY_TIMEOUT)
    return time.perf_counter() - begun


def run_size(
    size: int, texts_per_kind: int, rate: float, store_cache: str, vectors: dict[str, Vector]
) -> Figures:
    """One size on a fresh stack; `vectors` keeps the embedded texts for the next size."""
    now = datetime.now(UTC)
    figures: Figures = {}
    begun = time.perf_counter()
    data = generate(size, texts_per_kind, now, SEED)
    figures |= {
        "listings": float(len(data.listings)),
        "organisations": float(len(data.organizations)),
        "proposals": float(len(data.matches)),
        "introductions": float(len(data.introductions)),
        "generate s": time.perf_counter() - begun,
    }
    embed_s = load.embed_texts(data, vectors)
    load.keep_vectors(vectors)
    figures |= {"distinct texts": float(len(vectors)), "embed s (new texts only)": embed_s}
    print(
        f"  N={size}: data generated, {len(vectors)} texts embedded in {embed_s:.0f} s", flush=True
    )
    stack = BenchStack.start([], store_cache)
    try:
        begun = time.perf_counter()
        asyncio.run(load.fill(stack.mongo_url, data, vectors))
        figures["store fill s"] = time.perf_counter() - begun
        print(f"  N={size}: stores filled in {figures['store fill s']:.0f} s", flush=True)
        for name in OTHERS:
            figures[f"{name} start → ready s"] = started(stack, name, SERVICE_ENV)
        figures["matching start → ready s"] = started(stack, "matching", MATCHING_ENV)
        print(
            f"  N={size}: matching ready in {figures['matching start → ready s']:.1f} s", flush=True
        )
        stack.start_portal(stack.services["listings"].url)
        figures |= measure.reads(stack, data, SEED)
        figures |= measure.indicators(stack, now.year)
        figures |= asyncio.run(measure.paced(stack, data, SEED + size, rate))
        figures |= measure.memory(stack)
    finally:
        stack.stop()
    return figures


def _cell(value: float | None) -> str:
    if value is None or value != value:
        return "-"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.1f}"


def table(results: dict[int, Figures]) -> None:
    sizes = sorted(results)
    names = list(dict.fromkeys(name for figures in results.values() for name in figures))
    header = ["", *(f"N={s:,}" for s in sizes)]
    growth = len(sizes) > 1 and sizes[0] > 0
    if growth:
        header.append(f"{sizes[-1] // 1000}k / {sizes[0] // 1000}k")
    rows = [header]
    for name in names:
        values = [results[s].get(name) for s in sizes]
        row = [name, *(_cell(v) for v in values)]
        if growth:
            first, last = values[0], values[-1]
            ok = first is not None and last is not None and first == first and first > 0
            row.append(f"{last / first:.2f}×" if ok and last == last else "-")  # type: ignore[operator]
        rows.append(row)
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for row in rows:
        print(
            "  "
            + "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.scale", description=__doc__)
    parser.add_argument("--sizes", default="10000,100000", help="listings per run, comma-separated")
    parser.add_argument(
        "--rate", type=float, default=2.0, help="paced load: new listings published per second"
    )
    parser.add_argument(
        "--store-cache",
        default="1G",
        help="SecantusDB's cache (SecantusDB's default; with the local stack's 256M the bulk load "
        "of 100,000 listings stalled in cache eviction)",
    )
    parser.add_argument("--texts", type=int, default=300, help="distinct texts per kind (embedded)")
    args = parser.parse_args(argv)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    results: dict[int, Figures] = {}
    vectors = load.cached_vectors()
    print(
        f"  paced load: {measure.PACED_COUNT} new listings at {args.rate:g}/s; "
        f"store cache {args.store_cache}",
        flush=True,
    )
    for size in (int(s) for s in args.sizes.split(",")):
        results[size] = run_size(size, args.texts, args.rate, args.store_cache, vectors)
        print(f"\n  scale run, N = {size:,} listings")
        table({size: results[size]})
        print(flush=True)
    if len(results) > 1:
        print("\n  growth")
        table(results)
    print(f"\n  {TARGETS}")
    print(f"  machine: {os.cpu_count()} cores, load average now {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
