"""The serving gate and the topic vocabulary (pure: no model, no index)."""

from __future__ import annotations

from services.matching.engine import MatchingEngine, Proposal, ServingSettings
from services.matching.engine.concepts import topic_terms
from services.matching.engine.scoring import FeatureScore
from services.matching.engine.serving import served
from services.matching.engine.syllables import fold_syllable, runs
from services.matching.engine.vocabulary import TOPICS
from tests.unit.matching.engine_fakes import demand, offer


def _proposal(offer_id: str, score: float, text: float) -> Proposal:
    feature = FeatureScore(value=text, weight=0.4, contribution=round(text * 0.4, 4))
    return Proposal(
        offer_id=offer_id,
        demand_id="d",
        score=score,
        features={"text": feature},
        text_gate=1.0,
        shared_terms=[],
        sentence_vi="",
        engine_version="test",
    )


def _topics(text: str) -> list[str]:
    return topic_terms((run, [fold_syllable(s) for s in run]) for run in runs(text))


def test_a_weak_best_candidate_is_still_proposed_but_its_weak_followers_are_not() -> None:
    ranked = [_proposal("a", 0.12, 0.05), _proposal("b", 0.055, 0.01), _proposal("c", 0.05, 0.01)]
    assert [p.offer_id for p in served(ranked, ServingSettings(), limit=10)] == ["a"]


def test_close_followers_of_a_strong_best_are_proposed_in_order() -> None:
    ranked = [_proposal("a", 0.8, 0.7), _proposal("b", 0.7, 0.6), _proposal("c", 0.1, 0.02)]
    assert [p.offer_id for p in served(ranked, ServingSettings(), limit=10)] == ["a", "b"]


def test_nothing_under_the_floors_is_proposed_and_the_limit_holds() -> None:
    assert served([_proposal("a", 0.04, 0.3)], ServingSettings(), limit=10) == []
    assert served([_proposal("a", 0.5, 0.001)], ServingSettings(), limit=10) == []
    ranked = [_proposal(str(n), 0.9, 0.9) for n in range(5)]
    assert len(served(ranked, ServingSettings(), limit=3)) == 3
    assert served(ranked, ServingSettings(), limit=0) == []


def test_every_topic_phrase_can_be_recognised() -> None:
    for phrases in TOPICS.values():
        for phrase in phrases:
            assert len(runs(phrase)) == 1, phrase


def test_plain_words_and_technical_words_share_a_topic() -> None:
    demand = _topics("htx trong chuoi can may say nong san mini")
    offer = _topics("Hệ thống sấy bơm nhiệt cho chuối cắt lát")
    assert "topic_drying" in set(demand) & set(offer)  # "may say" / "sấy" + "bơm nhiệt"


def test_single_syllables_are_matched_only_as_written() -> None:
    assert "topic_medicinal_plants" not in _topics("Chuyển giao công nghệ xử lý nước")
    assert "topic_coffee" not in _topics("nuôi cá lồng")
    assert "topic_medicinal_plants" not in _topics("mua sam thiet bi")  # sắm, not sâm
    assert "topic_medicinal_plants" in _topics("nhan giong sam ngoc linh")


def test_terms_no_indexed_listing_has_are_forgotten_and_their_ids_reused() -> None:
    engine = MatchingEngine()
    engine.index(offer("keep", "Sấy lạnh sâm Ngọc Linh"))
    table = engine._terms
    baseline, size = table.live_terms, len(table.surface)

    for version in range(1, 30):
        engine.index(demand("edited", f"zqx{version} wvb{version}", version=version))
    engine.remove("edited")

    assert table.live_terms == baseline
    assert len(table.surface) < size + 20  # ids reused, not 29 listings' worth of new ones
