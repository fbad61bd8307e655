"""How `make test` spreads the suite over its pytest-xdist workers.

Every test goes to whichever worker is free next, in the suite's order (tests/conftest.py: the
chaos run first, the flooding suites last), except the end-to-end suite: its tests share one
running system (four services, the demo seed, the portal), so they go to one worker together
and that system is started once. Each worker that runs a test on the session's broker and store
starts its own pair (the tests isolate themselves by unique names, consumer groups and
databases), and sees the suite's order: its own service suites before its flooding ones.

pytest-xdist's `loadgroup` does this by `xdist_group` markers, but it renames test ids to do so,
which pytest 9 no longer allows (the groups are silently lost); this scheduler groups by path.
"""

from __future__ import annotations

from typing import Any

import pytest
from xdist.scheduler import LoadScopeScheduling

SHARED_SYSTEM_SUITES = ("tests/e2e/",)


class SharedSystemScheduling(LoadScopeScheduling):
    """One work unit per test, except one per shared-system suite; units in the suite's order
    (not largest first: the end-to-end suite floods its worker's broker, so it comes last)."""

    def _split_scope(self, nodeid: str) -> str:
        path = nodeid.replace("\\", "/")
        return next((suite for suite in SHARED_SYSTEM_SUITES if path.startswith(suite)), nodeid)


def make_scheduler(config: pytest.Config, log: Any) -> SharedSystemScheduling:
    config.option.loadscopereorder = False
    return SharedSystemScheduling(config, log)
