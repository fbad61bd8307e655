"""The public contract as files: one JSON Schema per event type and version under
`docs/schemas/`, one AsyncAPI 3.0 document under `docs/asyncapi/`. Both are generated from the
event models and the topic registry — never edited by hand — and checked for drift and for
backward compatibility by the contract tests.

    python -m shared.contract generate   # rewrite docs/ from the models
    python -m shared.contract check      # fail on drift or on a breaking v1 change
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final

import yaml

import shared.events  # noqa: F401 - registers every event model
from shared.contract_changes import breaking_changes, documented_move, moved_off
from shared.events.base import Event
from shared.events.registry import all_models
from shared.topics import TOPICS, TopicSpec, Visibility

DOCS: Final = Path(__file__).resolve().parent.parent / "docs"
SCHEMAS_DIR: Final = DOCS / "schemas"
ASYNCAPI_FILE: Final = DOCS / "asyncapi" / "stx.yaml"

CE_HEADERS: Final[dict[str, Any]] = {
    "type": "object",
    "required": ["ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "content-type"],
    "properties": {
        "ce_specversion": {"type": "string", "const": "1.0", "description": "CloudEvents version."},
        "ce_id": {
            "type": "string",
            "format": "uuid",
            "description": "Unique event id: de-duplicate on it.",
        },
        "ce_source": {
            "type": "string",
            "description": "`/stx/<deployment>/<service>`.",
            "examples": ["/stx/quang-ngai/listings"],
        },
        "ce_type": {"type": "string", "description": "`stx.<aggregate>.<past-tense verb>`."},
        "ce_subject": {"type": "string", "description": "The aggregate id (also the record key)."},
        "ce_time": {"type": "string", "format": "date-time", "description": "RFC 3339, UTC."},
        "ce_dataschema": {"type": "string", "description": "`urn:stx:schema:<type>:<version>`."},
        "ce_correlationid": {
            "type": "string",
            "description": "Flow id, from the originating request.",
        },
        "ce_causationid": {
            "type": "string",
            "description": "Id of the event that caused this one.",
        },
        "content-type": {"type": "string", "const": "application/json"},
        "traceparent": {"type": "string", "description": "W3C trace context, when tracing is on."},
    },
}


def schema_file_name(model: type[Event]) -> str:
    return f"{model.ce_type.removeprefix('stx.')}.v{model.schema_version}.json"


def schema_for(model: type[Event]) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": model.dataschema(),
        "x-ce-type": model.ce_type,
        "x-topic": model.topic,
        **schema,
    }


def contract_models() -> Iterator[type[Event]]:
    """The models of `shared.events` (tests may register scratch types; they are no contract)."""
    return (m for m in all_models() if m.__module__.startswith("shared.events."))


def public_models() -> Iterator[type[Event]]:
    public = {t.name for t in TOPICS if t.visibility is Visibility.PUBLIC}
    return (m for m in contract_models() if m.topic in public)


def generated_schemas() -> dict[str, dict[str, Any]]:
    return {schema_file_name(m): schema_for(m) for m in contract_models()}


def asyncapi_document() -> dict[str, Any]:
    """One AsyncAPI 3.0 document for the public topics."""
    models = list(public_models())
    topics = [t for t in TOPICS if t.visibility is Visibility.PUBLIC]
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "STX — Science & Technology Exchange events",
            "version": "1.0.0",
            "description": (
                "Public Kafka topics of the provincial S&T exchange. Every record is a "
                "CloudEvents 1.0 event in Kafka binary mode: the value is the event data as "
                "JSON, the attributes are `ce_*` headers, the key is the aggregate id. Within "
                "a topic version, changes are additive only (new optional fields, new types); "
                "ignore event types you do not know."
            ),
        },
        "defaultContentType": "application/json",
        "servers": {
            "production": {
                "host": "kafka.stx.example:9094",
                "protocol": "kafka-secure",
                "description": "SASL/SCRAM-SHA-512 over TLS; credentials per agency.",
                "bindings": {"kafka": {"bindingVersion": "0.5.0"}},
            }
        },
        "channels": {_channel_id(t): _channel(t, models) for t in topics},
        "operations": {
            f"receive_{_channel_id(t)}": {
                "action": "receive",
                "channel": {"$ref": f"#/channels/{_channel_id(t)}"},
                "summary": f"Subscribe to {t.name}.",
                "messages": [
                    {"$ref": f"#/channels/{_channel_id(t)}/messages/{_message_id(m)}"}
                    for m in models
                    if m.topic == t.name
                ],
            }
            for t in topics
        },
        "components": {"messages": {_message_id(m): _message(m) for m in models}},
    }


def _channel_id(topic: TopicSpec) -> str:
    return topic.name.replace(".", "_")


def _message_id(model: type[Event]) -> str:
    return model.ce_type.replace(".", "_")


def _channel(topic: TopicSpec, models: list[type[Event]]) -> dict[str, Any]:
    moves = " ".join(f"{m.sentence()}." for m in moved_off(topic.name))
    return {
        "address": topic.name,
        "description": f"{topic.description} {moves}".strip(),
        "messages": {
            _message_id(m): {"$ref": f"#/components/messages/{_message_id(m)}"}
            for m in models
            if m.topic == topic.name
        },
        "bindings": {
            "kafka": {
                "topic": topic.name,
                "partitions": topic.partitions,
                "replicas": topic.replication_factor,
                "topicConfiguration": {
                    "cleanup.policy": [topic.cleanup_policy],
                    "retention.ms": topic.retention_ms,
                },
                "bindingVersion": "0.5.0",
            }
        },
    }


def _message(model: type[Event]) -> dict[str, Any]:
    headers = json.loads(json.dumps(CE_HEADERS))
    headers["properties"]["ce_type"]["const"] = model.ce_type
    headers["properties"]["ce_dataschema"]["const"] = model.dataschema()
    payload = _inline_defs(model.model_json_schema(mode="validation"))
    return {
        "name": model.ce_type,
        "title": model.__name__,
        "summary": (model.__doc__ or model.ce_type).strip().splitlines()[0],
        "contentType": "application/json",
        "headers": headers,
        "payload": payload,
        "bindings": {
            "kafka": {
                "key": {"type": "string", "description": f"The {model.subject_field}."},
                "bindingVersion": "0.5.0",
            }
        },
    }


def _inline_defs(schema: dict[str, Any]) -> dict[str, Any]:
    """Resolve local `$defs` references, so each message payload stands alone."""
    defs = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                merged = {
                    **defs[ref.removeprefix("#/$defs/")],
                    **{k: v for k, v in node.items() if k != "$ref"},
                }
                return resolve(merged)
            return {k: resolve(v) for k, v in node.items()}
        if isinstance(node, list):
            return [resolve(v) for v in node]
        return node

    resolved: dict[str, Any] = resolve(schema)
    return resolved


def dump_json(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def dump_yaml(data: Mapping[str, Any]) -> str:
    text: str = yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False, width=100)
    return "# Generated by `python -m shared.contract generate` — do not edit.\n" + text


def committed_schemas(directory: Path = SCHEMAS_DIR) -> dict[str, dict[str, Any]]:
    return {
        p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.json"))
    }


def generate() -> None:
    SCHEMAS_DIR.mkdir(parents=True, exist_ok=True)
    generated = generated_schemas()
    for stale in set(committed_schemas()) - set(generated):
        (SCHEMAS_DIR / stale).unlink()
    for name, schema in generated.items():
        (SCHEMAS_DIR / name).write_text(dump_json(schema), encoding="utf-8")
    ASYNCAPI_FILE.parent.mkdir(parents=True, exist_ok=True)
    ASYNCAPI_FILE.write_text(dump_yaml(asyncapi_document()), encoding="utf-8")


def check() -> list[str]:
    """Drift and compatibility problems between the models and the committed files."""
    problems: list[str] = []
    committed, generated = committed_schemas(), generated_schemas()
    for name, old in committed.items():
        new = generated.get(name)
        if new is None:
            problems.append(f"{name}: event type removed (publish a new version instead)")
            continue
        problems.extend(f"{name}: {p}" for p in breaking_changes(old, new))
        moved = (old.get("x-topic"), new.get("x-topic"))
        if moved[0] != moved[1] and not documented_move(
            str(new.get("x-ce-type")), *map(str, moved)
        ):
            problems.append(f"{name}: moved from {moved[0]} to {moved[1]} undocumented")
    if committed != generated:
        problems.append("docs/schemas is out of date: run `make contract`")
    expected = dump_yaml(asyncapi_document())
    if not ASYNCAPI_FILE.exists() or ASYNCAPI_FILE.read_text(encoding="utf-8") != expected:
        problems.append("docs/asyncapi/stx.yaml is out of date: run `make contract`")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shared.contract")
    parser.add_argument("command", choices=["generate", "check"])
    args = parser.parse_args(argv)
    if args.command == "generate":
        generate()
        return 0
    problems = check()
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
