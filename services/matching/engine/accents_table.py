"""Generate `data/syllables.json` for `accents.py` (run by hand; the output is committed).

    python -m services.matching.engine.accents_table

Sources: the sector vocabulary, the demo seed and the *dev* labelled markets (never a held-out
one). Place names are left out: thousands of them would outweigh the sector words.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from services.matching.engine.accents import TABLE, has_diacritics
from services.matching.engine.vocabulary import TOPICS
from shared.text import fold, syllables

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "services" / "listings" / "seed_data"
MARKETS = ROOT / "tests" / "bench" / "quality" / "markets"
TEXT_FIELDS = ("title", "summary", "description", "desired_outcome", "keywords")


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _listing_texts(records: Iterable[dict[str, object]]) -> Iterator[str]:
    for record in records:
        for name in TEXT_FIELDS:
            yield from _strings(record.get(name))


def texts() -> Iterator[str]:
    for phrases in TOPICS.values():
        yield from phrases
    for path in SEED.glob("*.jsonl"):
        lines = path.read_text(encoding="utf-8").splitlines()
        yield from _listing_texts(json.loads(line) for line in lines if line.strip())
    for market in sorted(MARKETS.glob("dev_*")):
        for name in ("offers.json", "demands.json"):
            yield from _listing_texts(json.loads((market / name).read_text(encoding="utf-8")))


def build() -> dict[str, object]:
    unigrams: dict[str, Counter[str]] = {}
    bigrams: Counter[str] = Counter()
    for text in texts():
        if not has_diacritics(text):
            continue  # English or plain text teaches nothing about accents
        for clause in text.replace(",", ".").split("."):
            words = [w.casefold() for w in syllables(clause) if w.isalpha()]
            for word in words:
                unigrams.setdefault(fold(word), Counter())[word] += 1
            bigrams.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    return {
        "unigrams": {k: dict(v.most_common()) for k, v in sorted(unigrams.items())},
        "bigrams": dict(sorted(bigrams.items())),
    }


if __name__ == "__main__":
    TABLE.write_text(json.dumps(build(), ensure_ascii=False, sort_keys=True), encoding="utf-8")
    print(f"wrote {TABLE}")
