"""Hostile Kafka records against every consuming service, in-process on the real stack
(DESIGN.md §4, §5.3-5.4; issue 9).

`test_hostile_records_are_dead_lettered_or_skipped_and_write_nothing`: for each service, on
each topic it consumes, the corpus of `tests.hostile.corpus` (≥ 300 records per service) is
produced byte for byte with a raw producer under a key prefix unique to the run, after one
valid event was applied (so the service is known to be consuming). Then:

1. every record meant for the DLQ is in `stx.dlq.<service>` exactly once, found by its
   `x-original-topic/partition/offset`, with the original key and value untouched, the error
   class expected for its category, a message, `x-service` and `x-failed-at`;
2. no skipped record (unknown type, known type not handled, exact redelivery) is in the DLQ;
3. the consumer group committed past every record (no partition is stuck on one);
4. no document was written from them, checked three ways: the whole database is identical
   before and after the corpus (the relay's lease expiry aside); no hostile `ce_id` is in
   `processed_events` (an effect and its `ce_id` commit in one transaction); no document
   anywhere holds the run's hostile marker, which every hostile payload carries in its ids;
5. a valid event sent afterwards is applied and `GET /readyz` answers 200.

`test_odd_but_valid_records_never_stick_and_never_become_field_names`: records valid per the
contract but odd (operator-like unknown fields, `$`/dotted ids, 900 KB texts, integers beyond
int64) are applied or dead-lettered with a reason; never stuck, never an injected value or a
`$`/dotted field name in the database.

`test_an_event_type_on_a_topic_it_does_not_belong_to_is_dead_lettered`: each handled type,
valid, on another topic the service consumes.
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
    data_keys,
    dead_letters,
    diff,
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
        problems += await still_serving(service, producer, f"{good}-last-")
        assert not problems, report(spec.name, problems)
    print(
        f"\n{spec.name}: {len(records)} hostile records on {len(topics)} topics "
        f"({dict(Counter(r.expect.value for r in records))}), {len(letters)} dead letters, "
        f"{time.monotonic() - started:.1f} s"
    )


@pytest.mark.parametrize("spec", SERVICES, ids=lambda s: s.name)
async def test_odd_but_valid_records_never_stick_and_never_become_field_names(
    stack: Any, spec: ServiceSpec
) -> None:
    """Valid per the contract, so applying them is allowed; dead-lettering them too (with a
    reason). What is not: a partition stuck on one, an injected value or a `$`/dotted field
    name in the database (event data used as a field name: MongoDB reads it as an operator or
    a path; DESIGN.md §7 builds queries from typed values only)."""
    run = uuid.uuid4().hex[:10]
    good, injected = f"ok{run}", f"inj{run}"
    async with running(spec, stack) as service, raw_producer(stack.bootstrap_servers) as producer:
        bootstrap, group = stack.bootstrap_servers, service.settings.consumer_group
        dlq = dlq_topic(service.name)
        dlq_start = await end_offset(bootstrap, dlq)
        odd = [
            record
            for n, topic in enumerate(service.runtime.consumer.topics)
            for record in hostile.tolerated(first_handled(service, topic, f"{good}-{n}-"), topic,
                                            injected)
        ]  # fmt: skip
        sent = await produce(producer, hostile.numbered(odd, f"{good}-odd"))
        behind = await wait_until_committed(bootstrap, group, sent, timeout=30)
        letters = await dead_letters(bootstrap, dlq, dlq_start, set(), timeout=10, settle=0)
        problems = [f"consumer group stuck on odd records at {tp}: {o}" for tp, o in behind.items()]
        problems += [f"field name from event data stored: {k}" for k in await data_keys(service.db)]
        problems += [f"injected value stored: {d}" for d in await containing(service.db, injected)]
        problems += [
            f"dead letter without a reason: {s.record.category}"
            for s in sent
            for letter in letters.get(s.position, [])
            if not (letter.header("x-error-class") and letter.header("x-error-message"))
        ]
        problems += await still_serving(service, producer, f"{good}-last-")
        assert not problems, report(spec.name, problems)
    dead = [f"{s.record.category} ({letters[s.position][0].header('x-error-class')})"
            for s in sent if s.position in letters]  # fmt: skip
    print(f"\n{spec.name}: {len(sent)} odd records, dead-lettered: {dead}")


async def still_serving(service: Running, producer: Any, prefix: str) -> list[str]:
    """A valid event sent now is applied, and the service says it is ready."""
    last = await valid_event(service, prefix)
    await send_samples(producer, last)
    try:
        await applied(service, last, timeout=60)
    except AssertionError as exc:
        return [f"a valid event sent afterwards was not applied: {exc}"]
    ready = await service.http.get("/readyz")
    return [] if ready.status_code == 200 else [f"not ready: {ready.status_code} {ready.text}"]


def first_handled(service: Running, topic: str, prefix: str) -> Sample:
    model = next(
        m for m in hostile.known_types(topic) if m.ce_type in handled_types(service.runtime)
    )
    return hostile.sample(model, prefix)


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


@pytest.mark.parametrize(
    "spec", [s for s in SERVICES if s.name != "listings"], ids=lambda s: s.name
)
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
        mine = [m for t in topics for m in hostile.known_types(t) if m.ce_type in handled]
        for n, model in enumerate(mine):
            wrong = next(t for t in topics if t != model.topic)
            valid = hostile.sample(model, f"{marker}-{n}-")
            category = f"{model.ce_type} (a {model.topic} type) on {wrong}"
            misplaced.append(
                BadRecord(category, wrong, valid.value, valid.header_list(), Expect.DLQ)
            )
        dlq_start = await end_offset(stack.bootstrap_servers, dlq_topic(spec.name))
        sent = await produce(producer, hostile.numbered(misplaced, marker))
        group = service.settings.consumer_group
        behind = await wait_until_committed(stack.bootstrap_servers, group, sent, 30)
        assert not behind, f"consumer group stuck at {behind}"
        letters = await dead_letters(
            stack.bootstrap_servers, dlq_topic(spec.name), dlq_start, {s.position for s in sent}, 5
        )
        problems = [
            f"applied, not dead-lettered: {s.record.category}"
            for s in sent
            if s.position not in letters
        ]
        problems += [f"holds the hostile marker: {d}" for d in await containing(service.db, marker)]
        assert not problems, report(spec.name, problems)
