"""Convert between Python string indices (the engine's currency) and Qt's UTF-16 positions.

Qt counts a character outside the Basic Multilingual Plane (emoji, rare CJK) as two units,
Python as one, so every span crossing into Qt goes through `Utf16Map`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import numpy as np

from viewer.core.tokenize import char_codes


def display_text(text: str) -> str:
    """The text handed to a QTextDocument, with the same length as `text`.

    QTextDocument turns "\\r\\n" into one paragraph break, which would shift every later
    offset by one; a space before the "\\n" keeps the length (and is invisible at a line end).
    A byte-order mark (U+FEFF, kept at the head of a UTF-8 file saved with one) is dropped
    where a string handed to Qt opens with it, the text's or a later piece's: it is shown as
    a word joiner (U+2060), as zero-width and invisible.
    """
    if "\r" in text:
        text = text.replace("\r\n", " \n")
    return text.replace("\ufeff", "\u2060") if "\ufeff" in text else text


class Utf16Map:
    """Maps indices of one text both ways; O(log n) per call, O(1) for BMP-only text."""

    def __init__(self, text: str) -> None:
        # Positions of astral characters; empty for most texts, so conversions are identity.
        self._astral = np.flatnonzero(char_codes(text) > 0xFFFF).tolist() \
            if _has_astral(text) else []
        # UTF-16 position of each astral character's second (low surrogate) unit.
        self._astral_low = [i + k + 1 for k, i in enumerate(self._astral)]
        self.length = len(text)
        self.utf16_length = len(text) + len(self._astral)

    def to_utf16(self, index: int) -> int:
        """Qt position of Python index `index` (0..len(text))."""
        if not self._astral:
            return index
        return index + bisect_left(self._astral, index)

    def to_python(self, position: int) -> int:
        """Python index of Qt position `position`; a position inside a surrogate pair maps to
        its character."""
        if not self._astral:
            return position
        return position - bisect_right(self._astral_low, position)


def _has_astral(text: str) -> bool:
    # Both run in C, and fast: max(text) also would, but holds the interpreter lock for
    # 50 ms on a megabyte, which the window's event loop feels while a worker computes.
    return not text.isascii() and len(text.encode("utf-16-le", "surrogatepass")) > 2 * len(text)
