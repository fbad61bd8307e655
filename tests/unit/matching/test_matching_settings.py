"""The matching service's settings reach the engine and the use cases."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.matching.engine.scoring import Weights
from services.matching.settings import MatchingSettings


def test_the_state_funded_boost_is_set_by_environment_and_reaches_the_engine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("STX_MATCHING_WEIGHTS__STATE_FUNDED", "0.2")

    weights = MatchingSettings().engine_config().scoring.weights

    assert weights.state_funded == 0.2
    assert weights.text == Weights().text  # the other weights keep their defaults


def test_proposals_wait_thirty_days_in_the_provinces_calendar_by_default() -> None:
    settings = MatchingSettings()

    assert settings.proposal_ttl == timedelta(days=30)
    assert settings.zone.key == "Asia/Ho_Chi_Minh"
    assert (settings.consumer_group, settings.database_name) == ("stx.matching", "stx_matching")


def test_a_threshold_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ValueError, match="threshold"):
        MatchingSettings(threshold=1.5)
