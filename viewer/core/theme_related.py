"""Related words: what two passages paired by word meaning alone have in common.

A theme pair that shares no term ("Heavy snowfall closed the mountain roads" and "A
blizzard blocked alpine highways") is scored by the meaning of its words (see
`theme_meaning`); listed with no terms, it named nothing the two passages share. Its
related words are the pairs of terms, one of each passage, whose meanings are nearest
(snowfall ~ winter, mountain ~ alpine, hotels ~ guesthouses), each term in one pair at
most, as the passages write them. A word's meaning is its vector in the static model of
`embeddings`; terms no closer than `MIN_RELATED_COSINE` relate nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from viewer.core import embeddings

#: The least cosine of two words' meanings that relates them: "roads" and "highways" are
#: 0.24 apart, "overnight" and "morning" 0.22, "central" and "cool" 0.15.
MIN_RELATED_COSINE = 0.2


class RelatedWords:
    """Finds the related words of passage pairs, looking each word's meaning up once."""

    def __init__(self) -> None:
        self._vectors: dict[str, np.ndarray] = {}

    def pairs(self, words_a: Sequence[str], words_b: Sequence[str],
              limit: int) -> tuple[tuple[str, str], ...]:
        """At most `limit` (word of A, word of B) pairs, nearest in meaning first (ties: as
        the words come), each word in one pair at most."""
        if not words_a or not words_b or limit <= 0:
            return ()
        self._look_up([*words_a, *words_b])
        cosines = (np.stack([self._vectors[w] for w in words_a])
                   @ np.stack([self._vectors[w] for w in words_b]).T)
        order = np.argsort(-cosines, axis=None, kind="stable")
        rows, columns = np.unravel_index(order, cosines.shape)
        used_a: set[int] = set()
        used_b: set[int] = set()
        found: list[tuple[str, str]] = []
        for i, k in zip(rows.tolist(), columns.tolist(), strict=True):
            if cosines[i, k] < MIN_RELATED_COSINE or len(found) >= limit:
                break
            if i in used_a or k in used_b:
                continue
            used_a.add(i)
            used_b.add(k)
            found.append((words_a[i], words_b[k]))
        return tuple(found)

    def _look_up(self, words: Sequence[str]) -> None:
        missing = sorted({w for w in words if w not in self._vectors})
        if missing:
            self._vectors.update(zip(missing, embeddings.embed_words(missing), strict=True))
