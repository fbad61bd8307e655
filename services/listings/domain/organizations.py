"""Organisations and experts: registration, broker verification, profile changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Final

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from services.listings.domain import validation
from services.listings.domain.errors import InvalidInputError, InvalidTransitionError, Violation
from shared import places
from shared.clock import local_day
from shared.events.base import Event
from shared.events.contacts import ContactDetailsUpdated
from shared.events.organizations import (
    AdministrativeUnit,
    OrganizationProfile,
    OrganizationRegistered,
    OrganizationUpdated,
    OrganizationVerified,
)
from shared.events.vocabulary import ENTERPRISE_KINDS, Language, OrganizationKind

TaxCode = Annotated[str, AfterValidator(validation.tax_code)]
Phone = Annotated[str, AfterValidator(validation.phone)]
Email = Annotated[str, AfterValidator(validation.email)]
UnitCode = Annotated[str, Field(pattern=r"^\d{2,5}$", examples=["23425"])]


class OrganizationDetails(BaseModel):
    """What an organisation says about itself (the public profile plus a private contact)."""

    model_config = ConfigDict(frozen=True)

    kind: OrganizationKind = Field(description="What kind of actor it is.", examples=["enterprise"])
    name: str = Field(
        min_length=2,
        max_length=300,
        description="Vietnamese name with diacritics.",
        examples=["Công ty TNHH Sâm Ngọc Linh Kon Tum"],
    )
    name_en: str | None = Field(default=None, max_length=300, description="English name.")
    tax_code: TaxCode | None = Field(
        default=None,
        description="Mã số thuế: 10 digits, or 13 for a branch (required for enterprises).",
        examples=["6100123458"],
    )
    province_code: UnitCode = Field(description="GSO code of today's province.", examples=["51"])
    commune_code: UnitCode | None = Field(
        default=None,
        description="GSO code of today's commune, ward or special zone in that province.",
        examples=["23425"],
    )
    district_code: UnitCode | None = Field(
        default=None,
        description="Deprecated: districts were abolished on 2025-07-01. Accepted only on an "
        "address registered before then and sent back unchanged; otherwise refused, naming the "
        "communes that replaced the district.",
        json_schema_extra={"deprecated": True},
    )
    st_enterprise_certificate: str | None = Field(
        default=None,
        min_length=1,
        max_length=60,
        description="Kind science_technology_enterprise: number of its certificate of S&T "
        "enterprise (required for that kind, public).",
        examples=["12/DNKHCN"],
    )
    overseas_vietnamese_expert: bool = Field(default=False, description="Overseas Vietnamese.")
    foreign_expert: bool = Field(default=False, description="A foreign expert.")
    contact_name: str = Field(min_length=2, max_length=200, examples=["TS. Nguyễn Văn An"])
    email: Email = Field(description="Private: never public.", examples=["an.nguyen@example.vn"])
    phone: Phone | None = Field(default=None, description="Private.", examples=["0905123456"])
    language: Language = Field(
        default=Language.VI, description="The language of its messages (`vi` or `en`)."
    )


class Organization(BaseModel):
    model_config = ConfigDict(frozen=True)

    organization_id: str
    details: OrganizationDetails
    province: AdministrativeUnit
    district: AdministrativeUnit | None = None
    commune: AdministrativeUnit | None = None
    verified: bool = False
    verified_by: str | None = None
    registered_at: datetime
    updated_at: datetime
    version: int = 1

    def profile(self, today: date) -> OrganizationProfile:
        """The public profile: no contact, and the province that governs the address today."""
        current = places.current_province(places.version_of(self.province), today)
        d = self.details
        return OrganizationProfile(
            organization_id=self.organization_id,
            kind=d.kind,
            name=d.name,
            name_en=d.name_en,
            province=self.province,
            district=self.district,
            commune=self.commune,
            current_province=places.public(current),
            overseas_vietnamese_expert=d.overseas_vietnamese_expert,
            foreign_expert=d.foreign_expert,
            st_enterprise_certificate=d.st_enterprise_certificate,
            verified=self.verified,
            registered_at=self.registered_at,
        )


@dataclass(frozen=True)
class OrganizationChange:
    organization: Organization
    events: list[Event]


def register(
    organization_id: str, details: OrganizationDetails, now: datetime
) -> OrganizationChange:
    org = Organization(
        organization_id=organization_id,
        details=details,
        **_address(details, local_day(now)),
        registered_at=now,
        updated_at=now,
    )
    profile = org.profile(local_day(now))
    registered = OrganizationRegistered(organization_id=organization_id, organization=profile)
    return OrganizationChange(org, [registered, _contact(org)])


def verify(org: Organization, broker: str, now: datetime) -> OrganizationChange:
    if org.verified:
        raise InvalidTransitionError("verify", "verified", ["unverified"], "an organisation")
    verified = org.model_copy(
        update={
            "verified": True,
            "verified_by": broker,
            "updated_at": now,
            "version": org.version + 1,
        }
    )
    event = OrganizationVerified(
        organization_id=org.organization_id,
        organization=verified.profile(local_day(now)),
        verified_by=broker,
    )
    return OrganizationChange(verified, [event])


IDENTITY_FIELDS: Final = ("name", "tax_code", "st_enterprise_certificate")
"""What a broker verified: changed by the organisation itself, verification is lost."""


def update(
    org: Organization, details: OrganizationDetails, now: datetime, by_broker: bool = False
) -> OrganizationChange:
    """A new profile; the contact goes to the internal topic only when it changed. An
    organisation that changes its name or tax code is unverified until a broker verifies it
    again (a broker's own correction keeps it verified)."""
    if details.kind != org.details.kind:
        raise InvalidInputError.one(
            "kind", "the kind of an organisation cannot change; register anew"
        )
    address = _kept_address(org) if _same_place(details, org.details) else None
    new_identity = any(
        getattr(details, name) != getattr(org.details, name) for name in IDENTITY_FIELDS
    )
    still_verified = org.verified and (by_broker or not new_identity)
    changed = org.model_copy(
        update={
            "details": details,
            **(address or _address(details, local_day(now))),
            "updated_at": now,
            "version": org.version + 1,
            "verified": still_verified,
            "verified_by": org.verified_by if still_verified else None,
        }
    )
    profile = changed.profile(local_day(now))
    events: list[Event] = [
        OrganizationUpdated(organization_id=org.organization_id, organization=profile)
    ]
    if _contact(changed) != _contact(org):
        events.append(_contact(changed))
    return OrganizationChange(changed, events)


def _contact(org: Organization) -> ContactDetailsUpdated:
    d = org.details
    return ContactDetailsUpdated(
        organization_id=org.organization_id,
        contact_name=d.contact_name,
        email=d.email,
        phone=d.phone,
        language=d.language,
    )


def _same_place(new: OrganizationDetails, old: OrganizationDetails) -> bool:
    place = ("province_code", "district_code", "commune_code")
    return all(getattr(new, name) == getattr(old, name) for name in place)


def _kept_address(org: Organization) -> dict[str, AdministrativeUnit | None]:
    """An address sent back unchanged keeps its units as registered, even former ones."""
    return {"province": org.province, "district": org.district, "commune": org.commune}


def _address(details: OrganizationDetails, day: date) -> dict[str, AdministrativeUnit | None]:
    """Units of a new address: today's units from 1 July 2025, the former ones before it."""
    violations = list(_identity_rules(details))
    province = _unit(details.province_code, "province", "province_code", day, violations)
    district = commune = None
    if details.district_code is not None:
        district = _unit(details.district_code, "district", "district_code", day, violations)
    if details.commune_code is not None:
        commune = _unit(details.commune_code, "commune", "commune_code", day, violations)
    for field, unit in (("district_code", district), ("commune_code", commune)):
        if province and unit and places.province_of(unit) != province:
            message = f"{unit.label()} is not in province {province.label()}"
            violations.append(Violation(field, message))
    if violations or province is None:
        raise InvalidInputError(violations)
    return {
        "province": places.public(province),
        "district": places.public(district) if district else None,
        "commune": places.public(commune) if commune else None,
    }


def _unit(
    code: str, level: str, field: str, day: date, violations: list[Violation]
) -> places.Unit | None:
    try:
        unit = places.find(code, on=day)
    except places.UnknownUnitError:
        violations.append(Violation(field, _why_not(code, level, day)))
        return None
    if unit.level != level:
        violations.append(Violation(field, f"{code} is a {unit.level}, not a {level}"))
        return None
    return unit


def _why_not(code: str, level: str, day: date) -> str:
    """A former unit names what replaced it; any other code is unknown."""
    try:
        unit = places.find(code)
    except places.UnknownUnitError:
        return f"unknown {level} code {code!r} (GSO list)"
    if unit.former:
        return places.successor_message(unit)
    return f"{unit.label()} did not exist on {day.isoformat()}"


def _identity_rules(details: OrganizationDetails) -> list[Violation]:
    violations = []
    if details.kind in ENTERPRISE_KINDS and details.tax_code is None:
        violations.append(Violation("tax_code", "an enterprise must give its tax code"))
    certified = details.kind is OrganizationKind.SCIENCE_TECHNOLOGY_ENTERPRISE
    if certified != (details.st_enterprise_certificate is not None):
        message = "an S&T enterprise, and only one, gives its certificate number"
        violations.append(Violation("st_enterprise_certificate", message))
    is_expert = details.kind is OrganizationKind.INDIVIDUAL_EXPERT
    if (details.overseas_vietnamese_expert or details.foreign_expert) and not is_expert:
        message = "expert flags apply to kind individual_expert only"
        violations.append(Violation("overseas_vietnamese_expert", message))
    return violations
