"""A corpus of hostile Kafka records for one consuming service (DESIGN.md §4, §5.3-5.4).

For every topic the service consumes, `corpus()` builds records that break the contract in
one way each, starting from a *valid* event whose ids carry the run's hostile marker: if a
service ignored the defect and applied the record, a document holding the marker would
appear in its database, which the test looks for.

Categories (each record names its own):

- envelope: every required `ce_*` header missing or empty, unknown `ce_specversion`, `ce_id`
  not a UUID, bad `ce_time`, wrong `content-type`, `ce_subject` differing from the payload,
  header values that are not UTF-8;
- value: not JSON, JSON that is not an object, empty/tombstone, invalid UTF-8 (overlong,
  lone surrogate, UTF-16, Latin-1, BOM), ~900 KB payloads (four kinds on a service's first
  topic, one on the others), JSON nested 10 000 deep (and 100 deep, above the envelope's
  limit of 64), NaN/Infinity in number fields;
- payload: the schema of every known event type on the topic violated field by field
  (missing, null, wrong type, out of range, not in the enum, bad dates), `$`-operator
  objects (`{"$gt": ""}`, `{"$where": …}`) in id fields;
- rule: unknown `ce_type`s and known types the service does not handle (skipped, not
  dead-lettered), a duplicated `ce_id` with a different payload (dead-lettered) and an exact
  redelivery (skipped);
- tolerated (`Expect.TOLERATE`): valid per the contract though odd (unknown `$` fields,
  `$`-prefixed or dotted id strings, a 900 KB text, an integer beyond int64): either applied
  or dead-lettered, never a crash, a stuck partition, or a `$`/dotted field name in the
  database.

Every payload-level mutation is checked against the event model before it is kept: the
corpus never claims a record is invalid when the model accepts it.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Final

from pydantic import ValidationError

from shared.events.base import Event
from shared.events.envelope import REQUIRED_HEADERS, to_record
from shared.events.registry import all_models

HUGE_BYTES: Final = 900_000
"""Below the broker's default 1 MB `message.max.bytes`, headers and DLQ headers included."""
DEEP: Final = 10_000
SOURCE: Final = "/stx/hostile/corpus"
INVALID: Final = frozenset({"InvalidEventError"})
DUPLICATE: Final = frozenset({"ConflictingDuplicateError"})
SCHEMA_VIOLATIONS_PER_SERVICE: Final = 200
"""Split evenly over the consumed topics, then over the known types of each topic."""
MAX_OPERATOR_RECORDS_PER_TOPIC: Final = 20
DOLLAR_VALUES: Final[tuple[tuple[str, Any], ...]] = (
    ("gt", {"$gt": ""}),
    ("where", {"$where": "sleep(1000) || true"}),
    ("ne", {"$ne": None}),
    ("regex", {"$regex": ".*"}),
    ("in", {"$in": ["a", "b"]}),
    ("list", [{"$or": [{}]}]),
)


class Expect(StrEnum):
    DLQ = "dlq"
    """Lands in `stx.dlq.<service>` exactly once, with the error class and a message."""
    SKIP = "skip"
    """Skipped by rule: never dead-lettered, its offset is committed, nothing is written."""
    TOLERATE = "tolerate"
    """Valid per the contract: applied or dead-lettered, never stuck, no `$`/dotted key stored."""


@dataclass(frozen=True)
class BadRecord:
    category: str
    topic: str
    value: bytes | None
    headers: tuple[tuple[str, bytes], ...]
    expect: Expect
    error_classes: frozenset[str] = INVALID
    """Acceptable `x-error-class` of its dead letter (for `Expect.DLQ`)."""
    key: bytes | None = None
    """Filled in by `numbered` with the run's unique key prefix."""


@dataclass(frozen=True)
class Sample:
    """A valid event of one type: its model, JSON payload and binary-mode headers."""

    model: type[Event]
    payload: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def value(self) -> bytes:
        return json.dumps(self.payload, ensure_ascii=False).encode()

    def header_list(self, **changes: str | bytes | None) -> tuple[tuple[str, bytes], ...]:
        """The headers with some replaced (`None` removes one)."""
        merged: dict[str, str | bytes | None] = {**self.headers, **changes}
        return tuple(
            (name, value if isinstance(value, bytes) else value.encode())
            for name, value in merged.items()
            if value is not None
        )


