"""Which passages stand level in the two texts, and the scroll map built on them.

One algorithm for every view: the heaviest chain of passages that keep the same order in A
and in B, weighted by words (`alignment_chain`). The reports cut their side-by-side rows at
the chained passages; the window's linked scrolling (`ScrollMap`) maps positions through
the same passages, so a passage the report lines up is the one the window keeps level.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from viewer.core.model import SharedPhrase


def alignment_chain(phrases: Sequence[SharedPhrase]) -> list[int]:
    """Indices of the heaviest chain of passages in the same order in A and in B.

    Only passages that keep order in both texts can stand level; the chain maximises the
    words aligned (a heaviest increasing subsequence, O(n log n) with a Fenwick tree over
    B positions). Passages out of order stay highlighted but are not aligned."""
    if not phrases:
        return []
    order = sorted(range(len(phrases)), key=lambda i: (phrases[i].a[0], phrases[i].a[1]))
    b_ends = sorted({p.b[1] for p in phrases})
    size = len(b_ends)
    tree_best = [0] * (size + 1)
    tree_at = [-1] * (size + 1)

    def update(pos: int, weight: int, index: int) -> None:
        pos += 1
        while pos <= size:
            if weight > tree_best[pos]:
                tree_best[pos], tree_at[pos] = weight, index
            pos += pos & -pos

    def query(limit: int) -> tuple[int, int]:
        """Best chain among inserted passages whose B end rank is < limit."""
        best, at = 0, -1
        while limit > 0:
            if tree_best[limit] > best:
                best, at = tree_best[limit], tree_at[limit]
            limit -= limit & -limit
        return best, at

    weight = [0] * len(phrases)
    previous = [-1] * len(phrases)
    waiting: list[tuple[int, int]] = []  # (a end, index): insertable once A passes its end
    for i in order:
        phrase = phrases[i]
        while waiting and waiting[0][0] <= phrase.a[0]:
            _, j = heapq.heappop(waiting)
            update(bisect_left(b_ends, phrases[j].b[1]), weight[j], j)
        best, at = query(bisect_right(b_ends, phrase.b[0]))
        weight[i] = best + max(1, phrase.words)
        previous[i] = at
        heapq.heappush(waiting, (phrase.a[1], i))
    last = max(range(len(phrases)), key=lambda i: weight[i])
    chain = []
    while last != -1:
        chain.append(last)
        last = previous[last]
    return chain[::-1]


class ScrollMap:
    """Piecewise-linear map from positions of text A to text B, and back, as Meld maps its
    chunks: inside a chained passage positions map proportionally, and between two chained
    passages proportionally between the end of one and the start of the next."""

    def __init__(self, phrases: Sequence[SharedPhrase], length_a: int, length_b: int,
                 chain: Sequence[int] | None = None) -> None:
        xs, ys = [0], [0]
        for i in alignment_chain(phrases) if chain is None else chain:
            (a0, a1), (b0, b1) = phrases[i].a, phrases[i].b
            xs += [a0, a1]
            ys += [b0, b1]
        xs.append(max(length_a, xs[-1]))
        ys.append(max(length_b, ys[-1]))
        self._a, self._b = xs, ys

    def a_to_b(self, position: int) -> int:
        return _interpolate(self._a, self._b, position)

    def b_to_a(self, position: int) -> int:
        return _interpolate(self._b, self._a, position)


def _interpolate(xs: list[int], ys: list[int], x: int) -> int:
    i = bisect_right(xs, x) - 1
    i = max(0, min(i, len(xs) - 2))
    x0, x1, y0, y1 = xs[i], xs[i + 1], ys[i], ys[i + 1]
    if x1 <= x0:
        return y1
    fraction = min(1.0, max(0.0, (x - x0) / (x1 - x0)))
    return round(y0 + fraction * (y1 - y0))
