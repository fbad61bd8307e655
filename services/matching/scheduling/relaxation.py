"""The LP relaxation of the schedule, solved with GLOP (OR-Tools' simplex).

It pays three times: its optimum is a proven upper bound; on B2B instances it is
(nearly) integral, so rounding it gives an excellent starting schedule; and its reduced
costs prove which cells cannot improve on that schedule, which CP-SAT then never sees.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.linear_solver.python import model_builder as mb

from .board import Board
from .grid import Grid
from .layout import Placement

EPSILON = 1e-6
SUM_ERROR = 1e-2  # float error of summing ~10⁵ terms of size ~10⁸ is far below this


@dataclass(frozen=True)
class Relaxation:
    """GLOP's solution, and a bound certified by weak duality from its dual values.

    For any duals y ≥ 0 of the limits, every schedule x satisfies
    w·x ≤ Σ_k most_k·y_k + Σ_j reduced_j·x_j with reduced_j = w_j − Σ_{k ∋ j} y_k,
    so `bound` = Σ_k most_k·y_k + Σ_j max(reduced_j, 0) holds whatever GLOP's tolerances.
    """

    values: tuple[float, ...]  # per cell of the grid
    reduced: tuple[float, ...]  # per cell: its weight minus the duals of its limits
    bound: float


def relax(grid: Grid, weights: Sequence[int], time_limit_s: float) -> Relaxation | None:
    """Solve the LP relaxation; None if GLOP does not reach an optimum in time (then the
    solver goes on without it)."""
    model = mb.Model()  # type: ignore[no-untyped-call]  # ortools leaves __init__ unannotated
    xs = [model.new_num_var(0.0, 1.0, None) for _ in grid.cells]
    rows = [
        model.add(mb.LinearExpr.sum([xs[n] for n in limit.members]) <= limit.most)
        for limit in grid.limits
    ]
    model.maximize(mb.LinearExpr.weighted_sum(xs, [float(w) for w in weights]))
    solver = mb.Solver("glop")
    solver.set_time_limit_in_seconds(time_limit_s)
    if solver.solve(model) != mb.SolveStatus.OPTIMAL:
        return None
    duals = [max(float(solver.dual_value(row)), 0.0) for row in rows]
    return _certified([float(v) for v in solver.values(xs)], duals, grid, weights)


def _certified(
    values: list[float], duals: list[float], grid: Grid, weights: Sequence[int]
) -> Relaxation:
    reduced = [float(w) for w in weights]
    for limit, y in zip(grid.limits, duals, strict=True):
        for n in limit.members:
            reduced[n] -= y
    bound = math.fsum(limit.most * y for limit, y in zip(grid.limits, duals, strict=True))
    bound += math.fsum(max(r, 0.0) for r in reduced)
    return Relaxation(tuple(values), tuple(reduced), bound)


def rounded(
    grid: Grid, relaxation: Relaxation, weights: list[int], board: Board
) -> list[Placement]:
    """Book the LP's chosen cells, most certain first, wherever they still fit on `board`."""
    order = sorted(
        (n for n, v in enumerate(relaxation.values) if v > EPSILON),
        key=lambda n: (-relaxation.values[n], -weights[n], n),
    )
    placed: list[Placement] = []
    for n in order:
        pair, slot = grid.pair_at(n), grid.cells[n][1]
        if board.fits(pair, slot):
            board.book(pair.seeker_id, pair.supplier_id, slot)
            placed.append((pair, slot))
    return placed


def useful_cells(relaxation: Relaxation, incumbent: int) -> list[int]:
    """Cells that could be part of a schedule better than `incumbent` (reduced-cost
    fixing): a schedule using cell n scores at most bound + reduced[n] when reduced[n] < 0.
    """
    floor = incumbent + 1 - SUM_ERROR
    return [
        n
        for n, r in enumerate(relaxation.reduced)
        if relaxation.values[n] > EPSILON or relaxation.bound + min(r, 0.0) >= floor
    ]


def integer_bound(relaxation: Relaxation) -> int:
    return math.floor(relaxation.bound + SUM_ERROR)
