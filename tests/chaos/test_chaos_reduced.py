"""Reduced fault injection for the test suite: a few pairs through the whole pipeline while the
matching service is killed with SIGKILL and the broker is stopped for 10 s; then no lost and no
duplicated effect. The full scenario is ``make chaos`` (``python -m tests.chaos``).

It runs on a Kafka broker and SecantusDB of its own: on the session's, its fresh consumer groups
would first replay every record the other suites left (hundreds of hostile ones included)."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

from deploy.local.stack import create_topics
from shared.topics import TOPICS
from tests.chaos.workload import scenario, table
from tests.conftest import InfraStack, _own_kafka, _own_mongo

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

BATCH = int(os.environ.get("STX_CHAOS_CI_PAIRS_PER_FAULT", "2"))


async def test_no_lost_no_duplicated_effect_under_faults(
    capsys: pytest.CaptureFixture[str],
) -> None:
    started = time.monotonic()
    root = Path(tempfile.mkdtemp(prefix="stx-chaos-"))
    kafka, mongo = _own_kafka(root), _own_mongo(root)
    try:
        kafka.start(wait=False)
        mongo.start()
        kafka.wait_ready()
        infra = InfraStack(kafka.bootstrap_servers, mongo.url, kafka, mongo)
        create_topics(infra.bootstrap_servers, TOPICS)
        verdict = await scenario(
            infra, root / "logs", ["kill:matching", "kafka"], batch=BATCH, spacing=1.0,
            kafka_down=10.0, mongo_down=0.0,
        )  # fmt: skip
    finally:
        for daemon in (kafka, mongo):
            if daemon.running:
                daemon.stop()
    report = table(verdict)
    with capsys.disabled():
        print(f"\n{report}\nchaos (reduced): {time.monotonic() - started:.0f}s")
    assert verdict.lost == 0, report
    assert verdict.duplicated == 0, report