# --- valid samples ---------------------------------------------------------------------------


def example_payload(model: type[Event]) -> dict[str, Any]:
    """A valid payload built from the examples every field of the contract documents."""
    schema = model.model_json_schema(mode="validation")
    payload = _example(schema, schema.get("$defs", {}))
    model.model_validate(payload)  # the examples are part of the contract: they must validate
    assert isinstance(payload, dict)
    return payload


def _example(node: Mapping[str, Any], defs: Mapping[str, Any]) -> Any:  # noqa: C901 - a table
    if "$ref" in node:
        return _example(defs[node["$ref"].rsplit("/", 1)[-1]], defs)
    if node.get("examples"):
        return copy.deepcopy(node["examples"][0])
    if "const" in node:
        return node["const"]
    if "enum" in node:
        return node["enum"][0]
    if "default" in node:
        return copy.deepcopy(node["default"])
    if "anyOf" in node:
        chosen = next((alt for alt in node["anyOf"] if alt.get("type") != "null"), None)
        return None if chosen is None else _example(chosen, defs)
    if "allOf" in node:
        return _example(node["allOf"][0], defs)
    kind = node.get("type")
    if kind == "object":
        return {name: _example(sub, defs) for name, sub in node.get("properties", {}).items()}
    if kind == "array":
        return [_example(node.get("items", {}), defs)] * max(1, node.get("minItems", 1))
    scalars: dict[str, Any] = {"integer": 1, "number": 1.0, "boolean": False}
    if kind in scalars:
        return node.get("minimum", scalars[kind])
    formats = {"date-time": "2026-01-01T00:00:00Z", "date": "2026-01-01"}
    return formats.get(node.get("format", ""), "x" * max(1, node.get("minLength", 1)))


