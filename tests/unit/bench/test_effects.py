"""The replicas benchmark's counting: duplicated effects and each replica's share of the work."""

from __future__ import annotations

import json
from collections import Counter

from tests.bench.pipeline.effects import duplicates, replica_work


def _line(event: str, **fields: object) -> str:
    return json.dumps(
        {"timestamp": "2026-12-03T10:00:00Z", "service": "matching", "event": event, **fields}
    )


def test_effects_seen_once_are_no_duplicates() -> None:
    pairs = Counter({("lst_demand_1", "lst_offer_1"): 1, ("lst_demand_1", "lst_offer_2"): 1})
    assert duplicates(pairs) == 0


def test_every_repetition_beyond_the_first_counts_as_a_duplicate() -> None:
    mails = Counter({"<dlv_a@khcn.quangngai.gov.vn>": 3, "<dlv_b@khcn.quangngai.gov.vn>": 1})
    assert duplicates(mails) == 2


def test_nothing_seen_is_no_duplicate() -> None:
    assert duplicates(Counter()) == 0


def test_a_replicas_log_says_what_it_applied_and_from_which_partitions() -> None:
    work = replica_work(
        [
            _line("service_started"),
            _line("event_applied", topic="stx.listings.v1", partition=3, offset=0),
            _line("event_applied", topic="stx.listings.v1", partition=5, offset=7),
            _line("event_applied", topic="stx.listings.v1", partition=3, offset=1),
            _line("event_applied", topic="stx.internal.contacts.v1", partition=0, offset=0),
            _line("event_retrying", attempt=1),
            _line("event_duplicate_skipped", topic="stx.listings.v1", partition=5),
        ]
    )
    assert work.applied == Counter({"stx.listings.v1": 3, "stx.internal.contacts.v1": 1})
    assert work.partitions_of("stx.listings.v1") == "3,5"
    assert (work.retried, work.duplicates_skipped) == (1, 1)


def test_a_replica_that_applied_nothing_from_a_topic_shows_no_partition() -> None:
    assert replica_work([]).partitions_of("stx.matches.v1") == "-"


def test_lines_that_are_not_json_objects_are_skipped() -> None:
    work = replica_work(
        [
            "Traceback (most recent call last):",
            "[1, 2]",
            _line("event_applied", topic="stx.matches.v1", partition=0),
        ]
    )
    assert work.applied == Counter({"stx.matches.v1": 1})
