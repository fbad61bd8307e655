"""What an agency sees: the public topics of the running system, read with foreign tools.

The four services run as real processes (`e2e_system`), the demo seed went through the HTTP
API, and then:

1. a **confluent-kafka** consumer (librdkafka, not our aiokafka) with a fresh group reads every
   public topic from the earliest offset until it has caught up, and every record this run's
   services produced must be a CloudEvents 1.0 binary-mode record whose value validates against
   the committed schema in ``docs/schemas/`` named by its ``ce_dataschema``;
2. the **CloudEvents Python SDK** (its Kafka binding) turns each of those records into a
   CloudEvent whose attributes equal the headers and whose data equals the JSON value;
3. a **privacy scan** finds no e-mail address and no Vietnamese phone number in any key,
   header or value of any record on a public topic, while the internal contacts topic does
   hold them (so the scan demonstrably catches them).

Other tests of the session share the topics. Their records are checked too but only reported
(a warning) when they break the contract, since some are broken on purpose (hostile input);
the privacy scan fails on any record that claims a service as its source, whoever ran it.
"""

from __future__ import annotations

import functools
import json
import re
import time
import uuid
import warnings
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from cloudevents.core.bindings.kafka import KafkaMessage, from_binary
from cloudevents.core.formats.json import JSONFormat
from confluent_kafka import Consumer, KafkaError, KafkaException, Message
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import best_match

from shared.topics import CONTACTS, LISTINGS, MODERATION, SERVICES, public_topics
from tests.e2e.conftest import SUMMARY, E2ESystem, dump, new_consumer_config

pytestmark = pytest.mark.e2e

SCHEMAS_DIR = Path(__file__).resolve().parents[2] / "docs" / "schemas"
READ_TIMEOUT = 60.0
IDLE_SECONDS = 1.0
SHOWN = 15

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
SOURCE = re.compile(rf"^/stx/[a-z0-9-]+/({'|'.join(SERVICES)})$")

# Both patterns can only start where a run of their characters starts and are bounded in
# length, so scanning stays linear on hostile megabyte strings (an unbounded `[\w.]+@` is
# quadratic on a long run without an "@").
EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]{1,256}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
PHONE = re.compile(
    r"(?<![\w+])"  # not inside a word or a longer number
    r"(?:(?:\+|00)?\s?84|\(?0)"  # (+)84, or a leading 0 (also in brackets: "(0260)")
    r"(?:[\s.\-()]{0,2}\d){9,10}"  # 9-10 more digits, with spaces, dots, dashes, brackets
    r"(?![\w])"
)

UUID_TEXT = re.compile(
    r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"
)


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Record:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: tuple[tuple[str, bytes | None], ...]

    def header(self, name: str) -> str | None:
        for header, value in self.headers:
            if header == name:
                return None if value is None else value.decode("utf-8", "replace")
        return None

    @property
    def where(self) -> str:
        return f"{self.topic}[{self.partition}]@{self.offset} {self.header('ce_type')}"


@dataclass(frozen=True)
class Topics:
    """Everything on the topics read, split into this run's records and everyone else's."""

    records: tuple[Record, ...]
    system: E2ESystem

    def ours(self, topic: str | None = None) -> list[Record]:
        return [
            r
            for r in self.records
            if self.system.is_ours(r.header("ce_source")) and topic in (None, r.topic)
        ]

    def foreign(self) -> list[Record]:
        return [r for r in self.records if not self.system.is_ours(r.header("ce_source"))]

    def types(self) -> Counter[str]:
        return Counter(str(r.header("ce_type")) for r in self.ours())


