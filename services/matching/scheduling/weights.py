"""Integer weights of the objective, shared by CP-SAT, the greedy baseline and the bounds.

CP-SAT optimises integers, so scores in [0, 1] are scaled. An accepted meeting request
gets a bonus larger than the scaled score of any whole schedule: one more requested
meeting then always beats any gain among unrequested ones (a lexicographic objective
folded into one sum).
"""

from __future__ import annotations

from collections.abc import Iterable

from .problem import Problem
from .schedule import Meeting
from .values import CandidatePair

SCALE = 10_000  # four decimals of a score survive the rounding


def scaled(score: float) -> int:
    return round(score * SCALE)


def max_meetings(problem: Problem) -> int:
    """No schedule has more meetings than the tables offer or the participants can attend."""
    seats = sum(problem.cap(p) for p in problem.participants)
    return min(problem.slots * problem.tables, seats // 2)


def request_bonus(problem: Problem) -> int:
    return max_meetings(problem) * SCALE + 1


def weight(pair: CandidatePair, bonus: int) -> int:
    return scaled(pair.score) + (bonus if pair.requested else 0)


def objective(meetings: Iterable[Meeting], bonus: int) -> int:
    return sum(scaled(m.score) + (bonus if m.requested else 0) for m in meetings)
