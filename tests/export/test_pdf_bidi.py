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


def test_lam_and_alef_are_drawn_as_their_ligature_on_the_lam() -> None:
    lam_alef = "\ufefb"  # ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM
    line = "لا"
    assert visual_pieces(line, [(0, 1, "lam"), (1, 2, "alef")], rtl=True) == [
        (lam_alef, "lam")]


def test_every_character_keeps_its_own_style_through_joiners_marks_and_isolates() -> None:
    # python-bidi's algorithm drops joiners and embedding controls (rule X9) and does not
    # know the isolates; each character is still drawn once, with its style.
    def styles_drawn(line: str) -> list[int]:
        drawn = visual_pieces(line, [(i, i + 1, i) for i in range(len(line))], rtl=True)
        return [style for _, style in drawn]

    line = "مُحَمَّد\u200cها \u2067abc\u2069 ב\u200dג (1,000)"
    assert sorted(styles_drawn(line)) == [i for i in range(len(line)) if line[i] != "\u200d"]
    line = "لَآ مُحَمَّد"  # the alef with madda is drawn by the ligature on the lam
    assert sorted(styles_drawn(line)) == [i for i in range(len(line)) if line[i] != "آ"]


def test_a_percent_sign_after_arabic_stands_as_browsers_draw_it() -> None:
    # The full algorithm (rule W2: a number after Arabic letters is an Arabic number, which
    # a percent sign does not join) puts "%" on the number's left, as the HTML report's
    # browser does; the reduced one kept "5%".
    assert visual_text("و 5% فقط").startswith("ﻂﻘﻓ %5 ")
