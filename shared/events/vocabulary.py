"""Fixed value lists of the public contract (the province's programme and the 2017 Law on
Technology Transfer). Adding a member is an additive change; renaming one is not."""

from __future__ import annotations

from enum import StrEnum


class Sector(StrEnum):
    """Priority sectors of the province's S&T market programme."""

    HIGH_TECH_AGRICULTURE = "high_tech_agriculture"
    AGRO_FORESTRY_FISHERY_PROCESSING = "agro_forestry_fishery_processing"
    MEDICINAL_HERBS = "medicinal_herbs"
    INDUSTRIAL_PRODUCTION = "industrial_production"
    ENVIRONMENT = "environment"
    HEALTHCARE = "healthcare"
    OTHER = "other"


class OrganizationKind(StrEnum):
    UNIVERSITY = "university"
    RESEARCH_INSTITUTE = "research_institute"
    ENTERPRISE = "enterprise"
    COOPERATIVE = "cooperative"
    INDIVIDUAL_EXPERT = "individual_expert"
    INTERMEDIARY = "intermediary"
    AGENCY = "agency"
    ASSOCIATION = "association"


class ListingKind(StrEnum):
    OFFER = "offer"
    """"chào bán" / cung công nghệ: a technology, research result or IP asset on offer."""
    DEMAND = "demand"
    """"đặt hàng" / cầu công nghệ: an enterprise's order for a technology or solution."""


class ListingStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    FULFILLED = "fulfilled"


class TransferObject(StrEnum):
    """What is transferred (Law on Technology Transfer 2017, art. 4)."""

    KNOW_HOW = "know_how"
    PROCESS = "process"
    DESIGN = "design"
    SOFTWARE_DATA = "software_data"
    EQUIPMENT_WITH_KNOW_HOW = "equipment_with_know_how"
    RATIONALISATION_SOLUTION = "rationalisation_solution"
    IP_RIGHT = "ip_right"


class IpStatus(StrEnum):
    NONE = "none"
    PATENT_PENDING = "patent_pending"
    PATENT_GRANTED = "patent_granted"
    UTILITY_SOLUTION = "utility_solution"
    INDUSTRIAL_DESIGN = "industrial_design"
    PLANT_VARIETY = "plant_variety"
    TRADE_SECRET = "trade_secret"  # noqa: S105 - an IP category, not a credential
    COPYRIGHT = "copyright"


class TransferForm(StrEnum):
    """Forms of technology transfer (Law on Technology Transfer 2017, art. 5)."""

    INDEPENDENT_TRANSFER = "independent_transfer"
    WITHIN_INVESTMENT_PROJECT = "within_investment_project"
    CAPITAL_CONTRIBUTION = "capital_contribution"
    FRANCHISING = "franchising"
    IP_RIGHT_TRANSFER_OR_LICENCE = "ip_right_transfer_or_licence"


class RightsMode(StrEnum):
    OWNERSHIP_TRANSFER = "ownership_transfer"
    EXCLUSIVE_LICENCE = "exclusive_licence"
    NON_EXCLUSIVE_LICENCE = "non_exclusive_licence"


class ReturnReason(StrEnum):
    """Why a broker returned a listing to its owner."""

    INCOMPLETE = "incomplete"
    UNCLEAR_BENEFIT = "unclear_benefit"
    TOO_EARLY_STAGE = "too_early_stage"
    DUPLICATE = "duplicate"
    OUT_OF_SCOPE = "out_of_scope"
