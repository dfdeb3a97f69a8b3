"""Candidate pairs of a collection from an index of word n-grams with a document-frequency cap.

As passim and textreuse do: every document is reduced to the set of hashes of its word
n-grams (Chinese: character n-grams); an n-gram found in more than `max_df` documents is set
aside (formulaic or boilerplate material, not evidence of one text copying another), and
two documents become a candidate pair when they share at least `min_shared` of the rest.
The work is one sort of (hash, document) rows and one count per document pair, so it grows
with the amount of reuse, not with the square of the collection.

Pure numpy; documents are numbered 0..N-1 by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.core.grams import gram_hashes
from viewer.core.grouping import expand


@dataclass(frozen=True)
class IndexParams:
    """How documents are indexed and paired."""

    #: Tokens per indexed n-gram (words; CJK characters).
    n: int
    #: An n-gram in more documents than this is not used to pair documents.
    max_df: int
    #: Distinct shared n-grams two documents need to become a candidate pair.
    min_shared: int


def index_params(cjk: bool, documents: int) -> IndexParams:
    """Defaults for a collection of this size. The cap grows slowly with the collection
    (a chain of copies can reach a dozen articles) but stays far below what a set phrase
    or a series' boilerplate reaches."""
    cap = max(20, min(100, documents // 100))
    return IndexParams(n=8 if cjk else 5, max_df=cap, min_shared=3)


def document_grams(ids: np.ndarray, n: int) -> np.ndarray:
    """The sorted distinct n-gram hashes of one document's token ids."""
    return np.unique(gram_hashes(ids, n))


@dataclass(frozen=True)
class Candidates:
    """Candidate pairs (first < second, document numbers) and their shared n-gram counts."""

    first: np.ndarray
    second: np.ndarray
    shared: np.ndarray


def candidate_pairs(grams: list[np.ndarray], params: IndexParams,
                    only: np.ndarray | None = None) -> Candidates:
    """Document pairs sharing at least `min_shared` n-grams found in 2..max_df documents.

    `grams[d]` are document d's distinct hashes. With `only` (a boolean mask over the
    documents), only pairs with at least one of those documents are returned: adding
    articles to an indexed collection aligns just the pairs that involve them."""
    sizes = np.array([len(g) for g in grams], dtype=np.int64)
    hashes = np.concatenate(grams) if grams else np.zeros(0, dtype=np.uint64)
    docs = np.repeat(np.arange(len(grams), dtype=np.int64), sizes)
    order = np.argsort(hashes, kind="stable")  # documents stay in order within a hash
    hashes, docs = hashes[order], docs[order]
    starts = np.flatnonzero(np.concatenate(([len(hashes) > 0], hashes[1:] != hashes[:-1])))
    counts = np.diff(starts, append=len(hashes))
    usable = (counts >= 2) & (counts <= params.max_df)
    if only is not None:
        involved = np.add.reduceat(only[docs].astype(np.int64), starts) if len(starts) else (
            np.zeros(0, dtype=np.int64))
        usable &= involved > 0
    # Rows of the usable hashes, each hash's documents laid end to end.
    group_starts, group_counts = starts[usable], counts[usable]
    owner, rank = expand(group_counts)
    rows = group_starts[owner] + rank
    # Each row pairs with the rows after it in its group.
    later = (group_counts[owner] - 1 - rank)
    left, step = expand(later)
    first = docs[rows[left]]
    second = docs[rows[left] + 1 + step]
    if only is not None:
        keep = only[first] | only[second]
        first, second = first[keep], second[keep]
    keys = first * len(grams) + second
    keys.sort()
    if not len(keys):
        empty = np.zeros(0, dtype=np.int64)
        return Candidates(empty, empty, empty)
    bounds = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    shared = np.diff(bounds, append=len(keys))
    distinct = keys[bounds]
    keep = shared >= params.min_shared
    distinct, shared = distinct[keep], shared[keep]
    return Candidates(distinct // len(grams), distinct % len(grams), shared)


def frequent_grams(grams: list[np.ndarray], params: IndexParams) -> np.ndarray:
    """The sorted hashes the cap sets aside: those found in more than `max_df` documents."""
    hashes = np.sort(np.concatenate(grams)) if grams else np.zeros(0, dtype=np.uint64)
    if not len(hashes):
        return hashes
    starts = np.flatnonzero(np.concatenate(([True], hashes[1:] != hashes[:-1])))
    counts = np.diff(starts, append=len(hashes))
    return hashes[starts[counts > params.max_df]]
