"""The bounded set of listing texts the scale run draws from.

Embedding 100,000 listings with E5 would take hours on 2 cores (~120 ms a listing), so every
listing takes its embedded fields (title, keywords, summary, desired outcome, description: what
`embedding_text` reads) from one of a few hundred texts per kind, and only that text is
embedded. What varies per listing lies outside the embedding: owner, commune, sector within the
text's own, TRL, price or budget, dates. The texts are the demo seed's offers and demands
verbatim, then texts composed from the vocabulary of the matching engine's benchmark.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass

from services.listings.seed import DATA
from shared.events.vocabulary import ListingKind, Sector
from tests.bench.bench_matching_engine import PLACES, PROCESSES, QUALITIES

# Products by the sector they belong to, so that a composed text's sector fits what it is about.
PRODUCTS_BY_SECTOR: dict[Sector, tuple[str, ...]] = {
    Sector.MEDICINAL_HERBS: (
        "sâm Ngọc Linh", "đương quy", "đảng sâm", "nghệ vàng", "cà gai leo", "trà dược liệu",
        "nấm linh chi", "quế Trà Bồng",
    ),
    Sector.HIGH_TECH_AGRICULTURE: (
        "cà phê Robusta", "mắc ca", "hồ tiêu", "chanh leo", "sầu riêng", "dâu tây",
        "rau thủy canh", "dưa lưới", "cà chua", "bơ sáp", "ngô lai", "lúa nước",
    ),
    Sector.AGRO_FORESTRY_FISHERY_PROCESSING: (
        "tinh bột sắn", "hạt điều", "mật ong", "măng le", "cá tầm", "cá rô phi", "gỗ rừng trồng",
        "heo đen", "gà thả vườn", "xoài",
    ),
    Sector.ENVIRONMENT: (
        "nước thải chế biến cà phê", "rác thải hữu cơ", "bùn thải", "phụ phẩm sắn",
    ),
}  # fmt: skip
OUTCOMES = (
    "Ứng dụng được tại hợp tác xã trong một năm, có chuyển giao và đào tạo kỹ thuật viên.",
    "Giảm ít nhất 20% chi phí sản xuất và đạt tiêu chuẩn để bán vào siêu thị.",
    "Sản phẩm đạt OCOP 3 sao trở lên trong hai năm.",
    "Vận hành được bởi lao động địa phương sau một khóa tập huấn.",
)


@dataclass(frozen=True)
class ListingText:
    """What a listing says, and the sector that text is about."""

    kind: ListingKind
    title: str
    summary: str
    description: str
    keywords: tuple[str, ...]
    sector: Sector
    desired_outcome: str | None = None


def demo_texts() -> list[ListingText]:
    """The demo seed's offers and demands, as they are written."""
    found = []
    for name in ("offers.jsonl", "demands.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            entry = json.loads(line)
            found.append(
                ListingText(
                    kind=ListingKind(entry["kind"]),
                    title=entry["title"],
                    summary=entry["summary"],
                    description=entry["description"],
                    keywords=tuple(entry.get("keywords", ())),
                    sector=Sector(entry["sector"]),
                    desired_outcome=entry.get("desired_outcome"),
                )
            )
    return found


def composed_text(rng: random.Random, kind: ListingKind) -> ListingText:
    sector = rng.choice(list(PRODUCTS_BY_SECTOR))
    product, other = rng.choice(PRODUCTS_BY_SECTOR[sector]), rng.choice(PRODUCTS_BY_SECTOR[sector])
    process, quality, place = rng.choice(PROCESSES), rng.choice(QUALITIES), rng.choice(PLACES)
    offer = kind == ListingKind.OFFER
    title = f"{'Công nghệ' if offer else 'Cần công nghệ'} {process} {product} {quality}"
    summary = (
        f"{'Giải pháp' if offer else 'Doanh nghiệp cần giải pháp'} {process} cho {product} "
        f"tại {place}, {quality}, {rng.choice(QUALITIES)}."
    )
    if offer:
        description = (
            f"Quy trình gồm {rng.randint(3, 7)} bước: {rng.choice(PROCESSES)}, {process} và "
            f"{rng.choice(PROCESSES)}. Áp dụng được cho {other}; năng suất tăng "
            f"{rng.randint(10, 60)}%, chi phí giảm {rng.randint(5, 40)}%."
        )
    else:
        description = (
            f"Hiện {process} {product} thủ công, sản lượng {rng.randint(5, 200)} tấn/năm, hao hụt "
            f"{rng.randint(10, 40)}%. Cần thiết bị và quy trình phù hợp quy mô {place}."
        )
    return ListingText(
        kind=kind,
        title=title,
        summary=summary,
        description=description,
        keywords=(product, process),
        sector=sector,
        desired_outcome=None if offer else rng.choice(OUTCOMES),
    )


def listing_texts(per_kind: int, seed: int) -> dict[ListingKind, list[ListingText]]:
    """`per_kind` distinct texts of each kind: the demo seed's first, then composed ones."""
    rng = random.Random(seed)
    texts: dict[ListingKind, list[ListingText]] = {kind: [] for kind in ListingKind}
    seen: set[tuple[str, str, str]] = set()
    for text in demo_texts():
        if len(texts[text.kind]) < per_kind:
            texts[text.kind].append(text)
            seen.add((text.title, text.summary, text.description))
    for kind in ListingKind:
        while len(texts[kind]) < per_kind:
            text = composed_text(rng, kind)
            if (text.title, text.summary, text.description) not in seen:
                seen.add((text.title, text.summary, text.description))
                texts[kind].append(text)
    return texts
