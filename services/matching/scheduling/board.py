"""Who is already busy when: the pins, then whatever a solver books on top of them."""

from __future__ import annotations

from dataclasses import dataclass, field

from .problem import Problem
from .values import CandidatePair, meeting_key


@dataclass
class Board:
    """Remaining room on the slot × table board after the bookings made so far."""

    slots: int
    unavailable: dict[str, frozenset[int]]
    meetings_left: dict[str, int]
    tables_left: list[int]
    busy: set[tuple[str, int]] = field(default_factory=set)
    met: set[frozenset[str]] = field(default_factory=set)

    @classmethod
    def with_pins(cls, problem: Problem) -> Board:
        board = cls(
            slots=problem.slots,
            unavailable={p.id: p.unavailable_slots for p in problem.participants},
            meetings_left={p.id: problem.cap(p) for p in problem.participants},
            tables_left=[problem.tables] * problem.slots,
        )
        for pin in problem.pins:
            board.book(pin.seeker_id, pin.supplier_id, pin.slot)
        return board

    def copy(self) -> Board:
        return Board(
            self.slots,
            self.unavailable,
            dict(self.meetings_left),
            list(self.tables_left),
            set(self.busy),
            set(self.met),
        )

    def is_open(self, pair: CandidatePair) -> bool:
        """The pair has not met yet and both sides may still take a meeting."""
        a, b = pair.key
        return (
            meeting_key(a, b) not in self.met
            and self.meetings_left[a] > 0
            and self.meetings_left[b] > 0
        )

    def open_slots(self, pair: CandidatePair) -> list[int]:
        """Slots where both sides are free and available and a table is left."""
        if not self.is_open(pair):
            return []
        return [s for s in range(self.slots) if self._slot_fits(pair, s)]

    def fits(self, pair: CandidatePair, slot: int) -> bool:
        return self.is_open(pair) and self._slot_fits(pair, slot)

    def _slot_fits(self, pair: CandidatePair, slot: int) -> bool:
        if self.tables_left[slot] <= 0:
            return False
        return all(
            (pid, slot) not in self.busy and slot not in self.unavailable[pid] for pid in pair.key
        )

    def book(self, a: str, b: str, slot: int) -> None:
        self.busy.update(((a, slot), (b, slot)))
        self.met.add(meeting_key(a, b))
        self.meetings_left[a] -= 1
        self.meetings_left[b] -= 1
        self.tables_left[slot] -= 1
