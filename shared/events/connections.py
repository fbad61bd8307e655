"""Events on `stx.connections.v1`: introductions followed to a closed deal.

Contact details are never here: they reach the parties only through notifications.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel, Field

from shared.events.base import Event
from shared.events.listings import LISTING_ID_EXAMPLE
from shared.events.matches import MATCH_ID_EXAMPLE
from shared.events.organizations import ORG_ID_EXAMPLE
from shared.events.registry import register
from shared.events.vocabulary import (
    OrganizationKind,
    RightsMode,
    Sector,
    TransferDirection,
    TransferForm,
    TransferMethod,
)
from shared.topics import CONNECTIONS

INTRODUCTION_ID_EXAMPLE = "itr_3f1c9a7e52d04b18"


class MeetingFormat(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    AT_CONNECTION_EVENT = "at_connection_event"


class IntroductionParties(BaseModel):
    """Who and what an introduction is about (public facts, for indicators and evidence)."""

    match_id: str | None = Field(
        default=None, description="The match it came from, if any.", examples=[MATCH_ID_EXAMPLE]
    )
    offer_id: str = Field(description="The offer.", examples=[LISTING_ID_EXAMPLE])
    demand_id: str = Field(description="The demand.", examples=["lst_01JC9X0F1B2C3D4E5F6G7H8J9Z"])
    sector: Sector = Field(
        description="Sector of the demand.", examples=["agro_forestry_fishery_processing"]
    )
    supplier_organization_id: str = Field(
        description="Owner of the offer.", examples=[ORG_ID_EXAMPLE]
    )
    supplier_kind: OrganizationKind = Field(
        description="Kind of the supplier.", examples=["university"]
    )
    seeker_organization_id: str | None = Field(
        default=None, description="Owner of the demand; null when the demand is anonymous."
    )
    state_funded: bool = Field(description="The offer is a state-funded result.", examples=[True])
    task_result_registered: bool = Field(
        default=False,
        description="Added 2026-12: that result holds the registration certificate of its S&T "
        "task's result (art. 31.1.c: then a domestic transfer need not be registered).",
        examples=[False],
    )
    ip_asset: bool = Field(
        description="The offer is an IP asset (protected IP or an IP-right transfer).",
        examples=[False],
    )


class _IntroductionEvent(Event):
    topic: ClassVar[str] = CONNECTIONS
    subject_field: ClassVar[str] = "introduction_id"

    introduction_id: str = Field(
        description="The introduction.", examples=[INTRODUCTION_ID_EXAMPLE]
    )
    parties: IntroductionParties = Field(description="The parties and listings.")


@register
class IntroductionOpened(_IntroductionEvent):
    """Both parties are interested; the broker introduced them."""

    ce_type: ClassVar[str] = "stx.introduction.opened"


@register
class IntroductionMeetingHeld(_IntroductionEvent):
    ce_type: ClassVar[str] = "stx.introduction.meeting_held"

    held_on: date = Field(
        description="Day of the meeting (Asia/Ho_Chi_Minh).", examples=["2026-12-03"]
    )
    format: MeetingFormat = Field(description="How they met.", examples=["in_person"])


@register
class IntroductionMouSigned(_IntroductionEvent):
    """A memorandum of understanding — reported separately from contracts."""

    ce_type: ClassVar[str] = "stx.introduction.mou_signed"

    signed_on: date = Field(description="Day the MoU was signed.", examples=["2026-12-10"])


@register
class IntroductionContractSigned(_IntroductionEvent):
    ce_type: ClassVar[str] = "stx.introduction.contract_signed"

    transfer_form: TransferForm = Field(
        description="Form of transfer.", examples=["independent_transfer"]
    )
    rights_mode: RightsMode = Field(
        description="Ownership or licence.", examples=["non_exclusive_licence"]
    )
    value_vnd: int = Field(ge=0, description="Contract value in VND.", examples=[1_200_000_000])
    signed_on: date = Field(description="Day the contract was signed.", examples=["2027-01-15"])
    direction: TransferDirection = Field(
        default=TransferDirection.DOMESTIC,
        description="Added 2026-12: domestic, into or out of Vietnam; `domestic` in older events.",
        examples=["domestic"],
    )
    state_capital: bool = Field(
        default=False,
        description="Added 2026-12: the buyer pays with state capital or the state budget.",
        examples=[False],
    )
    transfer_methods: list[TransferMethod] = Field(
        default_factory=list,
        description="Added 2026-12: how the technology is handed over (2017 Law, art. 6).",
        examples=[["documents", "training", "experts"]],
    )
    registration_required: bool | None = Field(
        default=None,
        description="Added 2026-12: the contract must be registered (2017 Law, art. 31.1); null "
        "in older events.",
        examples=[True],
    )
    registration_basis: str | None = Field(
        default=None,
        description="Added 2026-12: the clause that requires it, when required.",
        examples=["art. 31.1.c (a state-funded result without its task result's certificate)"],
    )


@register
class IntroductionContractRegistered(_IntroductionEvent):
    """Registration of the transfer contract (mandatory in the cases of art. 31.1, voluntary
    otherwise)."""

    ce_type: ClassVar[str] = "stx.introduction.contract_registered"

    certificate_number: str = Field(
        description="Registration certificate.", examples=["45/GCN-SKHCN"]
    )
    registered_on: date = Field(description="Day of registration.", examples=["2027-02-01"])


@register
class IntroductionDealClosed(_IntroductionEvent):
    """The deal is done: the listings are fulfilled."""

    ce_type: ClassVar[str] = "stx.introduction.deal_closed"

    closed_on: date = Field(description="Day the deal closed.", examples=["2027-02-10"])
    value_vnd: int = Field(ge=0, description="Final value in VND.", examples=[1_200_000_000])


@register
class IntroductionEnded(_IntroductionEvent):
    """The introduction ended without a deal."""

    ce_type: ClassVar[str] = "stx.introduction.ended"

    reason: str = Field(description="Why it ended.", examples=["Không thống nhất được giá."])
