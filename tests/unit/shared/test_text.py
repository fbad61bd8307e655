"""Vietnamese text: NFC at the edges, folding for a second search field."""

from shared.text import fold, folded_syllables, nfc, nfc_deep, syllables


def test_composed_and_decomposed_spellings_compare_equal_after_nfc() -> None:
    assert nfc("Sa\u0302m") == "Sâm"


def test_folding_maps_d_stroke_explicitly() -> None:
    assert fold("Đắk Lắk") == "dak lak"
    assert fold("đường") == "duong"


def test_folding_merges_tones_which_is_why_it_is_only_a_second_field() -> None:
    assert {fold(w) for w in ("ca", "cá", "cà", "cả")} == {"ca"}
    assert len({nfc(w) for w in ("ca", "cá", "cà", "cả")}) == 4


def test_syllables_split_on_spaces_and_punctuation() -> None:
    assert syllables("Sâm Ngọc Linh, sấy-lạnh") == ["sâm", "ngọc", "linh", "sấy", "lạnh"]
    assert folded_syllables("Sâm Ngọc Linh") == ["sam", "ngoc", "linh"]


def test_nfc_deep_normalises_nested_json() -> None:
    assert nfc_deep({"Sa\u0302m": ["Sa\u0302m", 1]}) == {"Sâm": ["Sâm", 1]}
