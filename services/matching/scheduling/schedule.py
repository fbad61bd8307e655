"""Output value objects: the meetings of a B2B session and how good the schedule is."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from .values import FrozenModel, Pin


class Meeting(FrozenModel):
    """One seeker meets one supplier at one table during one slot."""

    seeker_id: str
    supplier_id: str
    slot: int = Field(description="0-based slot index.")
    table: int = Field(description="Table number, 1..tables.")
    score: float
    requested: bool
    pinned: bool

    @property
    def key(self) -> tuple[str, str]:
        return (self.seeker_id, self.supplier_id)

    def involves(self, participant_id: str) -> bool:
        return participant_id in self.key

    def counterpart(self, participant_id: str) -> str:
        if not self.involves(participant_id):
            raise ValueError(f"{participant_id!r} does not take part in meeting {self.key}")
        return self.supplier_id if participant_id == self.seeker_id else self.seeker_id

    def as_pin(self) -> Pin:
        """Freeze this meeting where it is, e.g. before re-running with late registrations."""
        return Pin(
            seeker_id=self.seeker_id, supplier_id=self.supplier_id, slot=self.slot, table=self.table
        )


def swapped(a: Meeting, b: Meeting) -> tuple[Pin, Pin]:
    """The broker swaps two meetings: each takes the other's slot and table, pinned there.

    Re-solving with these pins (and any others) moves everything else around them; the
    problem refuses the pins if the swap double-books someone.
    """
    return (
        a.as_pin().model_copy(update={"slot": b.slot, "table": b.table}),
        b.as_pin().model_copy(update={"slot": a.slot, "table": a.table}),
    )


class SolveStatus(StrEnum):
    OPTIMAL = "optimal"  # CP-SAT proved no schedule is better
    FEASIBLE = "feasible"  # CP-SAT stopped at the time limit with its best schedule
    GREEDY = "greedy"  # the greedy baseline (also the fallback if CP-SAT does no better)


class SolveStats(FrozenModel):
    wall_seconds: float = Field(description="Time spent building and solving.")
    objective: int = Field(description="Weighted integer objective (scaled scores + bonuses).")
    objective_bound: int | None = Field(
        default=None, description="CP-SAT's proven bound on the weighted objective."
    )
    score_upper_bound: float = Field(
        description="No schedule scheduling as many requested pairs scores more than this."
    )
    requested_scheduled: int
    requested_total: int = Field(description="Requested candidate pairs, pinned or not.")
    cells: int = Field(default=0, description="(candidate pair, slot) cells open after pins.")
    variables: int = Field(
        default=0, description="Cells CP-SAT still had to consider after reduced-cost fixing."
    )


class Schedule(FrozenModel):
    meetings: tuple[Meeting, ...] = Field(description="Sorted by slot, then table.")
    total_score: float = Field(description="Sum of the match scores of the meetings.")
    status: SolveStatus
    stats: SolveStats

    @property
    def bound_ratio(self) -> float:
        """Share of the upper bound reached (1.0 when the bound is 0)."""
        bound = self.stats.score_upper_bound
        return 1.0 if bound <= 0 else self.total_score / bound

    def for_participant(self, participant_id: str) -> tuple[Meeting, ...]:
        return tuple(m for m in self.meetings if m.involves(participant_id))
