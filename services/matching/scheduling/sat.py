"""The CP-SAT model: one boolean per kept cell, the grid's limits, the weighted objective."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model
from pydantic import Field

from .grid import Grid
from .values import FrozenModel


class SolverOptions(FrozenModel):
    time_limit_s: float = Field(
        default=4.0, gt=0, description="Wall-clock budget of the whole solve, CP-SAT included."
    )
    workers: int = Field(default=2, ge=1, description="CP-SAT search workers (threads).")
    random_seed: int = Field(default=20250701, description="Fixed so runs are reproducible.")
    deterministic: bool = Field(
        default=True,
        description="Same input, same schedule: CP-SAT's workers take turns (interleave_search)"
        " and stop on deterministic work, not on the clock, whose limit only backs it up.",
    )


# CP-SAT reports ~1.1-1.3 deterministic work units per worker per second on our
# instances; 1.0 keeps the work limit inside the wall-clock budget.
DTIME_PER_WORKER_SECOND = 1.0
WALL_CLOCK_GRACE_S = 0.5


@dataclass(frozen=True)
class SatResult:
    cells: tuple[int, ...] | None  # chosen cells, None if CP-SAT found no solution
    bound: int | None  # proven bound on the cells' total weight, None if none was proven
    proved_optimal: bool
    variables: int


def run_cp_sat(
    grid: Grid,
    weights: Sequence[int],
    hint: Sequence[int],
    keep: Sequence[int],
    bound: int | None,
    options: SolverOptions,
) -> SatResult:
    """Maximise the total weight of the chosen cells among `keep`, starting from `hint`.

    `bound` is a certified upper bound on that total (the LP's); as a constraint it lets
    CP-SAT prove a hint that reaches it optimal at once.
    """
    model = cp_model.CpModel()
    x = {n: model.new_bool_var(f"x{n}") for n in keep}
    _add_limits(model, grid, x)
    total = cp_model.LinearExpr.weighted_sum(list(x.values()), [weights[n] for n in x])
    if bound is not None:
        model.add(total <= bound)
    model.maximize(total)
    chosen = set(hint)
    for n, var in x.items():
        model.add_hint(var, n in chosen)  # complete, so CP-SAT starts from this schedule
    return _solved(model, x, options)


def _solved(
    model: cp_model.CpModel, x: dict[int, cp_model.IntVar], options: SolverOptions
) -> SatResult:
    solver = _configured(options)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return SatResult(None, None, False, len(x))
    cells = tuple(n for n, var in x.items() if solver.boolean_value(var))
    proven = math.floor(solver.best_objective_bound + 1e-9)
    return SatResult(cells, proven, status == cp_model.OPTIMAL, len(x))


def _add_limits(model: cp_model.CpModel, grid: Grid, x: dict[int, cp_model.IntVar]) -> None:
    for limit in grid.limits:
        members = [x[n] for n in limit.members if n in x]
        if len(members) <= limit.most:
            continue  # cannot bind once the useless cells are gone
        if limit.most == 1:
            model.add_at_most_one(members)
        else:
            model.add(sum(members) <= limit.most)


def _configured(options: SolverOptions) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.num_workers = options.workers
    params.random_seed = options.random_seed
    params.max_time_in_seconds = options.time_limit_s
    if options.deterministic:
        # Parallel workers that share solutions as they come are not reproducible;
        # interleaved ones synchronise in fixed batches, so the result is (OR-Tools docs).
        params.interleave_search = True
        params.max_deterministic_time = (
            options.time_limit_s * options.workers * DTIME_PER_WORKER_SECOND
        )
        params.max_time_in_seconds = options.time_limit_s + WALL_CLOCK_GRACE_S
    return solver
