"""Whole words around phrases in Chinese and Japanese text.

The phrase finders count characters there (offsets stay in characters), but a phrase a
reader is shown must begin and end on whole words: 实事求是, not 实事求; and not on a
dangling particle (的, 了). Segmenting a whole
collection with jieba would cost a minute per ten million characters, so only occurrences
of the phrases that are candidates are segmented, each with a margin of context on both
sides.
"""

from __future__ import annotations

from functools import cached_property

from viewer.core import segment
from viewer.core.stopwords import stop_words

#: Characters of context segmented on each side of a phrase.
MARGIN = 8


class Segmented:
    """The words in and around one occurrence `text[start:end]` of a phrase."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        self.spans = segment.words(text, max(0, start - MARGIN), min(len(text), end + MARGIN))

    @cached_property
    def on_boundaries(self) -> bool:
        """Whether the phrase begins where a word begins and ends where one ends, and
        neither its first nor its last word is a function word (的, 了, 和)."""
        inside = [(s, e) for s, e in self.spans if s >= self.start and e <= self.end]
        if not inside or inside[0][0] != self.start or inside[-1][1] != self.end:
            return False
        function_words = stop_words("zh")
        return not any(self.text[s:e] in function_words for s, e in (inside[0], inside[-1]))
