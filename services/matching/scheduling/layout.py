"""Tables are interchangeable for the solvers; here each meeting gets one, deterministically.

Pinned meetings keep their table. A supplier (the exhibitor) keeps the table of its
first meeting whenever that table is free, so seekers walk and suppliers stay put.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .problem import Problem
from .schedule import Meeting
from .values import CandidatePair, Pin

Placement = tuple[CandidatePair, int]  # a pair and the slot it meets in


def lay_out(problem: Problem, placed: Iterable[Placement]) -> tuple[Meeting, ...]:
    """The pinned meetings plus the placed pairs, each at a table, sorted by slot and table."""
    meetings = [_pinned(problem, pin) for pin in problem.pins]
    home: dict[str, int] = {}
    for m in sorted(meetings, key=lambda m: (m.slot, m.table)):
        home.setdefault(m.supplier_id, m.table)
    by_slot: dict[int, list[CandidatePair]] = {}
    for pair, slot in placed:
        by_slot.setdefault(slot, []).append(pair)
    for slot in sorted(by_slot):
        taken = {m.table for m in meetings if m.slot == slot}
        meetings += _seat_slot(slot, sorted(by_slot[slot], key=lambda p: p.key), taken, home)
    return tuple(sorted(meetings, key=lambda m: (m.slot, m.table)))


def _pinned(problem: Problem, pin: Pin) -> Meeting:
    pair = problem.pair_for(pin)
    return Meeting(
        seeker_id=pin.seeker_id,
        supplier_id=pin.supplier_id,
        slot=pin.slot,
        table=pin.table,
        score=pair.score,
        requested=pair.requested,
        pinned=True,
    )


def _seat_slot(
    slot: int, pairs: Sequence[CandidatePair], taken: set[int], home: dict[str, int]
) -> list[Meeting]:
    # Suppliers whose home table is free sit first, so no newcomer takes it from them.
    at_home = [p for p in pairs if home.get(p.supplier_id, 0) not in taken | {0}]
    others = [p for p in pairs if p not in at_home]
    seated: list[Meeting] = []
    for pair in at_home + others:
        table = home.get(pair.supplier_id, 0)
        if table == 0 or table in taken:
            table = _lowest_free(taken)
        taken.add(table)
        home.setdefault(pair.supplier_id, table)
        seated.append(_placed(pair, slot, table))
    return seated


def _lowest_free(taken: set[int]) -> int:
    table = 1
    while table in taken:
        table += 1
    return table


def _placed(pair: CandidatePair, slot: int, table: int) -> Meeting:
    return Meeting(
        seeker_id=pair.seeker_id,
        supplier_id=pair.supplier_id,
        slot=slot,
        table=table,
        score=pair.score,
        requested=pair.requested,
        pinned=False,
    )
