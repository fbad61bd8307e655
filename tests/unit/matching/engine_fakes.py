"""Test data and a deterministic fake embedder for the matching engine's unit tests."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

import numpy as np

from services.matching.engine import MatchingEngine, Proposal, embed_listing
from services.matching.engine.embeddings import E5_DIMENSION
from services.matching.engine.vector_index import Vector
from shared.events.listings import ListingSnapshot
from shared.events.organizations import AdministrativeUnit
from shared.events.vocabulary import ListingKind, Sector
from shared.text import syllables

KON_TUM = AdministrativeUnit(
    code="62", name="Kon Tum", level="province", valid_to=date(2025, 6, 30), successor_code="51"
)
KON_TUM_BEFORE_MERGER = AdministrativeUnit(code="62", name="Kon Tum", level="province")
QUANG_NGAI = AdministrativeUnit(code="51", name="Quảng Ngãi", level="province")
GIA_LAI = AdministrativeUnit(code="64", name="Gia Lai", level="province")
HA_NOI = AdministrativeUnit(code="01", name="Hà Nội", level="province")


class HashingEmbedder:
    """Syllables (diacritics kept) hashed with random signs into 384 dimensions: a
    deterministic stand-in for a model, which also tells `cá` from `cà`."""

    dimension = E5_DIMENSION

    def _embed(self, text: str) -> Vector:
        vector = np.zeros(self.dimension, dtype=np.float32)
        for word in syllables(text):
            number = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "big")
            vector[number % self.dimension] += 1.0 if number & 1 << 31 else -1.0
        vector[0] += 1e-3  # never the zero vector
        result: Vector = vector / np.linalg.norm(vector)
        return result

    def embed_query(self, text: str) -> Vector:
        return self._embed(text)

    def embed_passage(self, text: str) -> Vector:
        return self._embed(text)

    def embed_many(self, texts: Sequence[str], as_queries: bool) -> list[Vector]:
        return [self._embed(text) for text in texts]


def _listing(listing_id: str, kind: ListingKind, title: str, **fields: Any) -> ListingSnapshot:
    defaults: dict[str, Any] = {
        "status": "published",
        "version": 1,
        "summary": "",
        "description": "",
        "sector": Sector.HIGH_TECH_AGRICULTURE,
        "owner_kind": "research_institute" if kind == ListingKind.OFFER else "enterprise",
        "owner_organization_id": f"org-{listing_id}",
        "updated_at": datetime(2025, 9, 1, tzinfo=UTC),
    }
    return ListingSnapshot(listing_id=listing_id, kind=kind, title=title, **(defaults | fields))


def offer(listing_id: str, title: str, **fields: Any) -> ListingSnapshot:
    """A published technology offer ("chào bán")."""
    return _listing(listing_id, ListingKind.OFFER, title, **fields)


def demand(listing_id: str, title: str, **fields: Any) -> ListingSnapshot:
    """A published technology demand ("đặt hàng")."""
    return _listing(listing_id, ListingKind.DEMAND, title, **fields)


FISH_CAGES = offer(
    "off-ca-long",
    "Nuôi cá lồng trên hồ thủy điện",
    summary="Nuôi cá diêu hồng, cá lăng trong lồng HDPE trên hồ chứa thủy điện, năng suất cao.",
    keywords=["nuôi cá lồng", "hồ thủy điện"],
    sector=Sector.HIGH_TECH_AGRICULTURE,
    trl=8,
)
FISH_FEED = offer(
    "off-thuc-an-ca",
    "Thức ăn viên nổi cho cá từ phụ phẩm nông nghiệp",
    summary="Phối trộn bã sắn, cám gạo thành thức ăn viên cho cá nước ngọt.",
    sector=Sector.AGRO_FORESTRY_FISHERY_PROCESSING,
    trl=7,
)
COFFEE_ROASTER = offer(
    "off-rang-ca-phe",
    "Máy rang cà phê điều khiển nhiệt độ tự động",
    summary="Máy rang cà phê Robusta 15 kg mỗi mẻ, cà phê bột thơm, tiết kiệm gas.",
    keywords=["cà phê", "máy rang"],
    sector=Sector.INDUSTRIAL_PRODUCTION,
    trl=9,
)
COFFEE_IRRIGATION = offer(
    "off-tuoi-ca-phe",
    "Tưới nhỏ giọt cho cà phê",
    summary="Hệ thống tưới nhỏ giọt kết hợp bón phân cho vườn cà phê, điều khiển qua điện thoại.",
    sector=Sector.HIGH_TECH_AGRICULTURE,
    trl=8,
)
GINSENG = offer(
    "off-sam-ngoc-linh",
    "Nhân giống sâm Ngọc Linh bằng nuôi cấy mô",
    summary="Cây giống sâm Ngọc Linh sạch bệnh, tỷ lệ sống trên 85% khi ra vườn ươm.",
    keywords=["sâm Ngọc Linh", "nuôi cấy mô"],
    sector=Sector.MEDICINAL_HERBS,
    trl=7,
)
HERB_DRYER = offer(
    "off-say-lanh",
    "Máy sấy lạnh bơm nhiệt cho dược liệu",
    summary="Sấy lạnh ở 40 độ giữ hoạt chất của đương quy, sâm dây; tiết kiệm một nửa điện năng.",
    keywords=["sấy lạnh", "dược liệu"],
    sector=Sector.MEDICINAL_HERBS,
    trl=7,
    price_vnd=650_000_000,
    transfer_forms=["independent_transfer"],
    location=KON_TUM,
)
CASSAVA_WASTEWATER = offer(
    "off-nuoc-thai-san",
    "Xử lý nước thải chế biến tinh bột sắn bằng bể kỵ khí UASB",
    summary="Xử lý nước thải nhà máy tinh bột sắn, thu khí sinh học làm nhiên liệu, hết mùi hôi.",
    sector=Sector.ENVIRONMENT,
    trl=8,
)
RUBBER_WOOD = offer(
    "off-go-cao-su",
    "Biến tính nhiệt gỗ cao su làm đồ nội thất",
    summary="Xử lý gỗ cao su bằng hơi nước nhiệt độ cao, chống mối mọt không dùng hóa chất.",
    sector=Sector.INDUSTRIAL_PRODUCTION,
    trl=7,
)
OCOP_PACKAGING = offer(
    "off-bao-bi-ocop",
    "Thiết kế bao bì và tem truy xuất nguồn gốc cho sản phẩm OCOP",
    summary="Bao bì giấy kraft, nhãn hàng đúng quy định và tem mã QR truy xuất nguồn gốc.",
    sector=Sector.OTHER,
    trl=9,
)
MACADAMIA = offer(
    "off-mac-ca",
    "Nhân giống mắc ca bằng ghép nêm",
    summary="Vườn ươm cây mắc ca ghép cho ra hoa sau ba năm.",
    sector=Sector.HIGH_TECH_AGRICULTURE,
    trl=8,
)

CATALOGUE = (
    FISH_CAGES, FISH_FEED, COFFEE_ROASTER, COFFEE_IRRIGATION, GINSENG, HERB_DRYER,
    CASSAVA_WASTEWATER, RUBBER_WOOD, OCOP_PACKAGING, MACADAMIA,
)  # fmt: skip
"""Ten Vietnamese offers from the Central Highlands, with `cá` / `cà phê` / `mắc ca` traps."""


def indexed_engine(
    *listings: ListingSnapshot, embedder: Any = None, config: Any = None
) -> MatchingEngine:
    """An engine holding `listings` (the catalogue by default), embedded by `embedder`."""
    engine = MatchingEngine(config)
    used = HashingEmbedder() if embedder is None else embedder
    for listing in listings or CATALOGUE:
        engine.index(listing, embed_listing(used, listing))
    return engine


def search(
    engine: MatchingEngine, listing: ListingSnapshot, embedder: Any = None, **options: Any
) -> list[Proposal]:
    """`candidates_for` a listing that is not indexed, with its (fake) embedding."""
    used = HashingEmbedder() if embedder is None else embedder
    return engine.candidates_for(listing, vector=embed_listing(used, listing), **options)


def ranked_offers(proposals: list[Proposal]) -> list[str]:
    return [proposal.offer_id for proposal in proposals]
