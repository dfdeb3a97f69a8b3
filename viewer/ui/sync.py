"""Map a position in one text to the matching position in the other, as Meld maps its chunks.

Shared passages are anchors: inside a passage positions map proportionally; between two
passages they map proportionally between the end of one and the start of the next. Only
passages in the same order in both texts can serve (a moved passage would fold the map back),
so the longest chain of in-order passages, weighted by length, is kept.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

Span = tuple[int, int]


class ScrollMap:
    """Piecewise-linear map from positions of text A to text B, and back."""

    def __init__(self, pairs: Sequence[tuple[Span, Span]], length_a: int, length_b: int) -> None:
        chain = _in_order_chain(pairs)
        xs, ys = [0], [0]
        for (a0, a1), (b0, b1) in chain:
            if a0 >= xs[-1] and b0 >= ys[-1]:
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


def _in_order_chain(pairs: Sequence[tuple[Span, Span]]) -> list[tuple[Span, Span]]:
    """Heaviest subsequence of pairs increasing in both texts (weight: length in A).

    Quadratic in the number of pairs only up to a window; passages number in the hundreds
    for news articles and a bounded look-back keeps thousands cheap."""
    ordered = sorted(pairs, key=lambda p: (p[0][0], p[1][0]))
    n = len(ordered)
    best = [0] * n
    back = [-1] * n
    look_back = 200
    for i, ((a0, a1), (b0, _b1)) in enumerate(ordered):
        best[i] = a1 - a0
        for j in range(max(0, i - look_back), i):
            (_, ja1), (_, jb1) = ordered[j]
            if ja1 <= a0 and jb1 <= b0 and best[j] + (a1 - a0) > best[i]:
                best[i] = best[j] + (a1 - a0)
                back[i] = j
    if not ordered:
        return []
    i = max(range(n), key=best.__getitem__)
    chain = []
    while i >= 0:
        chain.append(ordered[i])
        i = back[i]
    return chain[::-1]