def read_to_the_end(bootstrap_servers: str, topics: list[str]) -> tuple[Record, ...]:
    """Subscribe with a brand-new group from the earliest offset; stop once every partition
    of every topic has reported end-of-partition and nothing arrived for `IDLE_SECONDS`."""
    consumer = Consumer(new_consumer_config(bootstrap_servers, f"e2e-agency-{uuid.uuid4().hex}"))
    try:
        metadata = consumer.list_topics(timeout=10)
        partitions = {(t, p) for t in topics for p in metadata.topics[t].partitions}
        consumer.subscribe(topics)
        records: list[Record] = []
        at_end: set[tuple[str, int]] = set()
        last_record = time.monotonic()
        deadline = last_record + READ_TIMEOUT
        while not (at_end >= partitions and time.monotonic() - last_record >= IDLE_SECONDS):
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"not caught up after {READ_TIMEOUT:.0f}s: {len(records)} records read, "
                    f"waiting for {sorted(partitions - at_end)}"
                )
            for message in consumer.consume(num_messages=500, timeout=0.5):
                error = message.error()
                if error is not None and error.code() == KafkaError._PARTITION_EOF:
                    at_end.add((str(message.topic()), int(message.partition() or 0)))
                    continue
                if error is not None:
                    raise KafkaException(error)
                record = _record(message)
                at_end.discard((record.topic, record.partition))
                last_record = time.monotonic()
                records.append(record)
        return tuple(records)
    finally:
        consumer.close()


def _record(message: Message) -> Record:
    topic, partition, offset = message.topic(), message.partition(), message.offset()
    assert topic is not None, message
    assert partition is not None, message
    assert offset is not None, message
    raw = message.headers() or []
    headers = raw.items() if isinstance(raw, dict) else raw  # librdkafka gives a list
    return Record(
        topic=topic,
        partition=partition,
        offset=offset,
        key=_bytes(message.key()),
        value=_bytes(message.value()),
        headers=tuple((name, _bytes(value)) for name, value in headers),
    )


def _bytes(value: str | bytes | None) -> bytes | None:
    return value.encode() if isinstance(value, str) else value


@pytest.fixture(scope="module")
def public(e2e_system: E2ESystem) -> Topics:
    names = [t.name for t in public_topics()]
    return Topics(read_to_the_end(e2e_system.bootstrap_servers, names), e2e_system)


@pytest.fixture(scope="module")
def contacts(e2e_system: E2ESystem) -> Topics:
    return Topics(read_to_the_end(e2e_system.bootstrap_servers, [CONTACTS]), e2e_system)


@pytest.fixture(scope="module")
def moderation(e2e_system: E2ESystem) -> Topics:
    return Topics(read_to_the_end(e2e_system.bootstrap_servers, [MODERATION]), e2e_system)


# --------------------------------------------------------------------------- the contract


@dataclass(frozen=True)
class Contract:
    """The committed schemas, by id (``ce_dataschema``) and by CloudEvents type."""

    by_id: dict[str, dict[str, Any]]
    types: frozenset[str]

    @classmethod
    def load(cls) -> Contract:
        schemas = [json.loads(p.read_text("utf-8")) for p in sorted(SCHEMAS_DIR.glob("*.json"))]
        return cls({s["$id"]: s for s in schemas}, frozenset(s["x-ce-type"] for s in schemas))

    def validator(self, schema_id: str) -> Draft202012Validator:
        return _validator(json.dumps(self.by_id[schema_id]))


@functools.cache
def _validator(schema: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads(schema), format_checker=FORMATS)


def _format_checker() -> FormatChecker:
    """jsonschema's checkers, plus ``date-time`` (skipped silently unless rfc3339-validator is
    installed; ours is strict RFC 3339, as the contract promises)."""
    checker = FormatChecker()
    checker.checks("date-time", raises=ValueError)(_is_rfc3339)
    return checker


def _is_rfc3339(instance: object) -> bool:
    if not isinstance(instance, str):
        return True
    datetime.fromisoformat(instance.replace("Z", "+00:00"))
    return bool(RFC3339.match(instance))


FORMATS = _format_checker()


