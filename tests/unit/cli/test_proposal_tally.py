"""`stx proposals`' tally: precision of proposals from the parties' answers."""

from __future__ import annotations

from shared.cli.proposal_tally import tally
from tests.unit.cli.proposal_events import NOVEMBER, a_month_of_answers, proposed


def test_precision_is_interest_among_answered_proposals_per_month_and_proposer() -> None:
    report = tally(a_month_of_answers())

    assert report.events == 13
    assert [(r.month, r.proposed_by) for r in report.rows] == [
        ("2026-11", "broker"),
        ("2026-11", "engine"),
        ("2026-12", "engine"),
    ]
    broker, november, december = report.rows
    assert (november.proposed, november.answered, november.interested) == (4, 3, 2)
    assert (november.accepted, november.declined_by_both, november.expired) == (1, 1, 1)
    assert november.precision == 0.667
    assert november.decline_reasons == {"price": 1, "wrong_sector": 1}
    assert november.mean_score == 0.5
    assert (broker.proposed, broker.precision) == (1, None)
    assert (december.proposed, december.answered, december.precision) == (1, 0, None)


def test_engine_versions_are_counted_apart() -> None:
    report = tally([(proposed(1, version="stx-match-1.0"), NOVEMBER), (proposed(2), NOVEMBER)])

    assert [r.engine_version for r in report.rows] == ["stx-match-1.0", "stx-match-1.2"]
