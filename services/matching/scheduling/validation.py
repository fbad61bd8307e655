"""Cross-field rules of a scheduling problem; each error names the item and the rule broken."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TypeVar

from .values import CandidatePair, Participant, Pin, meeting_key

K = TypeVar("K")


def check_participants(participants: Sequence[Participant], slots: int) -> None:
    """Ids are unique and unavailable slots exist."""
    seen: set[str] = set()
    for p in participants:
        if p.id in seen:
            raise ValueError(f"participant {p.id!r} is listed twice; ids must be unique")
        seen.add(p.id)
        outside = sorted(s for s in p.unavailable_slots if not 0 <= s < slots)
        if outside:
            raise ValueError(
                f"participant {p.id!r}: unavailable slots {outside} are outside 0..{slots - 1}"
            )


def check_pairs(pairs: Sequence[CandidatePair], people: Mapping[str, Participant]) -> None:
    """Both sides exist, play their role, and each two people appear in one pair only."""
    seen: set[frozenset[str]] = set()
    for pair in pairs:
        _check_sides(f"pair {pair.seeker_id}–{pair.supplier_id}", pair.key, people)
        key = meeting_key(*pair.key)
        if key in seen:
            raise ValueError(
                f"pair {pair.seeker_id}–{pair.supplier_id} is listed twice (in either direction);"
                " merge them upstream, keeping the higher score"
            )
        seen.add(key)


def check_pins(
    pins: Sequence[Pin], people: Mapping[str, Participant], slots: int, tables: int
) -> None:
    """Pins lie on the board, suit their participants and never double-book anyone."""
    for pin in pins:
        _check_pin(pin, people, slots, tables)
    _no_double_booking(pins)
    _within_caps(pins, people)


def _check_sides(what: str, key: tuple[str, str], people: Mapping[str, Participant]) -> None:
    seeker, supplier = (people.get(pid) for pid in key)
    if seeker is None or supplier is None:
        unknown = key[0] if seeker is None else key[1]
        raise ValueError(f"{what}: {unknown!r} is not a participant of the event")
    if seeker.id == supplier.id:
        raise ValueError(f"{what}: a participant cannot meet themselves")
    if not seeker.role.can_seek():
        raise ValueError(f"{what}: {seeker.id!r} is a {seeker.role} and cannot be the seeker")
    if not supplier.role.can_supply():
        raise ValueError(f"{what}: {supplier.id!r} is a {supplier.role} and cannot be the supplier")


def _check_pin(pin: Pin, people: Mapping[str, Participant], slots: int, tables: int) -> None:
    what = f"pin {pin.seeker_id}–{pin.supplier_id}"
    if pin.slot >= slots:
        raise ValueError(f"{what}: slot {pin.slot} is outside 0..{slots - 1}")
    if pin.table > tables:
        raise ValueError(f"{what}: table {pin.table} is outside 1..{tables}")
    _check_sides(what, pin.key, people)
    for pid in pin.key:
        if pin.slot in people[pid].unavailable_slots:
            raise ValueError(f"{what}: {pid!r} is unavailable in slot {pin.slot}")


def _no_double_booking(pins: Sequence[Pin]) -> None:
    seats: dict[tuple[str, int], Pin] = {}
    tables: dict[tuple[int, int], Pin] = {}
    pairs: dict[frozenset[str], Pin] = {}
    for pin in pins:
        for pid in pin.key:
            _claim(seats, (pid, pin.slot), pin, f"{pid!r} twice in slot {pin.slot}")
        _claim(tables, (pin.slot, pin.table), pin, f"table {pin.table} twice in slot {pin.slot}")
        _claim(pairs, meeting_key(*pin.key), pin, "the same two participants twice")


def _claim(taken: dict[K, Pin], key: K, pin: Pin, clash: str) -> None:
    other = taken.setdefault(key, pin)
    if other is not pin:
        raise ValueError(
            f"pins {other.seeker_id}–{other.supplier_id} and {pin.seeker_id}–{pin.supplier_id}"
            f" book {clash}"
        )


def _within_caps(pins: Sequence[Pin], people: Mapping[str, Participant]) -> None:
    counts = Counter(pid for pin in pins for pid in pin.key)
    for pid, n in sorted(counts.items()):
        cap = people[pid].max_meetings
        if cap is not None and n > cap:
            raise ValueError(f"{pid!r} has {n} pinned meetings but max_meetings is {cap}")