def contract_problems(record: Record, contract: Contract) -> Iterator[str]:
    """Every way this record breaks DESIGN.md §4 or its committed schema."""
    names = [name for name, _ in record.headers]
    if duplicated := sorted(n for n, c in Counter(names).items() if c > 1):
        yield f"duplicated headers {duplicated}"
    h = {name: record.header(name) or "" for name in names}
    if h.get("ce_specversion") != "1.0":
        yield f"ce_specversion {h.get('ce_specversion')!r}"
    yield from _id_problems(h.get("ce_id", ""))
    if not SOURCE.match(h.get("ce_source", "")):
        yield f"ce_source {h.get('ce_source')!r} is not /stx/<deployment>/<service>"
    if not RFC3339.match(h.get("ce_time", "")):
        yield f"ce_time {h.get('ce_time')!r} is not RFC 3339"
    if h.get("content-type") != "application/json":
        yield f"content-type {h.get('content-type')!r}"
    if not h.get("ce_correlationid"):
        yield "no ce_correlationid"
    key = None if record.key is None else record.key.decode("utf-8", "replace")
    if not h.get("ce_subject") or h.get("ce_subject") != key:
        yield f"ce_subject {h.get('ce_subject')!r} differs from the key {key!r}"
    if h.get("ce_type") not in contract.types:
        yield f"ce_type {h.get('ce_type')!r} has no committed schema (x-ce-type)"
        return
    yield from _payload_problems(record, h, contract)


def _id_problems(ce_id: str) -> Iterator[str]:
    try:
        uuid.UUID(ce_id)
    except ValueError:
        yield f"ce_id {ce_id!r} is not a UUID"


def _payload_problems(record: Record, h: dict[str, str], contract: Contract) -> Iterator[str]:
    schema = contract.by_id.get(h.get("ce_dataschema", ""))
    if schema is None:
        yield f"ce_dataschema {h.get('ce_dataschema')!r} names no committed schema"
        return
    if schema["x-ce-type"] != h["ce_type"] or schema["x-topic"] != record.topic:
        yield f"schema {schema['$id']} is for {schema['x-ce-type']} on {schema['x-topic']}"
    try:
        payload = json.loads(record.value or b"")
    except (ValueError, RecursionError) as exc:
        yield f"value is not JSON: {type(exc).__name__} {str(exc)[:100]}"
        return
    error = best_match(contract.validator(schema["$id"]).iter_errors(payload))
    if error is not None:
        yield f"{schema['$id']}: {error.json_path}: {error.message[:200]}"


def problems_of(records: list[Record], contract: Contract) -> list[str]:
    found = []
    for record in records:
        if problems := list(contract_problems(record, contract)):
            found.append(f"{record.where}: {'; '.join(problems)}")
    values_by_id: dict[str, set[bytes | None]] = {}
    for r in records:
        values_by_id.setdefault(str(r.header("ce_id")), set()).add(r.value)
    # At-least-once may repeat an event (same ce_id, same data); one id for two events is a bug.
    found += [f"ce_id {i} names {len(v)} different payloads" for i, v in values_by_id.items()
              if len(v) > 1]  # fmt: skip
    return found


def _shown(problems: list[str]) -> str:
    more = f"\n… and {len(problems) - SHOWN} more" if len(problems) > SHOWN else ""
    return "\n".join(problems[:SHOWN]) + more


# --------------------------------------------------------------------------- the tests


def test_every_service_with_a_main_ran_and_became_ready(e2e_system: E2ESystem) -> None:
    """Names what ran: services still being written (no ``__main__``) are reported, not run."""
    assert "listings" in e2e_system.ran, e2e_system.describe()
    assert not e2e_system.unhealthy, f"{e2e_system.describe()}\n" + "\n".join(
        e2e_system.unhealthy.values()
    )


