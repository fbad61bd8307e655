"""Hostile Kafka records against every consuming service, in-process on the real stack
(DESIGN.md §4, §5.3-5.4; issue 9).

For each service, on each topic it consumes, the corpus of `tests.hostile.corpus` (≥ 300
records per service) is produced byte for byte with a raw producer, under a key prefix unique
to the run. Then:

1. every record meant for the DLQ is in `stx.dlq.<service>` exactly once, found by its
   `x-original-topic/partition/offset`, with the original key and value untouched, the error
   class expected for its category, a message, and `x-service`;
2. nothing else of the run is in the DLQ (unknown types and redeliveries are skipped by rule);
3. the consumer group committed past every record (no partition is stuck on one);
4. no document was written from them. "Written from" is checked three ways: the database is
   byte-identical before and after the corpus (snapshot after a valid event was applied and
   relayed, so the service is known to be consuming); no hostile `ce_id` is in
   `processed_events` (an effect and its `ce_id` commit together); no document anywhere holds
   the run's hostile marker, which every hostile payload carries in its ids;
5. afterwards, records that are valid per the contract but odd (operator-like unknown
   fields, `$` or dotted ids, 900 KB texts, integers beyond int64) are applied or dead-lettered
   — never stuck, never a `$` key in the database — and a last valid event is still applied;
6. `GET /readyz` answers 200.

A separate test per service sends each handled event type on a topic it does not belong to.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from typing import Any

import pytest

from shared.events.organizations import OrganizationRegistered
from shared.topics import dlq_topic
from tests.hostile import corpus as hostile
from tests.hostile.apps import SERVICES, Running, ServiceSpec, handled_types, running
from tests.hostile.corpus import BadRecord, Expect, Sample
from tests.hostile.probes import (
    DeadLetter,
    Position,
    Sent,
    containing,
    dead_letters,
    diff,
    dollar_keys,
    end_offset,
    produce,
    raw_producer,
    snapshot,
    wait_until_committed,
)
from tests.hostile.worlds import applied, closed_deal, outbox_drained, send_samples

pytestmark = [pytest.mark.integration, pytest.mark.slow]

MIN_RECORDS = 300
DLQ_TIMEOUT_S = 90.0


async def valid_event(service: Running, prefix: str) -> Sample:
    """An event this service applies (a closed deal on its own listings, or an organisation)."""
    if service.name == "listings":
        return await closed_deal(service)
    return hostile.sample(OrganizationRegistered, prefix)


@pytest.mark.parametrize("spec", SERVICES, ids=lambda s: s.name)
async def test_hostile_records_are_dead_lettered_or_skipped_and_write_nothing(
    stack: Any, spec: ServiceSpec
) -> None:
    started = time.monotonic()
    run = uuid.uuid4().hex[:10]
    marker, good = f"hx{run}", f"ok{run}"
    async with running(spec, stack) as service, raw_producer(stack.bootstrap_servers) as producer:
        topics = service.runtime.consumer.topics
        bootstrap, group = stack.bootstrap_servers, service.settings.consumer_group

        # A valid event first: once it is applied, the service is consuming and has state.
        first = await valid_event(service, f"{good}-first-")
        await send_samples(producer, first)
        await applied(service, first)
        await outbox_drained(service)
        before = await snapshot(service.db)
        dlq = dlq_topic(service.name)
        dlq_start = await end_offset(bootstrap, dlq)

        records = hostile.corpus(topics, handled_types(service.runtime), f"{marker}-")
        records += hostile.duplicates(first, first.model.topic, f"{marker}-dup-")
        records = hostile.numbered(records, marker)
        assert len(records) >= MIN_RECORDS, f"only {len(records)} hostile records"
        sent = await produce(producer, records)

        expected = {s.position: s for s in sent if s.record.expect is Expect.DLQ}
        letters = await dead_letters(bootstrap, dlq, dlq_start, set(expected), DLQ_TIMEOUT_S)
        behind = await wait_until_committed(bootstrap, group, sent, timeout=30)
        problems = dead_letter_problems(service.name, sent, letters)
        problems += [f"consumer group stuck at {tp}: committed {o}" for tp, o in behind.items()]
        after = await snapshot(service.db)
        problems += [f"written by the corpus: {change}" for change in diff(before, after)]
        problems += [f"holds the hostile marker: {d}" for d in await containing(service.db, marker)]
        problems += await recorded_hostile_ids(service, sent)
        assert not problems, report(spec.name, problems)

        # Valid but odd records, then a last valid event: still consuming, nothing injected.
        injected = f"inj{run}"
        odd = [
            record
            for topic in topics
            for record in hostile.tolerated(first_handled(service, topic, good), topic, injected)
        ]
        odd_sent = await produce(producer, hostile.numbered(odd, f"{marker}-odd"))
        last = await valid_event(service, f"{good}-last-")
        await send_samples(producer, last)
        await applied(service, last, timeout=60)
        behind = await wait_until_committed(bootstrap, group, odd_sent, timeout=30)
        assert not behind, f"consumer group stuck on odd records at {behind}"
        odd_letters = await dead_letters(bootstrap, dlq, dlq_start, set(), timeout=2, settle=0)
        assert not (stored := await dollar_keys(service.db)), f"$ keys stored: {stored}"
        assert not (found := await containing(service.db, injected)), f"injected: {found}"
        for letter in (x for s in odd_sent for x in odd_letters.get(s.position, [])):
            assert letter.header("x-error-class") and letter.header("x-error-message")

        ready = await service.http.get("/readyz")
        assert ready.status_code == 200, ready.text
    print(
        f"\n{spec.name}: {len(records)} hostile records on {len(topics)} topics "
        f"({Counter(r.expect.value for r in records)}), {len(letters)} dead letters; "
        f"odd records dead-lettered: "
        f"{[s.record.category for s in odd_sent if s.position in odd_letters]}; "
        f"{time.monotonic() - started:.1f} s"
    )


def first_handled(service: Running, topic: str, prefix: str) -> Sample:
    model = next(
        m for m in hostile.known_types(topic) if m.ce_type in handled_types(service.runtime)
    )
    return hostile.sample(model, f"{prefix}-{topic}-")


def dead_letter_problems(
    service: str, sent: list[Sent], letters: dict[Position, list[DeadLetter]]
) -> list[str]:
    problems: list[str] = []
    for s in sent:
        found = letters.get(s.position, [])
        record, where = s.record, f"{s.record.category!r} at {s.position}"
        if record.expect is Expect.SKIP:
            problems += [f"dead-lettered, should be skipped: {where}"] if found else []
            continue
        if len(found) != 1:
            problems.append(f"{len(found)} dead letters (expected 1): {where}")
            continue
        problems += letter_problems(service, record, found[0], where)
    return problems


def letter_problems(service: str, record: BadRecord, letter: DeadLetter, where: str) -> list[str]:
    problems = []
    error_class = letter.header("x-error-class")
    if error_class not in record.error_classes:
        message = letter.header("x-error-message")[:200]
        problems.append(f"x-error-class {error_class} ({message}): {where}")
    if not letter.header("x-error-message"):
        problems.append(f"no x-error-message: {where}")
    if letter.header("x-service") != service or not letter.header("x-failed-at"):
        problems.append(f"x-service/x-failed-at missing: {where}")
    if letter.key != record.key or (letter.value or b"") != (record.value or b""):
        problems.append(f"key or value not the original bytes: {where}")
    return problems


async def recorded_hostile_ids(service: Running, sent: list[Sent]) -> list[str]:
    """Hostile records whose `ce_id` was recorded as applied (a forged duplicate's id is the
    valid event's own, recorded before the corpus: the snapshot comparison covers it)."""
    ids = set()
    for s in sent:
        headers = dict(s.record.headers)
        if s.record.category.startswith(("ce_id of an applied", "exact redelivery")):
            continue
        try:
            ids.add(headers.get("ce_id", b"").decode())
        except UnicodeDecodeError:
            continue
    found = await service.db.processed_events.find({"_id": {"$in": sorted(ids)}}).to_list(None)
    return [f"recorded as applied: {d['_id']} ({d.get('type')})" for d in found]


def report(service: str, problems: list[str]) -> str:
    shown = "\n  ".join(problems[:60])
    more = f"\n  … and {len(problems) - 60} more" if len(problems) > 60 else ""
    return f"{service}: {len(problems)} problem(s) with hostile records:\n  {shown}{more}"


# --- an event type on a topic it does not belong to --------------------------------------------

@pytest.mark.parametrize("spec", [s for s in SERVICES if s.name != "listings"], ids=lambda s: s.name)
async def test_an_event_type_on_a_topic_it_does_not_belong_to_is_dead_lettered(
    stack: Any, spec: ServiceSpec
) -> None:
    """The AsyncAPI contract binds each type to one topic; a producer allowed to write topic A
    (ACLs are per topic) must not be able to feed a consumer events of topic B's types."""
    run = uuid.uuid4().hex[:10]
    marker = f"hx{run}"
    async with running(spec, stack) as service, raw_producer(stack.bootstrap_servers) as producer:
        topics = service.runtime.consumer.topics
        handled = handled_types(service.runtime)
        misplaced: list[BadRecord] = []
        for model in (m for t in topics for m in hostile.known_types(t) if m.ce_type in handled):
            wrong = next(t for t in topics if t != model.topic)
            valid = hostile.sample(model, f"{marker}-{model.ce_type}-")
            category = f"{model.ce_type} (a {model.topic} type) on {wrong}"
            misplaced.append(BadRecord(category, wrong, valid.value, valid.header_list(), Expect.DLQ))
        dlq_start = await end_offset(stack.bootstrap_servers, dlq_topic(spec.name))
        sent = await produce(producer, hostile.numbered(misplaced, marker))
        letters = await dead_letters(
            stack.bootstrap_servers, dlq_topic(spec.name), dlq_start, {s.position for s in sent}, 20
        )
        await wait_until_committed(
            stack.bootstrap_servers, service.settings.consumer_group, sent, 30
        )
        problems = [
            f"applied, not dead-lettered: {s.record.category}"
            for s in sent
            if s.position not in letters
        ]
        problems += [f"holds the hostile marker: {d}" for d in await containing(service.db, marker)]
        assert not problems, report(spec.name, problems)
