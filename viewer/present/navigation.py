"""Moving between shared passages: reading order, next/previous, the passage at a position.

Passages are read in A's order. `passage_at` finds the passage covering an offset of either
text exactly, however long or nested the passages are: it walks back from the last passage
starting at or before the offset only while some earlier passage still reaches past it
(a running maximum of ends tells when to stop), so no look-back limit can miss one.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from viewer.core.model import SharedPhrase


class Navigation:
    """The passages of one comparison, ordered for reading and indexed by position."""

    def __init__(self, phrases: tuple[SharedPhrase, ...]) -> None:
        self.phrases = phrases
        #: Passage numbers in reading order (by position in A).
        self.order = sorted(range(len(phrases)), key=lambda i: phrases[i].a)
        self._rank = {number: k for k, number in enumerate(self.order)}
        self._sides = [self._index(0), self._index(1)]

    def _index(self, side: int) -> tuple[list[int], list[int], list[int]]:
        spans = [p.a if side == 0 else p.b for p in self.phrases]
        by_start = sorted(range(len(spans)), key=lambda i: spans[i])
        starts = [spans[i][0] for i in by_start]
        reach = list(accumulate((spans[i][1] for i in by_start), max))
        return by_start, starts, reach

    def __len__(self) -> int:
        return len(self.order)

    def rank(self, number: int) -> int:
        """Position of passage `number` in reading order (0-based)."""
        return self._rank[number]

    def passage_at(self, side: int, offset: int) -> int | None:
        """The passage covering `offset` of text A (side 0) or B (1); of several, the one
        starting last (the innermost); None between passages."""
        by_start, starts, reach = self._sides[side]
        k = bisect_right(starts, offset) - 1
        while k >= 0 and reach[k] > offset:
            number = by_start[k]
            phrase = self.phrases[number]
            if (phrase.a if side == 0 else phrase.b)[1] > offset:
                return number
            k -= 1
        return None

    def step(self, current: int | None, direction: int) -> int | None:
        """The passage after (`direction` 1) or before (-1) `current`, wrapping round;
        the first or last when there is no current passage. None with no passages."""
        if not self.order:
            return None
        if current is None or current not in self._rank:
            return self.order[0 if direction > 0 else -1]
        return self.order[(self._rank[current] + direction) % len(self.order)]
