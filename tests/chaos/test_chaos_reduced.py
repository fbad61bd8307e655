"""Reduced fault injection for the test suite: a few pairs through the whole pipeline while the
matching service is killed with SIGKILL and the broker is stopped for 10 s; then no lost and no
duplicated effect. The full scenario is ``make chaos`` (``python -m tests.chaos``)."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

from tests.chaos.workload import scenario, table

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

BATCH = int(os.environ.get("STX_CHAOS_CI_PAIRS_PER_FAULT", "2"))


async def test_no_lost_no_duplicated_effect_under_faults(
    stack: object, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.monotonic()
    logs = Path(tempfile.mkdtemp(prefix="stx-chaos-"))
    verdict = await scenario(
        stack, logs, ["kill:matching", "kafka"], batch=BATCH, spacing=1.0,
        kafka_down=10.0, mongo_down=0.0,
    )  # fmt: skip
    report = table(verdict)
    with capsys.disabled():
        print(f"\n{report}\nchaos (reduced): {time.monotonic() - started:.0f}s")
    assert verdict.lost == 0, report
    assert verdict.duplicated == 0, report
