"""`stx proposals` reading match events from the real broker."""

from __future__ import annotations

from typing import Any

import pytest

from shared.events.envelope import to_record
from tests.integration.cli.helpers import create_topic, produce, stx
from tests.unit.cli.proposal_events import a_month_of_answers

pytestmark = pytest.mark.integration


def test_proposals_reports_precision_from_the_answers_on_the_topic(
    stack: Any, unique_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    topic = f"stx.test.matches.{unique_name}"
    create_topic(stack.bootstrap_servers, topic, partitions=1)
    records = []
    for event, moment in a_month_of_answers():
        record = to_record(event, source="/stx/test/matching", time=moment)
        headers = [(name, value.encode()) for name, value in record.headers.items()]
        records.append((record.key.encode(), record.value, headers))
    records.append((b"mat_x", b"not json", [("ce_type", b"stx.match.proposed")]))
    produce(stack.bootstrap_servers, topic, records)

    status, report = stx(capsys, stack, "proposals", "--topic", topic, "--json")
    _, human = stx(capsys, stack, "proposals", "--topic", topic)

    assert status == 0
    assert report["events"] == 13  # the malformed record is not counted
    november = next(
        r for r in report["rows"] if (r["month"], r["proposed_by"]) == ("2026-11", "engine")
    )
    assert (november["proposed"], november["answered"], november["precision"]) == (4, 3, 0.667)
    assert "Proposals (13 match events)" in human