def test_confluent_kafka_reads_only_valid_cloudevents_from_the_public_topics(
    public: Topics, e2e_system: E2ESystem
) -> None:
    contract = Contract.load()
    ours = public.ours()
    problems = problems_of(ours, contract)
    assert not problems, f"{len(problems)} contract violations ({e2e_system.describe()}):\n" + (
        _shown(problems)
    )

    types = public.types()
    counts = ", ".join(f"{t} {n}" for t, n in sorted(types.items()))
    foreign = public.foreign()
    SUMMARY.append(f"validated {len(ours)} records of this run ({counts}); {len(foreign)} other")
    assert types["stx.listing.published"] >= e2e_system.seeded_listings, (types, e2e_system)
    assert types["stx.organization.registered"] >= e2e_system.seeded_organizations, types
    assert types["stx.organization.verified"] >= e2e_system.seeded_organizations, types
    assert len(ours) >= e2e_system.seeded_listings + 2 * e2e_system.seeded_organizations
    sources = {str(r.header("ce_source")).rsplit("/", 1)[1] for r in ours}
    assert sources <= set(e2e_system.ran), sources

    if foreign_problems := problems_of(foreign, contract):
        warnings.warn(
            f"{len(foreign_problems)} contract violations among the {len(foreign)} records of "
            f"other tests on public topics (not this run's services):\n{_shown(foreign_problems)}",
            stacklevel=1,
        )


def test_the_pushed_pair_was_proposed_on_the_public_matches_topic(
    public: Topics, e2e_system: E2ESystem
) -> None:
    # Every service of this repository runs in the e2e system: a pair not pushed is a failure.
    assert not e2e_system.proposal_skipped, e2e_system.proposal_skipped
    assert e2e_system.proposal is not None, e2e_system.proposal_error
    match_id = e2e_system.proposal["match_id"]
    proposed = [
        r
        for r in public.ours("stx.matches.v1")
        if r.header("ce_type") == "stx.match.proposed" and r.header("ce_subject") == match_id
    ]
    assert proposed, f"no stx.match.proposed for {match_id}; types seen: {public.types()}"
    assert proposed[0].header("ce_source") == e2e_system.source("matching")
    payload = json.loads(proposed[0].value or b"")
    assert (payload["offer_id"], payload["demand_id"]) == (
        e2e_system.proposal["offer_id"],
        e2e_system.proposal["demand_id"],
    ), dump(payload)


def test_the_cloudevents_sdk_reads_each_record_as_the_event_its_headers_describe(
    public: Topics,
) -> None:
    ours = public.ours()
    assert ours
    mismatches: list[str] = []
    for record in ours:
        message = KafkaMessage(
            headers={name: value or b"" for name, value in record.headers},
            key=record.key,
            value=record.value or b"",
        )
        event = from_binary(message, JSONFormat())
        h = {name: record.header(name) for name, _ in record.headers}
        seen = {
            "specversion": event.get_specversion(),
            "id": event.get_id(),
            "source": event.get_source(),
            "type": event.get_type(),
            "subject": event.get_subject(),
            "time": event.get_time(),
            "dataschema": event.get_dataschema(),
            "datacontenttype": event.get_datacontenttype(),
            "correlationid": event.get_extension("correlationid"),
            "causationid": event.get_extension("causationid"),
            "partitionkey": event.get_extension("partitionkey"),
            "data": event.get_data(),
        }
        expected = {
            "specversion": "1.0",
            "id": h["ce_id"],
            "source": h["ce_source"],
            "type": h["ce_type"],
            "subject": h["ce_subject"],
            "time": datetime.fromisoformat(str(h["ce_time"]).replace("Z", "+00:00")),
            "dataschema": h["ce_dataschema"],
            "datacontenttype": "application/json",
            "correlationid": h["ce_correlationid"],
            "causationid": h.get("ce_causationid"),
            "partitionkey": (record.key or b"").decode(),
            "data": json.loads(record.value or b""),
        }
        mismatches += [
            f"{record.where}: {name} is {dump(seen[name])}, expected {dump(expected[name])}"
            for name in expected
            if seen[name] != expected[name]
        ]
    assert not mismatches, f"{len(mismatches)} mismatches:\n{_shown(mismatches)}"


