"""Paragraphs: blocks between blank lines, or lines when there are none, trimmed."""

import re

from hypothesis import given
from hypothesis import strategies as st

from viewer.core.document import Document


def _texts(spans: tuple[tuple[int, int], ...], text: str) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_blank_lines_separate_paragraphs_and_single_newlines_do_not():
    text = "  First line\nstill first.\n \t\nSecond.\r\n\r\n\r\nThird \n"
    assert _texts(Document(text, "t").paragraphs, text) == [
        "First line\nstill first.", "Second.", "Third"]


def test_without_blank_lines_every_line_is_a_paragraph():
    text = "One.\r\nTwo.\n   \u3000Three\u3000\n\n"[:-1]
    assert _texts(Document(text, "t").paragraphs, text) == ["One.", "Two.", "Three"]


def test_white_space_only_has_no_paragraphs():
    assert Document(" \n\t\n\u00a0", "t").paragraphs == ()
    assert Document("", "t").paragraphs == ()


def _reference(text: str) -> list[tuple[int, int]]:
    """The definition, one regular expression match at a time."""
    blank = re.compile(r"\n[ \t\r\f\v]*\n\s*")
    separators = blank if blank.search(text) else re.compile(r"\r?\n")
    spans, start = [], 0
    for end, following in [(m.start(), m.end()) for m in separators.finditer(text)] + [
            (len(text), len(text))]:
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + len(piece.rstrip())))
        start = following
    return spans


@given(st.lists(st.sampled_from(["a", "bc", " ", "\t", "\n", "\r", "\r\n", "\u00a0",
                                 "\u3000", "\u2028", "\f", "中"]), max_size=30).map("".join))
def test_paragraphs_follow_their_definition(text):
    assert list(Document(text, "t").paragraphs) == _reference(text)
