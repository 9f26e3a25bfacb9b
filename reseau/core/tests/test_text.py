from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from reseau.core.text import fold_for_search, shorten, strip_bidi_controls, strip_control_characters


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


def test_a_short_text_is_left_whole():
    assert shorten("Appoint the focal points", 40) == "Appoint the focal points"


def test_a_long_text_is_cut_at_a_word():
    assert shorten("Appoint the focal points of every member by June", 30) == "Appoint the focal points of…"


def test_a_cut_text_fits_the_length():
    assert len(shorten("Appoint the focal points of every member by June", 30)) <= 30


def test_a_text_without_spaces_is_cut_at_a_character():
    khmer = "កិច្ចប្រជុំប្រចាំឆ្នាំរបស់បណ្តាញទីក្រុងអាស៊ីអាគ្នេយ៍"
    assert shorten(khmer, 20) == khmer[:19] + "…"


def test_the_shortened_tag_keeps_the_whole_text_in_a_tooltip():
    from django.template import Context, Template

    html = Template("{% load texts %}{% shortened title 30 %}").render(
        Context({"title": "Appoint the focal points of every <member> by June"})
    )
    assert (
        html
        == '<bdi title="Appoint the focal points of every &lt;member&gt; by June">Appoint the focal points of…</bdi>'
    )


def test_control_characters_are_dropped_and_tabs_and_line_breaks_kept():
    assert strip_control_characters("Huế\x0b\x00\x1f\x7f\x85\x9f\tĐà Nẵng\r\nភ្នំពេញ\n") == "Huế\tĐà Nẵng\r\nភ្នំពេញ\n"


def test_direction_overrides_are_dropped_and_letters_of_every_script_kept():
    assert strip_bidi_controls("ວຽງ\u202eຈັນ \u2066Huế\u2069\u200f", marks=True) == "ວຽງຈັນ Huế"


def test_bidi_controls_are_stripped_and_letters_kept():
    controls = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    assert strip_bidi_controls(f"Hu{controls}ế") == "Huế"
    # Right-to-left letters and the left-to-right and right-to-left marks are text, not controls.
    assert strip_bidi_controls("مدينة \u200e\u200fעיר") == "مدينة \u200e\u200fעיר"


def test_isolated_text_is_escaped_inside_its_own_bidi_element():
    from reseau.core.templatetags.texts import isolated

    assert isolated("\u202eA <b>name</b>") == "<bdi>\u202eA &lt;b&gt;name&lt;/b&gt;</bdi>"
    assert isolated("") == ""
    assert isolated(None) == ""
