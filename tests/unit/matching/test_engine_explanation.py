"""The weighted score and its explanation: contributions, shared terms, a Vietnamese sentence."""

from __future__ import annotations

import pytest

from services.matching.engine import EngineConfig, ScoringSettings, Weights
from services.matching.engine.scoring import FEATURES
from shared.events.vocabulary import Sector
from tests.unit.matching.engine_fakes import (
    CATALOGUE,
    HERB_DRYER,
    KON_TUM,
    QUANG_NGAI,
    demand,
    indexed_engine,
    search,
)

DRYING = demand(
    "dem-say",
    "Cần công nghệ sấy lạnh dược liệu",
    summary="Hợp tác xã cần sấy lạnh đương quy, giữ hoạt chất.",
    sector=Sector.MEDICINAL_HERBS,
    min_trl=6,
    budget_max_vnd=800_000_000,
    transfer_forms=["independent_transfer"],
    location=QUANG_NGAI,
)


def test_the_sentence_says_why_in_vietnamese() -> None:
    proposal = search(indexed_engine(), DRYING)[0]

    assert proposal.offer_id == HERB_DRYER.listing_id
    assert proposal.sentence_vi.startswith(
        "Cùng lĩnh vực · TRL 7 ≥ yêu cầu 6 · Giá ≤ ngân sách"
        " · Hợp hình thức chuyển giao · Cùng tỉnh · Trùng từ khóa: "
    )
    assert "sấy lạnh" in proposal.shared_terms
    assert "Trùng từ khóa: " in proposal.sentence_vi
    assert "sấy lạnh" in proposal.sentence_vi.split("Trùng từ khóa: ")[1]


def test_an_offer_over_budget_and_below_the_trl_says_so() -> None:
    dear = HERB_DRYER.model_copy(
        update={"price_vnd": 1_000_000_000, "price_negotiable": True, "trl": 5}
    )
    proposal = search(indexed_engine(dear), DRYING)[0]

    assert "TRL 5 < yêu cầu 6" in proposal.sentence_vi
    assert "Giá vượt ngân sách 25%, có thể thỏa thuận" in proposal.sentence_vi


def test_a_negotiable_offer_without_price_says_it() -> None:
    open_price = HERB_DRYER.model_copy(update={"price_vnd": None, "price_negotiable": True})

    assert "Giá thỏa thuận" in search(indexed_engine(open_price), DRYING)[0].sentence_vi


def test_contributions_add_up_to_the_score() -> None:
    for proposal in search(indexed_engine(), DRYING, top_k=10):
        assert set(proposal.features) == set(FEATURES)
        total = sum(feature.contribution for feature in proposal.features.values())
        assert total == pytest.approx(proposal.score, abs=1e-3)
        assert 0.0 <= proposal.score <= 1.0


def test_default_weights_sum_to_one() -> None:
    assert Weights().total() == pytest.approx(1.0)


def test_weights_from_settings_are_normalised() -> None:
    doubled = Weights(**{name: 2 * Weights().of(name) for name in FEATURES})
    engine = indexed_engine(config=EngineConfig(scoring=ScoringSettings(weights=doubled)))

    assert search(engine, DRYING)[0].score == search(indexed_engine(), DRYING)[0].score


def test_weights_must_not_all_be_zero() -> None:
    with pytest.raises(ValueError, match="positive"):
        Weights(**dict.fromkeys(FEATURES, 0.0))


def test_structured_fit_alone_is_no_match() -> None:
    unrelated = demand(
        "dem-unrelated",
        "Phần mềm kế toán cho trường học",
        sector=Sector.MEDICINAL_HERBS,
        min_trl=6,
        budget_max_vnd=800_000_000,
        location=KON_TUM,
    )

    proposals = indexed_engine().candidates_for(unrelated)  # keywords only: no embedding

    assert all(p.score < 0.2 for p in proposals)
    assert all(p.text_gate < 1 for p in proposals)


def test_a_state_funded_result_is_ranked_above_an_equal_private_one() -> None:
    private = HERB_DRYER.model_copy(update={"listing_id": "off-a-private", "state_funded": False})
    public = HERB_DRYER.model_copy(update={"listing_id": "off-b-public", "state_funded": True})

    ranking = [p.offer_id for p in search(indexed_engine(*CATALOGUE, private, public), DRYING)]

    assert ranking.index("off-b-public") < ranking.index("off-a-private")
    assert (
        "Kết quả nhiệm vụ dùng ngân sách nhà nước"
        in search(indexed_engine(public), DRYING)[0].sentence_vi
    )
