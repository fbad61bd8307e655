"""Turn a solver's placements into a `Schedule` with its score, bound and statistics."""

from __future__ import annotations

from collections.abc import Iterable
from time import perf_counter

from .bounds import combinatorial_upper_bound, score_bound_from_objective
from .layout import Placement, lay_out
from .problem import Problem
from .schedule import Schedule, SolveStats, SolveStatus
from .weights import objective, request_bonus


def assemble(
    problem: Problem,
    placed: Iterable[Placement],
    status: SolveStatus,
    started: float,
    objective_bound: int | None = None,
    cells: int = 0,
    variables: int = 0,
) -> Schedule:
    """`started` is the `perf_counter()` reading taken when solving began."""
    meetings = lay_out(problem, placed)
    bonus = request_bonus(problem)
    requested = sum(m.requested for m in meetings)
    bound = combinatorial_upper_bound(problem)
    if objective_bound is not None:
        derived = score_bound_from_objective(problem, objective_bound, requested, bonus)
        bound = bound if derived is None else min(bound, derived)
    stats = SolveStats(
        wall_seconds=perf_counter() - started,
        objective=objective(meetings, bonus),
        objective_bound=objective_bound,
        score_upper_bound=bound,
        requested_scheduled=requested,
        requested_total=sum(p.requested for p in problem.pairs),
        cells=cells,
        variables=variables,
    )
    total = sum(m.score for m in meetings)
    return Schedule(meetings=meetings, total_score=total, status=status, stats=stats)
