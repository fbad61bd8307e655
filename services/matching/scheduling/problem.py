"""The scheduling problem of one connection event; an invalid one cannot be built."""

from __future__ import annotations

from pydantic import Field, model_validator

from .validation import check_pairs, check_participants, check_pins
from .values import CandidatePair, FrozenModel, Participant, Pin, meeting_key


class Problem(FrozenModel):
    """Slots × tables of a B2B session, who attends, who could meet whom, and the pins.

    Constructing it checks every cross-field rule and raises `ValueError` (pydantic's
    `ValidationError` is one) naming the offending participant, pair or pin.
    """

    slots: int = Field(ge=1, description="Number of meeting slots of the session.")
    tables: int = Field(ge=1, description="Number of tables, i.e. meetings per slot.")
    participants: tuple[Participant, ...]
    pairs: tuple[CandidatePair, ...] = Field(
        default=(), description="Candidate pairs: accepted requests and scored matches."
    )
    pins: tuple[Pin, ...] = Field(default=(), description="Meetings the broker fixed.")

    @model_validator(mode="after")
    def _consistent(self) -> Problem:
        check_participants(self.participants, self.slots)
        people = self.people()
        check_pairs(self.pairs, people)
        check_pins(self.pins, people, self.slots, self.tables)
        return self

    def people(self) -> dict[str, Participant]:
        return {p.id: p for p in self.participants}

    def cap(self, participant: Participant) -> int:
        """How many meetings a participant can have at most."""
        free_slots = self.slots - len(participant.unavailable_slots)
        if participant.max_meetings is None:
            return free_slots
        return min(participant.max_meetings, free_slots)

    def pair_for(self, pin: Pin) -> CandidatePair:
        """The candidate pair a pin realises; a pin between non-candidates scores 0."""
        wanted = meeting_key(*pin.key)
        for pair in self.pairs:
            if meeting_key(*pair.key) == wanted:
                return pair
        return CandidatePair(seeker_id=pin.seeker_id, supplier_id=pin.supplier_id, score=0.0)
