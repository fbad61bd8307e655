"""What people see (rich tables) and scripts read (JSON), from the same reports."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

from rich.console import Console, RenderableType

from shared.cli import output
from shared.cli.dlq import present
from shared.cli.dlq.listing import DeadLetterList, ErrorSummary, render_list, row, summarise
from shared.cli.dlq.replay import ReplayedRecord, ReplayReport
from shared.cli.dlq.replay import render as render_replay
from shared.cli.dlq.scan import Scanned
from shared.cli.lag import GroupLag, LagReport, PartitionLag
from shared.cli.lag import render as render_lag
from shared.cli.outbox import OutboxBacklog, OutboxReport
from shared.cli.outbox import render as render_outbox
from shared.cli.topics import PartitionOffsets, TopicReport, TopicsReport, problems
from shared.cli.topics import render as render_topics
from tests.unit.cli.fakes import NOT_UTF8, dead_letter


def text(renderable: RenderableType) -> str:
    console = Console(record=True, width=200, color_system=None)
    console.print(renderable)
    return console.export_text()


def topic(**changes: object) -> TopicReport:
    fields: dict[str, object] = {
        "name": "stx.listings.v1",
        "visibility": "public",
        "exists": True,
        "partitions": 6,
        "registry_partitions": 6,
        "retention_ms": -1,
        "registry_retention_ms": -1,
        "end_offset_total": 1234,
        "offsets": [PartitionOffsets(partition=0, start_offset=0, end_offset=1234)],
    }
    report = TopicReport.model_validate(fields | changes)
    report.problems = problems(report)
    return report


def test_topics_flag_what_differs_from_the_registry() -> None:
    missing = topic(name="stx.awards.v1", exists=False, partitions=None, retention_ms=None)
    drifted = topic(partitions=3, retention_ms=7 * 24 * 3600 * 1000)

    assert problems(topic()) == []
    assert missing.problems == ["missing on the cluster"]
    assert drifted.problems == [
        "3 partitions, registry says 6",
        "retention 7d, registry says forever",
    ]
    report = TopicsReport(bootstrap_servers="k:9092", topics=[topic(), missing, drifted])
    assert not report.healthy
    shown = text(render_topics(report, verbose=True))
    assert "missing on the cluster" in shown
    assert "p0: 0…1,234" in shown
    assert "forever" in shown


def test_lag_table_and_json_carry_the_same_numbers() -> None:
    group = GroupLag(
        group="stx.matching",
        state="Stable",
        members=1,
        partitions=[
            PartitionLag(topic="stx.listings.v1", partition=0, committed=10, end_offset=15, lag=5),
            PartitionLag(topic="stx.listings.v1", partition=1, committed=None, end_offset=2, lag=2),
        ],
    )
    report = LagReport(groups=[group])

    as_json = json.loads(output.to_json(report))
    assert as_json["groups"][0]["total_lag"] == 7
    assert as_json["groups"][0]["partitions"][1]["committed"] is None
    shown = text(render_lag(report))
    assert "stx.matching · Stable · 1 member(s) · lag 7" in shown
    assert "—" in shown  # nothing committed yet


def test_outbox_backlog_shows_waiting_time() -> None:
    since = datetime(2025, 7, 1, 1, 0, tzinfo=UTC)
    report = OutboxReport(
        services=[
            OutboxBacklog(
                service="listings",
                database="stx_listings",
                pending=3,
                oldest_pending_at=since,
                oldest_pending_age_seconds=3 * 3600 + 120,
            ),
            OutboxBacklog(service="awards", database="stx_awards", pending=0),
        ]
    )

    shown = text(render_outbox(report))

    assert "2025-07-01 08:00:00+07:00" in shown  # people see Asia/Ho_Chi_Minh
    assert "3h 2m" in shown
    assert json.loads(output.to_json(report))["services"][0]["oldest_pending_at"] == (
        "2025-07-01T01:00:00Z"
    )


def test_dlq_list_counts_by_error_class_and_marks_replayed_records() -> None:
    records = [dead_letter("matching", "KeyError", offset=n) for n in range(3)]
    scanned = Scanned("matching", "stx.dlq.matching", True)
    scanned.ledgers = {}
    rows = [row(d, scanned) for d in records]
    summary = summarise(rows)

    assert summary == [
        ErrorSummary(
            service="matching",
            error_class="KeyError",
            count=3,
            pending=3,
            oldest=rows[0].failed_at,
            newest=rows[2].failed_at,
        )
    ]
    report = DeadLetterList(missing_topics=[], summary=summary, matched=3, records=rows)
    shown = text(render_list(report))
    assert "KeyError" in shown
    assert "stx.listing.published" in shown
    assert "pending" in shown


def test_markup_in_error_messages_is_shown_literally() -> None:
    dead = dead_letter("matching", "[bold]Sneaky[/bold]", offset=1)
    scanned = Scanned("matching", "stx.dlq.matching", True)
    rows = [row(dead, scanned)]
    report = DeadLetterList(missing_topics=[], summary=summarise(rows), matched=1, records=rows)

    assert "[bold]Sneaky[/bold]" in text(render_list(report))


def test_show_decodes_headers_and_pretty_prints_json() -> None:
    dead = dead_letter("matching", offset=5)

    item = present.detail(dead, replayed=False)
    shown = text(present.render_detail(item))

    assert '"title": "Sâm Ngọc Linh giống"' in shown
    assert "ff fe 00 74 72 61 63 65" in shown  # the non-UTF-8 header, in hex
    assert "x-original-header-b64.x-vendor-trace" in shown
    restored = {h.name: h.value for h in item.original_headers}
    assert base64.b64decode(restored["x-vendor-trace"].base64 or "") == NOT_UTF8
    assert json.loads(output.to_json(item))["value"]["parsed"]["listing_id"] == "lst-0042"


def test_bytes_are_viewed_as_json_text_or_escaped_binary() -> None:
    assert present.view(b'{"a": 1}').parsed == {"a": 1}
    assert present.view(b"plain").encoding == "utf-8"
    assert present.view(b"\xff\x00a").text == "\\xff\x00a"
    assert present.view(None).encoding == "none"
    assert present.printable("a\x00b\n") == "a\\x00b\n"
    assert present.hex_preview(bytes(300)).endswith("… (300 bytes)")


def test_replay_report_counts_replayed_and_failed() -> None:
    records = [
        ReplayedRecord(
            partition=0,
            offset=1,
            error_class="KeyError",
            original_topic="stx.listings.v1",
            event_type="stx.listing.published",
            event_id="e-1",
            published_partition=2,
            published_offset=99,
        ),
        ReplayedRecord(
            partition=0,
            offset=2,
            error_class="KeyError",
            original_topic="stx.gone.v1",
            event_type=None,
            event_id=None,
            error="topic stx.gone.v1 does not exist",
        ),
    ]
    report = ReplayReport(
        service="matching",
        topic="stx.dlq.matching",
        ledger_group="stx.ops.dlq-replay.matching",
        dry_run=False,
        records=records,
        already_replayed=4,
        not_selected=1,
        not_dead_letters=0,
    )

    as_json = json.loads(output.to_json(report))
    assert (as_json["replayed"], as_json["failed"]) == (1, 1)
    shown = text(render_replay(report))
    assert "replayed 1 · already replayed 4" in shown
    assert "→ [2] @ 99" in shown
    assert "does not exist" in shown


def test_durations_and_retention_read_naturally() -> None:
    assert output.duration(timedelta(seconds=0)) == "0s"
    assert output.duration(timedelta(days=3, hours=4, minutes=5)) == "3d 4h"
    assert output.retention(-1) == "forever"
    assert output.retention(30 * 24 * 3600 * 1000) == "30d"
