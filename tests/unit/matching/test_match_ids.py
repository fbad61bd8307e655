"""Match and introduction ids are deterministic, so a pair is proposed once whoever sees it."""

from __future__ import annotations

import hashlib

from services.matching.domain.ids import introduction_id_of, match_id_of


def test_the_same_pair_always_has_the_same_match_id() -> None:
    assert match_id_of("lst_sam", "lst_htx") == match_id_of("lst_sam", "lst_htx")


def test_the_match_id_is_the_sha256_of_offer_bar_demand() -> None:
    digest = hashlib.sha256(b"lst_sam|lst_htx").hexdigest()[:16]
    assert match_id_of("lst_sam", "lst_htx") == f"mat_{digest}"


def test_the_order_of_offer_and_demand_matters() -> None:
    assert match_id_of("lst_a", "lst_b") != match_id_of("lst_b", "lst_a")


def test_an_introduction_shares_its_match_digest() -> None:
    assert introduction_id_of("mat_3f1c9a7e52d04b18") == "itr_3f1c9a7e52d04b18"
