"""The (candidate pair, slot) cells a meeting could occupy, and the limits on them.

The LP relaxation and the CP-SAT model are built from the same cells and the same
limits, so the LP bound is a bound of exactly the model CP-SAT solves.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from .board import Board
from .values import CandidatePair

Cell = tuple[int, int]  # (index into Grid.pairs, slot)


@dataclass(frozen=True)
class Limit:
    """At most `most` of the cells at `members` (indexes into Grid.cells) are chosen."""

    members: tuple[int, ...]
    most: int


@dataclass(frozen=True)
class Grid:
    pairs: tuple[CandidatePair, ...]  # sorted by key: the model never depends on input order
    cells: tuple[Cell, ...]
    limits: tuple[Limit, ...]

    @classmethod
    def on(cls, board: Board, pairs: list[CandidatePair]) -> Grid:
        ordered = tuple(sorted(pairs, key=lambda p: p.key))
        cells = tuple((i, s) for i, pair in enumerate(ordered) for s in board.open_slots(pair))
        return cls(ordered, cells, _limits(ordered, cells, board))

    def pair_at(self, cell: int) -> CandidatePair:
        return self.pairs[self.cells[cell][0]]

    @cached_property
    def index(self) -> dict[tuple[tuple[str, str], int], int]:
        """(pair key, slot) -> cell number."""
        return {(self.pairs[i].key, slot): n for n, (i, slot) in enumerate(self.cells)}


def _limits(
    pairs: tuple[CandidatePair, ...], cells: tuple[Cell, ...], board: Board
) -> tuple[Limit, ...]:
    per_pair: dict[int, list[int]] = defaultdict(list)
    per_seat: dict[tuple[str, int], list[int]] = defaultdict(list)
    per_person: dict[str, list[int]] = defaultdict(list)
    per_slot: dict[int, list[int]] = defaultdict(list)
    for n, (i, slot) in enumerate(cells):
        per_pair[i].append(n)
        per_slot[slot].append(n)
        for pid in pairs[i].key:
            per_seat[pid, slot].append(n)
            per_person[pid].append(n)
    # A pair meets once; nobody sits in two meetings at once.
    limits = [Limit(tuple(m), 1) for m in (*per_pair.values(), *per_seat.values()) if len(m) > 1]
    # A cap only binds if the person could otherwise meet in more slots than it allows.
    limits += [
        Limit(tuple(m), board.meetings_left[pid])
        for pid, m in per_person.items()
        if len({cells[n][1] for n in m}) > board.meetings_left[pid]
    ]
    limits += [
        Limit(tuple(m), board.tables_left[slot])
        for slot, m in per_slot.items()
        if len(m) > board.tables_left[slot]
    ]
    return tuple(limits)
