"""Diacritics put back on Vietnamese typed without them, before the embedding model reads it."""

from __future__ import annotations

import json

from services.matching.engine.accents import restored
from services.matching.engine.accents_table import MARKETS, texts


def test_a_cooperatives_plain_request_gets_its_diacritics_back() -> None:
    assert restored("HTX can may say nong san mini") == "HTX cần máy sấy nông sản mini"
    assert restored("San pham thuoc tu duoc lieu") == "Sản phẩm thuốc từ dược liệu"


def test_the_previous_syllable_chooses_between_accented_forms() -> None:
    # "ca" alone is most often "cà" (cà phê); after "nuôi" it is "cá".
    assert restored("Can cong nghe che bien ca phe") == "Cần công nghệ chế biến cà phê"
    assert restored("Ky thuat nuoi ca long") == "Kỹ thuật nuôi cá lồng"


def test_words_it_does_not_know_stay_as_typed() -> None:
    restored_text = restored("Can may say cho HTX, ket noi iPhone 4G")
    assert restored_text.startswith("Cần máy sấy cho HTX, kết nối")
    assert restored_text.endswith(" iPhone 4G")


def test_text_with_diacritics_and_english_are_left_as_they_are() -> None:
    assert restored("Cần máy say") == "Cần máy say"  # one accent: typed on purpose
    assert restored("Solar dryer for coffee cherries") == "Solar dryer for coffee cherries"


def test_the_table_never_reads_a_held_out_market() -> None:
    held_out = [
        json.loads((folder / name).read_text(encoding="utf-8"))[0]["title"]
        for folder in MARKETS.glob("heldout_*")
        for name in ("offers.json", "demands.json")
    ]
    sources = set(texts())
    assert held_out
    assert not sources & set(held_out)
