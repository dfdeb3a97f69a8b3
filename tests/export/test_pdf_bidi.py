"""Tests of viewer.export.pdf_bidi: right-to-left lines in the order they are seen."""

from __future__ import annotations

from viewer.export.pdf_bidi import paragraph_is_rtl, visual_pieces, visual_text


def test_a_hebrew_line_is_drawn_reversed_with_its_number_left_to_right() -> None:
    assert visual_text("בשנת 1948 התקבלה") == "התקבלה"[::-1] + " 1948 " + "בשנת"[::-1]


def test_a_hebrew_word_in_english_is_reversed_in_place() -> None:
    assert visual_text("see אחוה here") == "see " + "אחוה"[::-1] + " here"
    assert visual_text("plain English (1948)") == "plain English (1948)"


def test_brackets_around_right_to_left_text_are_mirrored() -> None:
    assert visual_text("(ראו)") == "(" + "ראו"[::-1] + ")"


def test_a_paragraph_takes_the_direction_of_its_first_letter() -> None:
    text = "1948: כל בני האדם, Tandem\nTandem, כל"
    assert paragraph_is_rtl(text, text.index("Tandem"))
    assert not paragraph_is_rtl(text, text.rindex("כל"))


def test_styled_pieces_keep_their_styles_in_the_order_seen() -> None:
    line = "כל בני האדם"
    pieces = [(0, 2, "first"), (2, 7, None), (7, len(line), "last")]
    assert visual_pieces(line, pieces, rtl=True) == [
        ("האדם"[::-1], "last"), (" בני "[::-1], None), ("כל"[::-1], "first")]