def test_no_email_or_phone_number_on_any_public_topic(public: Topics, contacts: Topics) -> None:
    """Every record is scanned. A hit fails the test when the record claims to come from an STX
    service (``ce_source`` ``/stx/<deployment>/<service>``, as every record our envelope writes
    does: this run's services and those other tests run in-process); records that test
    harnesses write themselves (no CloudEvents headers, or a source such as
    ``/stx/hostile/corpus``, which plants a ``stx.contact.updated`` on a public topic on
    purpose) are reported as a warning."""
    assert len(public.ours()) > 0, "nothing produced by this run to scan"
    leaks: list[str] = []
    planted: list[str] = []
    for record in public.records:
        source = record.header("ce_source") or ""
        found = [f"{record.where} from {source!r}: {hit}" for hit in personal_data_in(record)]
        (leaks if SOURCE.match(source) else planted).extend(found)
    assert not leaks, f"{len(leaks)} personal data on public topics:\n{_shown(leaks)}"
    if planted:
        warnings.warn(
            f"{len(planted)} personal data in records test harnesses wrote on public topics "
            f"(not produced by a service):\n{_shown(planted)}",
            stacklevel=1,
        )

    # The same scan does find them where they belong, so a leak could not slip past it.
    ours = [r for r in contacts.ours() if r.header("ce_type") == "stx.contact.updated"]
    hits = [hit for r in ours for hit in personal_data_in(r)]
    assert sum(h.startswith("e-mail") for h in hits) >= contacts.system.seeded_organizations, hits
    assert any(h.startswith("phone") for h in hits), hits


def anonymous_owners(public: Topics, contacts: Topics) -> dict[str, str]:
    """Anonymous demand id → its owner's organisation id: the public listings name no owner,
    only the internal topic says who it is."""
    anonymous = set()
    for record in public.ours(LISTINGS):
        listing = json.loads(record.value or b"{}").get("listing") or {}
        if listing.get("kind") == "demand" and listing.get("owner_organization_id") is None:
            anonymous.add(listing.get("listing_id"))
    owners = {}
    for record in contacts.ours():
        if record.header("ce_type") == "stx.listing_owner.recorded":
            data = json.loads(record.value or b"{}")
            if data["listing_id"] in anonymous:
                owners[data["listing_id"]] = data["owner_organization_id"]
    return owners


def unveiled_owners(records: list[Record], owners: dict[str, str]) -> list[str]:
    """Records that name an anonymous demand's owner next to the demand, directly or through
    the event they are about (`source_event_id`): the join an agency could make."""
    about: dict[str, set[str]] = {}
    for record in records:
        text = (record.value or b"").decode("utf-8", "replace")
        about[str(record.header("ce_id"))] = {lst for lst in owners if lst in text}
    found = []
    for record in records:
        text = (record.value or b"").decode("utf-8", "replace")
        text += (record.key or b"").decode("utf-8", "replace")
        value = json.loads(record.value or b"{}") if (record.value or b"").startswith(b"{") else {}
        referred = about.get(str(value.get("source_event_id")), set())
        for listing_id in about.get(str(record.header("ce_id")), set()) | referred:
            if owners[listing_id] in text:
                found.append(f"{record.where} names {owners[listing_id]}, owner of {listing_id}")
    return found


def test_no_public_record_unveils_the_owner_of_an_anonymous_demand(
    public: Topics, contacts: Topics
) -> None:
    owners = anonymous_owners(public, contacts)
    assert owners, "the demo seed has anonymous demands: their owners must be on the contacts topic"
    delivered = [r for r in public.ours() if r.header("ce_type") == "stx.notification.delivered"]
    assert delivered, "notifications delivered nothing in this run: the join was not exercised"
    leaks = unveiled_owners(public.ours(), owners)
    assert not leaks, f"{len(leaks)} records unveil anonymous owners:\n{_shown(leaks)}"


