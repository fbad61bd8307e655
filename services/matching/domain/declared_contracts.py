"""Transfer contracts made outside the platform, declared by a broker with their registration
number, so that the indicators cover the province's market and not only what STX brokered.

A declaration is counted in the totals and, separately, as declared. Its parties' names stay
inside the service: they serve only to keep small cells from naming an organisation.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.matching.domain.errors import RuleBrokenError
from shared import places
from shared.events.base import EdgeModel
from shared.events.organizations import AdministrativeUnit
from shared.events.vocabulary import (
    OrganizationKind,
    Sector,
    TransferDirection,
    TransferForm,
    TransferMethod,
)
from shared.text import folded_syllables

MAX_VND = 10**14
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=300)]


class ContractDeclaration(EdgeModel):
    """What a broker declares about a contract signed outside STX."""

    title: Name = Field(
        description="The technology transferred.", examples=["Công nghệ sấy lạnh cà phê"]
    )
    sector: Sector = Field(description="Sector where it goes into use.", examples=["other"])
    place_code: str = Field(
        pattern=r"^\d{2,5}$",
        description="GSO code of today's province or commune where it goes into use.",
        examples=["23425"],
    )
    supplier_name: Name = Field(description="Private.", examples=["Viện Công nghệ sau thu hoạch"])
    supplier_kind: OrganizationKind = Field(examples=["research_institute"])
    buyer_name: Name = Field(description="Private.", examples=["HTX Nông nghiệp Đăk Hà"])
    transfer_form: TransferForm = Field(examples=["independent_transfer"])
    transfer_methods: list[TransferMethod] = Field(default_factory=list, max_length=5)
    direction: TransferDirection = TransferDirection.DOMESTIC
    ip_asset: bool = Field(default=False, description="It transfers an IP asset.")
    state_funded: bool = Field(default=False, description="A result of a state-funded task.")
    value_vnd: int = Field(ge=0, le=MAX_VND, examples=[650_000_000])
    signed_on: date = Field(examples=["2026-10-15"])
    registration_number: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)
    ] = Field(description="Number of its registration certificate.", examples=["21/GCN-SKHCN"])
    registered_on: date = Field(examples=["2026-10-30"])


class DeclaredContract(BaseModel):
    model_config = ConfigDict(frozen=True)

    declaration_id: str
    contract: ContractDeclaration
    place: AdministrativeUnit
    declared_by: str
    declared_at: datetime

    def party_keys(self) -> set[str]:
        """Who signed it, as small-cell suppression counts organisations."""
        c = self.contract
        return {"decl:" + " ".join(folded_syllables(n)) for n in (c.supplier_name, c.buyer_name)}


def declaration_id_of(registration_number: str) -> str:
    """One declaration per registration certificate: declaring it twice is refused."""
    key = " ".join(folded_syllables(registration_number)) or registration_number
    return "dcl_" + hashlib.sha256(key.encode()).hexdigest()[:16]


def declare(
    declaration: ContractDeclaration, by: str, now: datetime, today: date
) -> DeclaredContract:
    """Check the declaration (dates, place) and record who declared it."""
    c = declaration
    if c.signed_on > today:
        raise RuleBrokenError("body.signed_on", f"{c.signed_on} is in the future")
    if not c.signed_on <= c.registered_on <= today:
        raise RuleBrokenError(
            "body.registered_on", "registered_on must lie between signed_on and today"
        )
    try:
        unit = places.find(c.place_code, c.signed_on)
    except places.UnknownUnitError:
        raise RuleBrokenError(
            "body.place_code", f"unknown place code {c.place_code!r} on {c.signed_on}"
        ) from None
    if unit.level == "district":
        message = f"{unit.label()} is a district: give a commune of that day, or the province"
        raise RuleBrokenError("body.place_code", message)
    return DeclaredContract(
        declaration_id=declaration_id_of(c.registration_number),
        contract=c,
        place=places.public(unit),
        declared_by=by,
        declared_at=now,
    )
