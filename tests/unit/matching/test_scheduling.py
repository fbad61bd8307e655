"""The B2B schedule of a connection event: hard constraints, priorities, pins, determinism."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from services.matching.scheduling import (
    CandidatePair,
    Participant,
    Pin,
    Problem,
    Role,
    Schedule,
    SolverOptions,
    SolveStatus,
    combinatorial_upper_bound,
    greedy_schedule,
    solve,
    swapped,
)
from services.matching.scheduling.values import meeting_key

FAST = SolverOptions(time_limit_s=2.0)
PROPERTIES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- randomised problems ---------------------------------------------------------------


@st.composite
def participants(draw: st.DrawFn, slots: int) -> list[Participant]:
    count = draw(st.integers(2, 7))
    return [
        Participant(
            id=f"p{n}",
            role=draw(st.sampled_from(list(Role))),
            unavailable_slots=frozenset(draw(st.sets(st.integers(0, slots - 1), max_size=slots))),
            max_meetings=draw(st.none() | st.integers(0, 3)),
        )
        for n in range(count)
    ]


@st.composite
def candidate_pairs(draw: st.DrawFn, people: list[Participant]) -> list[CandidatePair]:
    pairs = []
    for i, a in enumerate(people):
        for b in people[i + 1 :]:
            directions = [(s, t) for s, t in ((a, b), (b, a)) if s.role.can_seek()]
            directions = [(s, t) for s, t in directions if t.role.can_supply()]
            if not directions or not draw(st.booleans()):
                continue
            seeker, supplier = draw(st.sampled_from(directions))
            pairs.append(
                CandidatePair(
                    seeker_id=seeker.id,
                    supplier_id=supplier.id,
                    score=draw(st.sampled_from([0.0, 0.1, 0.35, 0.5, 0.5, 0.8, 0.95, 1.0])),
                    requested=draw(st.booleans()),
                )
            )
    return pairs


@st.composite
def problems(draw: st.DrawFn, with_pins: bool = True) -> Problem:
    slots, tables = draw(st.integers(1, 4)), draw(st.integers(1, 3))
    people = draw(participants(slots))
    pairs = draw(candidate_pairs(people))
    unpinned = Problem(slots=slots, tables=tables, participants=tuple(people), pairs=tuple(pairs))
    if not with_pins:
        return unpinned
    # Any subset of a valid schedule is a valid set of pins.
    meetings = greedy_schedule(unpinned).meetings
    chosen = draw(st.lists(st.sampled_from(meetings), unique=True)) if meetings else []
    return unpinned.model_copy(update={"pins": tuple(m.as_pin() for m in chosen)})


# --- the hard constraints, checked from scratch ----------------------------------------


def assert_valid(problem: Problem, schedule: Schedule) -> None:
    people = problem.people()
    candidates = {meeting_key(*p.key): p for p in problem.pairs}
    seats: Counter[tuple[str, int]] = Counter()
    for m in schedule.meetings:
        assert 0 <= m.slot < problem.slots
        assert 1 <= m.table <= problem.tables
        assert people[m.seeker_id].role.can_seek()
        assert people[m.supplier_id].role.can_supply()
        for pid in m.key:
            assert m.slot not in people[pid].unavailable_slots, f"{pid} unavailable in {m.slot}"
            seats[pid, m.slot] += 1
        if not m.pinned:
            pair = candidates[meeting_key(*m.key)]
            assert (m.score, m.requested) == (pair.score, pair.requested)
    assert max(seats.values(), default=0) <= 1, "someone is in two meetings at once"
    tables = Counter((m.slot, m.table) for m in schedule.meetings)
    assert max(tables.values(), default=0) <= 1, "a table is double-booked"
    met = Counter(meeting_key(*m.key) for m in schedule.meetings)
    assert max(met.values(), default=0) <= 1, "two people meet twice"
    load = Counter(pid for m in schedule.meetings for pid in m.key)
    for pid, n in load.items():
        cap = people[pid].max_meetings
        assert cap is None or n <= cap, f"{pid} has {n} meetings, cap {cap}"
    assert_pins_kept(problem, schedule)
    assert schedule.total_score == pytest.approx(sum(m.score for m in schedule.meetings))


def assert_pins_kept(problem: Problem, schedule: Schedule) -> None:
    placed = {(m.seeker_id, m.supplier_id, m.slot, m.table) for m in schedule.meetings if m.pinned}
    assert placed == {(p.seeker_id, p.supplier_id, p.slot, p.table) for p in problem.pins}


def rank(schedule: Schedule) -> tuple[int, int]:
    """What the solvers maximise: requested meetings first, then the (scaled) score."""
    return (schedule.stats.requested_scheduled, round(schedule.total_score * 10_000))


# --- properties -------------------------------------------------------------------------


@PROPERTIES
@given(problems())
def test_every_hard_constraint_holds_for_cp_sat_and_greedy(problem: Problem) -> None:
    assert_valid(problem, solve(problem, FAST))
    assert_valid(problem, greedy_schedule(problem))


@PROPERTIES
@given(problems())
def test_cp_sat_never_schedules_worse_than_greedy(problem: Problem) -> None:
    best, greedy = solve(problem, FAST), greedy_schedule(problem)
    assert rank(best) >= rank(greedy)
    assert best.stats.objective >= greedy.stats.objective


@PROPERTIES
@given(problems())
def test_no_schedule_beats_the_upper_bounds(problem: Problem) -> None:
    best = solve(problem, FAST)
    assert best.total_score <= best.stats.score_upper_bound + 1e-9
    assert best.total_score <= combinatorial_upper_bound(problem) + 1e-9
    bound = best.stats.objective_bound
    assert bound is not None
    assert best.stats.objective <= bound
    if best.status is SolveStatus.OPTIMAL:
        assert best.stats.objective == bound


@PROPERTIES
@given(problems(with_pins=False))
def test_unrequested_pairs_never_displace_a_requested_one(problem: Problem) -> None:
    only_requested = problem.model_copy(
        update={"pairs": tuple(p for p in problem.pairs if p.requested)}
    )
    full, reference = solve(problem, FAST), solve(only_requested, FAST)
    assume(full.status is SolveStatus.OPTIMAL and reference.status is SolveStatus.OPTIMAL)
    assert full.stats.requested_scheduled == reference.stats.requested_scheduled


@PROPERTIES
@given(problems(with_pins=False), st.data())
def test_pinned_meetings_survive_a_rerun_after_other_inputs_change(
    problem: Problem, data: st.DataObject
) -> None:
    first = solve(problem, FAST)
    assume(first.meetings)
    kept = data.draw(st.lists(st.sampled_from(first.meetings), min_size=1, unique=True))
    pins = tuple(m.as_pin() for m in kept)
    changed = _late_changes(problem, pins, data.draw(st.randoms(use_true_random=False)))
    rerun = solve(changed, FAST)
    assert_valid(changed, rerun)
    for pin in pins:
        assert any(
            (m.key, m.slot, m.table, m.pinned) == (pin.key, pin.slot, pin.table, True)
            for m in rerun.meetings
        )


def _late_changes(problem: Problem, pins: tuple[Pin, ...], rng: random.Random) -> Problem:
    """A late registration, rescored pairs and a new absence, none touching a pin."""
    pinned = {meeting_key(*p.key) for p in pins}
    busy = {(pid, p.slot) for p in pins for pid in p.key}
    pairs = [
        p if meeting_key(*p.key) in pinned else p.model_copy(update={"score": rng.random()})
        for p in problem.pairs
    ]
    newcomer = Participant(id="late", role=Role.SEEKER)
    pairs += [
        CandidatePair(seeker_id="late", supplier_id=p.id, score=1.0, requested=True)
        for p in problem.participants
        if p.role.can_supply()
    ]
    people = [
        p.model_copy(
            update={
                "unavailable_slots": p.unavailable_slots
                | {s for s in range(problem.slots) if (p.id, s) not in busy and rng.random() < 0.3}
            }
        )
        for p in problem.participants
    ]
    return Problem(
        slots=problem.slots,
        tables=problem.tables,
        participants=(*people, newcomer),
        pairs=tuple(pairs),
        pins=pins,
    )


@PROPERTIES
@given(problems(), st.randoms(use_true_random=False))
def test_same_input_gives_the_same_schedule_whatever_the_order(
    problem: Problem, rng: random.Random
) -> None:
    shuffled_pairs, shuffled_people = list(problem.pairs), list(problem.participants)
    rng.shuffle(shuffled_pairs)
    rng.shuffle(shuffled_people)
    shuffled = problem.model_copy(
        update={"pairs": tuple(shuffled_pairs), "participants": tuple(shuffled_people)}
    )
    first = solve(problem, FAST)
    assert solve(problem, FAST).meetings == first.meetings
    assert solve(shuffled, FAST).meetings == first.meetings
    assert greedy_schedule(shuffled).meetings == greedy_schedule(problem).meetings


# --- examples -----------------------------------------------------------------------------


def _techmart(pins: tuple[Pin, ...] = (), **changes: Any) -> Problem:
    """Three slots, two tables: two herb growers, a research institute, a university lab."""
    people = (
        Participant(id="cty-duoc-lieu-kon-tum", role=Role.SEEKER, unavailable_slots={2}),
        Participant(id="htx-sam-ngoc-linh", role=Role.SEEKER, max_meetings=1),
        Participant(id="vien-nong-nghiep-tay-nguyen", role=Role.SUPPLIER),
        Participant(id="dh-da-nang-lab-sinh-hoc", role=Role.BOTH),
    )
    pairs = (
        CandidatePair(
            seeker_id="cty-duoc-lieu-kon-tum",
            supplier_id="vien-nong-nghiep-tay-nguyen",
            score=0.9,
        ),
        CandidatePair(
            seeker_id="htx-sam-ngoc-linh",
            supplier_id="dh-da-nang-lab-sinh-hoc",
            score=0.4,
            requested=True,
        ),
    )
    fields: dict[str, object] = {
        "slots": 3,
        "tables": 2,
        "participants": people,
        "pairs": pairs,
        "pins": pins,
    }
    return Problem.model_validate(fields | changes)


def test_an_accepted_request_beats_a_better_scored_match() -> None:
    people = (
        Participant(id="cty-che-bien-nong-san", role=Role.SEEKER),
        Participant(id="vien-cong-nghe-sinh-hoc", role=Role.SUPPLIER),
        Participant(id="trung-tam-ung-dung-khcn", role=Role.SUPPLIER),
    )
    pairs = (
        CandidatePair(
            seeker_id="cty-che-bien-nong-san", supplier_id="vien-cong-nghe-sinh-hoc", score=0.95
        ),
        CandidatePair(
            seeker_id="cty-che-bien-nong-san",
            supplier_id="trung-tam-ung-dung-khcn",
            score=0.05,
            requested=True,
        ),
    )
    problem = Problem(slots=1, tables=1, participants=people, pairs=pairs)
    for schedule in (solve(problem, FAST), greedy_schedule(problem)):
        assert [m.supplier_id for m in schedule.meetings] == ["trung-tam-ung-dung-khcn"]


def test_a_supplier_keeps_its_table_while_seekers_walk() -> None:
    people = (
        Participant(id="vien-duoc-lieu", role=Role.SUPPLIER),
        *(Participant(id=f"doanh-nghiep-{n}", role=Role.SEEKER) for n in range(3)),
    )
    pairs = tuple(
        CandidatePair(seeker_id=f"doanh-nghiep-{n}", supplier_id="vien-duoc-lieu", score=0.7)
        for n in range(3)
    )
    pin = Pin(seeker_id="doanh-nghiep-1", supplier_id="vien-duoc-lieu", slot=1, table=4)
    problem = Problem(slots=3, tables=5, participants=people, pairs=pairs, pins=(pin,))
    schedule = solve(problem, FAST)
    assert [(m.slot, m.table) for m in schedule.meetings] == [(0, 4), (1, 4), (2, 4)]


def test_swapped_meetings_stay_swapped_after_a_rerun() -> None:
    people = (
        *(Participant(id=f"doanh-nghiep-{n}", role=Role.SEEKER) for n in range(2)),
        *(Participant(id=f"vien-{n}", role=Role.SUPPLIER) for n in range(2)),
    )
    pairs = tuple(
        CandidatePair(seeker_id=f"doanh-nghiep-{n}", supplier_id=f"vien-{n}", score=0.6)
        for n in range(2)
    )
    problem = Problem(slots=2, tables=1, participants=people, pairs=pairs)
    a, b = solve(problem, FAST).meetings
    rerun = solve(problem.model_copy(update={"pins": swapped(a, b)}), FAST)
    moved = {m.key: (m.slot, m.table) for m in rerun.meetings}
    assert moved == {a.key: (b.slot, b.table), b.key: (a.slot, a.table)}


def test_an_odd_cycle_where_the_lp_is_fractional_is_still_solved_exactly() -> None:
    # Each lab both seeks and supplies: the LP meets each pair "half", CP-SAT settles it.
    labs = tuple(Participant(id=f"phong-thi-nghiem-{n}", role=Role.BOTH) for n in range(3))
    pairs = tuple(
        CandidatePair(seeker_id=labs[n].id, supplier_id=labs[(n + 1) % 3].id, score=0.9)
        for n in range(3)
    )
    schedule = solve(Problem(slots=1, tables=3, participants=labs, pairs=pairs), FAST)
    assert len(schedule.meetings) == 1
    assert schedule.status is SolveStatus.OPTIMAL
    assert schedule.stats.objective == schedule.stats.objective_bound


def test_a_pin_between_non_candidates_is_kept_with_score_zero() -> None:
    pin = Pin(
        seeker_id="cty-duoc-lieu-kon-tum", supplier_id="dh-da-nang-lab-sinh-hoc", slot=0, table=2
    )
    schedule = solve(_techmart((pin,)), FAST)
    pinned = [m for m in schedule.meetings if m.pinned]
    assert [(m.key, m.slot, m.table, m.score) for m in pinned] == [(pin.key, 0, 2, 0.0)]


@pytest.mark.parametrize(
    ("pins", "message"),
    [
        (
            (
                Pin(
                    seeker_id="htx-sam-ngoc-linh",
                    supplier_id="dh-da-nang-lab-sinh-hoc",
                    slot=3,
                    table=1,
                ),
            ),
            r"slot 3 is outside 0\.\.2",
        ),
        (
            (
                Pin(
                    seeker_id="htx-sam-ngoc-linh",
                    supplier_id="dh-da-nang-lab-sinh-hoc",
                    slot=0,
                    table=3,
                ),
            ),
            r"table 3 is outside 1\.\.2",
        ),
        (
            (
                Pin(
                    seeker_id="htx-sam-ngoc-linh", supplier_id="vien-khong-dang-ky", slot=0, table=1
                ),
            ),
            r"'vien-khong-dang-ky' is not a participant",
        ),
        (
            (
                Pin(
                    seeker_id="cty-duoc-lieu-kon-tum",
                    supplier_id="vien-nong-nghiep-tay-nguyen",
                    slot=2,
                    table=1,
                ),
            ),
            r"'cty-duoc-lieu-kon-tum' is unavailable in slot 2",
        ),
        (
            (
                Pin(
                    seeker_id="vien-nong-nghiep-tay-nguyen",
                    supplier_id="htx-sam-ngoc-linh",
                    slot=0,
                    table=1,
                ),
            ),
            r"'vien-nong-nghiep-tay-nguyen' is a supplier and cannot be the seeker",
        ),
        (
            (
                Pin(
                    seeker_id="cty-duoc-lieu-kon-tum",
                    supplier_id="vien-nong-nghiep-tay-nguyen",
                    slot=0,
                    table=1,
                ),
                Pin(
                    seeker_id="cty-duoc-lieu-kon-tum",
                    supplier_id="dh-da-nang-lab-sinh-hoc",
                    slot=0,
                    table=2,
                ),
            ),
            r"book 'cty-duoc-lieu-kon-tum' twice in slot 0",
        ),
        (
            (
                Pin(
                    seeker_id="cty-duoc-lieu-kon-tum",
                    supplier_id="vien-nong-nghiep-tay-nguyen",
                    slot=1,
                    table=2,
                ),
                Pin(
                    seeker_id="htx-sam-ngoc-linh",
                    supplier_id="dh-da-nang-lab-sinh-hoc",
                    slot=1,
                    table=2,
                ),
            ),
            r"book table 2 twice in slot 1",
        ),
        (
            (
                Pin(
                    seeker_id="cty-duoc-lieu-kon-tum",
                    supplier_id="vien-nong-nghiep-tay-nguyen",
                    slot=0,
                    table=1,
                ),
                Pin(
                    seeker_id="cty-duoc-lieu-kon-tum",
                    supplier_id="vien-nong-nghiep-tay-nguyen",
                    slot=1,
                    table=1,
                ),
            ),
            r"book the same two participants twice",
        ),
        (
            (
                Pin(
                    seeker_id="htx-sam-ngoc-linh",
                    supplier_id="dh-da-nang-lab-sinh-hoc",
                    slot=0,
                    table=1,
                ),
                Pin(
                    seeker_id="htx-sam-ngoc-linh",
                    supplier_id="vien-nong-nghiep-tay-nguyen",
                    slot=1,
                    table=1,
                ),
            ),
            r"'htx-sam-ngoc-linh' has 2 pinned meetings but max_meetings is 1",
        ),
    ],
)
def test_an_invalid_pin_is_refused_with_the_reason(pins: tuple[Pin, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _techmart(pins)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"participants": (Participant(id="a", role=Role.SEEKER),) * 2}, r"'a' is listed twice"),
        (
            {"participants": (Participant(id="a", role=Role.SEEKER, unavailable_slots={5}),)},
            r"'a': unavailable slots \[5\] are outside 0\.\.2",
        ),
        (
            {
                "pairs": (
                    CandidatePair(
                        seeker_id="htx-sam-ngoc-linh",
                        supplier_id="dh-da-nang-lab-sinh-hoc",
                        score=0.4,
                    ),
                    CandidatePair(
                        seeker_id="dh-da-nang-lab-sinh-hoc",
                        supplier_id="vien-nong-nghiep-tay-nguyen",
                        score=0.5,
                    ),
                    CandidatePair(
                        seeker_id="htx-sam-ngoc-linh",
                        supplier_id="dh-da-nang-lab-sinh-hoc",
                        score=0.6,
                    ),
                )
            },
            r"listed twice \(in either direction\)",
        ),
    ],
)
def test_an_inconsistent_problem_is_refused_with_the_reason(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        _techmart(**changes)
