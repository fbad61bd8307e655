"""The greedy baseline: best pairs first, each in the first slot where it fits.

It is the benchmark's yardstick and CP-SAT's starting hint, so it follows the same
priorities: pins first, then accepted requests, then match score.
"""

from __future__ import annotations

from time import perf_counter

from .assemble import assemble
from .board import Board
from .layout import Placement
from .problem import Problem
from .schedule import Schedule, SolveStatus


def greedy_schedule(problem: Problem) -> Schedule:
    started = perf_counter()
    placed = greedy_placements(problem, Board.with_pins(problem))
    return assemble(problem, placed, SolveStatus.GREEDY, started)


def greedy_placements(problem: Problem, board: Board) -> list[Placement]:
    """Book pairs on `board` (mutated) by priority; ties broken by ids for determinism."""
    order = sorted(problem.pairs, key=lambda p: (not p.requested, -p.score, p.key))
    placed: list[Placement] = []
    for pair in order:
        slots = board.open_slots(pair)
        if slots:
            board.book(pair.seeker_id, pair.supplier_id, slots[0])
            placed.append((pair, slots[0]))
    return placed
