"""Benchmark of the B2B schedule: 200 participants × 16 slots × 20 tables.

Prints CP-SAT's solve time and total score, an upper bound and the ratio to it, and the
greedy baseline of the same run. Target: ≤ 5 s, ≥ 95 % of the bound, never below greedy.
Run with `python -m tests.bench` (all benches) or `python -m tests.bench.bench_scheduling`.
"""

from __future__ import annotations

import hashlib
import random

from services.matching.scheduling import (
    CandidatePair,
    Participant,
    Problem,
    Role,
    Schedule,
    combinatorial_upper_bound,
    greedy_schedule,
    solve,
)

SEED = 20250701
SLOTS, TABLES = 16, 20
SECTORS = 8  # high-tech agriculture, herbs (Ngọc Linh ginseng), processing, environment, …


def build_instance(seed: int = SEED) -> Problem:
    """A techmart as a broker sees it: sparse scores clustered by sector, popular
    suppliers everyone wants, meeting caps, late arrivals and a few accepted requests."""
    rng = random.Random(seed)
    people = _participants(rng)
    pairs = _pairs(rng, people)
    return Problem(slots=SLOTS, tables=TABLES, participants=tuple(people), pairs=tuple(pairs))


def _participants(rng: random.Random) -> list[Participant]:
    roles = [Role.SEEKER] * 100 + [Role.SUPPLIER] * 85 + [Role.BOTH] * 15
    people = []
    for n, role in enumerate(roles):
        away: frozenset[int] = frozenset()
        if rng.random() < 0.35:  # arrives late or leaves early
            length = rng.randint(3, 8)
            start = 0 if rng.random() < 0.5 else SLOTS - length
            away = frozenset(range(start, start + length))
        people.append(
            Participant(
                id=f"p{n:03d}", role=role, unavailable_slots=away, max_meetings=rng.randint(3, 6)
            )
        )
    return people


def _pairs(rng: random.Random, people: list[Participant]) -> list[CandidatePair]:
    sector = {p.id: rng.randrange(SECTORS) for p in people}
    popularity = {p.id: rng.random() ** 2 for p in people}  # a few stars, many modest
    suppliers = [p.id for p in people if p.role.can_supply()]
    pairs: dict[frozenset[str], CandidatePair] = {}
    for seeker in (p.id for p in people if p.role.can_seek()):
        for supplier in rng.sample(suppliers, rng.randint(15, 30)):
            key = frozenset((seeker, supplier))
            if seeker == supplier or key in pairs:
                continue
            same = sector[seeker] == sector[supplier]
            fit = rng.betavariate(5, 2) if same else rng.betavariate(2, 5)
            pairs[key] = CandidatePair(
                seeker_id=seeker,
                supplier_id=supplier,
                score=round(0.65 * fit + 0.35 * popularity[supplier], 4),
                requested=same and rng.random() < 0.08,
            )
    return list(pairs.values())


def _fingerprint(schedule: Schedule) -> str:
    """Equal across runs and machines when the schedule is reproducible."""
    rows = [(m.seeker_id, m.supplier_id, m.slot, m.table) for m in schedule.meetings]
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:12]


def _line(name: str, schedule: Schedule) -> str:
    s = schedule.stats
    return (
        f"{name:<7} {s.wall_seconds:7.3f} s  score {schedule.total_score:8.3f}  "
        f"meetings {len(schedule.meetings):3d}  requested {s.requested_scheduled}/"
        f"{s.requested_total}  status {schedule.status}"
    )


def main() -> None:
    problem = build_instance()
    print(
        f"scheduling: {len(problem.participants)} participants, {problem.slots} slots, "
        f"{problem.tables} tables, {len(problem.pairs)} candidate pairs "
        f"({sum(p.requested for p in problem.pairs)} accepted requests)"
    )
    greedy = greedy_schedule(problem)
    best = solve(problem)
    print(_line("greedy", greedy))
    print(_line("cp-sat", best))
    print(
        f"cp-sat model: {best.stats.variables} of {best.stats.cells} (pair, slot) cells left "
        f"after LP reduced-cost fixing; schedule fingerprint {_fingerprint(best)}"
    )
    bound, simple = best.stats.score_upper_bound, combinatorial_upper_bound(problem)
    print(
        f"upper bound {bound:.3f} (LP relaxation / CP-SAT bound; the simpler sum of "
        f"best scores gives {simple:.3f})  cp-sat/bound {best.bound_ratio:.2%}  "
        f"greedy/bound {greedy.total_score / bound:.2%}  "
        f"cp-sat/greedy {best.total_score / greedy.total_score:.4f}"
    )


if __name__ == "__main__":
    main()
