"""A proposal and its explanation: feature contributions, shared terms, a Vietnamese sentence."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from services.matching.engine import features
from services.matching.engine.profile import ListingProfile
from services.matching.engine.scoring import FeatureScore

SEPARATOR = " · "
SIMILAR_CONTENT = 0.5
"""Text relevance from which, without shared terms, the sentence says the contents are alike."""


class Proposal(BaseModel):
    """A proposed match of one offer with one demand, explained."""

    model_config = ConfigDict(frozen=True)

    offer_id: str = Field(description="The offer's listing id.")
    demand_id: str = Field(description="The demand's listing id.")
    score: float = Field(ge=0, le=1, description="Weighted score in [0, 1].", examples=[0.82])
    features: dict[str, FeatureScore] = Field(description="Feature name → value and contribution.")
    text_gate: float = Field(
        ge=0,
        le=1,
        description="Share of the structured features counted: min(1, text / full_fit_from_text).",
        examples=[1.0],
    )
    shared_terms: list[str] = Field(description="Terms both listings use, rarest first.")
    sentence_vi: str = Field(
        description="Short explanation in Vietnamese.",
        examples=["Cùng lĩnh vực · TRL 7 ≥ yêu cầu 6 · Giá ≤ ngân sách · Trùng từ khóa: sấy lạnh"],
    )
    engine_version: str = Field(description="Engine that scored it.", examples=["stx-match-1.0"])


def _sector(value: float) -> str | None:
    if value == 1.0:
        return "Cùng lĩnh vực"
    return "Lĩnh vực liên quan" if value > 0 else None


def _trl(offer: ListingProfile, demand: ListingProfile) -> str | None:
    if offer.trl is None:
        return None
    if demand.min_trl is None:
        return f"TRL {offer.trl}"
    sign = "≥" if offer.trl >= demand.min_trl else "<"
    return f"TRL {offer.trl} {sign} yêu cầu {demand.min_trl}"


def _budget(offer: ListingProfile, demand: ListingProfile) -> str | None:
    if offer.price_vnd is None:
        return "Giá thỏa thuận" if offer.price_negotiable else None
    if demand.budget_max_vnd is None:
        return None
    if offer.price_vnd <= demand.budget_max_vnd:
        return "Giá ≤ ngân sách"
    over = round(100 * (offer.price_vnd - demand.budget_max_vnd) / max(demand.budget_max_vnd, 1))
    suffix = ", có thể thỏa thuận" if offer.price_negotiable else ""
    return f"Giá vượt ngân sách {over}%{suffix}"


def _transfer_form(value: float) -> str | None:
    if value == features.UNKNOWN:
        return None
    return "Hợp hình thức chuyển giao" if value > 0 else "Khác hình thức chuyển giao"


def _region(value: float) -> str | None:
    if value == 1.0:
        return "Cùng tỉnh"
    return "Tỉnh lân cận" if value == features.NEIGHBOURING_REGION else None


def _terms(shared: list[str], text_value: float) -> str | None:
    if shared:
        return "Trùng từ khóa: " + ", ".join(shared[:3])
    return "Nội dung tương đồng" if text_value >= SIMILAR_CONTENT else None


def sentence_vi(
    offer: ListingProfile,
    demand: ListingProfile,
    scores: dict[str, FeatureScore],
    shared: list[str],
) -> str:
    """E.g. `Cùng lĩnh vực · TRL 7 ≥ yêu cầu 6 · Giá ≤ ngân sách · Trùng từ khóa: sấy lạnh`."""
    parts = [
        _sector(scores["sector"].value),
        _trl(offer, demand),
        _budget(offer, demand),
        _transfer_form(scores["transfer_form"].value),
        _region(scores["region"].value),
        "Kết quả nhiệm vụ dùng ngân sách nhà nước" if offer.state_funded else None,
        _terms(shared, scores["text"].value),
    ]
    return SEPARATOR.join(part for part in parts if part)