def rebrand(model: type[Event], payload: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    """The payload with every `*_id` string replaced by `<prefix><n>` (equal ids stay equal)."""
    mapping: dict[str, str] = {}

    def walk(node: Any, key: str | None) -> Any:
        if isinstance(node, dict):
            return {k: walk(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, key) for v in node]
        if isinstance(node, str) and key is not None and key.endswith("_id"):
            return mapping.setdefault(node, f"{prefix}{len(mapping)}")
        return node

    rebranded: dict[str, Any] = walk(dict(payload), None)
    model.model_validate(rebranded)
    return rebranded


def sample(
    model: type[Event], prefix: str, *, ce_id: str | None = None, payload: Mapping[str, Any] | None
    = None,
) -> Sample:  # fmt: skip
    """A valid event of `model` whose ids start with `prefix`, with its CloudEvents headers."""
    data = rebrand(model, payload if payload is not None else example_payload(model), prefix)
    record = to_record(model.model_validate(data), source=SOURCE, event_id=ce_id)
    return Sample(model, data, record.headers)


def known_types(topic: str) -> list[type[Event]]:
    return [m for m in all_models() if m.topic == topic and m.__module__.startswith("shared.")]


# --- payload mutations -----------------------------------------------------------------------

Path = tuple[str, ...]


def _resolve(node: Mapping[str, Any], defs: Mapping[str, Any]) -> dict[str, Any]:
    """Follow `$ref`s and merge the non-null branch of an optional (`anyOf [X, null]`)."""
    merged = dict(node)
    while "$ref" in merged:
        target = defs[merged.pop("$ref").rsplit("/", 1)[-1]]
        merged = {**target, **merged}
    branches = [b for b in merged.get("anyOf", []) if b.get("type") != "null"]
    if len(branches) == 1:
        nullable = len(merged["anyOf"]) > 1
        merged = {
            **_resolve(branches[0], defs),
            **{k: v for k, v in merged.items() if k != "anyOf"},
        }
        merged["x-nullable"] = nullable
    return merged


def _fields(
    schema: Mapping[str, Any],
    defs: Mapping[str, Any],
    payload: Any,
    path: Path = (),
    depth: int = 2,
) -> Iterator[tuple[Path, dict[str, Any], bool]]:
    required = set(schema.get("required", ()))
    for name, raw in schema.get("properties", {}).items():
        prop = _resolve(raw, defs)
        here = (*path, name)
        yield here, prop, name in required
        inner = payload.get(name) if isinstance(payload, dict) else None
        if depth > 1 and isinstance(inner, dict) and prop.get("properties"):
            yield from _fields(prop, defs, inner, here, depth - 1)


def _wrong_values(prop: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:  # noqa: C901 - a table
    kind = prop.get("type")
    yield "null", None
    if kind == "string" or "enum" in prop:
        yield from (("int", 12345), ("list", ["x"]), ("bool", True))
        if "enum" in prop:
            yield "not_in_enum", "hostile-value"
        if prop.get("format") in ("date", "date-time"):
            yield from (("impossible_date", "2026-02-30"), ("words", "yesterday"))
        if "minLength" in prop:
            yield "too_short", ""
    elif kind == "integer":
        yield from (("text", "many"), ("fraction", 1.5), ("list", [1]))
        if "minimum" in prop:
            yield "below_minimum", prop["minimum"] - 1
        if "maximum" in prop:
            yield "above_maximum", prop["maximum"] + 1
        if "exclusiveMinimum" in prop:
            yield "at_exclusive_minimum", prop["exclusiveMinimum"]
    elif kind == "number":
        yield from (("text", "many"), ("list", [1.0]))
        if "minimum" in prop:
            yield "below_minimum", prop["minimum"] - 0.5
        if "maximum" in prop:
            yield "above_maximum", prop["maximum"] + 0.5
    elif kind == "boolean":
        yield from (("text", "maybe"), ("int", 2), ("list", []))
    elif kind == "array":
        yield from (("text", "x"), ("object", {"a": 1}), ("wrong_items", [{"$gt": ""}]))
        if prop.get("minItems"):
            yield "empty", []
    elif kind == "object":
        yield from (("text", "x"), ("list", []), ("number", 7))


def _set(payload: Mapping[str, Any], path: Path, value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(dict(payload))
    node = changed
    for name in path[:-1]:
        node = node[name]
    node[path[-1]] = value
    return changed


def _delete(payload: Mapping[str, Any], path: Path) -> dict[str, Any]:
    changed = copy.deepcopy(dict(payload))
    node = changed
    for name in path[:-1]:
        node = node[name]
    node.pop(path[-1], None)
    return changed


def _rejected(model: type[Event], payload: Any) -> bool:
    try:
        model.model_validate(payload)
    except ValidationError:
        return True
    return False


def schema_violations(valid: Sample, limit: int) -> list[tuple[str, dict[str, Any]]]:
    """Field-by-field violations of the model's schema, each checked to be rejected."""
    schema = valid.model.model_json_schema(mode="validation")
    defs = schema.get("$defs", {})
    found: list[tuple[str, dict[str, Any]]] = []
    for path, prop, required in _fields(schema, defs, valid.payload):
        where = ".".join(path)
        if required:
            found.append((f"{where} missing", _delete(valid.payload, path)))
        for label, value in _wrong_values(prop):
            found.append((f"{where}={label}", _set(valid.payload, path, value)))
    kept = [(label, p) for label, p in found if _rejected(valid.model, p)]
    return spread(kept, limit)


def id_paths(payload: Mapping[str, Any], path: Path = ()) -> Iterator[Path]:
    for name, value in payload.items():
        if isinstance(value, str) and name.endswith("_id"):
            yield (*path, name)
        elif isinstance(value, dict):
            yield from id_paths(value, (*path, name))


def number_paths(valid: Sample) -> list[Path]:
    schema = valid.model.model_json_schema(mode="validation")
    defs = schema.get("$defs", {})
    return [
        path
        for path, prop, _ in _fields(schema, defs, valid.payload)
        if prop.get("type") == "number" and _has(valid.payload, path)
    ]


def _has(payload: Mapping[str, Any], path: Path) -> bool:
    node: Any = payload
    for name in path:
        if not isinstance(node, dict) or name not in node:
            return False
        node = node[name]
    return True


def spread(items: Sequence[Any], limit: int) -> list[Any]:
    """At most `limit` items, evenly spread over the sequence (deterministic)."""
    if len(items) <= limit:
        return list(items)
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


# --- the corpus ------------------------------------------------------------------------------


def envelope_defects(valid: Sample, topic: str) -> Iterator[BadRecord]:
    """Broken CloudEvents attributes around a valid payload."""

    def bad(category: str, **headers: str | bytes | None) -> BadRecord:
        return BadRecord(category, topic, valid.value, valid.header_list(**headers), Expect.DLQ)

    for name in REQUIRED_HEADERS:
        yield bad(f"missing {name}", **{name: None})
        yield bad(f"empty {name}", **{name: ""})
    for version in ("0.3", "2.0", "1.0 ", "1", "1.0\x00", "v1.0"):
        yield bad(f"ce_specversion {version!r}", ce_specversion=version)
    for ce_id in ("not-a-uuid", "12345", "' OR '1'='1", '{"$gt": ""}', "g" * 32, "0" * 35):
        yield bad(f"ce_id {ce_id!r}", ce_id=ce_id)
    for moment in (
        "yesterday",
        "2026-13-01T00:00:00Z",
        "2026-01-01T25:00:00Z",
        "2026-01-01T00:00:00",
        "2026-01-01",
        "1767225600",
    ):
        yield bad(f"ce_time {moment!r}", ce_time=moment)
    for content_type in (
        "text/plain",
        "application/xml",
        "application/avro",
        "application/cloudevents+json",
        "text/json",
    ):
        yield bad(f"content-type {content_type!r}", **{"content-type": content_type})
    for subject in ("someone-else", " "):
        yield bad(f"ce_subject {subject!r} differs from the payload", ce_subject=subject)
    for name, raw in (
        ("ce_type", b"\xff\xfe"),
        ("ce_id", b"\xc3\x28"),
        ("ce_source", b"\xed\xa0\x80"),
        ("ce_subject", b"\xff"),
        ("ce_time", b"2026-01-01T00:00:00\xffZ"),
        ("x-note", b"\x80abc"),
    ):
        yield bad(f"header {name} not UTF-8", **{name: raw})


def value_defects(
    valid: Sample, topic: str, rng: random.Random, *, every_huge: bool = True
) -> Iterator[BadRecord]:
    """A value that is not a JSON object in UTF-8, or is one too large or too deep."""
    headers = valid.header_list()
    text = valid.value.decode()

    def bad(category: str, value: bytes | None) -> BadRecord:
        return BadRecord(category, topic, value, headers, Expect.DLQ)

    not_json: list[tuple[str, bytes]] = [
        ("words", b"not json at all"),
        ("open brace", b"{"),
        ("trailing comma", b'{"a": 1,}'),
        ("single quotes", b"{'a': 1}"),
        ("xml", b"<event><id>1</id></event>"),
        ("truncated", valid.value[: len(valid.value) // 2]),
        ("nul bytes", b"\x00" * 16),
        ("two objects", valid.value + valid.value),
        ("whitespace", b"   \n\t "),
        ("comment", b"// comment\n" + valid.value),
    ]
    not_json += [(f"random bytes {n}", rng.randbytes(64)) for n in range(6)]
    yield from (bad(f"not JSON: {label}", value) for label, value in not_json)
    for label, value in (
        ("array", b"[]"),
        ("array of events", b"[" + valid.value + b"]"),
        ("string", b'"text"'),
        ("number", b"42"),
        ("null", b"null"),
        ("true", b"true"),
        ("NaN", b"NaN"),
    ):
        yield bad(f"JSON {label}, not an object", value)
    yield bad("tombstone (null value)", None)
    yield bad("empty value", b"")
    for label, value in (
        ("0xff in a string", text.replace('"', '"\udcff', 1).encode("utf-8", "surrogateescape")),
        ("truncated sequence", b'{"a": "\xc3\x28"}'),
        ("overlong slash", b'{"a": "\xc0\xaf"}'),
        ("lone surrogate", b'{"a": "\xed\xa0\x80"}'),
        ("UTF-16", text.encode("utf-16")),
        (
            "Latin-1",
            json.dumps({"name": "Sâm Ngọc Linh"[:3]}, ensure_ascii=False).encode("latin-1"),
        ),
        ("UTF-8 BOM", b"\xef\xbb\xbf" + valid.value),
    ):
        yield bad(f"value not UTF-8 JSON: {label}", value)
    yield from _huge(valid, bad, every_kind=every_huge)
    yield from _deep(valid, bad)
    for path in number_paths(valid)[:3]:
        for literal in ("NaN", "Infinity", "-Infinity"):
            raw = json.dumps(_set(valid.payload, path, float(literal)), ensure_ascii=False)
            yield bad(f"{'.'.join(path)}={literal} (not JSON)", raw.encode())


def _huge(
    valid: Sample, bad: Callable[[str, bytes | None], BadRecord], *, every_kind: bool
) -> Iterator[BadRecord]:
    """~900 KB records; all four kinds on a service's first topic, one on the others (the
    topics are shared by the whole test session: every consumer group reads them)."""
    pad = "x" * HUGE_BYTES
    [first_id, *_] = [*id_paths(valid.payload), (valid.model.subject_field,)]
    as_list = _set(valid.payload, first_id, [pad[:1000]] * (HUGE_BYTES // 1004))
    yield bad(f"huge: {'.'.join(first_id)} is a 900 KB list", json.dumps(as_list).encode())
    if not every_kind:
        return
    yield bad("huge: 900 KB of garbage", b"\xff" * HUGE_BYTES)
    yield bad("huge: 900 KB JSON array", json.dumps([pad]).encode())
    required = [p for p, _, r in _required_paths(valid) if r]
    if required:
        missing = _delete(valid.payload, required[0]) | {"padding": pad}
        yield bad(f"huge: 900 KB padding, {required[0][-1]} missing", json.dumps(missing).encode())


def _required_paths(valid: Sample) -> Iterator[tuple[Path, dict[str, Any], bool]]:
    schema = valid.model.model_json_schema(mode="validation")
    return _fields(schema, schema.get("$defs", {}), valid.payload, depth=1)


def _deep(valid: Sample, bad: Callable[[str, bytes | None], BadRecord]) -> Iterator[BadRecord]:
    text = valid.value.decode()
    deep_object = '{"a":' * DEEP + "1" + "}" * DEEP
    deep_list = "[" * DEEP + "]" * DEEP
    yield bad(f"objects nested {DEEP} deep", deep_object.encode())
    yield bad(f"arrays nested {DEEP} deep", deep_list.encode())
    yield bad(
        f"valid event + a field nested {DEEP} deep", f'{text[:-1]}, "nest": {deep_list}}}'.encode()
    )
    nested_100 = '{"n":' * 100 + "0" + "}" * 100
    yield bad(
        "valid event + a field nested 100 deep", f'{text[:-1]}, "nest": {nested_100}}}'.encode()
    )
    for first_id in list(id_paths(valid.payload))[:1]:  # an event without an id field: none
        deep_id = json.dumps(valid.payload).replace(
            json.dumps(_get(valid.payload, first_id)), deep_list, 1
        )
        yield bad(f"{'.'.join(first_id)} nested {DEEP} deep", deep_id.encode())


def _get(payload: Mapping[str, Any], path: Path) -> Any:
    node: Any = payload
    for name in path:
        node = node[name]
    return node


def payload_defects(
    valid: Sample, others: Sequence[Sample], topic: str, budget: int
) -> Iterator[BadRecord]:
    """Schema violations of every known type of the topic, and `$` operators in id fields."""
    per_type = max(3, -(-budget // (1 + len(others))))
    for each in (valid, *others):
        for label, payload in schema_violations(each, per_type):
            value = json.dumps(payload, ensure_ascii=False).encode()
            category = f"{each.model.ce_type}: {label}"
            yield BadRecord(category, topic, value, each.header_list(), Expect.DLQ)
    operators: list[BadRecord] = []
    for each in (valid, *others):
        for path in id_paths(each.payload):
            for label, operator in DOLLAR_VALUES:
                payload = _set(each.payload, path, operator)
                if not _rejected(each.model, payload):
                    continue
                value = json.dumps(payload).encode()
                category = f"{each.model.ce_type}: {'.'.join(path)} = $-operator {label}"
                operators.append(BadRecord(category, topic, value, each.header_list(), Expect.DLQ))
    yield from spread(operators, MAX_OPERATOR_RECORDS_PER_TOPIC)


def skipped_by_rule(valid: Sample, unhandled: Sequence[Sample], topic: str) -> Iterator[BadRecord]:
    """Unknown types (forward compatibility) and known types this service does not handle."""
    for ce_type, value in (
        ("stx.hostile.unknown", valid.value),
        ("stx.listing.teleported", b"not even json"),
        ("com.example.other.v2", b"\xff\xfe"),
    ):
        headers = valid.header_list(ce_type=ce_type, ce_dataschema=None)
        yield BadRecord(f"unknown ce_type {ce_type}", topic, value, headers, Expect.SKIP)
    for each in unhandled:
        category = f"known type {each.model.ce_type} this service does not handle"
        yield BadRecord(category, topic, each.value, each.header_list(), Expect.SKIP)


def duplicates(applied: Sample, topic: str, marker: str) -> list[BadRecord]:
    """After `applied` was applied: its `ce_id` with another payload, and an exact redelivery."""
    forged = sample(applied.model, marker, ce_id=applied.headers["ce_id"], payload=applied.payload)
    assert forged.value != applied.value
    return [
        BadRecord(
            "ce_id of an applied event, different payload",
            topic,
            forged.value,
            forged.header_list(),
            Expect.DLQ,
            DUPLICATE,
        ),
        BadRecord(
            "exact redelivery of an applied event",
            topic,
            applied.value,
            applied.header_list(),
            Expect.SKIP,
        ),
    ]


def tolerated(valid: Sample, topic: str, injected: str) -> Iterator[BadRecord]:
    """Valid per the contract, yet odd: the service may apply them or dead-letter them."""

    def odd(category: str, payload: Mapping[str, Any]) -> BadRecord:
        value = json.dumps(payload, ensure_ascii=False).encode()
        event = valid.model.model_validate(payload)
        headers = valid.header_list(ce_id=to_record(event, source=SOURCE).event_id,
                                    ce_subject=event.subject)  # fmt: skip
        return BadRecord(category, topic, value, headers, Expect.TOLERATE, frozenset())

    extra = {"$where": injected, "$set": {"owner": injected}, "a.$b": injected}
    yield odd("unknown fields that look like operators", {**valid.payload, **extra})
    for path in list(id_paths(valid.payload))[:2]:
        for label, text in (("$-prefixed", "$where"), ("dotted", "a.b.c"), ("$gt", "$gt")):
            yield odd(f"{'.'.join(path)} is a {label} string", _set(valid.payload, path, text))
    texts = [
        path
        for path, prop, _ in _required_paths(valid)
        if prop.get("type") == "string" and not path[-1].endswith("_id") and "enum" not in prop
        and "format" not in prop
        # the subject is also a header: 900 KB twice is over the broker's record limit
        and path != (valid.model.subject_field,)
    ]  # fmt: skip
    for path in texts[:1]:
        yield odd(
            f"{'.'.join(path)} is 900 KB of text", _set(valid.payload, path, "x" * HUGE_BYTES)
        )
    # Only integers the contract leaves unbounded: 2**64 is then valid, yet beyond int64.
    ints = [
        p
        for p, prop, _ in _required_paths(valid)
        if prop.get("type") == "integer" and "maximum" not in prop
    ]
    for path in ints[:1]:
        yield odd(f"{'.'.join(path)} = 2**64", _set(valid.payload, path, 2**64))


def corpus(
    topics: Sequence[str], handled: frozenset[str], marker: str, *, seed: int = 9
) -> list[BadRecord]:
    """Every defect for every consumed topic: the valid base of a topic is a handled type."""
    rng = random.Random(seed)
    records: list[BadRecord] = []
    for n, topic in enumerate(topics):
        models = known_types(topic)
        samples = [sample(m, f"{marker}-") for m in models]
        mine = [s for s in samples if s.model.ce_type in handled]
        others = [s for s in samples if s.model.ce_type not in handled]
        base, rest = mine[0], [*mine[1:], *others]
        records += envelope_defects(base, topic)
        records += value_defects(base, topic, rng, every_huge=n == 0)
        records += payload_defects(base, rest, topic, SCHEMA_VIOLATIONS_PER_SERVICE // len(topics))
        records += skipped_by_rule(base, others, topic)
    return records


def numbered(records: Sequence[BadRecord], key_prefix: str) -> list[BadRecord]:
    """Each record with a unique key under the run's prefix."""
    return [replace(r, key=f"{key_prefix}-{n:05d}".encode()) for n, r in enumerate(records)]
