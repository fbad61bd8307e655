"""The labelled markets of the quality benchmark: offers, graded demands, dev or held-out.

Each folder of `markets/` is one self-contained market (its demands grade its own offers, by
`RUBRIC.md`), built from sources no other market uses. The folder's name starts with its split:
`dev_…` markets may be used to choose the engine's settings, `heldout_…` ones are only ever
evaluated.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from shared.events.listings import ListingSnapshot
from shared.events.organizations import AdministrativeUnit
from shared.text import fold

MARKETS = Path(__file__).parent / "markets"
SPLITS = ("dev", "heldout")
PROVINCE_NAMES = {
    "01": "Hà Nội", "48": "Đà Nẵng", "51": "Quảng Ngãi", "52": "Bình Định", "62": "Kon Tum",
    "64": "Gia Lai", "66": "Đắk Lắk", "68": "Lâm Đồng", "70": "Bình Phước", "79": "TP. Hồ Chí Minh",
}  # fmt: skip
"""Names of the provinces the internal set uses without naming them."""
_LABEL_FIELDS = {"id", "style", "tags", "relevant", "province", "province_name"}
_SOURCE_FIELDS = {"source_url", "source_title"}
PLAIN_SUFFIX = "~plain"


@dataclass(frozen=True)
class Demand:
    listing: ListingSnapshot
    grades: dict[str, int]
    style: str
    tags: frozenset[str]


@dataclass(frozen=True)
class Market:
    name: str
    split: str
    offers: list[ListingSnapshot]
    demands: list[Demand]
    sources: set[str] = field(default_factory=set)


def _unit(code: str, name: str | None) -> AdministrativeUnit:
    if code == "62":  # stored before the merger: carries its successor
        return AdministrativeUnit(
            code="62",
            name="Kon Tum",
            level="province",
            valid_to=date(2025, 6, 30),
            successor_code="51",
        )
    return AdministrativeUnit(code=code, name=name or PROVINCE_NAMES[code], level="province")


def listing_of(raw: dict[str, Any], kind: str) -> ListingSnapshot:
    fields = {k: v for k, v in raw.items() if k not in _LABEL_FIELDS | _SOURCE_FIELDS}
    return ListingSnapshot(
        listing_id=raw["id"],
        kind=kind,
        status="published",
        version=1,
        description=fields.pop("description", ""),
        owner_kind=fields.pop("owner_kind", "enterprise"),
        location=_unit(raw["province"], raw.get("province_name")),
        owner_organization_id=f"org-{raw['id']}",
        updated_at=datetime(2025, 9, 1, tzinfo=UTC),
        **fields,
    )


def _read(path: Path) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return items


def load_market(folder: Path) -> Market:
    split = folder.name.split("_", 1)[0]
    if split not in SPLITS:
        raise ValueError(f"{folder.name}: a market's name starts with one of {SPLITS}")
    offers_raw, demands_raw = _read(folder / "offers.json"), _read(folder / "demands.json")
    offer_ids = {raw["id"] for raw in offers_raw}
    demands = []
    for raw in demands_raw:
        unknown = set(raw["relevant"]) - offer_ids
        if unknown:
            raise ValueError(f"{folder.name}/{raw['id']} grades unknown offers {sorted(unknown)}")
        demands.append(
            Demand(
                listing_of(raw, "demand"),
                {oid: int(g) for oid, g in raw["relevant"].items()},
                raw["style"],
                frozenset(raw.get("tags", [])),
            )
        )
    sources = {raw["source_url"] for raw in offers_raw + demands_raw if raw.get("source_url")}
    offers = [listing_of(raw, "offer") for raw in offers_raw]
    return Market(folder.name, split, offers, demands, sources)


def load_markets(splits: tuple[str, ...] = SPLITS) -> list[Market]:
    """Every market of the given splits, by name; dev and held-out never share a source."""
    markets = [load_market(folder) for folder in sorted(MARKETS.iterdir()) if folder.is_dir()]
    chosen = [market for market in markets if market.split in splits]
    dev = set().union(*(m.sources for m in markets if m.split == "dev"))
    for market in markets:
        if market.split == "heldout" and market.sources & dev:
            shared = sorted(market.sources & dev)
            raise ValueError(f"{market.name} shares sources with a dev market: {shared}")
    return chosen


def typed_plainly(demand: Demand) -> Demand:
    """The same demand as if typed without diacritics (same grades), for the diacritics gap."""
    listing = demand.listing
    plain = listing.model_copy(
        update={
            "listing_id": listing.listing_id + PLAIN_SUFFIX,
            "title": fold(listing.title),
            "summary": fold(listing.summary),
            "description": fold(listing.description),
            "keywords": [fold(keyword) for keyword in listing.keywords],
        }
    )
    return Demand(plain, demand.grades, "no_diacritics", demand.tags | {"typed_plainly"})
