"""Scores 0–10 per criterion, weighted totals, and rankings whose ties break deterministically."""

from __future__ import annotations

from datetime import timedelta
from fractions import Fraction

import pytest

from services.awards.domain.errors import RuleViolationError
from services.awards.domain.scoring import Candidate, Scorecard, check_scores, rank, weighted_total
from tests.unit.awards.builders import DURING_WINDOW, criteria

EFFECT, INNOVATION, REACH = "hieu-qua-chuyen-giao", "doi-moi-sang-tao", "lan-toa"


def card(
    nomination_id: str, effect: int, innovation: int, reach: int, reviewer: str = "gs-an"
) -> Scorecard:
    return Scorecard(
        nomination_id=nomination_id,
        round_id="so-tuyen",
        reviewer=reviewer,
        scores={EFFECT: effect, INNOVATION: innovation, REACH: reach},
        submitted_at=DURING_WINDOW,
    )


def candidate(nomination_id: str, *cards: Scorecard, minutes: int = 0) -> Candidate:
    return Candidate(
        nomination_id=nomination_id,
        submitted_at=DURING_WINDOW + timedelta(minutes=minutes),
        scorecards=list(cards),
    )


def test_the_weighted_total_weighs_each_criterion() -> None:
    # (50×8 + 30×6 + 20×10) / 100
    assert weighted_total(criteria(), {EFFECT: 8, INNOVATION: 6, REACH: 10}) == Fraction(78, 10)


def test_a_score_above_ten_is_refused_with_the_field_and_the_rule() -> None:
    with pytest.raises(RuleViolationError) as refused:
        check_scores(criteria(), {EFFECT: 11, INNOVATION: 5, REACH: 5})

    assert refused.value.field == f"scores.{EFFECT}"
    assert refused.value.message == f"score for {EFFECT} must be between 0 and 10 (got 11)"


def test_a_negative_score_is_refused() -> None:
    with pytest.raises(RuleViolationError, match="between 0 and 10"):
        check_scores(criteria(), {EFFECT: -1, INNOVATION: 5, REACH: 5})


def test_every_criterion_must_be_scored() -> None:
    with pytest.raises(RuleViolationError, match=f"missing: {REACH}"):
        check_scores(criteria(), {EFFECT: 7, INNOVATION: 5})


def test_an_unknown_criterion_is_refused() -> None:
    with pytest.raises(RuleViolationError, match="No such criterion: thai-do"):
        check_scores(criteria(), {EFFECT: 7, INNOVATION: 5, REACH: 5, "thai-do": 9})


def test_the_ranking_puts_the_highest_mean_of_weighted_totals_first() -> None:
    ranked = rank(
        criteria(),
        [
            candidate("nom_a", card("nom_a", 6, 6, 6)),
            candidate("nom_b", card("nom_b", 9, 8, 7), card("nom_b", 7, 8, 9, reviewer="ts-binh")),
        ],
    )

    assert [(r.rank, r.nomination_id) for r in ranked] == [(1, "nom_b"), (2, "nom_a")]
    assert ranked[0].total == 8.0  # mean of 8.3 and 7.7
    assert ranked[0].reviewers == 2


def test_a_tie_on_the_total_goes_to_the_better_score_on_the_heaviest_criterion() -> None:
    # Both total exactly 7.0; nom_late scores higher on the 50% criterion.
    early = candidate("nom_early", card("nom_early", 6, 8, 8))
    late = candidate("nom_late", card("nom_late", 8, 6, 6), minutes=30)
    assert weighted_total(criteria(), early.scorecards[0].scores) == weighted_total(
        criteria(), late.scorecards[0].scores
    )

    assert [r.nomination_id for r in rank(criteria(), [early, late])] == ["nom_late", "nom_early"]


def test_a_full_tie_goes_to_the_earlier_submission_then_to_the_nomination_id() -> None:
    first = candidate("nom_z", card("nom_z", 7, 7, 7), minutes=0)
    second = candidate("nom_a", card("nom_a", 7, 7, 7), minutes=5)
    twin = candidate("nom_b", card("nom_b", 7, 7, 7), minutes=5)

    ranked = rank(criteria(), [twin, second, first])

    assert [r.nomination_id for r in ranked] == ["nom_z", "nom_a", "nom_b"]


def test_ties_are_exact_and_do_not_depend_on_the_order_scores_were_added() -> None:
    # 1/3-weights make floating-point sums differ in the last bit depending on the order.
    thirds = [c.model_copy(update={"weight": 1}) for c in criteria()]
    one = candidate("nom_1", card("nom_1", 1, 2, 10), card("nom_1", 10, 2, 1, reviewer="ts-binh"))
    two = candidate("nom_2", card("nom_2", 10, 1, 2), card("nom_2", 2, 10, 1, reviewer="ts-binh"))

    for order in ([one, two], [two, one]):
        ranked = rank(thirds, order)
        assert ranked[0].total == ranked[1].total
        assert [r.nomination_id for r in ranked] == ["nom_2", "nom_1"]  # heavier-first: 6 > 5.5


def test_unscored_nominations_rank_last_without_a_total() -> None:
    ranked = rank(
        criteria(), [candidate("nom_chua_cham"), candidate("nom_a", card("nom_a", 1, 1, 1))]
    )

    assert [(r.nomination_id, r.total) for r in ranked] == [("nom_a", 1.0), ("nom_chua_cham", None)]
