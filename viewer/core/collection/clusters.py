"""Clusters: the same text carried by several articles.

Every passage of a pair links a span of one article to a span of another; spans of one
article that overlap (the same stretch shared with several partners) are one node. The
connected groups of nodes are clusters. Each lists its articles' spans in date order; the
earliest article is the cluster's source (`first`).

A short span inside a far longer one is another text, not the same stretch: a chapter
that two books share whole holds a formula of a line that twenty other chapters share
too ("the rest of the acts of ..."), and joining the two would make one cluster of every
chapter that has the formula. The short text's own carriers are aligned with each other
all the same, so it makes its own cluster, with its own source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from viewer.core.model import Span

#: Two spans of one article are one node when they overlap by this share of the shorter,
MIN_OVERLAP = 0.5
#: ... and the shorter is at least this share of the longer (the pieces of a passage that
#: an edit split are one stretch with the whole; a line inside a chapter is not).
MIN_LENGTH_SHARE = 0.25

#: A pair's passage as (document x, span in x, document y, span in y).
Link = tuple[int, Span, int, Span]


@dataclass(frozen=True)
class Cluster:
    """Spans carrying one text, (document, span), earliest document first."""

    first: int
    passages: tuple[tuple[int, Span], ...]


class DisjointSets:
    """Union-find over 0..size-1: `union` joins two sets, `find` names a set by its
    smallest member's root."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)


def find_clusters(links: Sequence[Link], order_key: Sequence[tuple[str, str]]) -> list[Cluster]:
    """Clusters of the passages `links`; `order_key[d]` orders documents in time
    (`time_order.order_key`). Clusters come in the order of their first document."""
    sides: list[tuple[int, int, int]] = []  # (document, start, end) of each passage side
    for x, span_x, y, span_y in links:
        sides.append((x, span_x[0], span_x[1]))
        sides.append((y, span_y[0], span_y[1]))
    sets = DisjointSets(len(sides))
    for k in range(0, len(sides), 2):
        sets.union(k, k + 1)
    # Overlapping sides of one document: a sweep over each document's sides by start, each
    # side joining the node still open at its start that it overlaps most, if alike.
    by_position = sorted(range(len(sides)), key=lambda k: sides[k])
    extents: dict[int, list[int]] = {}  # first side of a node -> [document, start, end]
    open_nodes: list[int] = []  # first sides of the nodes of this document not yet ended
    for k in by_position:
        doc, start, end = sides[k]
        open_nodes = [n for n in open_nodes if extents[n][0] == doc and extents[n][2] > start]
        best, best_overlap = -1, 0
        for n in open_nodes:
            _, node_start, node_end = extents[n]
            overlap = min(node_end, end) - start
            shorter, longer = sorted((end - start, node_end - node_start))
            if (overlap > best_overlap and overlap >= MIN_OVERLAP * shorter
                    and shorter >= MIN_LENGTH_SHARE * longer):
                best, best_overlap = n, overlap
        if best >= 0:
            sets.union(best, k)
            extents[best][2] = max(extents[best][2], end)
        else:
            extents[k] = [doc, start, end]
            open_nodes.append(k)
    # Each node (a merged stretch of one document) belongs to the set of its first side.
    members: dict[int, list[tuple[int, Span]]] = {}
    for k, (doc, start, end) in extents.items():
        members.setdefault(sets.find(k), []).append((doc, (start, end)))
    clusters = []
    for spans in members.values():
        if len({doc for doc, _ in spans}) < 2:
            continue
        spans.sort(key=lambda item: (order_key[item[0]], item[1]))
        clusters.append(Cluster(first=spans[0][0], passages=tuple(spans)))
    clusters.sort(key=lambda c: (order_key[c.first], c.passages[0][1]))
    return clusters
