"""Fixtures of the matching integration tests: the shared model, settings per test."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from services.matching.engine import E5Embedder
from services.matching.settings import MatchingSettings
from tests.integration.matching.kit import skip_history

if TYPE_CHECKING:
    from tests.conftest import InfraStack

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


@pytest.fixture(scope="session")
def embedder() -> E5Embedder:
    """One model for every replica of the session (loading it takes a few seconds)."""
    return E5Embedder()


@pytest.fixture
async def settings(stack: InfraStack, unique_name: str) -> MatchingSettings:
    """A fresh database and consumer group (starting at the end of the topics) per test."""
    chosen = MatchingSettings(
        environment="test",
        kafka_bootstrap_servers=stack.bootstrap_servers,
        mongodb_url=stack.mongodb_url,
        mongodb_database=f"matching_{unique_name}",
        kafka_group_prefix=f"t{unique_name}",
        province_name=f"Tỉnh thử {unique_name}",
        outbox_poll_seconds=0.05,
        index_catch_up_seconds=0.5,
        indicators_sweep_seconds=3600,
        consumer_backoff_seconds=0.05,
    )
    await skip_history(stack.bootstrap_servers, chosen.consumer_group)
    return chosen
