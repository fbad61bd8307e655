"""The replay ledger: what was re-published is never re-published, what was passed over waits."""

from __future__ import annotations

import pytest

from shared.cli.dlq.ledger import FORMAT, Ledger, LedgerFullError


def test_an_unfiltered_replay_moves_the_watermark_to_the_end() -> None:
    ledger = Ledger().after(replayed=[0, 1, 2, 3], pending=[], read_until=4)

    assert ledger == Ledger(4)
    assert ledger.metadata() == FORMAT
    assert all(ledger.done(o) for o in range(4))
    assert not ledger.done(4)


def test_a_filtered_replay_remembers_what_it_sent_above_what_it_passed_over() -> None:
    ledger = Ledger().after(replayed=[2, 3, 4, 7], pending=[1, 5, 6], read_until=8)

    assert ledger.watermark == 1
    assert ledger.extra == {2, 3, 4, 7}
    assert ledger.metadata() == FORMAT + "2-4,7"
    assert [o for o in range(8) if not ledger.done(o)] == [1, 5, 6]


def test_replaying_the_rest_later_closes_the_gaps() -> None:
    first = Ledger().after(replayed=[2, 3, 4, 7], pending=[1, 5, 6], read_until=8)

    second = first.after(replayed=[1, 5, 6], pending=[], read_until=10)

    assert second == Ledger(10)


def test_records_that_are_no_dead_letters_do_not_hold_the_watermark_back() -> None:
    # offset 0 is junk (never replayable: not pending), 1 was replayed
    assert Ledger().after(replayed=[1], pending=[], read_until=2) == Ledger(2)


def test_an_unacknowledged_record_stays_pending() -> None:
    ledger = Ledger().after(replayed=[0, 2], pending=[1], read_until=3)

    assert not ledger.done(1)
    assert ledger.done(2)


def test_the_ledger_survives_a_round_trip_through_commit_metadata() -> None:
    ledger = Ledger(5, frozenset({7, 8, 9, 12, 20, 21}))

    assert Ledger.parse(ledger.watermark, ledger.metadata()) == ledger


def test_no_commit_yet_or_foreign_or_damaged_metadata_keep_only_the_watermark() -> None:
    assert Ledger.parse(-1, "") == Ledger(0)
    assert Ledger.parse(12, "written by kafka-consumer-groups.sh") == Ledger(12)
    assert Ledger.parse(3, FORMAT + "7-x") == Ledger(3)


def test_too_scattered_replays_are_refused_before_anything_is_sent() -> None:
    scattered = Ledger(0, frozenset(range(1, 4000, 2)))

    with pytest.raises(LedgerFullError, match="too scattered"):
        scattered.metadata()
