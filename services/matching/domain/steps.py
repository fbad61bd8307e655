"""The steps a broker (or a party) records on an introduction: what each one says."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from shared.events.base import EdgeModel
from shared.events.connections import MeetingFormat
from shared.events.vocabulary import RightsMode, TransferDirection, TransferForm, TransferMethod


class HoldMeeting(EdgeModel):
    step: Literal["meeting_held"] = Field(description="The parties met.")
    held_on: date = Field(description="Day of the meeting.", examples=["2026-12-03"])
    format: MeetingFormat = Field(description="How they met.", examples=["in_person"])


class SignMou(EdgeModel):
    step: Literal["mou_signed"] = Field(description="A memorandum of understanding was signed.")
    signed_on: date = Field(description="Day of signature.", examples=["2026-12-10"])


class SignContract(EdgeModel):
    step: Literal["contract_signed"] = Field(description="The transfer contract was signed.")
    transfer_form: TransferForm = Field(description="Form of transfer (2017 Law, art. 5).")
    rights_mode: RightsMode = Field(description="Ownership transfer or licence.")
    value_vnd: int = Field(ge=0, description="Contract value, VND.", examples=[1_200_000_000])
    signed_on: date = Field(description="Day of signature.", examples=["2027-01-15"])
    direction: TransferDirection = Field(
        default=TransferDirection.DOMESTIC, description="Domestic, into or out of Vietnam."
    )
    state_capital: bool = Field(
        default=False, description="The buyer pays with state capital or the state budget."
    )
    transfer_methods: list[TransferMethod] = Field(
        default_factory=list, max_length=5, description="How it is handed over (art. 6)."
    )


class RegisterContract(EdgeModel):
    step: Literal["contract_registered"] = Field(description="The contract was registered.")
    certificate_number: str = Field(min_length=1, max_length=100, examples=["45/GCN-SKHCN"])
    registered_on: date = Field(description="Day of registration.", examples=["2027-02-01"])


class CloseDeal(EdgeModel):
    step: Literal["deal_closed"] = Field(description="The deal is done.")
    closed_on: date = Field(description="Day the deal closed.", examples=["2027-02-10"])
    value_vnd: int | None = Field(
        default=None, ge=0, description="Final value; the contract's by default."
    )


class End(EdgeModel):
    step: Literal["ended"] = Field(description="The introduction ends without a deal.")
    reason: str = Field(min_length=1, max_length=1000, examples=["Không thống nhất được giá."])


Step = Annotated[
    HoldMeeting | SignMou | SignContract | RegisterContract | CloseDeal | End,
    Field(discriminator="step"),
]
