"""UTF-16 conversion and the per-block range index agree with a real QTextDocument."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QTextDocument

from viewer.ui.offsets import Utf16Map, display_text
from viewer.ui.range_index import RangeIndex, block_starts


def test_astral_characters_count_twice() -> None:
    text = "a😀b𠀀c"
    m = Utf16Map(text)
    assert [m.to_utf16(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert m.utf16_length == len(text.encode("utf-16-le")) // 2
    assert [m.to_python(u) for u in (0, 1, 3, 4, 6, 7)] == [0, 1, 2, 3, 4, 5]
    assert m.to_python(2) == 1  # inside the emoji's surrogate pair: the emoji


@given(st.text(alphabet=st.sampled_from("ab \n😀𠀀中"), max_size=60))
def test_round_trip(text: str) -> None:
    m = Utf16Map(text)
    for i in range(len(text) + 1):
        assert m.to_python(m.to_utf16(i)) == i
        assert m.to_utf16(i) == len(text[:i].encode("utf-16-le")) // 2


def test_display_text_keeps_offsets_in_qt() -> None:
    text = "first line\r\nsecond 😀 line\r\n\r\nthird\u2029fourth\rfifth"
    shown = display_text(text)
    assert len(shown) == len(text)
    document = QTextDocument()
    document.setPlainText(shown)
    m = Utf16Map(text)
    assert document.characterCount() - 1 == m.utf16_length
    # Every block the index predicts starts where Qt put it.
    starts = block_starts(text)  # from the raw text, as the worker computes them
    assert document.blockCount() == len(starts)
    block = document.begin()
    for start in starts:
        assert block.position() == m.to_utf16(start)
        block = block.next()


def test_a_text_or_a_piece_opening_with_a_byte_order_mark_keeps_its_length_in_qt(
        qapp) -> None:  # type: ignore[no-untyped-def]
    # A UTF-8 file saved with a mark keeps it as U+FEFF; a Python str opening with one
    # reaches Qt without it, and every offset after it would be one off.
    from PySide6.QtGui import QTextCursor

    from viewer.ui.pane import text_pieces

    text = "\ufeffOn the quay\n\ufeffa second file 😀\r\nits end"
    pieces = text_pieces(display_text(text), size=5)
    assert pieces[1].startswith(display_text(text)[13])  # the second piece opens with it
    document = QTextDocument()
    document.setPlainText(pieces[0])
    for piece in pieces[1:]:
        cursor = QTextCursor(document)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(piece)
    assert document.characterCount() - 1 == Utf16Map(text).utf16_length
    assert document.toPlainText().endswith("a second file 😀 \nits end")


def test_a_matchs_line_is_the_line_the_pane_shows_it_on() -> None:
    # Before: lines were counted by "\n" alone, so every passage of a text with classic
    # Mac line ends ("\r") was on line 1, while the pane shows each line apart.
    from viewer.ui.side_panel import line_number

    text = "one\rtwo\r\nthree\u2029four\u2028still four\nfive\r\rseven 😀\r\neight"
    document = QTextDocument()
    document.setPlainText(display_text(text))
    m = Utf16Map(text)
    words = [k for k in range(len(text)) if text[k].isalnum() and (k == 0 or not
                                                                   text[k - 1].isalnum())]
    assert [line_number(text, k, {}) for k in words] == [
        document.findBlock(m.to_utf16(k)).blockNumber() + 1 for k in words]
    assert line_number(text, text.index("eight"), {}) == 8


def test_index_splits_ranges_at_block_breaks() -> None:
    text = "ab😀cd\nefgh"
    index = RangeIndex(text)
    index.add([(1, 8)], ["k"])
    # Block 0 "ab😀cd" is 6 UTF-16 units; the span covers b..d then e..f.
    assert index.blocks == {0: [(1, 6, "k")], 1: [(0, 2, "k")]}
