"""Input value objects of a B2B schedule: who takes part, who could meet whom, what is pinned.

Slots are 0-based indexes into the event's list of slot start times; tables are the
1-based numbers printed on the floor plan ("bàn 7"), because that is what people see.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Role(StrEnum):
    """Which side of the table a participant sits on; `both` can seek and supply."""

    SEEKER = "seeker"  # "bên có nhu cầu": an enterprise that posted a demand
    SUPPLIER = "supplier"  # "bên cung ứng": an institute, university or expert with an offer
    BOTH = "both"

    def can_seek(self) -> bool:
        return self is not Role.SUPPLIER

    def can_supply(self) -> bool:
        return self is not Role.SEEKER


class FrozenModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Participant(FrozenModel):
    """A registered organisation or expert of the connection event."""

    id: str = Field(min_length=1, description="Participant id, unique within the event.")
    role: Role
    unavailable_slots: frozenset[int] = Field(
        default=frozenset(), description="0-based slot indexes the participant cannot attend."
    )
    max_meetings: int | None = Field(
        default=None, ge=0, description="Meeting cap; None means as many as the slots allow."
    )


class CandidatePair(FrozenModel):
    """A seeker and a supplier who could meet, with how well their listings match."""

    seeker_id: str = Field(min_length=1)
    supplier_id: str = Field(min_length=1)
    score: float = Field(ge=0.0, le=1.0, description="Match score of their listings, in [0, 1].")
    requested: bool = Field(
        default=False,
        description="An accepted meeting request: scheduled before any unrequested pair.",
    )

    @model_validator(mode="after")
    def _two_people(self) -> CandidatePair:
        if self.seeker_id == self.supplier_id:
            raise ValueError(f"participant {self.seeker_id!r} cannot meet themselves")
        return self

    @property
    def key(self) -> tuple[str, str]:
        return (self.seeker_id, self.supplier_id)


class Pin(FrozenModel):
    """A meeting the broker fixed: a re-run keeps it at exactly this slot and table."""

    seeker_id: str = Field(min_length=1)
    supplier_id: str = Field(min_length=1)
    slot: int = Field(ge=0, description="0-based slot index.")
    table: int = Field(ge=1, description="Table number, 1..tables.")

    @property
    def key(self) -> tuple[str, str]:
        return (self.seeker_id, self.supplier_id)


def meeting_key(a: str, b: str) -> frozenset[str]:
    """Two people meet at most once whichever of them is the seeker."""
    return frozenset((a, b))
