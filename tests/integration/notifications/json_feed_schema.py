"""JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) as a JSON Schema, written from the
spec's text: no package on PyPI ships a schema of version 1.1 (`jsonfeedvalidator` 0.0.3 is of
2017, version 1). What the spec requires is required here; extensions start with `_`."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

import jsonschema

_TEXT: Final = {"type": "string", "minLength": 1}
_AUTHORS: Final = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {"name": _TEXT, "url": _TEXT, "avatar": _TEXT},
        "minProperties": 1,
    },
}
_ITEM: Final = {
    "type": "object",
    "required": ["id"],
    "properties": {
        "id": _TEXT,
        "url": _TEXT,
        "external_url": _TEXT,
        "title": {"type": "string"},
        "content_html": {"type": "string"},
        "content_text": {"type": "string"},
        "summary": {"type": "string"},
        "image": _TEXT,
        "banner_image": _TEXT,
        "date_published": _TEXT,
        "date_modified": _TEXT,
        "authors": _AUTHORS,
        "tags": {"type": "array", "items": {"type": "string"}},
        "language": _TEXT,
        "attachments": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["url", "mime_type"],
                "properties": {"url": _TEXT, "mime_type": _TEXT},
            },
        },
    },
    # "content_html and content_text are each optional strings — but one or both must be present"
    "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
    "patternProperties": {"^_": {}},
    "additionalProperties": False,
}
SCHEMA: Final = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": _TEXT,
        "home_page_url": _TEXT,
        "feed_url": _TEXT,
        "description": {"type": "string"},
        "user_comment": {"type": "string"},
        "next_url": _TEXT,
        "icon": _TEXT,
        "favicon": _TEXT,
        "authors": _AUTHORS,
        "language": _TEXT,
        "expired": {"type": "boolean"},
        "hubs": {
            "type": "array",
            "items": {"type": "object", "required": ["type", "url"]},
        },
        "items": {"type": "array", "items": _ITEM},
    },
    "patternProperties": {"^_": {}},
    "additionalProperties": False,
}


def check_json_feed(feed: dict[str, Any]) -> None:
    """Raises when `feed` breaks JSON Feed 1.1: the schema, and dates in RFC 3339 with a zone."""
    jsonschema.Draft202012Validator(SCHEMA).validate(feed)
    for item in feed["items"]:
        for name in ("date_published", "date_modified"):
            if name in item:
                assert datetime.fromisoformat(item[name]).tzinfo is not None, item[name]
