"""The B2B schedule: CP-SAT over boolean (candidate pair, slot) cells, warm-started by LP.

Pins are booked on the board before any model is built, which removes their
participants' slots and one table from the models instead of fixing variables: the
models stay small and a pin can never move. Tables are interchangeable, so the models
only count them per slot; `layout` seats the meetings afterwards.

Pipeline: greedy baseline and rounded LP relaxation (GLOP) → the better one is CP-SAT's
hint → reduced-cost fixing drops cells that cannot beat it → CP-SAT improves the hint
or proves it optimal.
"""

from __future__ import annotations

from collections.abc import Sequence
from time import perf_counter

from .assemble import assemble
from .board import Board
from .greedy import greedy_placements
from .grid import Grid
from .layout import Placement
from .problem import Problem
from .relaxation import Relaxation, integer_bound, relax, rounded, useful_cells
from .sat import SatResult, SolverOptions, run_cp_sat
from .schedule import Schedule, SolveStatus
from .weights import request_bonus, weight

LP_SHARE = 0.5  # of the time budget; GLOP needs ~0.2 s on 200 × 16 × 20


def solve(problem: Problem, options: SolverOptions | None = None) -> Schedule:
    """The schedule maximising accepted requests first, then the total match score."""
    options = options or SolverOptions()
    started = perf_counter()
    board = Board.with_pins(problem)
    grid = Grid.on(board, list(problem.pairs))
    bonus = request_bonus(problem)
    weights = [weight(grid.pair_at(n), bonus) for n in range(len(grid.cells))]
    lp = relax(grid, weights, options.time_limit_s * LP_SHARE)
    start = _starting_cells(problem, grid, weights, board, lp)
    lp_bound = None if lp is None else integer_bound(lp)
    budget = max(options.time_limit_s - (perf_counter() - started), 0.1)
    result = run_cp_sat(
        grid,
        weights,
        start,
        _kept_cells(grid, weights, start, lp),
        lp_bound,
        options.model_copy(update={"time_limit_s": budget}),
    )
    return _finish(problem, grid, weights, start, result, lp_bound, started)


def _finish(
    problem: Problem,
    grid: Grid,
    weights: list[int],
    start: list[int],
    result: SatResult,
    lp_bound: int | None,
    started: float,
) -> Schedule:
    best = _better(weights, result, start)
    bound = min((b for b in (result.bound, lp_bound) if b is not None), default=None)
    proved = result.proved_optimal or (bound is not None and _total(weights, best) >= bound)
    # Pins are outside the models, so their weight is added to the models' bound.
    pinned = sum(weight(problem.pair_for(pin), request_bonus(problem)) for pin in problem.pins)
    return assemble(
        problem,
        [(grid.pair_at(n), grid.cells[n][1]) for n in best],
        SolveStatus.OPTIMAL if proved else SolveStatus.FEASIBLE,
        started,
        objective_bound=None if bound is None else bound + pinned,
        cells=len(grid.cells),
        variables=result.variables,
    )


def _starting_cells(
    problem: Problem, grid: Grid, weights: list[int], board: Board, lp: Relaxation | None
) -> list[int]:
    """The greedy schedule, or the rounded LP completed greedily if that is better."""
    best = _cells_of(grid, greedy_placements(problem, board.copy()))
    if lp is not None:
        remaining = board.copy()
        placed = rounded(grid, lp, weights, remaining)
        candidate = _cells_of(grid, placed + greedy_placements(problem, remaining))
        if _total(weights, candidate) > _total(weights, best):
            best = candidate
    return best


def _kept_cells(
    grid: Grid, weights: list[int], start: list[int], lp: Relaxation | None
) -> list[int]:
    if lp is None:
        return list(range(len(grid.cells)))
    return sorted(set(start) | set(useful_cells(lp, _total(weights, start))))


def _better(weights: list[int], result: SatResult, start: list[int]) -> list[int]:
    """CP-SAT's schedule unless it is worse than the start: never below the greedy one."""
    if result.cells is None or _total(weights, result.cells) < _total(weights, start):
        return start
    return list(result.cells)


def _cells_of(grid: Grid, placed: list[Placement]) -> list[int]:
    return [grid.index[pair.key, slot] for pair, slot in placed]


def _total(weights: list[int], cells: Sequence[int]) -> int:
    return sum(weights[n] for n in cells)
