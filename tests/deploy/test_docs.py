"""docs/runbook.md and docs/consumers.md stay true to the code they describe."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

import prometheus_client
import pytest
import yaml

from deploy.k8s import catalog
from services.notifications.domain.notices import NOTICE_RULES
from shared import metrics
from shared.dlq import B64_PREFIX, ConsumedRecord, dead_letter_headers
from shared.events.envelope import to_record
from shared.events.indicators import IndicatorsPublished
from shared.topics import SERVICES, TOPICS, Visibility, public_topics

DOCS: Final = Path(__file__).resolve().parents[2] / "docs"
RUNBOOK: Final = (DOCS / "runbook.md").read_text("utf-8")
CONSUMERS: Final = (DOCS / "consumers.md").read_text("utf-8")


def _metric_names() -> set[str]:
    names = set()
    for value in vars(metrics).values():
        if isinstance(value, prometheus_client.metrics.MetricWrapperBase):
            (family,) = value.describe()
            names.add(family.name + ("_total" if family.type == "counter" else ""))
    return names


def _table_rows(text: str, first_cell: str) -> dict[str, list[str]]:
    """Markdown table rows whose first cell is a backticked name matching `first_cell`."""
    rows = {}
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        match = re.fullmatch(rf"`({first_cell})`", cells[0]) if cells else None
        if match:
            rows[match.group(1)] = cells[1:]
    return rows


def test_runbook_topic_table_matches_the_registry() -> None:
    rows = _table_rows(RUNBOOK, r"stx\.[a-z0-9.\-_]+")
    assert set(rows) == {spec.name for spec in TOPICS}
    for spec in TOPICS:
        visibility, partitions, replication = rows[spec.name][:3]
        assert visibility.lower().startswith(spec.visibility.value), spec.name
        assert int(partitions) == spec.partitions, spec.name
        assert replication == f"{spec.replication_factor} / {spec.min_insync_replicas}", spec.name


def test_runbook_names_the_services_that_read_each_topic_as_their_handlers_do() -> None:
    rows = _table_rows(RUNBOOK, r"stx\.[a-z0-9.\-_]+")
    for spec in TOPICS:
        read_by = {name.split()[0] for name in rows[spec.name][5].split(",")}
        readers = {io.name for io in catalog.SERVICE_IO if spec.name in io.consumes}
        assert read_by & set(SERVICES) == readers, spec.name


def test_consumed_topics_are_read_off_the_handlers() -> None:
    """A subscription added to a handler grants its ACL, and only then: the old hand-written
    table had matching reading matches and connections with no handler; notifications reads
    the indicators since its public notices include them (2026-12)."""
    matching = catalog.service_io("matching").consumes
    assert matching == ("stx.internal.contacts.v1", "stx.listings.v1", "stx.organizations.v1")
    reads_indicators = "stx.indicators.v1" in catalog.service_io("notifications").consumes
    assert reads_indicators == (IndicatorsPublished.ce_type in NOTICE_RULES)


def test_consumer_guide_lists_exactly_the_public_topics() -> None:
    rows = _table_rows(CONSUMERS, r"stx\.[a-z0-9.\-_]+")
    assert set(rows) == {spec.name for spec in public_topics()}
    for spec in public_topics():
        assert int(rows[spec.name][1]) == spec.partitions, spec.name
    internal = [spec.name for spec in TOPICS if spec.visibility is Visibility.INTERNAL]
    for name in internal:
        assert name in CONSUMERS  # named, as what agencies cannot read
    assert catalog.AGENCY_USER in CONSUMERS
    assert (
        f"`{catalog.AGENCY_GROUP_PREFIX.removesuffix('.').rsplit('.', 1)[0]}.<your-name>.`"
        in CONSUMERS
    )


def test_runbook_names_every_metric_and_alerts_only_on_real_ones() -> None:
    names = _metric_names()
    assert len(names) == 9
    for name in names:
        assert f"`{name}`" in RUNBOOK, name
    (rules_block,) = re.findall(r"```yaml\n(groups:.*?)```", RUNBOOK, re.S)
    rules = yaml.safe_load(rules_block)["groups"][0]["rules"]
    used = {
        re.sub(r"_(bucket|count|sum)$", "", metric)
        for rule in rules
        for metric in re.findall(r"\bstx_[a-z_]+", rule["expr"])
    }
    assert used <= names, used - names
    assert {"stx_dlq_records_total", "stx_outbox_backlog", "stx_consumer_lag"} <= used


def test_runbook_documents_every_dead_letter_header() -> None:
    record = ConsumedRecord("stx.listings.v1", 0, 0, None, b"{}", [("bad", b"\xff")])
    headers = dead_letter_headers(record, "matching", "InvalidEventError", "why")
    for name in headers:
        documented = f"{B64_PREFIX}<name>" if name.startswith(B64_PREFIX) else name
        assert f"`{documented}`" in RUNBOOK, name


@pytest.mark.parametrize("service", SERVICES)
def test_runbook_names_each_service_group_and_database(service: str) -> None:
    assert f"`stx.{service}`" in RUNBOOK
    assert f"`stx_{service}`" in RUNBOOK
    assert f"`stx.dlq.{service}`" in RUNBOOK


class _StubEvent:
    """Just what `to_record` reads from an event."""

    ce_type = "stx.listing.published"
    subject = "lst_1"
    topic = "stx.listings.v1"

    def dataschema(self) -> str:
        return "urn:stx:schema:listing.published:1"

    def model_dump_json(self) -> str:
        return "{}"


def test_consumer_guide_documents_every_cloudevents_header() -> None:
    record = to_record(
        _StubEvent(),  # type: ignore[arg-type]
        source="/stx/quang-ngai/listings",
        causation_id="00000000-0000-0000-0000-000000000001",
        traceparent="00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        time=datetime.now(UTC),
    )
    assert len(record.headers) == 11
    for name in record.headers:
        assert f"| `{name}` |" in CONSUMERS, name
    assert "urn:stx:schema:<type>:<version>" in CONSUMERS
    assert "/stx/<deployment>/<service>" in CONSUMERS
