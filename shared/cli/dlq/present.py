"""Bytes as people and scripts can read them: JSON pretty-printed, text as text, the rest
escaped and in hex; JSON output keeps base64 so nothing is lost."""

from __future__ import annotations

import base64
import json
import unicodedata
from datetime import datetime
from typing import Any, Final, Literal

from pydantic import BaseModel, Field
from rich.console import Group, RenderableType
from rich.json import JSON
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from shared.cli import output
from shared.cli.dlq.records import DeadLetter

HEX_PREVIEW: Final = 256


class BytesView(BaseModel):
    encoding: Literal["json", "utf-8", "binary", "none"]
    text: str | None = Field(
        description="UTF-8 text; for binary, the bytes with invalid sequences \\x-escaped."
    )
    parsed: Any = Field(default=None, description="The JSON value, when the bytes are JSON.")
    base64: str | None
    size: int


def view(data: bytes | None, parse_json: bool = True) -> BytesView:
    if data is None:
        return BytesView(encoding="none", text=None, base64=None, size=0)
    encoded = base64.b64encode(data).decode("ascii")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        escaped = data.decode("utf-8", "backslashreplace")
        return BytesView(encoding="binary", text=escaped, base64=encoded, size=len(data))
    if parse_json:
        try:
            parsed = json.loads(text)
        except ValueError:
            pass
        else:
            return BytesView(
                encoding="json", text=text, parsed=parsed, base64=encoded, size=len(data)
            )
    return BytesView(encoding="utf-8", text=text, base64=encoded, size=len(data))


def printable(text: str) -> str:
    """Control characters escaped (`\\x00`), line breaks and tabs kept: safe for a terminal."""
    return "".join(
        f"\\x{ord(ch):02x}" if unicodedata.category(ch) == "Cc" and ch not in "\n\t" else ch
        for ch in text
    )


def hex_preview(data: bytes) -> str:
    shown = data[:HEX_PREVIEW].hex(" ")
    return shown + (f" … ({len(data)} bytes)" if len(data) > HEX_PREVIEW else "")


class HeaderView(BaseModel):
    name: str
    value: BytesView


class DeadLetterDetail(BaseModel):
    """Everything about one dead letter (`stx dlq show`)."""

    service: str
    topic: str
    partition: int
    offset: int
    timestamp: datetime
    error_class: str
    error_message: str
    original_topic: str | None
    original_partition: int | None
    original_offset: int | None
    failed_at: datetime
    replayed: bool
    key: BytesView
    value: BytesView
    headers: list[HeaderView] = Field(description="The dead-letter record's headers, as stored.")
    original_headers: list[HeaderView] = Field(
        description="The original record's headers (base64 ones decoded): what replay sends."
    )


def detail(dead: DeadLetter, replayed: bool) -> DeadLetterDetail:
    return DeadLetterDetail(
        service=dead.service,
        topic=dead.topic,
        partition=dead.partition,
        offset=dead.offset,
        timestamp=dead.timestamp,
        error_class=dead.error_class,
        error_message=dead.error_message,
        original_topic=dead.original_topic,
        original_partition=dead.original_partition,
        original_offset=dead.original_offset,
        failed_at=dead.failed_at,
        replayed=replayed,
        key=view(dead.key, parse_json=False),
        value=view(dead.value),
        headers=[HeaderView(name=n, value=view(v, parse_json=False)) for n, v in dead.headers],
        original_headers=[
            HeaderView(name=n, value=view(v, parse_json=False)) for n, v in dead.original_headers
        ],
    )


def render_detail(item: DeadLetterDetail) -> RenderableType:
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    origin = f"{item.original_topic} [{item.original_partition}] @ {item.original_offset}"
    for label, value in (
        ("error", f"[red]{escape(item.error_class)}[/]: {escape(item.error_message)}"),
        ("original", escape(origin) if item.original_topic else "[red]none: not a dead letter[/]"),
        ("failed at", output.local_time(item.failed_at)),
        ("replayed", "yes" if item.replayed else "no"),
        ("key", _inline(item.key)),
    ):
        facts.add_row(label, value)
    title = f"{item.topic} [{item.partition}] @ {item.offset}"
    parts: list[RenderableType] = [
        facts,
        _headers("original headers (what replay sends)", item.original_headers),
        _headers("dead-letter headers", [h for h in item.headers if h.name.startswith("x-")]),
        Text("value", style="bold"),
        _body(item.value),
    ]
    return Panel(Group(*parts), title=title, title_align="left")


def _headers(title: str, headers: list[HeaderView]) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, expand=False)
    table.add_column("name", style="cyan")
    table.add_column("value", overflow="fold")
    for header in headers:
        table.add_row(header.name, _inline(header.value))
    return table


def _inline(value: BytesView) -> str | Text:
    if value.encoding == "none":
        return "[dim](none)[/]"
    if value.encoding == "binary":
        raw = base64.b64decode(value.base64 or "")
        return Text(f"{printable(value.text or '')}\n[hex] {hex_preview(raw)}", style="yellow")
    return Text(printable(value.text or ""))


def _body(value: BytesView) -> RenderableType:
    if value.encoding == "json":
        return JSON.from_data(value.parsed, ensure_ascii=False)
    if value.encoding == "binary":
        return _inline(value)
    if value.encoding == "none":
        return Text("(none)", style="dim")
    return Text(printable(value.text or ""))
