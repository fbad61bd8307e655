"""Engine memory under 10,000 edits of random text: flat with terms forgotten once no indexed
listing has them, beside the same edits on an engine that never forgets (the baseline)."""

from __future__ import annotations

import random
import string
import tracemalloc

from services.matching.engine import MatchingEngine
from shared.events.listings import ListingSnapshot
from shared.events.vocabulary import ListingKind
from tests.bench.bench_matching_engine import synthetic_listing

LISTINGS = 1_000
EDITS = 10_000
CHECKPOINTS = (0, 2_500, 5_000, 7_500, 10_000)


def _random_words(rng: random.Random, count: int) -> str:
    return " ".join(
        "".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 9))) for _ in range(count)
    )


def _run(forget: bool) -> list[tuple[int, int, int, float]]:
    """(edits, live terms, table size, traced MiB) at each checkpoint."""
    rng = random.Random(11)
    engine = MatchingEngine()
    table = engine._terms
    if not forget:
        table.release_unused = lambda ids: None  # type: ignore[method-assign]
    listings: list[ListingSnapshot] = [
        synthetic_listing(rng, n, ListingKind.OFFER if n % 2 else ListingKind.DEMAND)
        for n in range(LISTINGS)
    ]
    for listing in listings:
        engine.index(listing)
    rows = []
    tracemalloc.start()
    for edit in range(EDITS + 1):
        if edit in CHECKPOINTS:
            current, _ = tracemalloc.get_traced_memory()
            rows.append((edit, table.live_terms, len(table.surface), current / 2**20))
        if edit == EDITS:
            break
        n = rng.randrange(LISTINGS)
        update = {"version": listings[n].version + 1, "description": _random_words(rng, 40)}
        listings[n] = listings[n].model_copy(update=update)
        engine.index(listings[n])
    tracemalloc.stop()
    return rows


def main() -> None:
    print(f"\n{LISTINGS} listings indexed, then {EDITS} edits replacing one listing's text with")
    print("40 random words; Python memory traced from the first edit on (tantivy's is not)\n")
    print(f"{'':24}{'edits':>8}{'live terms':>12}{'table size':>12}{'traced MiB':>12}")
    for label, forget in (("forgetting unused terms", True), ("baseline: never forgets", False)):
        for edits, live, size, mib in _run(forget):
            print(f"{label:24}{edits:>8}{live:>12}{size:>12}{mib:>12.1f}")
            label = ""


if __name__ == "__main__":
    main()
