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
    """Brokerage and transfer consultancy ("môi giới, tư vấn chuyển giao công nghệ")."""
    AGENCY = "agency"
    ASSOCIATION = "association"
    SCIENCE_TECHNOLOGY_ENTERPRISE = "science_technology_enterprise"
    """An enterprise holding a certificate of S&T enterprise (Decree 13/2019/NĐ-CP)."""
    TECHNOLOGY_VALUATION = "technology_valuation"
    """An intermediary that values technologies ("định giá công nghệ")."""
    TECHNOLOGY_ASSESSMENT = "technology_assessment"
    """An intermediary that assesses, inspects or appraises technologies ("đánh giá, giám định,
    thẩm định công nghệ")."""


INTERMEDIARY_KINDS = frozenset(
    {
        OrganizationKind.INTERMEDIARY,
        OrganizationKind.TECHNOLOGY_VALUATION,
        OrganizationKind.TECHNOLOGY_ASSESSMENT,
    }
)
"""The S&T market's intermediary organisations (2017 Law, art. 46), counted by the programme."""
ENTERPRISE_KINDS = frozenset(
    {OrganizationKind.ENTERPRISE, OrganizationKind.SCIENCE_TECHNOLOGY_ENTERPRISE}
)


class Language(StrEnum):
    """The language a reader gets its messages in."""

    VI = "vi"
    EN = "en"


class ListingKind(StrEnum):
    OFFER = "offer"
    """"chào bán" / cung công nghệ: a technology, research result or IP asset on offer."""
    DEMAND = "demand"
    """"đặt hàng" / cầu công nghệ: an enterprise's order for a technology or solution."""


class ListingStatus(StrEnum):
    """Where a listing stands after the event. `draft` is deprecated (2026-12): a draft is
    private to the listings service and no event carries it; the value stays in v1 only so that
    the schema's enum is never narrowed."""

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
    """One-word summary of an offer's protection; `ip_rights` lists each right in detail."""

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
    MACHINERY_WITH_TECHNOLOGY = "machinery_with_technology"
    """Buying or selling machinery and equipment together with a technology (art. 5.2.đ)."""
    OTHER = "other"
    """Another form provided for by law (art. 5.3)."""


class TransferMethod(StrEnum):
    """How the technology is handed over (Law on Technology Transfer 2017, art. 6)."""

    DOCUMENTS = "documents"
    """Technical documents ("chuyển giao tài liệu về công nghệ")."""
    TRAINING = "training"
    """Training the receiving side's staff."""
    EXPERTS = "experts"
    """Experts sent to advise on site until the technology runs."""
    EQUIPMENT = "equipment"
    """Delivery of machinery and equipment that embody the technology."""
    OTHER = "other"


class TransferDirection(StrEnum):
    """Where the technology goes (art. 31: cross-border transfers must be registered)."""

    DOMESTIC = "domestic"
    INTO_VIETNAM = "into_vietnam"
    OUT_OF_VIETNAM = "out_of_vietnam"


class IpCategory(StrEnum):
    """Objects of industrial property, copyright and plant variety rights (IP Law 2005, amended
    2022)."""

    PATENT = "patent"
    UTILITY_SOLUTION = "utility_solution"
    INDUSTRIAL_DESIGN = "industrial_design"
    LAYOUT_DESIGN = "layout_design"
    """Layout designs of semiconductor integrated circuits."""
    TRADEMARK = "trademark"
    COLLECTIVE_MARK = "collective_mark"
    CERTIFICATION_MARK = "certification_mark"
    GEOGRAPHICAL_INDICATION = "geographical_indication"
    PLANT_VARIETY = "plant_variety"
    COPYRIGHT = "copyright"
    TRADE_SECRET = "trade_secret"  # noqa: S105 - an IP category, not a credential


class IpRightStatus(StrEnum):
    PENDING = "pending"
    """Applied for; the application number is given when known."""
    GRANTED = "granted"
    """Protection title (patent, certificate) issued; its number is required."""
    UNREGISTERED = "unregistered"
    """Protected without registration (a trade secret, an unregistered copyright)."""


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