def test_no_moderation_traffic_and_no_broker_comment_on_any_public_topic(
    public: Topics, moderation: Topics
) -> None:
    """Agencies see what the public sees: a listing once it is published, never the listings
    waiting for a broker nor what the broker told their owners."""
    submitted = [r for r in moderation.ours() if r.header("ce_type") == "stx.listing.submitted"]
    assert submitted, "the demo seed submits every listing: the moderation topic has them"
    internal_types = {"stx.listing.submitted", "stx.listing.returned"}
    on_public = [r.where for r in public.ours() if r.header("ce_type") in internal_types]
    assert not on_public, f"moderation traffic on public topics:\n{_shown(on_public)}"
    comments = {
        comment
        for r in moderation.ours()
        if (comment := json.loads(r.value or b"{}").get("feedback", {}).get("comment"))
    }
    said = [r.where for r in public.records for c in comments if c.encode() in (r.value or b"")]
    assert not said, f"broker comments on public topics:\n{_shown(said)}"


def test_the_owner_scan_catches_the_join_through_a_delivery_outcome() -> None:
    """Guards against a vacuous pass: the join the issue describes is found."""

    def record(offset: int, ce_id: str, value: dict[str, Any]) -> Record:
        headers = (("ce_id", ce_id.encode()), ("ce_type", b"t"))
        return Record("stx.x.v1", 0, offset, b"k", json.dumps(value).encode(), headers)

    proposal = record(0, "e1", {"demand_id": "lst_anon", "offer_owner_organization_id": "org_a"})
    delivered = record(1, "e2", {"subscriber_id": "org_owner", "source_event_id": "e1"})
    opaque = record(2, "e3", {"subscriber_id": "rcp_1", "source_event_id": "e1"})

    leaks = unveiled_owners([proposal, delivered, opaque], {"lst_anon": "org_owner"})

    assert leaks == ["stx.x.v1[0]@1 t names org_owner, owner of lst_anon"]


def test_the_checks_catch_a_broken_or_leaking_record(public: Topics) -> None:
    """Guards against a vacuous pass: damage one real record in each way, every one is caught."""
    contract = Contract.load()
    good = next(r for r in public.ours() if r.header("ce_type") == "stx.listing.published")
    assert not list(contract_problems(good, contract))
    payload = json.loads(good.value or b"")
    broken = {
        "no ce_id": replace(good, headers=_without(good, "ce_id")),
        "other key": replace(good, key=b"lst_somebody_else"),
        "old specversion": _with_header(good, "ce_specversion", b"0.3"),
        "unknown schema": _with_header(
            good, "ce_dataschema", b"urn:stx:schema:listing.published:9"
        ),
        "schema of another type": _with_header(
            good, "ce_dataschema", b"urn:stx:schema:listing.withdrawn:1"
        ),
        "payload without listing": replace(
            good, value=json.dumps({k: v for k, v in payload.items() if k != "listing"}).encode()
        ),
        "not JSON": replace(good, value=b"\xff{"),
        "bad time": _with_header(good, "ce_time", b"26/11/2026 10:00"),
    }
    for what, record in broken.items():
        assert list(contract_problems(record, contract)), what

    payload["listing"]["summary"] += " Liên hệ an.nguyen@vienduoclieu.vn, ĐT 0905 123 456."
    leaking = [
        replace(good, value=json.dumps(payload, ensure_ascii=False).encode()),
        _with_header(good, "x-contact", b"+84 905 123 456"),
        replace(good, key=b"an.nguyen@vienduoclieu.vn"),
    ]
    assert [len(list(personal_data_in(r))) for r in leaking] == [2, 1, 1]


def _without(record: Record, name: str) -> tuple[tuple[str, bytes | None], ...]:
    return tuple((n, v) for n, v in record.headers if n != name)


