"""Events on `stx.organizations.v1`: public profiles only (no e-mail, no phone)."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from pydantic import BaseModel, Field

from shared.events.base import Event
from shared.events.registry import register
from shared.events.vocabulary import OrganizationKind
from shared.topics import ORGANIZATIONS

ORG_ID_EXAMPLE = "org_01JC9W3Z8Q5M7K2H4N6P8R0T2V"


class AdministrativeUnit(BaseModel):
    """A province, district or commune as it was valid at some date (units merge and get
    renamed; districts ended on 2025-06-30, communes and wards were merged on 2025-07-01)."""

    code: str = Field(description="Official code of the unit (GSO list).", examples=["62"])
    name: str = Field(
        description="Vietnamese name as valid for this address.", examples=["Kon Tum"]
    )
    level: str = Field(
        description="`province`, `district` (former units only) or `commune` (a commune, ward "
        "or special zone).",
        examples=["province"],
    )
    valid_from: date | None = Field(
        default=None, description="First day the unit existed.", examples=["1991-08-12"]
    )
    valid_to: date | None = Field(
        default=None,
        description="Last day the unit existed; null while it still exists.",
        examples=["2025-06-30"],
    )
    successor_code: str | None = Field(
        default=None,
        description="The unit it was merged into, when it no longer exists (for a commune split "
        "between several, the one holding most of it).",
        examples=["51"],
    )
    parent_code: str | None = Field(
        default=None,
        description="Added 2026-12: the unit above it as it was (a district's province, a former "
        "commune's district, a commune's province); null for a province or in older events.",
        examples=["62"],
    )
    current_province_code: str | None = Field(
        default=None,
        description="Added 2026-12: the province that governs the unit today, after the 2025 "
        "mergers; null in older events.",
        examples=["51"],
    )
    current_commune_codes: list[str] = Field(
        default_factory=list,
        description="Added 2026-12: today's communes or wards covering the unit — itself, the "
        "communes a former commune went to, or every commune of a former district; empty for a "
        "province and in older events.",
        examples=[["23425"]],
    )


class OrganizationProfile(BaseModel):
    """The public profile of an organisation or expert."""

    organization_id: str = Field(
        description="Stable id of the organisation.", examples=[ORG_ID_EXAMPLE]
    )
    kind: OrganizationKind = Field(description="What kind of actor it is.", examples=["university"])
    name: str = Field(
        description="Name in Vietnamese, with diacritics (NFC).",
        examples=["Phân hiệu Đại học Đà Nẵng tại Kon Tum"],
    )
    name_en: str | None = Field(
        default=None, description="English name, if any.", examples=["UD Campus in Kon Tum"]
    )
    province: AdministrativeUnit = Field(description="Province of the address, as registered.")
    district: AdministrativeUnit | None = Field(
        default=None,
        json_schema_extra={"deprecated": True},
        description="Deprecated since 2026-12 (districts were abolished on 2025-07-01; read "
        "`commune`): the former district of an address registered before then, if known.",
    )
    commune: AdministrativeUnit | None = Field(
        default=None,
        description="Added 2026-12: the commune, ward or special zone of the address as "
        "registered (a former commune for older addresses), if known.",
    )
    current_province: AdministrativeUnit = Field(
        description="The province that governs the address today (after any merger)."
    )
    overseas_vietnamese_expert: bool = Field(
        default=False, description="An overseas Vietnamese expert.", examples=[False]
    )
    foreign_expert: bool = Field(default=False, description="A foreign expert.", examples=[False])
    st_enterprise_certificate: str | None = Field(
        default=None,
        description="Added 2026-12: kind `science_technology_enterprise`: number of its "
        "certificate of S&T enterprise (Decree 13/2019/NĐ-CP).",
        examples=["12/DNKHCN"],
    )
    verified: bool = Field(description="Verified by a broker of the Department.", examples=[True])
    registered_at: datetime = Field(
        description="When it registered (UTC).", examples=["2026-10-01T03:00:00Z"]
    )


class _OrganizationEvent(Event):
    topic: ClassVar[str] = ORGANIZATIONS
    subject_field: ClassVar[str] = "organization_id"

    organization_id: str = Field(description="The organisation's id.", examples=[ORG_ID_EXAMPLE])
    organization: OrganizationProfile = Field(description="Public profile after the change.")


@register
class OrganizationRegistered(_OrganizationEvent):
    """An organisation or expert registered on the exchange (not yet verified)."""

    ce_type: ClassVar[str] = "stx.organization.registered"


@register
class OrganizationVerified(_OrganizationEvent):
    """A broker verified the organisation's identity."""

    ce_type: ClassVar[str] = "stx.organization.verified"

    verified_by: str = Field(
        description="Subject of the broker who verified.", examples=["broker-01"]
    )


@register
class OrganizationUpdated(_OrganizationEvent):
    """The public profile changed."""

    ce_type: ClassVar[str] = "stx.organization.updated"
