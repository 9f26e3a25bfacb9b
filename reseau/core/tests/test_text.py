from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from reseau.core.text import fold_for_search


def test_vietnamese_folds_to_plain_latin():
    assert fold_for_search("Huế") == "hue"
    assert fold_for_search("Đà Nẵng") == "da nang"
    assert fold_for_search("Cần Thơ") == fold_for_search("CAN THO")
    assert fold_for_search("Hồ Chí Minh") == "ho chi minh"


def test_khmer_and_lao_keep_their_vowel_signs():
    assert fold_for_search("ភ្នំពេញ") == unicodedata.normalize("NFC", "ភ្នំពេញ")
    assert fold_for_search("ຫຼວງພະບາງ") == unicodedata.normalize("NFC", "ຫຼວງພະບາງ")


@given(st.text())
def test_folding_twice_changes_nothing(text):
    assert fold_for_search(fold_for_search(text)) == fold_for_search(text)


@given(st.text(alphabet=st.sampled_from("aăâeêioôơuưyđAĂÂEÊIOÔƠUƯYĐ\u0300\u0301\u0303\u0309\u0323 ")))
def test_folded_vietnamese_is_plain_ascii(text):
    assert fold_for_search(text).isascii()
