"""Whole words around phrases in Chinese and Japanese text.

The phrase finders count characters there (offsets stay in characters), but a phrase a
reader is shown must begin and end on whole words: 实事求是, not 实事求; and not on a
dangling particle (的, 了). Segmenting a whole
collection with jieba would cost a minute per ten million characters, so only occurrences
of the phrases that are candidates are segmented, each with a margin of context on both
sides.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

import numpy as np

from viewer.core import segment
from viewer.core.phrases import RecurringGrams
from viewer.core.stopwords import stop_words
from viewer.core.tokenize import TokenStream

#: Characters of context segmented on each side of a phrase.
MARGIN = 8
#: Share of the sampled occurrences of a phrase that must lie on word boundaries.
ON_WORDS_SHARE = 0.6
#: A single word shorter than this is a word (a name, a term), not a phrase; four-character
#: words are idioms (实事求是), which are set phrases.
SHORTEST_ONE_WORD_PHRASE = 4


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

    @cached_property
    def words(self) -> int:
        """How many words lie wholly inside the phrase."""
        return sum(1 for s, e in self.spans if s >= self.start and e <= self.end)


class PhraseLocator:
    """Whether the recurring grams of CJK documents begin and end on whole words, at
    (most of) a few of their occurrences."""

    def __init__(self, texts: Sequence[str], streams: Sequence[TokenStream],
                 grams: RecurringGrams) -> None:
        self.texts = texts
        self.grams = grams
        self.starts = np.concatenate([s.starts for s in streams])
        self.ends = np.concatenate([s.ends for s in streams])
        self._first: dict[tuple[int, int], Segmented] = {}

    def _segmented(self, n: int, position: int) -> Segmented:
        doc = int(self.grams.doc_of[position])
        return Segmented(self.texts[doc], int(self.starts[position]),
                         int(self.ends[position + n - 1]))

    def _at_first(self, n: int, index: int) -> Segmented:
        found = self._first.get((n, index))
        if found is None:
            found = self._segmented(n, int(self.grams.levels[n].first[index]))
            self._first[(n, index)] = found
        return found

    def is_phrase(self, n: int, index: int) -> bool:
        """Whether the gram, at its first occurrence, is more than one short word (a
        name such as 盛云龙 or a word such as 玻璃 recurs, but is not a formulation)."""
        return n >= SHORTEST_ONE_WORD_PHRASE or self._at_first(n, index).words >= 2

    def on_words(self, n: int, index: int, samples: int) -> bool:
        """Whether the gram is on word boundaries at most of `samples` occurrences
        spread over its uses (the first among them): the segmenter now and then joins a
        phrase's first character to the word before it (欧未 | 采取), so one odd
        occurrence does not decide."""
        where = self.grams.levels[n].occurrences(index)
        count = min(samples, len(where))
        picks = sorted({round(k * (len(where) - 1) / max(1, count - 1)) for k in range(count)})
        agree = [self._at_first(n, index).on_boundaries]
        agree += [self._segmented(n, int(where[k])).on_boundaries for k in picks[1:]]
        return sum(agree) >= ON_WORDS_SHARE * len(agree)
