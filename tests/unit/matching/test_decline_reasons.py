"""Declines are aggregated by reason and side; brokers also read the comments."""

from __future__ import annotations

from services.matching.domain import matches
from services.matching.domain.reasons import summarise_declines
from shared.events.vocabulary import ListingKind
from tests.unit.matching.brokerage_data import COOPERATIVE, UNIVERSITY, answer_of, proposed


def declined_by(
    side: ListingKind, organization_id: str, reason: str, comment: str = ""
) -> matches.Match:
    given = answer_of(organization_id, interested=False, reason=reason, comment=comment)
    match, _ = matches.answer(proposed(), side, given)
    return match


DECLINED = [
    declined_by(ListingKind.DEMAND, COOPERATIVE, "price", "Vượt ngân sách năm 2026."),
    declined_by(ListingKind.DEMAND, COOPERATIVE, "price"),
    declined_by(ListingKind.OFFER, UNIVERSITY, "too_early_stage"),
]


def test_declines_are_counted_per_reason_and_side() -> None:
    summary = summarise_declines([*DECLINED, proposed()], with_comments=False)

    assert summary.declined == 3
    assert summary.by_reason == {"too_early_stage": 1, "price": 2}
    assert summary.by_side == {"offer": 1, "demand": 2}
    assert summary.comments == []


def test_brokers_read_the_comments() -> None:
    summary = summarise_declines(DECLINED, with_comments=True)

    assert [c.comment for c in summary.comments] == ["Vượt ngân sách năm 2026."]
