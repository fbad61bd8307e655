"""Upper bounds on the total score, to tell how far a schedule can be from the best one."""

from __future__ import annotations

from collections import defaultdict

from .problem import Problem
from .values import CandidatePair, meeting_key
from .weights import SCALE, max_meetings


def combinatorial_upper_bound(problem: Problem) -> float:
    """A bound on the score of any valid schedule, cheap enough to compute on every run.

    The smaller of: each participant's pinned scores plus their best remaining scores up
    to their meeting cap, halved (every meeting is counted by both sides); and the pinned
    scores plus the best remaining pair scores that still fit on the tables.
    """
    return min(_per_participant_bound(problem), _table_bound(problem))


def score_bound_from_objective(
    problem: Problem, objective_bound: int, requested_scheduled: int, bonus: int
) -> float | None:
    """Turn CP-SAT's bound on the weighted objective into a bound on the total score.

    It holds for every schedule with at least as many requested meetings, and is only
    returned when CP-SAT proved that no schedule has more of them (else None).
    """
    if objective_bound >= bonus * (requested_scheduled + 1):
        return None
    # Rounding each score to 1/SCALE may hide up to half a unit per meeting.
    slack = 0.5 * max_meetings(problem)
    return (objective_bound - bonus * requested_scheduled + slack) / SCALE


def _open_pairs(problem: Problem) -> list[CandidatePair]:
    pinned = {meeting_key(*pin.key) for pin in problem.pins}
    return [p for p in problem.pairs if meeting_key(*p.key) not in pinned]


def _pinned_scores(problem: Problem) -> list[tuple[tuple[str, str], float]]:
    return [(pin.key, problem.pair_for(pin).score) for pin in problem.pins]


def _per_participant_bound(problem: Problem) -> float:
    pinned_score: dict[str, float] = defaultdict(float)
    pinned_count: dict[str, int] = defaultdict(int)
    for key, score in _pinned_scores(problem):
        for pid in key:
            pinned_score[pid] += score
            pinned_count[pid] += 1
    open_scores: dict[str, list[float]] = defaultdict(list)
    for pair in _open_pairs(problem):
        for pid in pair.key:
            open_scores[pid].append(pair.score)
    total = 0.0
    for person in problem.participants:
        left = problem.cap(person) - pinned_count[person.id]
        best = sorted(open_scores[person.id], reverse=True)[: max(left, 0)]
        total += pinned_score[person.id] + sum(best)
    return total / 2


def _table_bound(problem: Problem) -> float:
    pinned = sum(score for _, score in _pinned_scores(problem))
    seats_left = problem.slots * problem.tables - len(problem.pins)
    best = sorted((p.score for p in _open_pairs(problem)), reverse=True)[:seats_left]
    return pinned + sum(best)
