"""Events on `stx.indicators.v1`: market indicators of one closed period (Decision 1158/QĐ-TTg).

Published once per closed month, quarter and year, with a breakdown per sector, per place and
per province. Shares are in [0, 1] and null when nothing was counted (no contract, no answer).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel, Field

from shared.events.base import Event
from shared.events.registry import register
from shared.events.vocabulary import Sector
from shared.topics import INDICATORS


class Granularity(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class MarketFigures(BaseModel):
    """The indicators of one slice of the market (all, one sector, one district)."""

    offers_published: int = Field(
        ge=0, description="Offers first published in the period.", examples=[12]
    )
    demands_published: int = Field(
        ge=0, description="Demands first published in the period.", examples=[7]
    )
    proposals: int = Field(ge=0, description="Match proposals made in the period.", examples=[31])
    answers: int = Field(
        ge=0, description="Answers (interested or not) given in the period.", examples=[20]
    )
    interested_answers: int = Field(
        ge=0, description="Of those, answers saying interested.", examples=[9]
    )
    interest_rate: float | None = Field(
        default=None, ge=0, le=1, description="interested_answers / answers.", examples=[0.45]
    )
    introductions: int = Field(
        ge=0, description="Introductions opened in the period.", examples=[4]
    )
    mous: int = Field(
        ge=0, description="Memoranda of understanding signed in the period.", examples=[2]
    )
    contracts: int = Field(
        ge=0,
        description="Transfer contracts signed in the period: brokered on STX and, since "
        "2026-12, declared by a broker (made outside the platform, see `declared_contracts`).",
        examples=[1],
    )
    contract_value_vnd: int = Field(
        ge=0, description="Total value of those contracts, VND.", examples=[1_200_000_000]
    )
    declared_contracts: int = Field(
        default=0,
        ge=0,
        description="Added 2026-12: of `contracts`, those made outside the platform and declared "
        "by a broker with their registration number.",
        examples=[0],
    )
    declared_contract_value_vnd: int = Field(
        default=0, ge=0, description="Added 2026-12: their value, VND.", examples=[0]
    )
    contract_value_growth: float | None = Field(
        default=None,
        description="Added 2026-12: year-on-year growth of `contract_value_vnd` against the same "
        "period a year before (0.3 = +30 %; Decision 1158 targets 0.25 to 2025, 0.3 to 2030); "
        "null when that period had no contract value.",
        examples=[0.3],
    )
    ip_asset_value_share: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="Added 2026-12: share of `contract_value_vnd` transferring an IP asset.",
        examples=[0.4],
    )
    academic_domestic_value_share: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="Added 2026-12: share of `contract_value_vnd` in domestic transfers whose "
        "supplier is a university or a research institute.",
        examples=[0.35],
    )
    state_funded_value_share: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="Added 2026-12: share of `contract_value_vnd` commercialising results of "
        "state-funded tasks.",
        examples=[0.2],
    )
    imported_value_share: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="Added 2026-12: share of `contract_value_vnd` in technology transferred into "
        "Vietnam.",
        examples=[0.1],
    )
    ip_asset_contract_share: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="Share of those contracts transferring an IP asset.",
        examples=[1.0],
    )
    academic_supplier_contract_share: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="Share of those contracts whose supplier is a university or a research "
        "institute.",
        examples=[1.0],
    )
    state_funded_offers: int = Field(
        ge=0, description="State-funded results on offer by the end of the period.", examples=[5]
    )
    state_funded_transferred: int = Field(
        ge=0,
        description="Of those, results with a signed contract by the end of the period.",
        examples=[1],
    )
    state_funded_transferred_share: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="state_funded_transferred / state_funded_offers: the share of state-funded "
        "results transferred into use.",
        examples=[0.2],
    )
    median_days_to_first_proposal: float | None = Field(
        default=None,
        ge=0,
        description="Listings published in the period: median days from publication to their "
        "first proposal (listings without a proposal are not counted).",
        examples=[2.0],
    )
    median_days_to_contract: float | None = Field(
        default=None,
        ge=0,
        description="Contracts signed in the period: median days from the later publication of "
        "the pair to the signature.",
        examples=[64.5],
    )


class SectorFigures(BaseModel):
    sector: Sector = Field(
        description="The sector (of the demand, for pairs). Since 2026-12, `other` also holds "
        "the sectors whose figures rest on fewer than 3 organisations.",
        examples=["medicinal_herbs"],
    )
    figures: MarketFigures = Field(description="Indicators of this sector.")


class ProvinceFigures(BaseModel):
    """One province's figures (added 2026-12): today's province, or — in the former-province
    view — a province as it was before 1 July 2025 (e.g. former Kon Tum inside Quảng Ngãi)."""

    province_code: str = Field(
        description="GSO code; `other` for the row merging provinces whose figures rest on "
        "fewer than 3 organisations; empty when unknown.",
        examples=["51"],
    )
    province_name: str = Field(description="Its Vietnamese name.", examples=["Quảng Ngãi"])
    view: str = Field(
        description="`current` (today's province) or `former` (a province before the 2025 "
        "merger); each view adds up to the whole market.",
        examples=["current"],
    )
    figures: MarketFigures = Field(description="Indicators of this province.")


class DistrictFigures(BaseModel):
    """One place's figures. Named for districts, which were abolished on 2025-07-01: since
    2026-12 a row is today's commune or ward (`place_level` says which), a former district only
    for addresses registered before the reform."""

    district_code: str = Field(
        description="Code of the place (of the demand, for pairs): today's commune, or a former "
        "district; empty when unknown; `other` for the row merging the places whose figures rest "
        "on fewer than 3 organisations (they are not published on their own, so no "
        "organisation's activity can be read off a place).",
        examples=["23425"],
    )
    district_name: str = Field(description="Its Vietnamese name.", examples=["Xã Tu Mơ Rông"])
    place_level: str = Field(
        default="",
        description="Added 2026-12: `commune` (today's commune or ward) or `district` (a former "
        "district); empty for the unknown and `other` rows and in older events.",
        examples=["commune"],
    )
    figures: MarketFigures = Field(description="Indicators of this place.")


@register
class IndicatorsPublished(Event):
    """The market indicators of one closed period, computed once when the period closed."""

    ce_type: ClassVar[str] = "stx.indicators.published"
    topic: ClassVar[str] = INDICATORS
    subject_field: ClassVar[str] = "period"

    period: str = Field(
        description="`YYYY-MM`, `YYYY-Qn` or `YYYY` (Asia/Ho_Chi_Minh calendar).",
        examples=["2026-Q4"],
    )
    granularity: Granularity = Field(description="Month, quarter or year.", examples=["quarter"])
    period_start: date = Field(description="First day of the period.", examples=["2026-10-01"])
    period_end: date = Field(description="Last day of the period.", examples=["2026-12-31"])
    province: str = Field(description="Province whose market this is.", examples=["Quảng Ngãi"])
    computed_at: datetime = Field(
        description="When the figures were computed (UTC).", examples=["2027-01-01T00:05:00Z"]
    )
    totals: MarketFigures = Field(description="The whole market.")
    by_sector: list[SectorFigures] = Field(description="One entry per sector with activity.")
    by_district: list[DistrictFigures] = Field(description="One entry per district with activity.")
    by_province: list[ProvinceFigures] = Field(
        default_factory=list,
        description="Added 2026-12: one entry per province with activity, today's and former.",
    )
    intermediary_organizations: int | None = Field(
        default=None,
        ge=0,
        description="Added 2026-12: verified intermediary organisations of the market "
        "(brokerage and consultancy, valuation, assessment) registered by the period's end.",
        examples=[4],
    )