def _with_header(record: Record, name: str, value: bytes) -> Record:
    return replace(record, headers=(*_without(record, name), (name, value)))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("khcn@kontum.udn.vn", "e-mail"),
        ("Liên hệ: an.nguyen+stx@vien-duoc-lieu.edu.vn.", "e-mail"),
        ("0905123456", "phone"),
        ("0260 3913 029", "phone"),
        ("ĐT: 0905.123.456", "phone"),
        ("0905-123-456", "phone"),
        ("(0260) 3862 345", "phone"),
        ("+84 905 123 456", "phone"),
        ("+84905123456", "phone"),
        ("84905123456", "phone"),
        ("org_01JC9W3Z8Q5M7K2H4N6P8R0T2V", None),
        ("8f0e3c2a-0123-4567-8901-0a1b2c3d4e5f", None),
        ("2026-01-31T00:00:00.000Z", None),
        ("1200000000", None),
        ("ĐTKHCN.KT.08/2021", None),
        ("urn:stx:schema:listing.published:1", None),
        ("0.8734567891", "phone"),  # a string that looks like one is flagged: scan strings only
    ],
)
def test_the_privacy_scan_patterns(text: str, kind: str | None) -> None:
    found = [k for k, pattern in (("e-mail", EMAIL), ("phone", PHONE)) if pattern.search(text)]
    assert found == ([kind] if kind else []), text


def test_a_uuid_whose_last_group_is_all_digits_is_no_phone_number() -> None:
    assert list(_hits("header ce_id", "3409c1c4-940b-43c2-b46f-843899644555")) == []
    assert list(_hits("value", "gọi 0905123456")) != []


def test_the_privacy_scan_stays_fast_on_hostile_values() -> None:
    """Other tests put megabyte strings and deep nesting on the public topics."""
    huge = ["a" * 2_000_000, "0" * 2_000_000, "a." * 1_000_000, "9 " * 1_000_000 + "x"]
    deep = b"[" * 50_000 + b"]" * 50_000
    started = time.monotonic()
    for value in [json.dumps({"x": text}).encode() for text in huge] + [deep]:
        record = Record("stx.listings.v1", 0, 0, None, value, ())
        assert not list(personal_data_in(record))
    assert time.monotonic() - started < 10


def personal_data_in(record: Record) -> Iterator[str]:
    """E-mail addresses and phone numbers in the key, header names/values and in every
    string (and object key) of the JSON value; a value that is not JSON is scanned as text.
    Numbers are not scanned: a float such as 0.1234567891 is not a phone number."""
    texts = [("key", record.key), *((f"header {n}", n.encode() + b"=" + (v or b""))
                                    for n, v in record.headers)]  # fmt: skip
    for where, raw in texts:
        yield from _hits(where, (raw or b"").decode("utf-8", "replace"))
    try:
        value = json.loads(record.value or b"null")
    except (ValueError, RecursionError):
        yield from _hits("value", (record.value or b"").decode("utf-8", "replace"))
        return
    for path, text in _strings(value, "$"):
        yield from _hits(path, text)


def _hits(where: str, text: str) -> Iterator[str]:
    text = UUID_TEXT.sub(" ", text)  # a UUID's last group may be 12 digits that look like +84…
    for kind, pattern in (("e-mail", EMAIL), ("phone", PHONE)):
        for match in pattern.finditer(text):
            yield f"{kind} {match.group()!r} in {where}"


def _strings(value: object, path: str) -> Iterator[tuple[str, str]]:
    """Every string and object key, with its path; iterative, for hostile nesting depths."""
    pending: list[tuple[object, str]] = [(value, path)]
    while pending:
        node, where = pending.pop()
        if isinstance(node, str):
            yield where, node
        elif isinstance(node, dict):
            for key, item in node.items():
                yield f"{where} (key)", str(key)
                pending.append((item, f"{where}.{key}"))
        elif isinstance(node, list):
            pending.extend((item, f"{where}[{i}]") for i, item in enumerate(node))
